// Package lifecycle is the one contract that every long-running part of
// the rollup keeps (a sequencer node, the batcher, the prover service, the
// DA server, the embedded L1, the L1 head follower) and the two things that
// compose them: a Group, which starts services in order and stops them in
// reverse, and Run, which runs a service until it is told to stop (in the
// manner of op-service's cliapp lifecycle).
//
// The contract (Service):
//   - New builds a service from a checked Config and starts nothing.
//   - Start starts it and returns once it runs, or with the reason it
//     could not start. Its ctx bounds the start only (a start that waits
//     for something gives up when ctx ends); the service runs until Stop.
//   - Stop stops it and returns once every goroutine it started has
//     returned and everything it holds is closed. Its ctx bounds a
//     graceful stop: while ctx lasts the service finishes or hands over
//     what is in flight; once ctx ends it stops at once, abandoning only
//     work that is safe to abandon (written atomically, redone on
//     restart). Stop is idempotent, and safe on a service whose Start
//     failed or was never called.
//
// A service that can end by itself while it runs (a server whose listener
// fails, a prover that meets an error it cannot retry) also implements
// Ender; Run and Group watch it.
package lifecycle

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Service is a long-running part with a Start and a Stop (see the package
// doc for the contract).
type Service interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
}

// Ender is a Service that can end by itself: Done is closed when it has,
// and Err then says why (nil: it finished its work).
type Ender interface {
	Done() <-chan struct{}
	Err() error
}

// Func is a Service made of two functions, either of which may be nil: for
// a part with no goroutine of its own (a store to close after the services
// that use it).
type Func struct {
	StartFunc func(ctx context.Context) error
	StopFunc  func(ctx context.Context) error
	once      sync.Once
	err       error
}

// Start calls StartFunc.
func (f *Func) Start(ctx context.Context) error {
	if f.StartFunc == nil {
		return nil
	}
	return f.StartFunc(ctx)
}

// Stop calls StopFunc once.
func (f *Func) Stop(ctx context.Context) error {
	f.once.Do(func() {
		if f.StopFunc != nil {
			f.err = f.StopFunc(ctx)
		}
	})
	return f.err
}

// OnStop is a Service whose Stop calls stop once: for what must be closed
// when the services before it in a Group have stopped.
func OnStop(stop func() error) Service {
	return &Func{StopFunc: func(context.Context) error { return stop() }}
}

// Group is a Service made of services: Start starts them in the order they
// were added and Stop stops them in reverse, so that each one stops before
// those it depends on. A start that fails stops what already started, the
// failed one included. Errors name the service they come from and are
// joined. A Group is an Ender: it ends when any of its Enders ends.
type Group struct {
	// StopTimeout bounds the stop that follows a failed start (default 30
	// s): its ctx may have ended already.
	StopTimeout time.Duration

	mu       sync.Mutex
	members  []member
	started  int // members whose Start was called
	starting bool
	stopOnce sync.Once
	stopErr  error
	quit     chan struct{} // closed by Stop: the watchers return
	done     chan struct{} // closed when a member ends by itself
	endOnce  sync.Once
	endErr   error
}

type member struct {
	name string
	svc  Service
}

var _ Service = (*Group)(nil)
var _ Ender = (*Group)(nil)

// Add appends a service to the group; it must be called before Start.
func (g *Group) Add(name string, s Service) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.starting {
		panic("lifecycle: Group.Add after Start")
	}
	g.members = append(g.members, member{name, s})
}

func (g *Group) init() {
	if g.quit == nil {
		g.quit, g.done = make(chan struct{}), make(chan struct{})
	}
}

// Start starts every service in order. When one fails, it stops those
// started so far, in reverse, and returns every error.
func (g *Group) Start(ctx context.Context) error {
	g.mu.Lock()
	if g.starting {
		g.mu.Unlock()
		return errors.New("lifecycle: group already started")
	}
	g.starting = true
	g.init()
	members := g.members
	g.mu.Unlock()
	for i, m := range members {
		g.mu.Lock()
		g.started = i + 1
		g.mu.Unlock()
		if err := m.svc.Start(ctx); err != nil {
			err = fmt.Errorf("start %s: %w", m.name, err)
			timeout := g.StopTimeout
			if timeout <= 0 {
				timeout = 30 * time.Second
			}
			sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
			defer cancel()
			return errors.Join(err, g.Stop(sctx))
		}
		if e, ok := m.svc.(Ender); ok {
			go g.watch(m.name, e)
		}
	}
	return nil
}

// Launch adds s to the group and starts it now, for a composition that
// must run one part before it can build the next (a deployment needs its
// L1 running). Stop stops it with the others, in reverse order of their
// starts; a service whose start failed stays in the group, to be stopped.
func (g *Group) Launch(ctx context.Context, name string, s Service) error {
	g.mu.Lock()
	g.init()
	select {
	case <-g.quit:
		g.mu.Unlock()
		return fmt.Errorf("start %s: the group is stopped", name)
	default:
	}
	g.starting = true
	g.members = append(g.members, member{name, s})
	g.started = len(g.members)
	g.mu.Unlock()
	if err := s.Start(ctx); err != nil {
		return fmt.Errorf("start %s: %w", name, err)
	}
	if e, ok := s.(Ender); ok {
		go g.watch(name, e)
	}
	return nil
}

// watch ends the group when e ends by itself (not after Stop).
func (g *Group) watch(name string, e Ender) {
	select {
	case <-g.quit:
	case <-e.Done():
		g.end(name, e.Err())
	}
}

func (g *Group) end(name string, err error) {
	g.endOnce.Do(func() {
		if err != nil {
			g.endErr = fmt.Errorf("%s: %w", name, err)
		} else {
			g.endErr = fmt.Errorf("%s ended", name)
		}
		close(g.done)
	})
}

// Stop stops every service started, in reverse order, and returns their
// errors joined. It is idempotent.
func (g *Group) Stop(ctx context.Context) error {
	g.stopOnce.Do(func() {
		g.mu.Lock()
		g.init()
		close(g.quit)
		members := g.members[:g.started]
		g.mu.Unlock()
		var errs []error
		for i := len(members) - 1; i >= 0; i-- {
			if err := members[i].svc.Stop(ctx); err != nil {
				errs = append(errs, fmt.Errorf("stop %s: %w", members[i].name, err))
			}
		}
		g.stopErr = errors.Join(errs...)
	})
	return g.stopErr
}

// Done is closed when a service of the group ended by itself.
func (g *Group) Done() <-chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.init()
	return g.done
}

// Err says which service ended and why, once Done is closed.
func (g *Group) Err() error {
	select {
	case <-g.Done():
		return g.endErr
	default:
		return nil
	}
}
