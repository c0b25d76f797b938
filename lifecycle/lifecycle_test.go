package lifecycle

import (
	"context"
	"errors"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"
)

// recorder records the calls of its services in order.
type recorder struct {
	mu    sync.Mutex
	calls []string
}

func (r *recorder) add(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, s)
}

func (r *recorder) got() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.calls)
}

// part is a service that records its calls, fails when told to, and ends
// by itself when end is closed.
type part struct {
	name              string
	r                 *recorder
	startErr, stopErr error
	end               chan struct{}
	endErr            error
	stopCtxErr        error // ctx.Err() of Stop's ctx when Stop was called
}

func (p *part) Start(context.Context) error { p.r.add("start " + p.name); return p.startErr }
func (p *part) Stop(ctx context.Context) error {
	p.r.add("stop " + p.name)
	p.stopCtxErr = ctx.Err()
	return p.stopErr
}

type ender struct{ *part }

func (e ender) Done() <-chan struct{} { return e.end }
func (e ender) Err() error            { return e.endErr }

func TestGroupOrder(t *testing.T) {
	r := new(recorder)
	var g Group
	for _, n := range []string{"l1", "da", "node", "batcher"} {
		g.Add(n, &part{name: n, r: r})
	}
	if err := g.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := g.Stop(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := g.Stop(t.Context()); err != nil { // idempotent
		t.Fatal(err)
	}
	want := []string{"start l1", "start da", "start node", "start batcher", "stop batcher", "stop node", "stop da", "stop l1"}
	if got := r.got(); !slices.Equal(got, want) {
		t.Fatalf("calls %v, want %v", got, want)
	}
	if err := g.Start(t.Context()); err == nil {
		t.Fatal("a group started twice")
	}
}

func TestGroupFailedStart(t *testing.T) {
	r := new(recorder)
	errDA, errL1 := errors.New("port in use"), errors.New("close failed")
	var g Group
	g.Add("l1", &part{name: "l1", r: r, stopErr: errL1})
	g.Add("da", &part{name: "da", r: r, startErr: errDA})
	g.Add("node", &part{name: "node", r: r})
	ctx, cancel := context.WithCancel(t.Context())
	cancel() // the start was interrupted: the stop still runs
	err := g.Start(ctx)
	if !errors.Is(err, errDA) || !errors.Is(err, errL1) {
		t.Fatalf("error %v, want both the start's and the stop's", err)
	}
	if want := "start da: port in use\nstop l1: close failed"; err.Error() != want {
		t.Fatalf("error %q, want %q", err, want)
	}
	// The failed one is stopped too (it may hold what it opened); the
	// one after it never started.
	want := []string{"start l1", "start da", "stop da", "stop l1"}
	if got := r.got(); !slices.Equal(got, want) {
		t.Fatalf("calls %v, want %v", got, want)
	}
	if err := g.Stop(t.Context()); !errors.Is(err, errL1) {
		t.Fatalf("second stop: %v", err)
	}
}

func TestGroupStopWithoutStart(t *testing.T) {
	r := new(recorder)
	var g Group
	g.Add("a", &part{name: "a", r: r})
	if err := g.Stop(t.Context()); err != nil || len(r.got()) != 0 {
		t.Fatalf("stop of a group never started: %v, calls %v", err, r.got())
	}
}

func TestGroupEnds(t *testing.T) {
	r := new(recorder)
	errProver := errors.New("proof rejected")
	p := &part{name: "prover", r: r, end: make(chan struct{}), endErr: errProver}
	var g Group
	g.Add("node", &part{name: "node", r: r})
	g.Add("prover", ender{p})
	if err := g.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	select {
	case <-g.Done():
		t.Fatal("done before any service ended")
	default:
	}
	close(p.end)
	select {
	case <-g.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the group did not end with its service")
	}
	if err := g.Err(); !errors.Is(err, errProver) || err.Error() != "prover: proof rejected" {
		t.Fatalf("Err %v", err)
	}
	if err := g.Stop(t.Context()); err != nil {
		t.Fatal(err)
	}
}

func TestRun(t *testing.T) {
	t.Run("interrupted", func(t *testing.T) {
		r := new(recorder)
		p := &part{name: "node", r: r}
		ctx, cancel := context.WithCancel(t.Context())
		var reason error
		errc := make(chan error, 1)
		started := make(chan struct{})
		go func() {
			errc <- Run(ctx, p, RunConfig{Started: func() { close(started) }, Stopping: func(err error) { reason = err }})
		}()
		<-started
		cancel()
		if err := <-errc; err != nil {
			t.Fatalf("an interrupted run: %v", err)
		}
		if !errors.Is(reason, ErrInterrupted) || p.stopCtxErr != nil {
			t.Fatalf("reason %v; the stop's ctx had ended already: %v", reason, p.stopCtxErr)
		}
	})
	t.Run("forced", func(t *testing.T) {
		r := new(recorder)
		force := make(chan struct{})
		stopping := make(chan struct{})
		s := &Func{StopFunc: func(ctx context.Context) error {
			r.add("stop")
			close(stopping)
			<-ctx.Done() // a graceful stop that would take long
			return ctx.Err()
		}}
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		errc := make(chan error, 1)
		go func() { errc <- Run(ctx, s, RunConfig{Force: force, Grace: time.Hour}) }()
		<-stopping
		close(force)
		select {
		case err := <-errc:
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("forced stop: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("force did not end the stop")
		}
	})
	t.Run("ended", func(t *testing.T) {
		r := new(recorder)
		errDisk := errors.New("disk full")
		p := &part{name: "prover", r: r, end: make(chan struct{}), endErr: errDisk}
		close(p.end)
		if err := Run(t.Context(), ender{p}, RunConfig{}); !errors.Is(err, errDisk) {
			t.Fatalf("a service that ended: %v", err)
		}
		if got := r.got(); !slices.Equal(got, []string{"start prover", "stop prover"}) {
			t.Fatalf("calls %v", got)
		}
	})
	t.Run("start fails", func(t *testing.T) {
		r := new(recorder)
		errPort := errors.New("port in use")
		if err := Run(t.Context(), &part{name: "da", r: r, startErr: errPort}, RunConfig{}); !errors.Is(err, errPort) {
			t.Fatalf("failed start: %v", err)
		}
		if got := r.got(); !slices.Equal(got, []string{"start da", "stop da"}) {
			t.Fatalf("calls %v", got)
		}
	})
}

// TestInterrupts sends this process SIGINT twice: the first cancels the
// context, the second closes force.
func TestInterrupts(t *testing.T) {
	seconds := make(chan struct{}, 1)
	firsts := make(chan struct{}, 1)
	ctx, force, release := Interrupts(t.Context(), func() { firsts <- struct{}{} }, func() { seconds <- struct{}{} })
	defer release()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the first interrupt did not cancel the context")
	}
	select {
	case <-force:
		t.Fatal("force closed at the first interrupt")
	default:
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-force:
	case <-time.After(10 * time.Second):
		t.Fatal("the second interrupt did not force")
	}
	<-firsts
	<-seconds
}

func TestGroupLaunch(t *testing.T) {
	r := new(recorder)
	errNode := errors.New("raft port in use")
	var g Group
	if err := g.Launch(t.Context(), "l1", &part{name: "l1", r: r}); err != nil {
		t.Fatal(err)
	}
	if err := g.Launch(t.Context(), "da", &part{name: "da", r: r}); err != nil {
		t.Fatal(err)
	}
	if err := g.Launch(t.Context(), "node", &part{name: "node", r: r, startErr: errNode}); !errors.Is(err, errNode) {
		t.Fatalf("failed launch: %v", err)
	}
	if err := g.Stop(t.Context()); err != nil {
		t.Fatal(err)
	}
	want := []string{"start l1", "start da", "start node", "stop node", "stop da", "stop l1"}
	if got := r.got(); !slices.Equal(got, want) {
		t.Fatalf("calls %v, want %v", got, want)
	}
	if err := g.Launch(t.Context(), "late", &part{name: "late", r: r}); err == nil {
		t.Fatal("launched into a stopped group")
	}
}
