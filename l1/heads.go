package l1

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/trainrollup/trainrollup/lifecycle"
)

// HeadFollowerConfig configures a HeadFollower.
type HeadFollowerConfig struct {
	// FromBlock is the L1 block the bridge was deployed at (where reading
	// its events starts).
	FromBlock uint64
	// Interval is how often the heads are read.
	Interval time.Duration
	Log      *slog.Logger
}

// DefaultHeadFollowerConfig reads the heads every second.
func DefaultHeadFollowerConfig() HeadFollowerConfig {
	return HeadFollowerConfig{Interval: time.Second}
}

// Check reports the first field that is not usable.
func (c HeadFollowerConfig) Check() error {
	if c.Interval <= 0 {
		return fmt.Errorf("head follower interval %v: want > 0", c.Interval)
	}
	return nil
}

// HeadFollower reads the bridge's heads (the last block posted, the last
// finalized) every Interval and hands them to a callback: how a sequencer
// node learns what a batcher and a prover running apart from it did. A
// failed read is logged once and retried; the callback sees only heads
// read.
type HeadFollower struct {
	cfg    HeadFollowerConfig
	bridge *Bridge
	on     func(posted, finalized uint64)
	log    *slog.Logger

	mu      sync.Mutex
	cancel  context.CancelFunc
	done    chan struct{}
	stopped bool
}

var _ lifecycle.Service = (*HeadFollower)(nil)

// NewHeadFollower follows bridge's heads with on; Start starts reading.
func NewHeadFollower(bridge *Bridge, cfg HeadFollowerConfig, on func(posted, finalized uint64)) (*HeadFollower, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	if bridge == nil || on == nil {
		return nil, errors.New("head follower: a bridge and a callback are required")
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &HeadFollower{cfg: cfg, bridge: bridge, on: on, log: log}, nil
}

// Start reads the heads now and then every Interval until Stop.
func (f *HeadFollower) Start(context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cancel != nil || f.stopped {
		return errors.New("head follower already started or stopped")
	}
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel, f.done = cancel, make(chan struct{})
	go f.run(ctx)
	return nil
}

func (f *HeadFollower) run(ctx context.Context) {
	defer close(f.done)
	t := time.NewTicker(f.cfg.Interval)
	defer t.Stop()
	var warned bool
	for {
		posted, final, err := f.bridge.Heads(ctx, f.cfg.FromBlock)
		switch {
		case err != nil && !warned && ctx.Err() == nil:
			f.log.Warn("read heads from L1", "err", err)
			warned = true
		case err == nil:
			f.on(posted, final)
			warned = false
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Stop cuts the read in flight short and waits for it. Idempotent.
func (f *HeadFollower) Stop(context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stopped = true
	if f.cancel != nil {
		f.cancel()
		<-f.done
		f.cancel = nil
	}
	return nil
}
