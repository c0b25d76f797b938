// Package wait is for tests: it waits for a condition with a deadline,
// in the manner of op-e2e's e2eutils/wait, instead of a hand-written loop
// of time.Now, time.Sleep and t.Fatalf in every test.
//
// A condition is polled on the calling goroutine every Interval, so it
// may call t.Fatal itself (for an error that must end the test at once)
// and read the test's variables without locks of its own. When the
// timeout passes first the test fails with what it waited for, how long
// and, for NoError, the condition's last error: a condition reports the
// values worth printing at failure by returning them in that error.
package wait

import (
	"errors"
	"testing"
	"time"
)

// Interval is the time between two polls of a condition.
const Interval = 10 * time.Millisecond

// For polls cond until it returns true, and fails t if timeout passes
// first: "waited 10s for <what>".
func For(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	NoError(t, timeout, what, func() error {
		if cond() {
			return nil
		}
		return errNotYet
	})
}

// NoError polls f until it returns nil, and fails t if timeout passes
// first: "waited 10s for <what>: <f's last error>". The error says why
// the condition does not hold yet (an RPC that failed, or the state seen:
// fmt.Errorf("posted %d of %d", ...)).
func NoError(t testing.TB, timeout time.Duration, what string, f func() error) {
	t.Helper()
	start := time.Now()
	for {
		err := f()
		if err == nil {
			return
		}
		if waited := time.Since(start); waited >= timeout {
			if err == errNotYet {
				t.Fatalf("waited %v for %s", waited.Round(time.Millisecond), what)
			} else {
				t.Fatalf("waited %v for %s: %v", waited.Round(time.Millisecond), what, err)
			}
			return // for a t whose Fatalf returns
		}
		time.Sleep(Interval)
	}
}

// errNotYet is For's condition not holding: nothing more to report.
var errNotYet = errors.New("not yet")
