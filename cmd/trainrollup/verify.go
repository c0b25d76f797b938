package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/da/celestia"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/derive"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/sequencer"
)

func verifyCommand() *cli.Command {
	return &cli.Command{
		Name:  "verify",
		Usage: "rebuild the chain from L1 batch headers and DA blobs alone and check every committed state root",
		Description: "Reads the bridge's committed batch headers from --l1, fetches each batch's blob from --da by\n" +
			"(height, commitment), decodes it, re-executes every block (signatures recovered, every rule\n" +
			"applied) and compares the state root, step digest and L1 messages after each batch with the\n" +
			"header. With --rpc (a node), a mismatch names the first block and transaction that differ.\n" +
			"Exits 1 on a mismatch.\n\n" +
			"Example: trainrollup verify --l1 http://127.0.0.1:8545 --bridge 0x... --da http://127.0.0.1:26658 \\\n" +
			"  --da-token-file da/token --namespace trainrl --chain-id 1337 --data csv:testdata/iris.csv",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "l1", Usage: "Ethereum JSON-RPC URL", Required: true, Sources: cli.EnvVars(envPrefix + "L1_RPC")},
			&cli.StringFlag{Name: "bridge", Usage: "bridge contract address", Required: true, Sources: cli.EnvVars(envPrefix + "BRIDGE")},
			&cli.Uint64Flag{Name: "from-block", Usage: "L1 block the bridge was deployed in", Sources: cli.EnvVars(envPrefix + "BRIDGE_BLOCK")},
			&cli.StringFlag{Name: "da", Usage: "DA JSON-RPC URL (celestia-node API)", Required: true, Sources: cli.EnvVars(envPrefix + "DA_RPC")},
			&cli.StringFlag{Name: "da-token-file", Usage: "file holding the DA bearer token", Sources: cli.EnvVars(envPrefix + "DA_TOKEN_FILE")},
			&cli.StringFlag{Name: "namespace", Usage: "the rollup's DA namespace id (1-10 bytes)", Value: "trainrl", Sources: cli.EnvVars(envPrefix + "NAMESPACE")},
			&cli.Uint64Flag{Name: "chain-id", Usage: "the rollup's chain id", Value: 1337, Sources: cli.EnvVars(envPrefix + "CHAIN_ID")},
			&cli.Uint64Flag{Name: "genesis-time", Usage: "block 0's time", Sources: cli.EnvVars(envPrefix + "GENESIS_TIME")},
			&cli.StringSliceFlag{Name: "data", Usage: "datasets jobs use (as trainrollup node)", Sources: cli.EnvVars(envPrefix + "NODE_DATA")},
			&cli.StringFlag{Name: "rpc", Usage: "a node's JSON-RPC URL to locate mismatches (optional)"},
			&cli.StringFlag{Name: "state-dir", Usage: "where to keep the rebuilt state (default: in memory)"},
			&cli.DurationFlag{Name: "follow", Usage: "keep following L1 and DA, deriving new batches every this long (0: verify once and exit)"},
		},
		Action: runVerify,
	}
}

func runVerify(ctx context.Context, c *cli.Command) error {
	if !common.IsHexAddress(c.String("bridge")) {
		return fmt.Errorf("--bridge %q is not an address", c.String("bridge"))
	}
	ns, err := da.NewNamespace([]byte(c.String("namespace")))
	if err != nil {
		return fmt.Errorf("--namespace: %w", err)
	}
	var data []*dataset.Dataset
	for _, arg := range c.StringSlice("data") {
		d, err := loadNodeData(arg)
		if err != nil {
			return err
		}
		data = append(data, d)
	}
	token := ""
	if f := c.String("da-token-file"); f != "" {
		b, err := os.ReadFile(f) // no secretFile: a missing token file is an error here
		if err != nil {
			return err
		}
		token = strings.TrimSpace(string(b))
	}
	eth, err := l1.Dial(ctx, c.String("l1"))
	if err != nil {
		return err
	}
	defer eth.Close()
	layer, err := celestia.Dial(ctx, c.String("da"), token)
	if err != nil {
		return err
	}
	defer layer.Close()
	var ref derive.Reference
	if u := c.String("rpc"); u != "" {
		cl, err := client.Dial(ctx, u)
		if err != nil {
			return err
		}
		defer cl.Close()
		ref = rpcReference{ctx: ctx, c: cl}
	}
	r, err := sequencer.NewReplayer(c.String("state-dir"), c.Uint64("chain-id"), c.Uint64("genesis-time"), data...)
	if err != nil {
		return err
	}
	defer r.Close()
	w := c.Root().Writer
	bridge := l1.NewBridgeReader(common.HexToAddress(c.String("bridge")), eth)
	progress := func(h l1.BatchHeader) {
		fmt.Fprintf(w, "batch %d: blocks %d..%d (DA height %d) verified\n", h.Index, h.FirstBlock, h.LastBlock, h.DaHeight)
	}
	for {
		rep, err := derive.Run(ctx, derive.Config{Namespace: ns, FromBlock: c.Uint64("from-block")}, bridge, layer, r, ref, progress)
		var m *derive.Mismatch
		if errors.As(err, &m) {
			return fmt.Errorf("MISMATCH: %w", err)
		}
		if err != nil && (c.Duration("follow") == 0 || ctx.Err() != nil) {
			return err
		}
		if err == nil && c.Duration("follow") == 0 {
			fmt.Fprintf(w, "verified %d batches, %d blocks, %d transactions (%d bytes of blobs); state root %x\n",
				rep.Batches, rep.Blocks, rep.Transactions, rep.DABytes, rep.StateRoot)
			return nil
		}
		if err != nil {
			fmt.Fprintf(c.Root().ErrWriter, "following: %v (retrying)\n", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(c.Duration("follow")):
		}
	}
}

// rpcReference reads a node's executed blocks over JSON-RPC.
type rpcReference struct {
	ctx context.Context
	c   *client.Client
}

func (r rpcReference) Block(n uint64) (*chain.Header, [][]byte, error) {
	b, err := r.c.BlockByNumber(r.ctx, &n, true)
	if err != nil {
		return nil, nil, err
	}
	if !b.Executed {
		return nil, nil, fmt.Errorf("block %d not executed on the reference node", n)
	}
	h := &chain.Header{ParentHash: *b.ParentHash, Number: uint64(b.Number), Time: uint64(b.Time), TxRoot: *b.TxRoot,
		StateRoot: *b.StateRoot, Digest: *b.Digest, L1Messages: uint64(b.L1Messages)}
	txs := make([][]byte, len(b.Txs))
	for i, t := range b.Txs {
		txs[i] = t
	}
	return h, txs, nil
}
