package upstream

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/sony/gobreaker/v2"
)

func TestGobreakerOpenFor(t *testing.T) {
	var changes []string
	b := NewGobreaker(gobreaker.Settings{
		Name:          "admin-api",
		ReadyToTrip:   func(c gobreaker.Counts) bool { return c.ConsecutiveFailures >= 2 },
		OnStateChange: func(_ string, from, to gobreaker.State) { changes = append(changes, from.String()+"->"+to.String()) },
	})
	start := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	now := start
	b.now = func() time.Time { return now }

	if d := b.OpenFor(); d != 0 {
		t.Fatalf("closed breaker: OpenFor = %v, want 0", d)
	}
	for range 2 {
		done, err := b.Allow()
		if err != nil {
			t.Fatal(err)
		}
		done(errors.New("connection refused"))
	}
	if _, err := b.Allow(); !errors.Is(err, gobreaker.ErrOpenState) {
		t.Fatalf("Allow after two failures: %v, want ErrOpenState", err)
	}
	for _, tc := range []struct {
		after time.Duration
		want  time.Duration
	}{
		{0, DefaultOpenWait},
		{12300 * time.Millisecond, 17700 * time.Millisecond},
		{-time.Minute, DefaultOpenWait}, // a clock that went back never exceeds the wait
		{DefaultOpenWait + time.Second, 0},
	} {
		now = start.Add(tc.after)
		if d := b.OpenFor(); d != tc.want {
			t.Errorf("%v after opening: OpenFor = %v, want %v", tc.after, d, tc.want)
		}
	}
	if fmt.Sprint(changes) != "[closed->open]" {
		t.Errorf("the caller's OnStateChange saw %v", changes)
	}
}

func TestGobreakerIgnoresCancelledCalls(t *testing.T) {
	b := NewGobreaker(gobreaker.Settings{ReadyToTrip: func(c gobreaker.Counts) bool { return c.ConsecutiveFailures >= 1 }})
	done, err := b.Allow()
	if err != nil {
		t.Fatal(err)
	}
	done(fmt.Errorf("%w (read: connection reset)", context.Canceled))
	if b.State() != gobreaker.StateClosed || b.OpenFor() != 0 {
		t.Fatalf("a cancelled call opened the breaker")
	}
	if c := b.cb.Counts(); c.TotalFailures != 0 || c.TotalExclusions != 1 {
		t.Fatalf("counts %+v, want one exclusion and no failure", c)
	}
}
