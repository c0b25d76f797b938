package main

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/hashicorp/raft"
	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/sequencer"
	"github.com/trainrollup/trainrollup/state"
)

func benchSequencerCommand() *cli.Command {
	return &cli.Command{
		Name:  "sequencer",
		Usage: "load a sequencer cluster on loopback with signed training steps over JSON-RPC",
		Description: "Starts --nodes sequencer nodes in this process (raft over loopback TCP, pebble in a\n" +
			"temporary directory), creates one Iris job per sender, then sends pre-signed TrainStep\n" +
			"transactions with train_sendRawTransactions over WebSocket to the leader: as fast as they\n" +
			"are confirmed (--rate 0) or at a fixed rate. Latency is the soft confirmation: from the\n" +
			"call to the answer that the transaction's block is committed by raft. In the same run it\n" +
			"measures the raw signature-recovery throughput of this machine (one core and all cores)\n" +
			"and, at the end, the failover: the leader is stopped and the time until another node\n" +
			"leads is measured. Prints a table and writes JSON (--out). With --execute every node also\n" +
			"executes the blocks during the load, competing with it for the same cores.\n\n" +
			"Example: trainrollup bench sequencer --nodes 3 --duration 30s",
		Flags: []cli.Flag{
			nodesFlag(3),
			&cli.DurationFlag{Name: "duration", Usage: "load phase", Value: 30 * time.Second, Sources: env("duration")},
			&cli.IntFlag{Name: "rate", Usage: "transactions per second to offer (0: closed loop, as fast as confirmed)", Value: 0, Sources: env("rate")},
			&cli.IntFlag{Name: "senders", Usage: "signing accounts (one job each)", Value: 64, Sources: env("senders")},
			&cli.IntFlag{Name: "conns", Usage: "WebSocket connections of the load generator", Value: 8, Sources: env("conns")},
			perCallFlag(256),
			&cli.IntFlag{Name: "txs", Usage: "pre-signed transactions at most (0: duration x rate, or duration x 25,000 in closed loop)", Value: 0, Sources: env("txs")},
			executeFlag(false),
			blockTimeFlag(sequencer.DefaultConfig().BlockTime),
			&cli.StringFlag{Name: "out", Usage: "JSON result file", Value: "bench-sequencer.json", Sources: env("out")},
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the load phase to this file", Sources: env("cpuprofile")},
		},
		Action: runBenchSequencer,
	}
}

type benchSeqResult struct {
	Nodes           int     `json:"nodes"`
	Execute         bool    `json:"execute"`
	DurationSeconds float64 `json:"duration_seconds"`
	OfferedRate     int     `json:"offered_rate"` // 0: closed loop
	Confirmed       int64   `json:"confirmed"`
	Failed          int64   `json:"failed"`
	TxPerSecond     float64 `json:"tx_per_second"`
	LatencyP50Ms    float64 `json:"latency_p50_ms"`
	LatencyP99Ms    float64 `json:"latency_p99_ms"`
	LatencyMaxMs    float64 `json:"latency_max_ms"`
	// P99ByWindowMs is the p99 latency of each 5 s of the load.
	P99ByWindowMs   []float64 `json:"p99_by_5s_window_ms"`
	Blocks          uint64    `json:"blocks"`
	RecoverOneCore  float64   `json:"sig_recover_per_second_one_core"`
	RecoverAllCores float64   `json:"sig_recover_per_second_all_cores"`
	RatioOneCore    float64   `json:"ratio_to_one_core_recovery"`
	RatioAllCores   float64   `json:"ratio_to_all_cores_recovery"`
	FailoverMs      float64   `json:"failover_ms"`
	// ExecutedPerSecond: with --execute, the transactions the leader
	// executed per second from the start of the load until it executed the
	// last sequenced block.
	ExecutedPerSecond float64 `json:"executed_tx_per_second,omitempty"`
	Cores             int     `json:"cores"`
}

