package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/client/load"
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
			outFlag("bench-sequencer.json"),
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
	nodes, conns := c.Int("nodes"), c.Int("conns")
	if nodes < 1 || c.Int("senders") < 1 || conns < 1 || c.Int("per-call") < 1 || c.Int("per-call") > sequencer.MaxSendBatch {
		return errors.New("--nodes, --senders, --conns must be positive and --per-call within 1..4096")
	}
	out := c.Root().ErrWriter
	res := benchSeqResult{Nodes: nodes, Execute: c.Bool("execute"), OfferedRate: c.Int("rate"), Cores: runtime.GOMAXPROCS(0)}

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
	const chainID = 1337
	cfg := load.Config{ChainID: chainID, Senders: c.Int("senders"), Txs: c.Int("txs"), PerCall: c.Int("per-call"), Rate: res.OfferedRate, Duration: c.Duration("duration"),
		Params: state.Params{Model: spec, DatasetRoot: tree.Root(), DatasetSize: uint64(train.Len()),
			LearningRate: 3277, Batch: 8, Seed: 1, InitWeights: w.Commitment(), Steps: 1 << 40}}

	// Pre-sign every transaction on all cores; raw signature recovery,
	// same transactions, one core then all.
	fmt.Fprintf(out, "signing %d transactions from %d senders...\n", cfg.Transactions(), cfg.Senders)
	gen, err := load.New(cfg, slog.New(slog.NewTextHandler(out, nil)))
	if err != nil {
		return err
	}
	steps := gen.Steps()
	res.RecoverOneCore, res.RecoverAllCores = load.SignatureRecovery(steps[:min(len(steps), 20000)], chainID)

	// The cluster.
	root, err := os.MkdirTemp("", "trainrollup-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(root)
	// Node 0 bootstraps alone; the others join as voters at the addresses
	// they bound (port 0: no port can be taken in between).
	cfgs := make([]sequencer.Config, nodes)
	for i := range cfgs {
		cfg := sequencer.DefaultConfig()
		cfg.ID, cfg.DataDir, cfg.ChainID, cfg.Bootstrap = fmt.Sprintf("b%d", i), filepath.Join(root, fmt.Sprint(i)), chainID, i == 0
		cfg.RaftAddr, cfg.RPCAddr = "127.0.0.1:0", "127.0.0.1:0"
		cfg.AdminSecret = [32]byte{1}
		cfg.Execute, cfg.BlockTime = res.Execute, c.Duration("block-time")
		cfg.Mempool.MaxPerSender = 1 << 16
		cfg.Mempool.MaxNonceGap = 1 << 16
		cfgs[i] = cfg
	}
	cluster, err := sequencer.NewNodeCluster(cfgs, func(int) []*dataset.Dataset { return []*dataset.Dataset{train} })
	if err != nil {
		return err
	}
	if err := cluster.Start(ctx); err != nil {
		return err
	}
	defer cluster.Stop(context.Background())
	leader, err := waitLeader(ctx, cluster)
	if err != nil {
		return err
	}
	ns := cluster.Members()
	wsURL := "ws" + ns[leader].RPCURL()[len("http"):]
	cls := make([]*client.Client, conns)
	for i := range cls {
		if cls[i], err = client.Dial(ctx, wsURL); err != nil {
			return err
		}
		defer cls[i].Close()
	}
	if err := gen.CreateJobs(ctx, cls[0]); err != nil {
		return err
	}
	startHead := ns[leader].Head()

	// The load.
	fmt.Fprintf(out, "loading %d node(s) for %v (%s)...\n", nodes, cfg.Duration, map[bool]string{true: fmt.Sprintf("%d tx/s offered", cfg.Rate), false: "closed loop"}[cfg.Rate > 0])
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
	lr, err := gen.Run(ctx, cls)
	if err != nil {
		return err
	}
	ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
	res.DurationSeconds = lr.Elapsed.Seconds()
	res.Confirmed, res.Failed = lr.Confirmed, lr.Failed
	res.TxPerSecond = lr.TxPerSecond()
	res.LatencyP50Ms, res.LatencyP99Ms, res.LatencyMaxMs = ms(lr.P50), ms(lr.P99), ms(lr.Max)
	for _, p := range lr.P99ByWindow {
		res.P99ByWindowMs = append(res.P99ByWindowMs, ms(p))
	}
	res.Blocks = ns[leader].Head() - startHead
	if res.Execute {
		for ns[leader].Executed() < ns[leader].Head() {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			time.Sleep(5 * time.Millisecond)
		}
		res.ExecutedPerSecond = float64(res.Confirmed) / time.Since(lr.Start).Seconds()
	}
	res.RatioOneCore = res.TxPerSecond / res.RecoverOneCore
	res.RatioAllCores = res.TxPerSecond / res.RecoverAllCores

	// Failover: stop the leader, time the next one.
	if nodes > 1 {
		t0 := time.Now()
		if err := cluster.StopMember(ctx, leader); err != nil {
			return err
		}
		if _, err := waitLeader(ctx, cluster); err != nil {
			return err
		}
		res.FailoverMs = float64(time.Since(t0)) / 1e6
	}
	printBenchSeq(c.Root().Writer, res)
	b, _ := json.MarshalIndent(res, "", "  ")
	return os.WriteFile(c.String("out"), append(b, '\n'), 0o644)
}

// waitLeader waits up to 20 s for one member of the cluster to lead.
func waitLeader(ctx context.Context, c *sequencer.Cluster[*sequencer.Node]) (int, error) {
	ctx, cancel := context.WithTimeoutCause(ctx, 20*time.Second, errors.New("20 s passed"))
	defer cancel()
	return c.Leader(ctx)
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
