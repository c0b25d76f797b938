package sequencer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/rlp"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/rollup"
	"github.com/trainrollup/trainrollup/state"
)

// Metadata keys the node keeps in the state store, written in the same
// synced batch as the block's state changes (state.Batch.SetMeta):
//
//	head            executed head (u64)
//	h<num u64>      executed header (chain.Header RLP)
//	r<num u64>      receipts of the block (rollup.Receipt RLP list)
var metaHead = []byte("head")

func metaHeader(n uint64) []byte   { return binary.BigEndian.AppendUint64([]byte{'h'}, n) }
func metaReceipts(n uint64) []byte { return binary.BigEndian.AppendUint64([]byte{'r'}, n) }

// jobUpdate is what the jobUpdates subscription sends: a job after an
// executed block that touched it.
type jobUpdate struct {
	Block uint64
	Job   *state.Job
}

func (n *Node) executedHead() (uint64, error) {
	v, err := n.state.Meta(metaHead)
	if errors.Is(err, state.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("%w: executed head of %d bytes", ErrCorrupt, len(v))
	}
	return binary.BigEndian.Uint64(v), nil
}

func (n *Node) storedHeader(num uint64) (*chain.Header, error) {
	v, err := n.state.Meta(metaHeader(num))
	if errors.Is(err, state.ErrNotFound) {
		return nil, fmt.Errorf("%w: block %d not executed (executed head %d)", ErrNotFound, num, n.executed.Load())
	}
	if err != nil {
		return nil, err
	}
	h := new(chain.Header)
	if err := rlp.DecodeBytes(v, h); err != nil {
		return nil, fmt.Errorf("%w: header %d: %v", ErrCorrupt, num, err)
	}
	return h, nil
}

func (n *Node) receipts(num uint64) ([]rollup.Receipt, error) {
	v, err := n.state.Meta(metaReceipts(num))
	if errors.Is(err, state.ErrNotFound) {
		return nil, fmt.Errorf("%w: block %d not executed", ErrNotFound, num)
	}
	if err != nil {
		return nil, err
	}
	var rs []rollup.Receipt
	if err := rlp.DecodeBytes(v, &rs); err != nil {
		return nil, fmt.Errorf("%w: receipts %d: %v", ErrCorrupt, num, err)
	}
	return rs, nil
}

// executeLoop executes every sequenced block in order, each in one synced
// state batch with its header, receipts and the executed head, so that a
// crash leaves a block executed whole or not at all and a restart goes on
// from the next one.
func (n *Node) executeLoop() {
	defer n.wg.Done()
	if !n.cfg.Execute {
		return
	}
	for {
		for n.executed.Load() < n.chain.Head() {
			if n.ctx.Err() != nil {
				return
			}
			num := n.executed.Load() + 1
			if err := n.executeBlock(num); err != nil {
				// Storage failure: retry rather than skip, since every later
				// block depends on this one.
				n.log.Error("execute block", "block", num, "err", err)
				select {
				case <-n.ctx.Done():
					return
				case <-time.After(time.Second):
				}
			}
		}
		select {
		case <-n.ctx.Done():
			return
		case <-n.seqWake:
		}
	}
}

// executeBlock applies sequenced block num on top of executed block num-1.
func (n *Node) executeBlock(num uint64) error {
	// A snapshot restore replaces the chain under our feet: read the block
	// and its refusals from one consistent chain.
	n.chain.restoreMu.RLock()
	sb, err := n.chain.block(num)
	var refused map[uint32]string
	if err == nil {
		refused, err = n.chain.refusals(num)
	}
	n.chain.restoreMu.RUnlock()
	if err != nil {
		return err
	}
	parent, err := n.header(num - 1)
	if err != nil {
		return err
	}
	b := n.state.NewBatch()
	defer b.Close()
	h, recs, touched, err := rollup.ExecBlock(n.ctx, n.exec.In(b), b, n.datasets, parent, sb, refused, nil)
	if err != nil {
		return err
	}
	enc, err := rlp.EncodeToBytes(h)
	if err != nil {
		return err
	}
	rec, err := rlp.EncodeToBytes(recs)
	if err != nil {
		return err
	}
	var updates []jobUpdate
	for id := range touched {
		j, err := b.Job(id)
		if err != nil {
			return err
		}
		updates = append(updates, jobUpdate{Block: num, Job: j})
	}
	for _, kv := range [][2][]byte{{metaHeader(num), enc}, {metaReceipts(num), rec}, {metaHead, u64(num)}} {
		if err := b.SetMeta(kv[0], kv[1]); err != nil {
			return err
		}
	}
	if err := b.Commit(); err != nil {
		return err
	}
	n.executed.Store(num)
	n.heads.send(h)
	seeded := false
	for _, u := range updates {
		n.jobFeed.send(u)
		seeded = seeded || u.Job.Params.Order == state.OrderSeeded && u.Job.Status == state.StatusTraining
	}
	if seeded { // the leader may schedule its steps now
		n.wakeProducer()
	}
	return nil
}

// wakeProducer tells the block producer, if this node leads, that it may
// have something to sequence.
func (n *Node) wakeProducer() {
	select {
	case n.poolWake <- struct{}{}:
	default:
	}
}
