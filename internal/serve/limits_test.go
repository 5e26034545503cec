package serve

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// TestManyRanges: thousands of tiny ranges get the whole file once, not a
// multipart answer many times its size; a few sensible ranges still work.
func TestManyRanges(t *testing.T) {
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	get := func(rng string) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", srv.URL+"/errors/_assets/site.css", nil)
		req.Header.Set("Accept-Encoding", "identity")
		req.Header.Set("Range", rng)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, body
	}
	whole, _ := get("")
	size := whole.ContentLength
	var many []string
	for i := range 2000 {
		many = append(many, strconv.Itoa(i)+"-"+strconv.Itoa(i))
	}
	resp, body := get("bytes=" + strings.Join(many, ","))
	if resp.StatusCode != 200 || int64(len(body)) != size {
		t.Errorf("2000 ranges: status %d, %d bytes; want 200 and the file's %d", resp.StatusCode, len(body), size)
	}
	resp, body = get("bytes=0-99,0-99,0-99,0-99") // 400 bytes of a larger file, with part headers
	if resp.StatusCode != 206 || len(body) > 400+4*200 {
		t.Errorf("four ranges of 100 bytes: status %d, %d bytes", resp.StatusCode, len(body))
	}
	resp, body = get("bytes=0-9,20-29")
	if resp.StatusCode != 206 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "multipart/byteranges") {
		t.Errorf("two ranges: status %d, %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if resp, body = get("bytes=0-9"); resp.StatusCode != 206 || len(body) != 10 {
		t.Errorf("one range: status %d, %d bytes", resp.StatusCode, len(body))
	}
	if !sensibleRanges("bytes=0-4", 5) || sensibleRanges("bytes=0-4,0-4", 5) || sensibleRanges("bytes=-5,-5", 8) || !sensibleRanges("bytes=x", 5) {
		t.Error("sensibleRanges misjudges")
	}
}

// countingFS counts reads of one file.
type countingFS struct {
	fs.FS
	name string
	n    *atomic.Int32
}

func (c countingFS) Open(name string) (fs.File, error) {
	if name == c.name {
		c.n.Add(1)
	}
	return c.FS.Open(name)
}

// TestNotFoundReadsCatalogOnce: the 404 page's suggestions parse
// catalog.json once for the server, not once per request, and an address
// too long to be a slug is not compared with every slug.
func TestNotFoundReadsCatalogOnce(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(Handler(countingFS{mapFS(t), "errors/catalog.json", &n}))
	defer srv.Close()
	for _, p := range []string{"/errors/upstream-unavailabel", "/errors/502", "/errors/nope", "/errors/" + strings.Repeat("a", 5000)} {
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 404 {
			t.Errorf("%s: status %d", p[:20], resp.StatusCode)
		}
		if p == "/errors/502" && !strings.Contains(string(body), "upstream-unavailable") {
			t.Errorf("/errors/502 does not suggest upstream-unavailable")
		}
	}
	if got := n.Load(); got != 1 {
		t.Errorf("catalog.json read %d times for four 404s, want once", got)
	}
}
