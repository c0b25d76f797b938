package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/lifecycle"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/sequencer"
	"github.com/trainrollup/trainrollup/state"
)

func nodeCommand() *cli.Command {
	def := sequencer.DefaultConfig()
	return &cli.Command{
		Name:  "node",
		Usage: "run a sequencer node (raft member, block producer when leading, executor, JSON-RPC)",
		Description: "A three-node cluster on one machine:\n" +
			"  trainrollup node --id n0 --datadir d0 --raft-addr 127.0.0.1:7000 --rpc-addr 127.0.0.1:8545 --bootstrap \\\n" +
			"    --peers n0=127.0.0.1:7000,n1=127.0.0.1:7001,n2=127.0.0.1:7002 --da http://127.0.0.1:26658 --da-token-file da/token\n" +
			"  (and n1, n2 likewise with their own addresses and data dirs, the same --peers and secret)\n\n" +
			"JSON-RPC: train_ at http://RPC-ADDR/ (and ws://), admin_ at /admin with a JWT made from\n" +
			"the secret in --admin-secret (created, 32 random bytes in hex, when the file does not exist).\n" +
			"Prometheus metrics at http://RPC-ADDR/metrics. With --l1 and --bridge the node reads its\n" +
			"posted and finalized heads from the bridge (a batcher and a prover that run apart move them),\n" +
			"and follows its L1 message queue: the leader includes every job requested on L1, in queue\n" +
			"order, once its L1 block is --l1-confirmations deep, and schedules its steps.\n\n" +
			"Datasets: the node fetches every registered dataset's chunks from --da by its manifest and\n" +
			"checks them (into DATADIR/datasets); --data files are local copies that spare the fetch, checked\n" +
			"against the registration the same way. A node with neither stops executing at a registration it\n" +
			"cannot check, and goes on once it can.",
		Flags: append([]cli.Flag{
			required(serverIDFlag()),
			required(datadirFlag()),
			raftAddrFlag(def.RaftAddr),
			&cli.StringFlag{Name: "rpc-addr", Usage: "JSON-RPC address (HTTP and WebSocket), host:port", Value: def.RPCAddr, Sources: env("rpc-addr")},
			adminSecretFlag(),
			&cli.BoolFlag{Name: "bootstrap", Usage: "start a new cluster of --peers (or of this node alone) unless raft state exists", Sources: env("bootstrap")},
			&cli.StringFlag{Name: "peers", Usage: "initial voters: id=host:port,... (with this node)", Sources: env("peers")},
			chainIDFlag(),
			genesisTimeFlag(),
			datasetsFlag(), daFlag(), daTokenFileFlag(), namespaceFlag(),
			blockTimeFlag(def.BlockTime),
			&cli.IntFlag{Name: "max-block-txs", Usage: "transitions per block at most (a transaction is one, a seeded job's step one each; at most the prover's --slots)", Value: def.MaxBlockTxs, Sources: env("max-block-txs")},
			&cli.IntFlag{Name: "seeded-steps-per-block", Usage: "seeded jobs' steps the leader schedules in one block at most, shared among the jobs", Value: def.SeededStepsPerBlock, Sources: env("seeded-steps-per-block")},
			executeFlag(def.Execute),
			&cli.DurationFlag{Name: "election-timeout", Usage: "raft heartbeat and election timeout", Value: def.ElectionTimeout, Sources: env("election-timeout")},
			jobShapeFlag(),
			l1Flag(), bridgeFlag(), l1FromBlockFlag(),
			&cli.Uint64Flag{Name: "l1-confirmations", Usage: "how deep an L1 block must be before the leader includes its L1 messages (0 on a dev chain that mines only on transactions)", Value: 2, Sources: env("l1-confirmations")},
			configFlag(), logFormatFlag(), logLevelFlag(),
		}, executorFlags()...),
		Before: configBefore,
		Action: runNode,
	}
}

// newLogger builds the slog logger of --log-format and --log-level.
func newLogger(c *cli.Command, w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.String("log-level"))); err != nil {
		return nil, fmt.Errorf("--log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch c.String("log-format") {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", c.String("log-format"))
}

// parsePeers parses id=host:port,...
func parsePeers(s string) ([]sequencer.Peer, error) {
	if s == "" {
		return nil, nil
	}
	var peers []sequencer.Peer
	for _, p := range strings.Split(s, ",") {
		id, addr, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || id == "" || addr == "" {
			return nil, fmt.Errorf("--peers: %q is not id=host:port", p)
		}
		peers = append(peers, sequencer.Peer{ID: id, Addr: addr})
	}
	return peers, nil
}

