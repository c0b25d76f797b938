package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	gnarklog "github.com/consensys/gnark/logger"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/devnet"
)

func devnetCommand() *cli.Command {
	return &cli.Command{
		Name:  "devnet",
		Usage: "run a whole rollup on this machine: sequencer nodes, DA, L1 with the bridge, batcher and prover",
		Description: "One process: 1 or 3 raft sequencer nodes (each executing every block), the local DA\n" +
			"(served over the celestia-node API), an embedded L1 (go-ethereum, a block per transaction,\n" +
			"kept in the data dir) with the bridge, the committed L1 verifier and an Iris classifier\n" +
			"deployed and the operator staked, the batcher, and the prover, which proves what L1\n" +
			"committed and finalizes completed jobs on L1. The first run sets up the proving keys\n" +
			"(about 4 minutes, 9 GB of memory, cached for every later run); sequencing does not wait\n" +
			"for them. Ctrl-C stops it cleanly; started again on the same --datadir it resumes.\n" +
			"With --l1 and --key it deploys on that L1 instead of the embedded one, with --da it posts\n" +
			"to that DA instead of the local one; it trains on the one csv:FILE dataset of --data, which\n" +
			"the proof chain is set up for.\n\n" +
			"The development keys it prints are public: never use them elsewhere.\n\n" +
			"Example (then, in another terminal, the job commands it prints):\n" +
			"  trainrollup devnet --data csv:testdata/iris.csv",
		Flags: append([]cli.Flag{
			datadirFlag(),
			nodesFlag(1),
			chainIDFlag(),
			&cli.StringFlag{Name: "host", Usage: "interface every endpoint listens on", Value: "127.0.0.1", Sources: env("host")},
			&cli.IntFlag{Name: "rpc-port", Usage: "node i's JSON-RPC port is this + i", Value: 8545, Sources: env("rpc-port")},
			&cli.IntFlag{Name: "raft-port", Usage: "node i's raft port is this + i", Value: 7000, Sources: env("raft-port")},
			&cli.IntFlag{Name: "l1-port", Usage: "the embedded L1's JSON-RPC port", Value: 8645, Sources: env("l1-port")},
			&cli.IntFlag{Name: "da-port", Usage: "the local DA's celestia-node API port", Value: 26658, Sources: env("da-port")},
			l1Flag(), keyFlag(), daFlag(), daTokenFileFlag(),
			withDefault(dataFlag(), "csv:testdata/iris.csv"),
			keysFlag(),
			noProverFlag(),
			blockTimeFlag(200 * time.Millisecond),
			configFlag(), logFormatFlag(), logLevelFlag(),
		}, executorFlags()...),
		Before: configBefore,
		Action: runDevnet,
	}
}

func runDevnet(ctx context.Context, c *cli.Command) error {
	log, err := newLogger(c, c.Root().ErrWriter)
	if err != nil {
		return err
	}
	gnarklog.Disable() // the key store and the pipeline log what it would
	dir := c.String("datadir")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return fmt.Errorf("--datadir: no home directory (%v): give one", err)
		}
		dir = filepath.Join(home, ".trainrollup", "devnet")
	}
	kind, path, ok := strings.Cut(c.String("data"), ":")
	if !ok || kind != "csv" {
		return fmt.Errorf("--data %q: the devnet takes csv:FILE", c.String("data"))
	}
	all, err := dataset.LoadCSV(path)
	if err != nil {
		return fmt.Errorf("--data: %w", err)
	}
	train, _ := all.Split(5)
	cfg := devnet.DefaultConfig(dir, train)
	cfg.Nodes, cfg.ChainID, cfg.Host = c.Int("nodes"), c.Uint64("chain-id"), c.String("host")
	cfg.RPCPort, cfg.RaftPort, cfg.L1Port, cfg.DAPort = c.Int("rpc-port"), c.Int("raft-port"), c.Int("l1-port"), c.Int("da-port")
	cfg.BlockTime, cfg.NoProver, cfg.KeyDir, cfg.Log = c.Duration("block-time"), c.Bool("no-prover"), c.String("keys"), log
	if cfg.L1RPC = c.String("l1"); cfg.L1RPC != "" {
		if cfg.Operator, err = loadKey(c.String("key")); err != nil {
			return fmt.Errorf("--l1 needs the operator's L1 key: %w", err)
		}
	}
	if cfg.DARPC = c.String("da"); cfg.DARPC != "" && c.String("da-token-file") != "" {
		tok, err := os.ReadFile(c.String("da-token-file"))
		if err != nil {
			return err
		}
		cfg.DAToken = strings.TrimSpace(string(tok))
	}
	backend, closeExec, err := newBackend(c, 0)
	if err != nil {
		return err
	}
	defer closeBackend(c.Root().ErrWriter, closeExec)
	cfg.Backend = backend
	bars := newSetupBars()
	defer bars.finish()
	cfg.KeyProgress = bars.update
	d, err := devnet.New(cfg)
	if err != nil {
		return err
	}
	return serve(ctx, d, 30*time.Second, func() { printDevnet(c, d, dir, c.String("data")) })
}

