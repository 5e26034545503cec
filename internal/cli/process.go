package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"
	"syscall"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/output"
)

// exit ends the process; tests replace it.
var exit = os.Exit

// signals watches SIGINT and SIGTERM for the whole of a generate run.
// Until the write starts nothing is on disk, so a signal ends the process
// at once, saying so; during the write it is held until the write returns,
// so Ctrl+C cannot leave a commit half done; a second signal kills as usual.
type signals struct {
	ch      chan os.Signal
	mu      sync.Mutex
	writing bool
	got     bool
	done    chan struct{}
}

func watchSignals(name string, stderr io.Writer) *signals {
	s := &signals{ch: make(chan os.Signal, 1), done: make(chan struct{})}
	signal.Notify(s.ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case <-s.ch:
		case <-s.done:
			return
		}
		signal.Stop(s.ch) // a second signal kills
		s.mu.Lock()
		defer s.mu.Unlock()
		s.got = true
		if !s.writing {
			fmt.Fprintf(stderr, "errgen %s: %v\n", name, errInterrupted)
			exit(exitFail)
		}
	}()
	return s
}

// write runs the write with signals held back.
func (s *signals) write(fn func() (output.Stats, error)) (output.Stats, error) {
	s.mu.Lock()
	s.writing = true
	s.mu.Unlock()
	st, err := fn()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil && s.got {
		err = errInterrupted
	}
	return st, err
}

func (s *signals) stop() {
	signal.Stop(s.ch)
	close(s.done)
}

// errInterrupted is what a run stopped by SIGINT or SIGTERM reports.
var errInterrupted = errors.New("interrupted; no output was changed")

// tuneGC lets the heap grow to five times the live data between
// collections instead of twice (GOGC=400), under a soft limit that scales
// with the catalog (256 MiB plus 8 bytes per catalog byte), after which
// the collector works as hard as it must to stay below it. A small catalog
// then builds with one or two collections instead of a dozen and a large
// one peaks no higher than with the defaults. GOGC or GOMEMLIMIT in the
// environment win.
func tuneGC(srcs []catalog.Source) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	size := int64(len(builtinSource.Data))
	for _, s := range srcs {
		size += int64(len(s.Data))
	}
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(256<<20 + 8*size)
}