// secretFile returns the hex secret of n random bytes in path, creating
// the file (mode 0600) when it does not exist.
func secretFile(path string, n int) ([]byte, error) {
	return readSecret(path, n, true)
}

// readSecret returns the hex secret of n bytes in path; with create, a
// missing file is created with a random secret (mode 0600), else it is an
// error.
func readSecret(path string, n int, create bool) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && create {
		s := make([]byte, n)
		if _, err := rand.Read(s); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		return s, os.WriteFile(path, []byte(hex.EncodeToString(s)+"\n"), 0o600)
	}
	if err != nil {
		return nil, err
	}
	s, err := hex.DecodeString(strings.TrimPrefix(strings.TrimSpace(string(b)), "0x"))
	if err != nil || len(s) != n {
		return nil, fmt.Errorf("secret file %s: want %d bytes in hex", path, n)
	}
	return s, nil
}

// parseShape parses --job-shape (MODEL/bBATCH/dDEPTH): the step circuit
// of the chain's prover, one step per proof.
func parseShape(arg string) (circuits.StepShape, error) {
	parts := strings.Split(arg, "/")
	if len(parts) != 3 || !strings.HasPrefix(parts[1], "b") || !strings.HasPrefix(parts[2], "d") {
		return circuits.StepShape{}, fmt.Errorf("--job-shape %q: want MODEL/bBATCH/dDEPTH, e.g. 4-8-3/b8/d7", arg)
	}
	spec, err := model.Parse(parts[0])
	if err != nil {
		return circuits.StepShape{}, fmt.Errorf("--job-shape %q: %w", arg, err)
	}
	batch, err1 := strconv.Atoi(parts[1][1:])
	depth, err2 := strconv.Atoi(parts[2][1:])
	if err := errors.Join(err1, err2); err != nil {
		return circuits.StepShape{}, fmt.Errorf("--job-shape %q: %w", arg, err)
	}
	s := circuits.StepShape{Model: spec, Batch: batch, DatasetDepth: depth, Steps: 1}
	if err := s.Check(); err != nil {
		return circuits.StepShape{}, fmt.Errorf("--job-shape %q: %w", arg, err)
	}
	return s, nil
}

// shapeRule parses --job-shape into an admission rule that refuses jobs
// of any other shape.
func shapeRule(arg string) (func(state.Params) error, error) {
	want, err := parseShape(arg)
	if err != nil {
		return nil, err
	}
	return func(p state.Params) error {
		got := circuits.StepShape{Model: p.Model, Batch: int(p.Batch), DatasetDepth: dataset.Depth(int(p.DatasetSize)), Steps: 1}
		if got.String() != want.String() {
			return fmt.Errorf("this chain proves jobs of shape %s only, not %s", want, got)
		}
		return nil
	}, nil
}

// newRegistry is a Prometheus registry with the Go runtime's and the
// process's metrics.
func newRegistry() *prometheus.Registry {
	r := prometheus.NewRegistry()
	r.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return r
}

// loadNodeData loads one --data value of the node.
func loadNodeData(arg string) (*dataset.Dataset, error) {
	kind, path, ok := strings.Cut(arg, ":")
	if !ok || path == "" {
		return nil, fmt.Errorf("--data %q: want csv:FILE, mnist:DIR, mnist14:DIR or published:DIR", arg)
	}
	switch kind {
	case "csv":
		d, err := dataset.LoadCSV(path)
		if err != nil {
			return nil, err
		}
		train, _ := d.Split(5)
		return train, nil
	case "mnist", "mnist14":
		train, _, err := dataset.LoadMNIST(path, kind == "mnist14")
		return train, err
	case "published":
		return loadPublished(path)
	}
	return nil, fmt.Errorf("--data %q: unknown kind %q", arg, kind)
}

