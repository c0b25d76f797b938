package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	gnarklog "github.com/consensys/gnark/logger"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/batcher"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/lifecycle"
	"github.com/trainrollup/trainrollup/prover"
	"github.com/trainrollup/trainrollup/state"
)

func operatorCommand() *cli.Command {
	return &cli.Command{
		Name:  "operator",
		Usage: "run the batcher and the prover of a sequencer cluster that runs apart (nodes, L1 and DA by URL)",
		Description: "The batcher reads executed blocks from the nodes of --rpc (any of them: every node executes\n" +
			"every block; a node that fails is skipped), posts batches to --da and commits them on the\n" +
			"bridge with --key's account (a staked operator). The prover derives what L1 committed from\n" +
			"L1 and DA, proves it with the proof chain of --job-shape (k = 1, --slots transitions per L1\n" +
			"proof: the nodes' --max-block-txs must not exceed it), sends the proofs and finalizes\n" +
			"completed jobs. It fetches each job's dataset from DA by its registered root (into\n" +
			"--dataset-cache; --data is an optional local copy, checked against the root). Nodes\n" +
			"started with --l1 and --bridge show the heads this moves.\n\n" +
			"Example: trainrollup operator --rpc http://127.0.0.1:8545,http://127.0.0.1:8546 --l1 http://127.0.0.1:8645 \\\n" +
			"  --bridge 0x... --da http://127.0.0.1:26658 --key @operator.hex --datadir op",
		Flags: append(chainFlags(),
			required(rpcFlag("")),
			required(keyFlag()),
			required(datadirFlag()),
			withDefault(jobShapeFlag(), committedJobShape), slotsFlag(), keysFlag(),
			noProverFlag(),
			&cli.DurationFlag{Name: "post-interval", Usage: "longest wait of an executed block for its batch", Value: 2 * time.Second, Sources: env("post-interval")},
			&cli.StringFlag{Name: "metrics-addr", Usage: "serve Prometheus metrics at http://ADDR/metrics (host:port; empty: none)", Sources: env("metrics-addr")},
			configFlag(), logFormatFlag(), logLevelFlag(),
		),
		Before: configBefore,
		Action: runOperator,
	}
}

// committedJobShape is the shape the committed L1 verifier's proof chain
// proves (devnet.CommittedShape at k = 1): the operator's default.
const committedJobShape = "4-8-3/b8/d7"

func runOperator(ctx context.Context, c *cli.Command) error {
	log, err := newLogger(c, c.Root().ErrWriter)
	if err != nil {
		return err
	}
	gnarklog.Disable()
	key, err := loadKey(c.String("key"))
	if err != nil {
		return err
	}
	shape, err := parseShape(c.String("job-shape"))
	if err != nil {
		return err
	}
	slots := c.Int("slots")
	if err := checkSlots(slots); err != nil {
		return err
	}
	cc, err := openChain(ctx, c)
	if err != nil {
		return err
	}
	defer cc.Close()
	txm, err := l1.NewTxManager(ctx, cc.eth, key, l1.TxConfig{})
	if err != nil {
		return err
	}
	bridge := l1.NewBridge(cc.bridge, txm)
	src, err := client.NewSource(strings.Split(c.String("rpc"), ","))
	if err != nil {
		return err
	}
	defer src.Close()
	dir := c.String("datadir")
	genesis := l1.GenesisHeader(state.EmptyRoot())
	var parts lifecycle.Group
	bcfg := batcher.DefaultConfig(cc.ns, genesis)
	bcfg.FromBlock, bcfg.MaxTransitions, bcfg.Interval, bcfg.Log = c.Uint64("l1-from-block"), slots, c.Duration("post-interval"), log
	b, err := batcher.New(bcfg, src, cc.layer, bridge, filepath.Join(dir, "batcher"))
	if err != nil {
		return err
	}
	parts.Add("batcher", b)
	reg := newRegistry()
	var metrics *metricsServer
	if addr := c.String("metrics-addr"); addr != "" {
		metrics = &metricsServer{addr: addr, reg: reg}
		parts.Add("metrics server", metrics)
	}
	if !c.Bool("no-prover") {
		ks, _, _, err := openKeyStore(c)
		if err != nil {
			return errors.Join(err, b.Stop(ctx))
		}
		svc, err := prover.Open(prover.Setup{Keys: ks, Dir: filepath.Join(dir, "prover"), Registry: reg,
			Pipeline: prover.PipelineConfig{Slots: slots},
			Service: prover.ServiceConfig{ChainID: c.Uint64("chain-id"), GenesisTime: c.Uint64("genesis-time"), Namespace: cc.ns,
				Genesis: genesis, FromBlock: c.Uint64("l1-from-block"), Shape: shape, Datasets: cc.data}}, bridge, cc.layer, log)
		if err != nil {
			return errors.Join(err, b.Stop(ctx))
		}
		parts.Add("prover", svc)
	}
	return serve(ctx, &parts, 30*time.Second, func() {
		w := c.Root().Writer
		fmt.Fprintf(w, "operator: batching from %s to %s, committing on %s with %s\n", c.String("rpc"), c.String("da"), cc.bridge, txm.From())
		if metrics != nil {
			fmt.Fprintf(w, "operator: metrics at http://%s/metrics\n", metrics.Addr())
		}
		if !c.Bool("no-prover") {
			fmt.Fprintf(w, "operator: proving %s, %d transitions per L1 proof (keys: loading or setting up)\n", shape, slots)
		}
	})
}

// metricsServer serves a Prometheus registry at http://addr/metrics.
type metricsServer struct {
	addr string
	reg  *prometheus.Registry
	srv  *http.Server
	ln   net.Listener
}

func (m *metricsServer) Start(context.Context) error {
	ln, err := net.Listen("tcp", m.addr)
	if err != nil {
		return fmt.Errorf("--metrics-addr: %w", err)
	}
	m.ln = ln
	m.srv = &http.Server{Handler: promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}), ReadHeaderTimeout: 10 * time.Second}
	go m.srv.Serve(ln)
	return nil
}

func (m *metricsServer) Stop(ctx context.Context) error {
	if m.srv == nil {
		return nil
	}
	return m.srv.Shutdown(ctx)
}

// Addr is the address it listens on.
func (m *metricsServer) Addr() net.Addr { return m.ln.Addr() }
