package load

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/state"
)

// Window is the span of the load each Result.P99ByWindow entry covers.
const Window = 5 * time.Second

// maxPerCall is what a node takes in one train_sendRawTransactions call
// (spec/rpc.md).
const maxPerCall = 4096

// Config is a load.
type Config struct {
	// ChainID is the rollup's chain id, which every signature commits to.
	ChainID uint64
	// Params are the parameters of every sender's job. Each step takes the
	// samples 0..Batch-2 and one more that runs through the dataset, so
	// Batch and DatasetSize must allow them; Steps bounds the steps sent
	// to each job.
	Params state.Params
	// Senders is the number of signing accounts, each training a job of
	// its own (ids 1..Senders).
	Senders int
	// Txs is the number of steps signed ahead, at most all sent; 0 gives
	// Duration x Rate (plus one per sender), or Duration x 25,000 in
	// closed loop (see Transactions).
	Txs int
	// PerCall is the number of transactions per call (1..4096). With
	// Senders dividing it, every call keeps each sender's nonces gapless.
	PerCall int
	// Rate is the transactions per second offered (open loop: each 5 ms,
	// the calls due are sent, each on its own goroutine); 0 is closed
	// loop: each connection sends its next call once the previous one is
	// answered.
	Rate int
	// Duration bounds the load.
	Duration time.Duration
}

// DefaultConfig returns the load of trainrollup bench sequencer's
// defaults; set ChainID and Params.
func DefaultConfig() Config {
	return Config{Senders: 64, PerCall: 256, Duration: 30 * time.Second}
}

// Check reports every invalid field.
func (c Config) Check() error {
	var errs []error
	if c.ChainID == 0 {
		errs = append(errs, errors.New("chain id is required (it is 0)"))
	}
	if c.Params.Batch < 1 || c.Params.DatasetSize < 1 {
		errs = append(errs, fmt.Errorf("params: batch %d of a dataset of %d samples: want both 1 or more", c.Params.Batch, c.Params.DatasetSize))
	} else if uint64(c.Params.Batch)-1 > c.Params.DatasetSize {
		errs = append(errs, fmt.Errorf("params: batch %d takes %d fixed samples, the dataset has %d", c.Params.Batch, c.Params.Batch-1, c.Params.DatasetSize))
	}
	if c.Senders < 1 {
		errs = append(errs, fmt.Errorf("senders %d below 1", c.Senders))
	}
	if c.Txs < 0 {
		errs = append(errs, fmt.Errorf("txs %d below 0", c.Txs))
	}
	if c.PerCall < 1 || c.PerCall > maxPerCall {
		errs = append(errs, fmt.Errorf("per call %d outside 1..%d", c.PerCall, maxPerCall))
	}
	if c.Rate < 0 {
		errs = append(errs, fmt.Errorf("rate %d below 0", c.Rate))
	}
	if c.Duration <= 0 {
		errs = append(errs, fmt.Errorf("duration %v is not positive", c.Duration))
	}
	return errors.Join(errs...)
}

// Transactions is the number of steps the load signs: Txs, or the
// default that Txs 0 stands for.
func (c Config) Transactions() int {
	if c.Txs > 0 {
		return c.Txs
	}
	secs := int(c.Duration.Seconds() + 1)
	if c.Rate > 0 {
		return c.Rate*secs + c.Senders
	}
	return 25_000 * secs // enough for 25,000 tx/s over the whole duration
}

// Generator holds a load's signed transactions.
type Generator struct {
	cfg     Config
	log     *slog.Logger
	creates [][]byte // job i+1's creation, by sender i
	steps   [][]byte // in the order they go out
}