func runNode(ctx context.Context, c *cli.Command) error {
	log, err := newLogger(c, c.Root().ErrWriter)
	if err != nil {
		return err
	}
	cfg := sequencer.DefaultConfig()
	cfg.ID, cfg.DataDir = c.String("id"), c.String("datadir")
	cfg.RaftAddr, cfg.RPCAddr = c.String("raft-addr"), c.String("rpc-addr")
	cfg.Bootstrap, cfg.ChainID, cfg.GenesisTime = c.Bool("bootstrap"), c.Uint64("chain-id"), c.Uint64("genesis-time")
	cfg.BlockTime, cfg.MaxBlockTxs, cfg.Execute = c.Duration("block-time"), c.Int("max-block-txs"), c.Bool("execute")
	cfg.SeededStepsPerBlock = c.Int("seeded-steps-per-block")
	cfg.ElectionTimeout = c.Duration("election-timeout")
	cfg.HeartbeatTimeout = cfg.ElectionTimeout
	cfg.LeaderLeaseTimeout = cfg.ElectionTimeout / 2
	cfg.Log, cfg.Metrics = log, newRegistry()
	if s := c.String("job-shape"); s != "" {
		if cfg.AcceptJob, err = shapeRule(s); err != nil {
			return err
		}
	}
	if cfg.Peers, err = parsePeers(c.String("peers")); err != nil {
		return err
	}
	secretPath := c.String("admin-secret")
	if secretPath == "" && len(cfg.Peers) > 1 {
		// Followers forward admin calls to the leader with their own
		// secret: one random secret per node would refuse every forward.
		return errors.New("--admin-secret: a cluster of several nodes needs one secret file, shared by all of them")
	}
	if secretPath == "" {
		secretPath = filepath.Join(cfg.DataDir, "admin-secret")
	}
	secret, err := secretFile(secretPath, 32)
	if err != nil {
		return err
	}
	cfg.AdminSecret = [32]byte(secret)
	var data []*dataset.Dataset
	for _, arg := range c.StringSlice("data") {
		d, err := loadNodeData(arg)
		if err != nil {
			return err
		}
		data = append(data, d)
	}
	if cfg.Namespace, err = da.NewNamespace([]byte(c.String("namespace"))); err != nil {
		return fmt.Errorf("--namespace: %w", err)
	}
	var parts lifecycle.Group
	if c.String("da") != "" {
		layer, _, err := dialDA(ctx, c)
		if err != nil {
			return err
		}
		cfg.DA = layer
		// Stopped after the node (a group stops last first).
		parts.Add("DA client", lifecycle.OnStop(func() error { layer.Close(); return nil }))
	}
	backend, closeExec, err := newBackend(c, 0)
	if err != nil {
		return err
	}
	defer closeBackend(c.Root().ErrWriter, closeExec)
	cfg.Backend = backend
	var eth *ethclient.Client
	bridge := common.HexToAddress(c.String("bridge"))
	if url := c.String("l1"); url != "" {
		if !common.IsHexAddress(c.String("bridge")) {
			return fmt.Errorf("--bridge %q: want an address with --l1", c.String("bridge"))
		}
		if eth, err = l1.Dial(ctx, url); err != nil {
			return err
		}
		// Stopped after the node (a group stops last first).
		parts.Add("L1 client", lifecycle.OnStop(func() error { eth.Close(); return nil }))
		wcfg := l1.DefaultWatcherConfig()
		wcfg.Bridge, wcfg.Confirmations = bridge, c.Uint64("l1-confirmations")
		cfg.L1 = &sequencer.L1Config{Client: eth, Watcher: wcfg, FromBlock: c.Uint64("l1-from-block")}
	}
	n, err := sequencer.New(cfg, data...)
	if err != nil {
		if eth != nil {
			eth.Close()
		}
		return err
	}
	log.Info("executor", "backend", backend.Name())
	parts.Add("node", n)
	if eth != nil {
		fcfg := l1.DefaultHeadFollowerConfig()
		fcfg.FromBlock, fcfg.Log = c.Uint64("l1-from-block"), log
		// A batcher and a prover running apart from the node report on L1.
		f, err := l1.NewHeadFollower(l1.NewBridgeReader(bridge, eth), fcfg, func(posted, final uint64) {
			n.SetPosted(posted)
			n.SetProven(final)
			n.SetFinalized(final)
		})
		if err != nil {
			eth.Close()
			return errors.Join(err, n.Stop(ctx))
		}
		parts.Add("L1 head follower", f)
	}
	return serve(ctx, &parts, 10*time.Second, func() {
		fmt.Fprintf(c.Root().Writer, "node %s: raft %s, JSON-RPC %s (admin: %s/admin, secret in %s)\n", cfg.ID, n.RaftAddr(), n.RPCURL(), n.RPCURL(), secretPath)
	})
}