func runBenchSequencer(ctx context.Context, c *cli.Command) error {
	nodes, senders, conns, per := c.Int("nodes"), c.Int("senders"), c.Int("conns"), c.Int("per-call")
	if nodes < 1 || senders < 1 || conns < 1 || per < 1 || per > sequencer.MaxSendBatch {
		return errors.New("--nodes, --senders, --conns must be positive and --per-call within 1..4096")
	}
	rate, dur := c.Int("rate"), c.Duration("duration")
	total := c.Int("txs")
	if total == 0 {
		// Closed loop: enough for 25,000 tx/s over the whole duration.
		total = 25_000 * int(dur.Seconds()+1)
		if rate > 0 {
			total = rate*int(dur.Seconds()+1) + senders
		}
	}
	out := c.Root().ErrWriter
	res := benchSeqResult{Nodes: nodes, Execute: c.Bool("execute"), OfferedRate: rate, Cores: runtime.GOMAXPROCS(0)}

	// The jobs' dataset and parameters.
	d, err := dataset.LoadCSV(filepath.Join("testdata", "iris.csv"))
	if err != nil {
		return fmt.Errorf("bench sequencer runs from the repository root (testdata/iris.csv): %w", err)
	}
	train, _ := d.Split(5)
	tree, err := dataset.NewTree(train)
	if err != nil {
		return err
	}
	spec, _ := model.Parse("4-8-3")
	w, _ := model.Init(spec, 1)
	params, err := chain.ParamsOf(state.Params{Model: spec, DatasetRoot: tree.Root(), DatasetSize: uint64(train.Len()),
		LearningRate: 3277, Batch: 8, Seed: 1, InitWeights: w.Commitment(), Steps: 1 << 40})
	if err != nil {
		return err
	}

	// Pre-sign every transaction on all cores.
	fmt.Fprintf(out, "signing %d transactions from %d senders...\n", total, senders)
	const chainID = 1337
	keys := make([]*ecdsa.PrivateKey, senders)
	creates := make([][]byte, senders)
	for i := range keys {
		keys[i], _ = crypto.GenerateKey()
		tx := &chain.Tx{Type: chain.TxCreateJob, ChainID: chainID, Job: state.JobID(i + 1), Params: params}
		if err := tx.Sign(keys[i]); err != nil {
			return err
		}
		creates[i], _ = tx.MarshalBinary()
	}
	steps := make([][]byte, total)
	{
		var wg sync.WaitGroup
		workers := runtime.GOMAXPROCS(0)
		for wk := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := wk; i < total; i += workers {
					s := i % senders
					tx := &chain.Tx{Type: chain.TxTrainStep, ChainID: chainID, Nonce: uint64(i/senders) + 1, Job: state.JobID(s + 1),
						Indices: []uint64{0, 1, 2, 3, 4, 5, 6, uint64(i % 120)}}
					if err := tx.Sign(keys[s]); err != nil {
						panic(err) // a fresh key always signs
					}
					steps[i], _ = tx.MarshalBinary()
				}
			}()
		}
		wg.Wait()
	}

	// Raw signature recovery, same transactions, one core then all.
	res.RecoverOneCore, res.RecoverAllCores = recoverRate(steps[:min(len(steps), 20000)], chainID)

	// The cluster.
	root, err := os.MkdirTemp("", "trainrollup-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(root)
	// Node 0 bootstraps alone; the others join as voters at the addresses
	// they bound (port 0: no port can be taken in between).
	ns := make([]*sequencer.Node, nodes)
	defer func() {
		for _, n := range ns {
			if n != nil {
				n.Stop(context.Background())
			}
		}
	}()
	for i := range ns {
		cfg := sequencer.DefaultConfig()
		cfg.ID, cfg.DataDir, cfg.ChainID, cfg.Bootstrap = fmt.Sprintf("b%d", i), filepath.Join(root, fmt.Sprint(i)), chainID, i == 0
		cfg.RaftAddr, cfg.RPCAddr = "127.0.0.1:0", "127.0.0.1:0"
		cfg.AdminSecret = [32]byte{1}
		cfg.Execute, cfg.BlockTime = res.Execute, c.Duration("block-time")
		cfg.Mempool.MaxPerSender = 1 << 16
		cfg.Mempool.MaxNonceGap = 1 << 16
		if ns[i], err = sequencer.New(cfg, train); err != nil {
			return err
		}
		if err := ns[i].Start(ctx); err != nil {
			return err
		}
		if i == 0 {
			lctx, cancel := context.WithTimeout(ctx, 20*time.Second)
			err := ns[0].AwaitLeadership(lctx)
			cancel()
			if err != nil {
				return err
			}
			continue
		}
		if err := ns[0].Raft().AddVoter(raft.ServerID(cfg.ID), raft.ServerAddress(ns[i].RaftAddr()), 0, 10*time.Second).Error(); err != nil {
			return fmt.Errorf("add %s: %w", cfg.ID, err)
		}
	}
	leader := 0
	wsURL := "ws" + ns[leader].RPCURL()[len("http"):]
	cls := make([]*client.Client, conns)
	for i := range cls {
		if cls[i], err = client.Dial(ctx, wsURL); err != nil {
			return err
		}
		defer cls[i].Close()
	}
	for i := 0; i < senders; i += per {
		rs, err := cls[0].SendRawTransactions(ctx, creates[i:min(i+per, senders)])
		if err != nil {
			return err
		}
		for _, r := range rs {
			if r.Error != "" {
				return fmt.Errorf("create job: %s", r.Error)
			}
		}
	}
	startHead := ns[leader].Head()

	// The load.
	fmt.Fprintf(out, "loading %d node(s) for %v (%s)...\n", nodes, dur, map[bool]string{true: fmt.Sprintf("%d tx/s offered", rate), false: "closed loop"}[rate > 0])
	var (
		next      atomic.Int64
		confirmed atomic.Int64
		failed    atomic.Int64
		latMu     sync.Mutex
		lats      []time.Duration
		starts    []time.Duration // offset of each latency's call from the start
		wg        sync.WaitGroup
	)
	// Transactions go out per sender in nonce order: call i takes steps
	// [i*per, (i+1)*per), and with senders | per every sender's nonces stay
	// gapless within and across calls; the pool holds any that arrive early.
	loadCtx, cancel := context.WithTimeout(ctx, dur)
	defer cancel()
	loadEnd, _ := loadCtx.Deadline()
	if p := c.String("cpuprofile"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer f.Close()
		defer pprof.StopCPUProfile()
	}
	begin := time.Now()
	sendCall := func(cl *client.Client, lo, hi int) {
		t0 := time.Now()
		rs, err := cl.SendRawTransactions(loadCtx, steps[lo:hi])
		el := time.Since(t0)
		if err != nil {
			if time.Until(loadEnd) > 100*time.Millisecond { // not a call cut off by the end of the load
				if failed.Add(int64(hi-lo)) <= int64(hi-lo) {
					fmt.Fprintf(out, "call failed: %v\n", err)
				}
			}
			return
		}
		var ok int64
		for _, r := range rs {
			if r.Error == "" {
				ok++
			} else if failed.Load() < 5 {
				fmt.Fprintf(out, "transaction %s refused: %s\n", r.Hash, r.Error)
			}
		}
		confirmed.Add(ok)
		failed.Add(int64(len(rs)) - ok)
		latMu.Lock()
		for range ok {
			lats = append(lats, el)
			starts = append(starts, t0.Sub(begin))
		}
		latMu.Unlock()
	}
	if rate == 0 {
		for i := range conns {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for loadCtx.Err() == nil {
					lo := int(next.Add(int64(per))) - per
					if lo >= total {
						return
					}
					sendCall(cls[i], lo, min(lo+per, total))
				}
			}()
		}
	} else {
		// Open loop: every tick, the transactions due since the last one,
		// each tick's call on its own goroutine.
		tick := 5 * time.Millisecond
		t := time.NewTicker(tick)
		sent := 0
		for k := 0; loadCtx.Err() == nil && sent < total; k++ {
			select {
			case <-loadCtx.Done():
			case now := <-t.C:
				due := min(int(float64(rate)*now.Sub(begin).Seconds()), total)
				for lo := sent; lo < due; lo += per {
					hi := min(lo+per, due)
					wg.Add(1)
					go func(cl *client.Client) {
						defer wg.Done()
						sendCall(cl, lo, hi)
					}(cls[k%conns])
				}
				sent = due
			}
		}
		t.Stop()
	}
	wg.Wait()
	elapsed := time.Since(begin)
	res.DurationSeconds = elapsed.Seconds()
	res.Confirmed, res.Failed = confirmed.Load(), failed.Load()
	res.TxPerSecond = float64(res.Confirmed) / elapsed.Seconds()
	res.Blocks = ns[leader].Head() - startHead
	// p99 per 5 s window, to show whether the tail is steady or comes in
	// bursts (compactions, snapshots).
	const window = 5 * time.Second
	byWin := map[int][]time.Duration{}
	for i, l := range lats {
		byWin[int(starts[i]/window)] = append(byWin[int(starts[i]/window)], l)
	}
	for w := 0; w <= int(elapsed/window); w++ {
		ls := byWin[w]
		if len(ls) == 0 {
			continue
		}
		slices.Sort(ls)
		res.P99ByWindowMs = append(res.P99ByWindowMs, float64(ls[int(0.99*float64(len(ls)-1))])/1e6)
	}
	slices.Sort(lats)
	if len(lats) > 0 {
		pct := func(p float64) float64 { return float64(lats[int(p*float64(len(lats)-1))]) / 1e6 }
		res.LatencyP50Ms, res.LatencyP99Ms, res.LatencyMaxMs = pct(0.5), pct(0.99), pct(1)
	}
	if res.Execute {
		for ns[leader].Executed() < ns[leader].Head() {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			time.Sleep(5 * time.Millisecond)
		}
		res.ExecutedPerSecond = float64(res.Confirmed) / time.Since(begin).Seconds()
	}
	res.RatioOneCore = res.TxPerSecond / res.RecoverOneCore
	res.RatioAllCores = res.TxPerSecond / res.RecoverAllCores

	// Failover: stop the leader, time the next one.
	if nodes > 1 {
		t0 := time.Now()
		if err := ns[leader].Stop(context.Background()); err != nil {
			return err
		}
		ns[leader] = nil
		if err := waitLeader(ns); err != nil {
			return err
		}
		res.FailoverMs = float64(time.Since(t0)) / 1e6
	}
	printBenchSeq(c.Root().Writer, res)
	b, _ := json.MarshalIndent(res, "", "  ")
	return os.WriteFile(c.String("out"), append(b, '\n'), 0o644)
}

