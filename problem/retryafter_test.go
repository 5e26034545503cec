package problem_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/ankatech/errgen/problem"
)

func TestParseRetryAfterValues(t *testing.T) {
	now := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		value string
		want  time.Duration
		ok    bool
	}{
		{"120", 2 * time.Minute, true},
		{" 3 ", 3 * time.Second, true},
		{"0", 0, true},
		{"", 0, false},
		{"-1", 0, false},
		{"+5", 0, false},
		{"1.5", 0, false},
		{"abc", 0, false},
		{"99999999999999999999", 0, false},
		{"9223372037", 0, false}, // one second more than a Duration holds
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(90 * time.Second).Format(time.RFC850), 90 * time.Second, true},
		{now.Add(90 * time.Second).Format(time.ANSIC), 90 * time.Second, true},
		{now.Format(http.TimeFormat), 0, false},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, false},
		{"Fri, 31 Dec 9999 23:59:59 GMT", time.Duration(1<<63 - 1), true},
	} {
		got, ok := problem.ParseRetryAfter(tc.value, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tc.value, got, ok, tc.want, tc.ok)
		}
	}
}

// Seeds beyond these live in testdata/fuzz/FuzzParseRetryAfter.
func FuzzParseRetryAfter(f *testing.F) {
	f.Add("120", int64(1893553445))
	f.Add("Wed, 02 Jan 2030 03:05:05 GMT", int64(1893553445))
	f.Fuzz(func(t *testing.T, value string, unix int64) {
		now := time.Unix(unix, 0).UTC()
		d, ok := problem.ParseRetryAfter(value, now)
		if !ok {
			if d != 0 {
				t.Fatalf("ParseRetryAfter(%q) = %v with ok false, want 0", value, d)
			}
			return
		}
		if d < 0 {
			t.Fatalf("ParseRetryAfter(%q) = %v, a negative wait", value, d)
		}
		if d%time.Second == 0 && d > 0 {
			// A whole number of seconds written back as delay-seconds
			// must read the same.
			back, ok := problem.ParseRetryAfter(formatSeconds(d), now)
			if !ok || back != d {
				t.Fatalf("%v round-trips to %v, %v", d, back, ok)
			}
		}
	})
}

func formatSeconds(d time.Duration) string {
	return strconv.FormatInt(int64(d/time.Second), 10)
}
