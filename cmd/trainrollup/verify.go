package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/derive"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/rollup"
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
			"  --da-token-file da/token --namespace trainrl --chain-id 1337\n\n" +
			"Registered datasets are fetched from DA by their manifests into --dataset-cache and checked;\n" +
			"--data files, if given, are local copies that spare the fetch (checked the same way).",
		Flags: append(chainFlags(),
			rpcFlag(""),
			&cli.StringFlag{Name: "state-dir", Usage: "where to keep the rebuilt state (default: in memory)", Sources: env("state-dir")},
			&cli.DurationFlag{Name: "follow", Usage: "keep following L1 and DA, deriving new batches every this long (0: verify once and exit)", Sources: env("follow")},
		),
		Action: runVerify,
	}
}

func runVerify(ctx context.Context, c *cli.Command) error {
	cc, err := openChain(ctx, c)
	if err != nil {
		return err
	}
	defer cc.Close()
	var ref derive.Reference
	if u := c.String("rpc"); u != "" {
		cl, err := client.Dial(ctx, u)
		if err != nil {
			return err
		}
		defer cl.Close()
		ref = rpcReference{ctx: ctx, c: cl}
	}
	ds, err := cc.datasets(c)
	if err != nil {
		return err
	}
	r, err := rollup.NewReplayer(c.String("state-dir"), c.Uint64("chain-id"), c.Uint64("genesis-time"), ds)
	if err != nil {
		return err
	}
	defer r.Close()
	w := c.Root().Writer
	bridge := l1.NewBridgeReader(cc.bridge, cc.eth)
	progress := func(h l1.BatchHeader) {
		fmt.Fprintf(w, "batch %d: blocks %d..%d (DA height %d) verified\n", h.Index, h.FirstBlock, h.LastBlock, h.DaHeight)
	}
	for {
		rep, err := derive.Run(ctx, derive.Config{Namespace: cc.ns, FromBlock: c.Uint64("l1-from-block")}, bridge, cc.layer, r, ref, progress)
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
	h, err := b.Header()
	if err != nil {
		return nil, nil, fmt.Errorf("reference node: %w", err)
	}
	return h, b.RawTxs(), nil
}
