// Command writefloor times the floor of putting a generated tree on disk:
// every file under -from is read into memory, then written to a fresh
// -to folder (os.MkdirAll per folder, os.WriteFile per file, on GOMAXPROCS
// goroutines, no temp files and no renames), -runs times. It prints the
// median wall time in seconds. bench/run.sh runs it on errgen's site
// output to add the file system's share to the library floors.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

type file struct {
	rel  string
	data []byte
}

func main() {
	from := flag.String("from", "", "the tree to copy (read once, untimed)")
	to := flag.String("to", "", "the folder to write it to; must not exist")
	runs := flag.Int("runs", 5, "how many times to write it")
	flag.Parse()
	if *from == "" || *to == "" || *runs < 1 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: writefloor -from DIR -to NEWDIR [-runs N]")
		os.Exit(2)
	}
	if _, err := os.Lstat(*to); err == nil {
		fail(fmt.Errorf("%s exists; give a new folder", *to))
	}
	var files []file
	err := filepath.WalkDir(*from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(*from, p)
		files = append(files, file{rel, data})
		return err
	})
	if err != nil {
		fail(err)
	}
	times := make([]float64, *runs)
	for r := range times {
		start := time.Now()
		if err := write(*to, files); err != nil {
			fail(err)
		}
		times[r] = time.Since(start).Seconds()
		if err := os.RemoveAll(*to); err != nil {
			fail(err)
		}
	}
	slices.Sort(times)
	m := times[len(times)/2]
	if len(times)%2 == 0 {
		m = (times[len(times)/2-1] + m) / 2
	}
	fmt.Printf("%.4f\n", m)
	fmt.Fprintf(os.Stderr, "writefloor: %d files, samples %v\n", len(files), times)
}

func write(root string, files []file) error {
	var next atomic.Int64
	var mu sync.Mutex
	var first error
	made := sync.Map{}
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				p := filepath.Join(root, files[i].rel)
				dir := filepath.Dir(p)
				var err error
				if _, ok := made.Load(dir); !ok {
					if err = os.MkdirAll(dir, 0o755); err == nil {
						made.Store(dir, true)
					}
				}
				if err == nil {
					err = os.WriteFile(p, files[i].data, 0o644)
				}
				if err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "writefloor:", err)
	os.Exit(1)
}
