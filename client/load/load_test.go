package load_test

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/client/load"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/internal/testnode"
	"github.com/trainrollup/trainrollup/model"
)

const chainID = 41

func validConfig(t *testing.T) load.Config {
	t.Helper()
	spec, err := model.Parse("4-8-3")
	if err != nil {
		t.Fatal(err)
	}
	cfg := load.DefaultConfig()
	cfg.ChainID = chainID
	cfg.Params = testjob.NewEnv(t, testjob.Iris(t)).Params(t, spec, 8, 3277, 1, 1<<20)
	cfg.Senders, cfg.PerCall, cfg.Duration = 4, 16, 30*time.Second
	return cfg
}

func TestConfigCheck(t *testing.T) {
	if err := validConfig(t).Check(); err != nil {
		t.Fatalf("a valid config: %v", err)
	}
	for name, tc := range map[string]struct {
		breakIt func(*load.Config)
		want    string
	}{
		"no chain id":       {func(c *load.Config) { c.ChainID = 0 }, "chain id"},
		"no batch":          {func(c *load.Config) { c.Params.Batch = 0 }, "params"},
		"batch over data":   {func(c *load.Config) { c.Params.DatasetSize = 3 }, "params"},
		"no sender":         {func(c *load.Config) { c.Senders = 0 }, "senders"},
		"negative txs":      {func(c *load.Config) { c.Txs = -1 }, "txs"},
		"no per call":       {func(c *load.Config) { c.PerCall = 0 }, "per call"},
		"too many a call":   {func(c *load.Config) { c.PerCall = 4097 }, "per call"},
		"negative rate":     {func(c *load.Config) { c.Rate = -1 }, "rate"},
		"no duration":       {func(c *load.Config) { c.Duration = 0 }, "duration"},
		"negative duration": {func(c *load.Config) { c.Duration = -time.Second }, "duration"},
	} {
		t.Run(name, func(t *testing.T) {
			cfg := validConfig(t)
			tc.breakIt(&cfg)
			if err := cfg.Check(); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Check: %v, want an error naming %s", err, tc.want)
			}
			if _, err := load.New(cfg, nil); err == nil {
				t.Fatal("New took a config that fails Check")
			}
		})
	}
}

func TestTransactions(t *testing.T) {
	for _, tc := range []struct {
		txs, rate int
		d         time.Duration
		want      int
	}{
		{txs: 123, rate: 1000, d: time.Second, want: 123},
		{rate: 1000, d: 1500 * time.Millisecond, want: 2*1000 + 4},
		{d: 2 * time.Second, want: 3 * 25_000},
	} {
		cfg := validConfig(t)
		cfg.Txs, cfg.Rate, cfg.Duration = tc.txs, tc.rate, tc.d
		if got := cfg.Transactions(); got != tc.want {
			t.Errorf("Txs %d, Rate %d, Duration %v: %d transactions, want %d", tc.txs, tc.rate, tc.d, got, tc.want)
		}
	}
}

// TestRun loads a one-node cluster with a few hundred steps through two
// connections, closed loop and open loop: every step is confirmed, once,
// and the result's counts and latencies agree with each other and with
// the chain.
func TestRun(t *testing.T) {
	for _, tc := range []struct {
		name string
		rate int
	}{{"closed loop", 0}, {"open loop", 2000}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := t.Context()
			node, cl := testnode.Start(t, chainID, testjob.Iris(t))
			cl2, err := client.Dial(ctx, node.RPCURL())
			if err != nil {
				t.Fatal(err)
			}
			defer cl2.Close()
			cfg := validConfig(t)
			cfg.Txs, cfg.Rate = 300, tc.rate
			g, err := load.New(cfg, slog.New(slog.NewTextHandler(t.Output(), nil)))
			if err != nil {
				t.Fatal(err)
			}
			if len(g.Steps()) != cfg.Txs {
				t.Fatalf("%d steps signed, want %d", len(g.Steps()), cfg.Txs)
			}
			if err := g.CreateJobs(ctx, cl); err != nil {
				t.Fatal(err)
			}
			created, err := cl.BlockNumber(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// Block 1 is the dataset's registration (testnode.Start).
			if n := txsIn(t, cl, 2, created); n != cfg.Senders {
				t.Fatalf("%d transactions after the creations, want %d", n, cfg.Senders)
			}

			r, err := g.Run(ctx, []*client.Client{cl, cl2})
			if err != nil {
				t.Fatal(err)
			}
			if r.Confirmed != int64(cfg.Txs) || r.Failed != 0 {
				t.Fatalf("%d confirmed, %d failed, want %d and 0", r.Confirmed, r.Failed, cfg.Txs)
			}
			if r.Start.IsZero() || r.Elapsed <= 0 || r.Elapsed >= cfg.Duration {
				t.Fatalf("started %v, took %v (the load ends when all are sent, within %v)", r.Start, r.Elapsed, cfg.Duration)
			}
			if tps := float64(r.Confirmed) / r.Elapsed.Seconds(); r.TxPerSecond() != tps {
				t.Fatalf("%v tx/s, want %v", r.TxPerSecond(), tps)
			}
			if r.P50 <= 0 || r.P50 > r.P99 || r.P99 > r.Max || r.Max > r.Elapsed {
				t.Fatalf("latencies p50 %v, p99 %v, max %v over %v", r.P50, r.P99, r.Max, r.Elapsed)
			}
			// The whole load starts within the first window.
			if len(r.P99ByWindow) != 1 || r.P99ByWindow[0] != r.P99 {
				t.Fatalf("p99 by window %v, p99 %v", r.P99ByWindow, r.P99)
			}
			head, err := cl.BlockNumber(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if n := txsIn(t, cl, created+1, head); n != cfg.Txs {
				t.Fatalf("%d transactions in the blocks of the load, want %d", n, cfg.Txs)
			}
		})
	}
}

// TestRunDuration ends an open-loop load of more steps than its rate
// sends in its duration: it stops on time, with what it sent confirmed.
func TestRunDuration(t *testing.T) {
	ctx := t.Context()
	_, cl := testnode.Start(t, chainID, testjob.Iris(t))
	cfg := validConfig(t)
	cfg.Txs, cfg.Rate, cfg.Duration = 2000, 500, 300*time.Millisecond
	g, err := load.New(cfg, slog.New(slog.NewTextHandler(t.Output(), nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := g.CreateJobs(ctx, cl); err != nil {
		t.Fatal(err)
	}
	r, err := g.Run(ctx, []*client.Client{cl})
	if err != nil {
		t.Fatal(err)
	}
	if r.Confirmed == 0 || r.Confirmed >= int64(cfg.Txs) || r.Failed != 0 {
		t.Fatalf("%d confirmed, %d failed of %d offered at %d/s for %v", r.Confirmed, r.Failed, cfg.Txs, cfg.Rate, cfg.Duration)
	}
	if r.Elapsed < cfg.Duration || r.Elapsed > cfg.Duration+5*time.Second {
		t.Fatalf("a load of %v took %v", cfg.Duration, r.Elapsed)
	}
	if _, err := g.Run(ctx, nil); err == nil {
		t.Fatal("Run with no client")
	}
}

// txsIn counts the transactions of blocks from..to.
func txsIn(t *testing.T, cl *client.Client, from, to uint64) int {
	t.Helper()
	n := 0
	for b := from; b <= to; b++ {
		blk, err := cl.BlockByNumber(t.Context(), &b, false)
		if err != nil {
			t.Fatal(err)
		}
		n += len(blk.TxHashes)
	}
	return n
}
