package rollup

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/state"
)

// Replayer re-executes blocks from their transactions alone, as a member
// of no cluster: it recovers every sender from its signature (it trusts no
// leader), applies the sequencing rules (Sequence) and executes the block
// (ExecBlock), exactly as a node executes a committed block. Derivation
// from L1 and DA, the prover and trainrollup verify use it.
type Replayer struct {
	chainID uint64
	store   *state.Store
	exec    *executor.Executor
	ds      Datasets
	seq     *Pending // the sequencing state: changes on top of an empty one
	head    *chain.Header
	keep    bool
	wits    []*executor.StepWitness
}

// NewReplayer starts from genesis (time genesisTime) on a fresh state
// store in dir ("" keeps it in memory), obtaining registered datasets
// from ds (a datastore.Store over DA, with any local copies).
func NewReplayer(dir string, chainID, genesisTime uint64, ds Datasets) (*Replayer, error) {
	st, err := state.Open(dir)
	if err != nil {
		return nil, err
	}
	ex := executor.New(st, executor.Config{})
	return &Replayer{chainID: chainID, store: st, exec: ex, ds: ds, seq: NewPending(nil), head: &chain.Genesis(genesisTime).Header}, nil
}

// Close closes the executor and the state store.
func (r *Replayer) Close() error { return errors.Join(r.exec.Close(), r.store.Close()) }

// Head is the header of the last block applied (genesis at first).
func (r *Replayer) Head() *chain.Header { return r.head }

// State is the replayed state.
func (r *Replayer) State() *state.Store { return r.store }

// Apply executes the next block (number head+1) and returns its header. A
// block that no honest sequencer makes is an ErrBadBlock and changes
// nothing; so does an error of the node (package fault), which may be
// retried. ctx bounds what execution fetches (a registered dataset).
func (r *Replayer) Apply(ctx context.Context, time, l1Messages uint64, txs [][]byte) (*chain.Header, error) {
	num := r.head.Number + 1
	if time < r.head.Time {
		return nil, fmt.Errorf("%w: block %d has time %d, before its parent's %d", ErrBadBlock, num, time, r.head.Time)
	}
	blk := &Block{Number: num, Time: time, L1Messages: l1Messages, Txs: txs, Senders: make([]common.Address, len(txs))}
	decoded := make([]chain.Tx, len(txs))
	for i, raw := range txs {
		tx := &decoded[i]
		if err := tx.UnmarshalBinary(raw); err != nil {
			return nil, fmt.Errorf("%w: block %d tx %d: %v", ErrBadBlock, num, i, err)
		}
		from, err := tx.Sender(r.chainID)
		if err != nil {
			return nil, fmt.Errorf("%w: block %d tx %d: %v", ErrBadBlock, num, i, err)
		}
		blk.Senders[i] = from
	}
	if err := CheckL1Messages(r.head.L1Messages, l1Messages, decoded); err != nil {
		return nil, fmt.Errorf("%w: block %d: %v", ErrBadBlock, num, err)
	}
	// Sequencing changes the view as it goes: the block's changes are kept
	// only once it has executed.
	seq := NewPending(r.seq)
	refused := map[uint32]string{}
	for i := range decoded {
		if err := Sequence(seq, &decoded[i], blk.Senders[i], true); err != nil {
			if !errors.Is(err, ErrSequence) {
				return nil, err
			}
			refused[uint32(i)] = err.Error()
		}
	}
	b := r.store.NewBatch()
	defer b.Close()
	var wits []*executor.StepWitness
	keep := &wits
	if !r.keep {
		keep = nil
	}
	h, _, _, err := ExecBlock(ctx, r.exec.In(b), b, r.ds, r.head, blk, refused, keep)
	if err != nil {
		return nil, err
	}
	if err := b.Commit(); err != nil {
		return nil, err
	}
	if err := seq.Commit(); err != nil {
		return nil, err
	}
	r.head = h
	r.wits = append(r.wits, wits...)
	return h, nil
}

// CheckL1Messages checks the L1 messages of a block whose parent had
// consumed before of them and which says it consumed after
// (spec/blocks.md#header): they come first, in queue order from before,
// there are after - before of them, and each is one the bridge could
// have queued (an L1 job id, parameters that hash).
func CheckL1Messages(before, after uint64, txs []chain.Tx) error {
	n := uint64(0)
	for i := range txs {
		if txs[i].Type != chain.TxL1Message {
			continue
		}
		if uint64(i) != n {
			return fmt.Errorf("L1 message %d is transaction %d, after other transactions", txs[i].QueueIndex, i)
		}
		if txs[i].QueueIndex != before+n {
			return fmt.Errorf("L1 message %d where message %d is next", txs[i].QueueIndex, before+n)
		}
		// What the bridge queues: an L1 job id and parameters it hashed.
		if txs[i].Job <= chain.MaxL2JobID {
			return fmt.Errorf("L1 message %d creates job %d, a rollup job id", txs[i].QueueIndex, txs[i].Job)
		}
		if _, err := txs[i].Params.Hash(); err != nil {
			return fmt.Errorf("L1 message %d: %v", txs[i].QueueIndex, err)
		}
		n++
	}
	if after != before+n {
		return fmt.Errorf("consumes %d L1 messages and says %d were consumed after it, %d before", n, after, before)
	}
	return nil
}

// KeepWitnesses makes the replayer keep the witness of every creation and
// step it applies from now on, for TakeWitnesses (a prover's replayer).
func (r *Replayer) KeepWitnesses() { r.keep = true }

// TakeWitnesses returns the witnesses kept since the last call, in the
// order the transitions were applied, and forgets them.
func (r *Replayer) TakeWitnesses() []*executor.StepWitness {
	w := r.wits
	r.wits = nil
	return w
}
