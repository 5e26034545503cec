package serve

import "net/http"

// headWriter changes a response's head once, just before it is written:
// head gets the status code the handler chose and returns the one to send
// (it may also change the headers).
type headWriter struct {
	http.ResponseWriter
	head  func(code int) int
	wrote bool
}

func (h *headWriter) WriteHeader(code int) {
	if !h.wrote {
		code = h.head(code)
		h.wrote = true
	}
	h.ResponseWriter.WriteHeader(code)
}

func (h *headWriter) Write(b []byte) (int, error) {
	if !h.wrote {
		h.WriteHeader(http.StatusOK)
	}
	return h.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (h *headWriter) Unwrap() http.ResponseWriter { return h.ResponseWriter }
