// Package derive rebuilds the rollup chain from L1 and DA alone, the way
// op-node derives an OP chain: for each batch header the bridge holds, it
// fetches the batch's blob from DA by (height, commitment), decodes it
// (spec/batches.md), re-executes its blocks with signatures recovered and
// every rule applied (rollup.Replayer), and checks the state root, the
// digest and the L1 messages after the batch against the header.
//
// Where it sits: `trainrollup verify --l1 URL --da URL` runs it; a
// follower would too. It trusts neither the sequencer nor the batcher:
// only the bridge's stored header hashes and the DA layer's data.
//
// Invariants:
//   - A batch is accepted only if it starts right after the previous one,
//     ends at the header's lastBlock, decodes, every transaction recovers
//     a sender, and the state after it is the one the header commits to.
//   - The first failure stops the run with a Mismatch naming the batch,
//     and, given a reference node, the first block and transaction that
//     differ from it.
package derive

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/rollup"
)

// Bridge is what derivation reads from L1.
type Bridge interface {
	Batches(ctx context.Context, from uint64) ([]l1.BatchHeader, error)
}

// Reference is an optional node to compare blocks with, to locate a
// mismatch: its executed headers and transactions.
type Reference interface {
	Block(n uint64) (*chain.Header, [][]byte, error)
}

// Config says where the chain is.
type Config struct {
	Namespace da.Namespace
	FromBlock uint64 // the bridge's deployment block
}

// Mismatch is where derivation found the chain on L1 and DA inconsistent.
type Mismatch struct {
	Batch  uint64 // the batch header's index
	Block  uint64 // the first block that differs from the reference (0: unknown)
	Tx     int    // its first transaction that differs (-1: unknown)
	Reason string
}

func (m *Mismatch) Error() string {
	s := fmt.Sprintf("batch %d", m.Batch)
	if m.Block > 0 {
		s += fmt.Sprintf(", block %d", m.Block)
	}
	if m.Tx >= 0 {
		s += fmt.Sprintf(", transaction %d", m.Tx)
	}
	return s + ": " + m.Reason
}

// Report is what a run verified.
type Report struct {
	Batches      int
	Blocks       uint64
	Transactions int
	StateRoot    [32]byte // after the last verified batch
	DABytes      int      // blob bytes fetched
}

// Run derives every committed batch that r (a replayer) has not applied
// yet and checks them; a follower calls it again as L1 moves. progress, when set, is called after each batch. A *Mismatch error
// reports an inconsistent chain; other errors, failures to read L1 or DA.
func Run(ctx context.Context, cfg Config, bridge Bridge, layer da.Layer, r *rollup.Replayer, ref Reference, progress func(l1.BatchHeader)) (*Report, error) {
	headers, err := bridge.Batches(ctx, cfg.FromBlock)
	if err != nil {
		return nil, fmt.Errorf("read batches from L1: %w", err)
	}
	rep := &Report{StateRoot: r.Head().StateRoot}
	for _, h := range headers {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if h.LastBlock <= r.Head().Number {
			continue // derived by an earlier run on r (a follower polls)
		}
		fail := func(reason string, args ...any) error {
			return &Mismatch{Batch: h.Index, Tx: -1, Reason: fmt.Sprintf(reason, args...)}
		}
		if h.FirstBlock != r.Head().Number+1 {
			return rep, fail("starts at block %d, the chain is at %d", h.FirstBlock, r.Head().Number)
		}
		blob, err := layer.Get(ctx, h.DaHeight, cfg.Namespace, h.DaCommitment[:])
		if errors.Is(err, da.ErrNotFound) {
			return rep, fail("no blob with commitment %x at DA height %d", h.DaCommitment, h.DaHeight)
		}
		if err != nil {
			return rep, fmt.Errorf("batch %d: fetch blob: %w", h.Index, err)
		}
		if c, err := da.Commitment(cfg.Namespace, blob.Data); err != nil || !bytes.Equal(c, h.DaCommitment[:]) {
			return rep, fail("the DA layer returned a blob that is not the committed one")
		}
		rep.DABytes += len(blob.Data)
		var batch chain.Batch
		if err := batch.UnmarshalBinary(blob.Data); err != nil {
			return rep, fail("blob: %v", err)
		}
		if batch.First != h.FirstBlock || batch.Last() != h.LastBlock {
			return rep, fail("blob holds blocks %d..%d, the header says %d..%d", batch.First, batch.Last(), h.FirstBlock, h.LastBlock)
		}
		var last *chain.Header
		for i, blk := range batch.Blocks {
			hd, err := r.Apply(ctx, blk.Time, blk.L1Messages, blk.Txs)
			if errors.Is(err, rollup.ErrBadBlock) {
				m := fail("%v", err).(*Mismatch)
				m.Block = batch.First + uint64(i)
				return rep, m
			}
			if err != nil {
				return rep, fmt.Errorf("batch %d: execute block %d: %w", h.Index, batch.First+uint64(i), err)
			}
			if ref != nil {
				if m := compare(h.Index, hd, blk.Txs, ref); m != nil {
					return rep, m
				}
			}
			last = hd
			rep.Blocks++
			rep.Transactions += len(blk.Txs)
		}
		switch {
		case new(big.Int).SetBytes(last.StateRoot[:]).Cmp(h.StateRoot) != 0:
			return rep, fail("state root after block %d is %x, L1 committed %x", last.Number, last.StateRoot, h.StateRoot.Bytes())
		case new(big.Int).SetBytes(last.Digest[:]).Cmp(h.TxDigest) != 0:
			return rep, fail("step digest after block %d is %x, L1 committed %x", last.Number, last.Digest, h.TxDigest.Bytes())
		case last.L1Messages != h.L1MessagesConsumed:
			return rep, fail("%d L1 messages consumed after block %d, L1 committed %d", last.L1Messages, last.Number, h.L1MessagesConsumed)
		case last.L1Digest != h.L1QueueHash:
			// The bridge checked the committed hash against its queue: the
			// blocks hold other L1 messages than it queued.
			return rep, fail("L1 queue hash after block %d is %x, the bridge's queue %x", last.Number, last.L1Digest, h.L1QueueHash)
		}
		rep.Batches++
		rep.StateRoot = last.StateRoot
		if progress != nil {
			progress(h)
		}
	}
	return rep, nil
}

// compare locates a difference between derived block hd (transactions
// txs) and the reference's block of the same number.
func compare(batch uint64, hd *chain.Header, txs [][]byte, ref Reference) *Mismatch {
	rh, rtxs, err := ref.Block(hd.Number)
	if err != nil {
		return nil // the reference does not have it: nothing to compare
	}
	if rh.Hash() == hd.Hash() {
		return nil
	}
	m := &Mismatch{Batch: batch, Block: hd.Number, Tx: -1, Reason: fmt.Sprintf("derived block hash %s, the reference has %s", hd.Hash(), rh.Hash())}
	for i := range max(len(txs), len(rtxs)) {
		if i >= len(txs) || i >= len(rtxs) || !bytes.Equal(txs[i], rtxs[i]) {
			m.Tx = i
			m.Reason = fmt.Sprintf("transaction %d differs from the reference's (%s)", i, m.Reason)
			break
		}
	}
	return m
}
