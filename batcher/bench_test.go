package batcher_test

import (
	"context"
	"testing"
	"time"

	"github.com/trainrollup/trainrollup/batcher"
)

// BenchmarkPost measures posting on the local DA and the simulated L1 (10 ms
// blocks): each round builds a batch of the 16 blocks (1 step each) the
// node executed meanwhile, submits it and commits it. It reports batches
// per second and blob bytes per step.
func BenchmarkPost(b *testing.B) {
	r := newRig(b)
	cfg := r.config()
	cfg.Interval, cfg.MaxBlocks = time.Nanosecond, 16
	bt, err := batcher.New(cfg, r.node, r.layer, r.bridge, r.dir)
	if err != nil {
		b.Fatal(err)
	}
	defer bt.Stop(context.Background())
	r.traffic(1, 0)
	r.steps(1, 0, 16*b.N)
	r.waitExecuted()
	ctx := b.Context()
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		for {
			ok, err := bt.Step(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if ok {
				break
			}
		}
	}
	b.StopTimer()
	elapsed := time.Since(start)
	hs, err := r.bridge.Batches(ctx, r.deploy.Block)
	if err != nil {
		b.Fatal(err)
	}
	var bytes int
	for _, h := range hs {
		blob, err := r.layer.Get(ctx, h.DaHeight, r.ns, h.DaCommitment[:])
		if err != nil {
			b.Fatal(err)
		}
		bytes += len(blob.Data)
	}
	b.ReportMetric(float64(len(hs))/elapsed.Seconds(), "batches/s")
	b.ReportMetric(float64(bytes)/float64(bt.Posted()), "DA-bytes/step")
}
