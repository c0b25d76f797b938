package lifecycle

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// RunConfig says how Run stops a service.
type RunConfig struct {
	// Grace bounds a graceful stop (default 30 s); past it the stop is
	// forced.
	Grace time.Duration
	// Force, once closed, forces the stop at once (a second interrupt;
	// see Interrupts).
	Force <-chan struct{}
	// Started, if set, is called once the service started.
	Started func()
	// Stopping, if set, is called when the stop begins, with the reason.
	Stopping func(reason error)
}

// ErrInterrupted is Stopping's reason when ctx ended.
var ErrInterrupted = errors.New("interrupted")

// Run starts s and runs it until ctx ends (the first interrupt) or s ends
// by itself (Ender), then stops it: gracefully within cfg.Grace, at once
// when cfg.Force closes. It returns s's errors: the start's, the one it
// ended with, the stop's; a stop asked for through ctx is not an error.
func Run(ctx context.Context, s Service, cfg RunConfig) error {
	grace := cfg.Grace
	if grace <= 0 {
		grace = 30 * time.Second
	}
	stopCtx := func() (context.Context, context.CancelFunc) {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
		go func() {
			select {
			case <-cfg.Force:
				cancel()
			case <-sctx.Done():
			}
		}()
		return sctx, cancel
	}
	if err := s.Start(ctx); err != nil {
		sctx, cancel := stopCtx()
		defer cancel()
		return errors.Join(err, s.Stop(sctx))
	}
	if cfg.Started != nil {
		cfg.Started()
	}
	var ended <-chan struct{}
	if e, ok := s.(Ender); ok {
		ended = e.Done()
	}
	var err error
	select {
	case <-ctx.Done():
		if cfg.Stopping != nil {
			cfg.Stopping(ErrInterrupted)
		}
	case <-ended:
		err = s.(Ender).Err()
		if cfg.Stopping != nil {
			cfg.Stopping(err)
		}
	}
	sctx, cancel := stopCtx()
	defer cancel()
	return errors.Join(err, s.Stop(sctx))
}

// Interrupts turns the process's interrupts (SIGINT, SIGTERM) into stops:
// the first cancels the returned context (a graceful stop), the second
// closes force (a forced stop) and gives the signals back their default
// handling, so that a third ends the process at once. first and second,
// if set, are called at the first and the second interrupt. Call release
// to stop listening.
func Interrupts(parent context.Context, first, second func()) (ctx context.Context, force <-chan struct{}, release func()) {
	ctx, cancel := context.WithCancel(parent)
	f := make(chan struct{})
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	quit := make(chan struct{})
	go func() {
		for n := 0; n < 2; n++ {
			select {
			case <-quit:
				return
			case <-sigs:
			}
			if n == 0 {
				if first != nil {
					first()
				}
				cancel()
				continue
			}
			signal.Reset(os.Interrupt, syscall.SIGTERM)
			close(f)
			if second != nil {
				second()
			}
		}
	}()
	var once bool
	return ctx, f, func() {
		if !once {
			once = true
			signal.Stop(sigs)
			close(quit)
			cancel()
		}
	}
}
