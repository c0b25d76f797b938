package wait

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// recorder is a testing.TB that records Fatalf instead of ending the
// test (the helper returns after Fatalf for such a t).
type recorder struct {
	testing.TB
	fatal []string
}

func (r *recorder) Helper() {}

func (r *recorder) Fatalf(format string, args ...any) {
	r.fatal = append(r.fatal, fmt.Sprintf(format, args...))
}

func TestFor(t *testing.T) {
	start := time.Now()
	polls := 0
	For(t, 10*time.Second, "the third poll", func() bool {
		polls++
		return polls == 3
	})
	if polls != 3 {
		t.Fatalf("%d polls, want 3", polls)
	}
	if d := time.Since(start); d < 2*Interval || d > 5*time.Second {
		t.Fatalf("three polls took %v, want about %v", d, 2*Interval)
	}
}

func TestForTimeout(t *testing.T) {
	r := &recorder{}
	start := time.Now()
	For(r, 50*time.Millisecond, "nothing", func() bool { return false })
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Fatalf("gave up after %v, before the timeout", d)
	}
	if len(r.fatal) != 1 || !strings.HasPrefix(r.fatal[0], "waited ") || !strings.HasSuffix(r.fatal[0], " for nothing") {
		t.Fatalf("failures %q, want one \"waited ... for nothing\"", r.fatal)
	}
}

func TestNoError(t *testing.T) {
	polls := 0
	NoError(t, 10*time.Second, "the second poll", func() error {
		if polls++; polls < 2 {
			return errors.New("first")
		}
		return nil
	})
	if polls != 2 {
		t.Fatalf("%d polls, want 2", polls)
	}

	r := &recorder{}
	polls = 0
	NoError(r, 30*time.Millisecond, "a head of 5", func() error {
		polls++
		return fmt.Errorf("head %d", polls)
	})
	want := fmt.Sprintf(" for a head of 5: head %d", polls)
	if polls < 2 || len(r.fatal) != 1 || !strings.HasPrefix(r.fatal[0], "waited ") || !strings.HasSuffix(r.fatal[0], want) {
		t.Fatalf("after %d polls, failures %q, want one ending %q (the last error)", polls, r.fatal, want)
	}
}
