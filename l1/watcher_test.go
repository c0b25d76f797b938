package l1_test

import (
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/state"
)

// recorder is a Sink that keeps the live messages.
type recorder struct {
	ms      []l1.Message
	rewinds []uint64
}

func (r *recorder) Messages(_ context.Context, ms []l1.Message) error {
	for _, m := range ms {
		if m.Index != uint64(len(r.ms)) {
			return &indexError{m.Index, uint64(len(r.ms))}
		}
		r.ms = append(r.ms, m)
	}
	return nil
}

func (r *recorder) Rewind(_ context.Context, index uint64) error {
	r.rewinds = append(r.rewinds, index)
	r.ms = r.ms[:index]
	return nil
}

type indexError struct{ got, want uint64 }

func (e *indexError) Error() string { return "message out of order" }

// newWatcher is l1.NewWatcher, failing t on a refused config.
func newWatcher(t *testing.T, client l1.Client, cfg l1.WatcherConfig, from l1.Cursor) *l1.Watcher {
	t.Helper()
	w, err := l1.NewWatcher(client, cfg, from)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestWatcher delivers requests once confirmed, in order, survives a
// reorg that moves a message to another block, and resumes from a cursor.
func TestWatcher(t *testing.T) {
	f := newFixture(t, l1.DefaultBridgeConfig(1).GenesisRoot)
	start, _ := f.client.BlockNumber(t.Context())
	w := newWatcher(t, f.client, l1.WatcherConfig{Bridge: f.bridge, Confirmations: 2, MaxRange: 3}, l1.Cursor{Block: 0})
	var rec recorder
	poll := func() {
		t.Helper()
		if err := w.Poll(t.Context(), &rec); err != nil {
			t.Fatal(err)
		}
	}
	p := params()
	for range 3 {
		if _, err := f.request(f.alice, p, minBounty, time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	poll()
	if len(rec.ms) != 1 { // the last two are less than 2 blocks deep
		t.Fatalf("%d messages delivered, want 1", len(rec.ms))
	}
	f.sim.Commit()
	f.sim.Commit()
	poll()
	if len(rec.ms) != 3 {
		t.Fatalf("%d messages delivered, want 3", len(rec.ms))
	}
	for i, m := range rec.ms {
		if m.JobID != l1.L1JobIDBase+state.JobID(i) || m.Owner != f.alice.addr || m.QueueHash != f.queue[i+1] || m.Block <= start {
			t.Fatalf("message %d: %+v", i, m)
		}
	}

	// A reorg at the head: with no confirmations the watcher saw message 3
	// in a block that a longer side chain replaces; the request is mined
	// again in the new chain, after a request from bob.
	w0 := newWatcher(t, f.client, l1.WatcherConfig{Bridge: f.bridge}, rec.ms[2].Next())
	var rec0 recorder
	rec0.ms = append(rec0.ms, rec.ms...)
	head, _ := f.client.HeaderByNumber(t.Context(), nil)
	if _, err := f.request(f.alice, p, minBounty, time.Hour); err != nil { // message 3
		t.Fatal(err)
	}
	if err := w0.Poll(t.Context(), &rec0); err != nil {
		t.Fatal(err)
	}
	if len(rec0.ms) != 4 {
		t.Fatalf("%d messages, want 4", len(rec0.ms))
	}
	orphan := rec0.ms[3]
	if err := f.sim.Fork(head.Hash()); err != nil {
		t.Fatal(err)
	}
	f.queue = f.queue[:4]
	sendRaw(t, f, f.bob, abiBridge.PackRequestTraining(p, f.now()+3600), big.NewInt(minBounty))
	f.sim.Commit()
	f.sim.Commit()
	f.sim.Commit()
	if err := w0.Poll(t.Context(), &rec0); err != nil {
		t.Fatal(err)
	}
	if len(rec0.rewinds) != 1 || rec0.rewinds[0] != 3 {
		t.Fatalf("rewinds %v, want [3]", rec0.rewinds)
	}
	if len(rec0.ms) < 4 || rec0.ms[3].BlockHash == orphan.BlockHash {
		t.Fatalf("after the reorg: %d messages, message 3 in block %x (orphaned %x)", len(rec0.ms), rec0.ms[3].BlockHash, orphan.BlockHash)
	}
	// Whatever the new chain holds, the delivered queue is the contract's.
	n, _ := abiBridge.UnpackL1MessageCount(f.view(abiBridge.PackL1MessageCount()))
	if uint64(len(rec0.ms)) != n {
		t.Fatalf("%d messages delivered, %d queued", len(rec0.ms), n)
	}
	q, err := abiBridge.UnpackL1Queue(f.view(abiBridge.PackL1Queue(n)))
	if err != nil || common.Hash(q.Hash) != rec0.ms[n-1].QueueHash {
		t.Fatalf("queue hash %x, delivered %x (%v)", q.Hash, rec0.ms[n-1].QueueHash, err)
	}
}

// sendRaw signs and submits a transaction without mining it.
func sendRaw(t *testing.T, f *fixture, from account, data []byte, value *big.Int) {
	t.Helper()
	nonce, err := f.client.PendingNonceAt(t.Context(), from.addr)
	if err != nil {
		t.Fatal(err)
	}
	tx := types.MustSignNewTx(from.key, types.LatestSignerForChainID(f.l1ID), &types.DynamicFeeTx{
		ChainID: f.l1ID, Nonce: nonce, GasTipCap: big.NewInt(2e9), GasFeeCap: big.NewInt(100e9), Gas: 1_000_000,
		To: &f.bridge, Value: value, Data: data,
	})
	if err := f.client.SendTransaction(t.Context(), tx); err != nil {
		t.Fatal(err)
	}
}

// TestWatcherResume resumes from a cursor in the middle of a block (two
// messages in one block, the first applied): only the second is
// delivered; when that block is then reorged out, the watcher reports a
// deep reorg instead of silently losing the applied message.
func TestWatcherResume(t *testing.T) {
	f := newFixture(t, l1.DefaultBridgeConfig(1).GenesisRoot)
	p := params()
	base, _ := f.client.HeaderByNumber(t.Context(), nil)
	sendRaw(t, f, f.alice, abiBridge.PackRequestTraining(p, f.now()+3600), big.NewInt(minBounty))
	sendRaw(t, f, f.bob, abiBridge.PackRequestTraining(p, f.now()+3600), big.NewInt(minBounty))
	f.sim.Commit()
	var all recorder
	if err := newWatcher(t, f.client, l1.WatcherConfig{Bridge: f.bridge}, l1.Cursor{}).Poll(t.Context(), &all); err != nil {
		t.Fatal(err)
	}
	if len(all.ms) != 2 || all.ms[0].Block != all.ms[1].Block {
		t.Fatalf("messages %+v: want two in one block", all.ms)
	}
	w := newWatcher(t, f.client, l1.WatcherConfig{Bridge: f.bridge}, all.ms[0].Next())
	rec := recorder{ms: all.ms[:1:1]}
	if err := w.Poll(t.Context(), &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.ms) != 2 || rec.ms[1].QueueHash != all.ms[1].QueueHash {
		t.Fatalf("resumed: %+v", rec.ms)
	}
	// A cursor whose queue hash does not match its block is refused.
	bad := all.ms[0].Next()
	bad.QueueHash[0] ^= 1
	err := newWatcher(t, f.client, l1.WatcherConfig{Bridge: f.bridge}, bad).Poll(t.Context(), &recorder{ms: all.ms[:1:1]})
	if !errors.Is(err, l1.ErrQueueBroken) {
		t.Fatalf("mismatched cursor: %v", err)
	}
	if err := f.sim.Fork(base.Hash()); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		f.sim.Commit()
	}
	if err := w.Poll(t.Context(), &rec); !errors.Is(err, l1.ErrDeepReorg) {
		t.Fatalf("start block reorged out: got %v, want ErrDeepReorg", err)
	}
}