// waitLeader waits until one of ns leads.
func waitLeader(ns []*sequencer.Node) error {
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		for _, n := range ns {
			if n != nil && n.IsLeader() {
				return nil
			}
		}
	}
	return errors.New("no leader within 20 s")
}

// recoverRate measures sender recovery of raws, per second, on one
// goroutine and on one per core.
func recoverRate(raws [][]byte, chainID uint64) (one, all float64) {
	txs := make([]*chain.Tx, len(raws))
	for i, r := range raws {
		txs[i] = new(chain.Tx)
		_ = txs[i].UnmarshalBinary(r)
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
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(txs); i += workers {
				_, _ = txs[i].Sender(chainID)
			}
		}()
	}
	wg.Wait()
	all = float64(len(txs)) / time.Since(t0).Seconds()
	return one, all
}

func printBenchSeq(w io.Writer, r benchSeqResult) {
	mode := "closed loop"
	if r.OfferedRate > 0 {
		mode = fmt.Sprintf("%d tx/s offered", r.OfferedRate)
	}
	fmt.Fprintf(w, "p99 latency by 5 s window (ms): %.1f\n", r.P99ByWindowMs)
	if r.Execute {
		fmt.Fprintf(w, "executed by the leader: %.0f tx/s (from the start of the load to the last block executed)\n", r.ExecutedPerSecond)
	}
	fmt.Fprintf(w, "| nodes | executing | load | tx/s | p50 ms | p99 ms | max ms | blocks | failed | sig recover/s (1 core / %d cores) | tx/s ÷ recover/s (1 core / all) | failover ms |\n", r.Cores)
	fmt.Fprintf(w, "|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	fmt.Fprintf(w, "| %d | %v | %s | %.0f | %.1f | %.1f | %.1f | %d | %d | %.0f / %.0f | %.2f / %.2f | %.0f |\n",
		r.Nodes, r.Execute, mode, r.TxPerSecond, r.LatencyP50Ms, r.LatencyP99Ms, r.LatencyMaxMs, r.Blocks, r.Failed,
		r.RecoverOneCore, r.RecoverAllCores, r.RatioOneCore, r.RatioAllCores, r.FailoverMs)
}