// printDevnet prints the endpoints, the development keys and the commands
// that run a job on d.
func printDevnet(c *cli.Command, d *devnet.Devnet, dir, data string) {
	w := c.Root().Writer
	r := d.Record
	fmt.Fprintf(w, "trainrollup devnet (chain %d) in %s\n\n", r.ChainID, dir)
	for i, n := range d.Nodes {
		fmt.Fprintf(w, "  node%d JSON-RPC   %s  (ws: %s)\n", i, n.RPCURL(), strings.Replace(n.RPCURL(), "http://", "ws://", 1))
	}
	if u := d.L1URL(); u != "" {
		fmt.Fprintf(w, "  L1 JSON-RPC      %s  (chain %d)\n", u, r.L1ChainID)
	}
	fmt.Fprintf(w, "  DA (celestia)    %s  namespace %q", d.DAURL(), r.Namespace)
	if d.Config().DARPC == "" {
		fmt.Fprintf(w, "  (token in %s)", d.DATokenFile())
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  bridge           %s\n  classifier       %s (model %s)\n\n", r.Bridge, r.Classifier, d.Config().Shape.Model)
	if d.Config().L1RPC == "" {
		fmt.Fprintln(w, "  development keys (PUBLIC, funded on the embedded L1; key 0 is the operator's):")
		for i := range devnet.DevKeys {
			k := devnet.DevKey(i)
			fmt.Fprintf(w, "    %d  %s  %s\n", i, crypto.PubkeyToAddress(k.PublicKey), hex.EncodeToString(crypto.FromECDSA(k)))
		}
	}
	rpc := strings.Replace(d.Nodes[0].RPCURL(), "http://", "ws://", 1)
	fmt.Fprintf(w, "\n  a job, from another terminal:\n")
	fmt.Fprintf(w, "    trainrollup job submit --rpc %s --key %s --job-id 1 --data %s --model 4-8-3 --steps 64\n",
		rpc, hex.EncodeToString(crypto.FromECDSA(devnet.DevKey(1))), data)
	fmt.Fprintf(w, "    trainrollup job watch --rpc %s --job-id 1 --l1 %s --classifier %s --key %s --data %s\n\n",
		rpc, d.L1URL(), r.Classifier, hex.EncodeToString(crypto.FromECDSA(devnet.DevKey(1))), data)
	if u := d.L1URL(); u != "" {
		fmt.Fprintf(w, "  a job requested on L1 with a bounty (seeded: the sequencer trains it; the operator is paid once L1 finalizes it):\n")
		fmt.Fprintf(w, "    trainrollup job request --rpc %s --l1 %s --bridge %s --key %s --data %s --model 4-8-3 --steps 31 --bounty 0.01 --deadline 2h\n\n",
			rpc, u, r.Bridge, hex.EncodeToString(crypto.FromECDSA(devnet.DevKey(2))), data)
	}
	fmt.Fprintf(w, "  a job on another dataset: add --da %s", d.DAURL())
	if d.Config().DARPC == "" {
		fmt.Fprintf(w, " --da-token-file %s", d.DATokenFile())
	}
	fmt.Fprint(w, " to job submit, which publishes\n  and registers the dataset first")
	if !d.Config().NoProver {
		fmt.Fprintf(w, " (the prover proves %s jobs only)", d.Config().Shape)
	}
	fmt.Fprint(w, ".\n\n")
	if !d.Config().NoProver {
		fmt.Fprintln(w, "  proofs follow once the proving keys are ready (first run: minutes); Ctrl-C stops.")
	}
}