// New checks cfg and signs the jobs' creations and cfg.Transactions()
// steps, on all cores. log is told of the first failures of Run.
func New(cfg Config, log *slog.Logger) (*Generator, error) {
	if err := cfg.Check(); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	params, err := chain.ParamsOf(cfg.Params)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	g := &Generator{cfg: cfg, log: log, creates: make([][]byte, cfg.Senders), steps: make([][]byte, cfg.Transactions())}
	keys := make([]*ecdsa.PrivateKey, cfg.Senders)
	for i := range keys {
		if keys[i], err = crypto.GenerateKey(); err != nil {
			return nil, err
		}
		if g.creates[i], err = sign(keys[i], &chain.Tx{Type: chain.TxCreateJob, ChainID: cfg.ChainID, Job: state.JobID(i + 1), Params: params}); err != nil {
			return nil, err
		}
	}
	fixed := make([]uint64, cfg.Params.Batch-1)
	for i := range fixed {
		fixed[i] = uint64(i)
	}
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for wk := range workers {
		wg.Go(func() {
			for i := wk; i < len(g.steps) && errs[wk] == nil; i += workers {
				s := i % cfg.Senders
				tx := &chain.Tx{Type: chain.TxTrainStep, ChainID: cfg.ChainID, Nonce: uint64(i/cfg.Senders) + 1, Job: state.JobID(s + 1),
					Indices: append(slices.Clone(fixed), uint64(i)%cfg.Params.DatasetSize)}
				g.steps[i], errs[wk] = sign(keys[s], tx)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return g, nil
}

func sign(key *ecdsa.PrivateKey, tx *chain.Tx) ([]byte, error) {
	if err := tx.Sign(key); err != nil {
		return nil, err
	}
	return tx.MarshalBinary()
}

// Steps returns the signed steps, in the order they go out.
func (g *Generator) Steps() [][]byte { return g.steps }

// CreateJobs sends the jobs' creations through cl, PerCall at a time, and
// returns once all are sequenced.
func (g *Generator) CreateJobs(ctx context.Context, cl *client.Client) error {
	per := g.cfg.PerCall
	for i := 0; i < len(g.creates); i += per {
		rs, err := cl.SendRawTransactions(ctx, g.creates[i:min(i+per, len(g.creates))])
		if err != nil {
			return err
		}
		for _, r := range rs {
			if r.Error != "" {
				return fmt.Errorf("create job: %s", r.Error)
			}
		}
	}
	return nil
}

// Result is what a load confirmed.
type Result struct {
	// Start is when the load began.
	Start time.Time
	// Elapsed is the load's time, until its last call was answered.
	Elapsed time.Duration
	// Confirmed and Failed count transactions: sequenced, or refused or
	// lost in a failed call.
	Confirmed, Failed int64
	// P50, P99 and Max are the latencies of the confirmed transactions.
	P50, P99, Max time.Duration
	// P99ByWindow is the p99 latency of the transactions whose call
	// started in each Window of the load (windows with none left out):
	// whether the tail is steady or comes in bursts (compactions,
	// snapshots).
	P99ByWindow []time.Duration
}

// TxPerSecond is the confirmed transactions per second.
func (r Result) TxPerSecond() float64 { return float64(r.Confirmed) / r.Elapsed.Seconds() }

// recorder collects the outcome of a load's calls.
type recorder struct {
	log       *slog.Logger
	begin     time.Time
	end       time.Time // the load's deadline
	confirmed atomic.Int64
	failed    atomic.Int64
	mu        sync.Mutex
	lats      []time.Duration
	starts    []time.Duration // the offset of each latency's call from begin
}

// send sends raws through cl and records the outcome.
func (r *recorder) send(ctx context.Context, cl *client.Client, raws [][]byte) {
	t0 := time.Now()
	rs, err := cl.SendRawTransactions(ctx, raws)
	el := time.Since(t0)
	n := int64(len(raws))
	if err != nil {
		if time.Until(r.end) > 100*time.Millisecond { // not a call cut off by the end of the load
			if r.failed.Add(n) <= n && r.log != nil {
				r.log.Warn("call failed", "err", err)
			}
		}
		return
	}
	var ok int64
	for _, res := range rs {
		if res.Error == "" {
			ok++
		} else if r.failed.Load() < 5 && r.log != nil {
			r.log.Warn("transaction refused", "hash", res.Hash, "err", res.Error)
		}
	}
	r.confirmed.Add(ok)
	r.failed.Add(int64(len(rs)) - ok)
	r.mu.Lock()
	for range ok {
		r.lats = append(r.lats, el)
		r.starts = append(r.starts, t0.Sub(r.begin))
	}
	r.mu.Unlock()
}

// Run sends the steps through cls (call k through cls[k mod len(cls)] in
// open loop; one sending goroutine per client in closed loop) until all
// are sent or Duration passes, and returns what was confirmed. The jobs
// must exist (CreateJobs). Cancelling ctx ends the load early.
func (g *Generator) Run(ctx context.Context, cls []*client.Client) (Result, error) {
	if len(cls) == 0 {
		return Result{}, errors.New("load: no client")
	}
	ctx, cancel := context.WithTimeout(ctx, g.cfg.Duration)
	defer cancel()
	end, _ := ctx.Deadline()
	per, total, rate := g.cfg.PerCall, len(g.steps), g.cfg.Rate
	r := &recorder{log: g.log, begin: time.Now(), end: end}
	var wg sync.WaitGroup
	if rate == 0 {
		var next atomic.Int64
		for _, cl := range cls {
			wg.Go(func() {
				for ctx.Err() == nil {
					lo := int(next.Add(int64(per))) - per
					if lo >= total {
						return
					}
					r.send(ctx, cl, g.steps[lo:min(lo+per, total)])
				}
			})
		}
	} else {
		// Every tick, the transactions due since the last one, each
		// tick's calls on goroutines of their own.
		t := time.NewTicker(5 * time.Millisecond)
		sent, calls := 0, 0
		for ctx.Err() == nil && sent < total {
			select {
			case <-ctx.Done():
			case now := <-t.C:
				due := min(int(float64(rate)*now.Sub(r.begin).Seconds()), total)
				for lo := sent; lo < due; lo += per {
					raws := g.steps[lo:min(lo+per, due)]
					cl := cls[calls%len(cls)]
					calls++
					wg.Go(func() { r.send(ctx, cl, raws) })
				}
				sent = due
			}
		}
		t.Stop()
	}
	wg.Wait()
	return r.result(time.Since(r.begin)), nil
}

func (r *recorder) result(elapsed time.Duration) Result {
	res := Result{Start: r.begin, Elapsed: elapsed, Confirmed: r.confirmed.Load(), Failed: r.failed.Load()}
	byWin := map[int][]time.Duration{}
	for i, l := range r.lats {
		w := int(r.starts[i] / Window)
		byWin[w] = append(byWin[w], l)
	}
	for w := 0; w <= int(elapsed/Window); w++ {
		ls := byWin[w]
		if len(ls) == 0 {
			continue
		}
		slices.Sort(ls)
		res.P99ByWindow = append(res.P99ByWindow, ls[int(0.99*float64(len(ls)-1))])
	}
	lats := slices.Clone(r.lats)
	slices.Sort(lats)
	if len(lats) > 0 {
		pct := func(p float64) time.Duration { return lats[int(p*float64(len(lats)-1))] }
		res.P50, res.P99, res.Max = pct(0.5), pct(0.99), pct(1)
	}
	return res
}

// SignatureRecovery measures the recovery of the senders of raws (encoded
// transactions of chain chainID), per second, on one goroutine and on one
// goroutine per core: the ceiling of a node's admission on this machine.
func SignatureRecovery(raws [][]byte, chainID uint64) (one, all float64) {
	txs := make([]*chain.Tx, len(raws))
	for i, raw := range raws {
		txs[i] = new(chain.Tx)
		_ = txs[i].UnmarshalBinary(raw)
	}
	t0 := time.Now()
	for _, tx := range txs {
		_, _ = tx.Sender(chainID)
	}
	one = float64(len(txs)) / time.Since(t0).Seconds()
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	t0 = time.Now()
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(txs); i += workers {
				_, _ = txs[i].Sender(chainID)
			}
		})
	}
	wg.Wait()
	all = float64(len(txs)) / time.Since(t0).Seconds()
	return one, all
}
