// Package testnode starts a real one-node sequencer cluster for tests of
// the parts that sit beside a node (batcher, verification, the CLI): raft
// over loopback TCP, pebble in a temporary directory, JSON-RPC on a free
// port, stopped when the test ends.
package testnode

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/sequencer"
)

// Start starts a node of chain chainID holding datasets, waits until it
// leads, and returns it with a client of its JSON-RPC (both closed at the
// test's end).
func Start(t testing.TB, chainID uint64, datasets ...*dataset.Dataset) (*sequencer.Node, *client.Client) {
	t.Helper()
	ctx := t.Context()
	cfg := sequencer.DefaultConfig()
	cfg.ID, cfg.DataDir, cfg.ChainID, cfg.Bootstrap = "t0", filepath.Join(t.TempDir(), "node"), chainID, true
	cfg.RaftAddr, cfg.RPCAddr, cfg.AdminSecret = "127.0.0.1:0", "127.0.0.1:0", [32]byte{1}
	node, err := sequencer.New(cfg, datasets...)
	if err != nil {
		t.Fatal(err)
	}
	if err := node.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { node.Stop(context.Background()) })
	lctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := node.AwaitLeadership(lctx); err != nil {
		t.Fatal(err)
	}
	cl, err := client.Dial(ctx, node.RPCURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	return node, cl
}
