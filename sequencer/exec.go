package sequencer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/rlp"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// Metadata keys the node keeps in the state store, written in the same
// synced batch as the block's state changes (state.Batch.SetMeta):
//
//	head            executed head (u64)
//	h<num u64>      executed header (chain.Header RLP)
//	r<num u64>      receipts of the block (receiptRecord RLP list)
var metaHead = []byte("head")

func metaHeader(n uint64) []byte   { return binary.BigEndian.AppendUint64([]byte{'h'}, n) }
func metaReceipts(n uint64) []byte { return binary.BigEndian.AppendUint64([]byte{'r'}, n) }

// Receipt statuses (spec/blocks.md#receipts).
const (
	statusApplied  uint8 = 1
	statusRejected uint8 = 2
)

// receiptRecord is what execution records of one transaction.
type receiptRecord struct {
	Status uint8
	Reason string
}

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

func (n *Node) receipts(num uint64) ([]receiptRecord, error) {
	v, err := n.state.Meta(metaReceipts(num))
	if errors.Is(err, state.ErrNotFound) {
		return nil, fmt.Errorf("%w: block %d not executed", ErrNotFound, num)
	}
	if err != nil {
		return nil, err
	}
	var rs []receiptRecord
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
	h, recs, touched, err := execBlock(n.exec.In(b), b, parent, sb, refused, nil)
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
	for _, u := range updates {
		n.jobFeed.send(u)
	}
	return nil
}

// execBlock executes sequenced block sb on top of parent into state batch
// b through ex (whose store is b): refused transactions (by index) are
// rejected unapplied, the others applied or rejected by the executor's
// rules. It returns the block's header, its receipts and the jobs it
// touched; a node fault (not the transaction's) is an error. With wits
// set, it appends the witness of every applied creation and step.
func execBlock(ex *executor.Executor, b *state.Batch, parent *chain.Header, sb *seqBlock, refused map[uint32]string, wits *[]*executor.StepWitness) (*chain.Header, []receiptRecord, map[state.JobID]bool, error) {
	num := sb.Number
	txs := make([]*chain.Tx, len(sb.Txs))
	for i, raw := range sb.Txs {
		txs[i] = new(chain.Tx)
		if err := txs[i].UnmarshalBinary(raw); err != nil {
			return nil, nil, nil, fmt.Errorf("%w: block %d tx %d: %v", ErrCorrupt, num, i, err)
		}
	}
	digest := commit.Element{}
	if err := digest.SetBytesCanonical(parent.Digest[:]); err != nil {
		return nil, nil, nil, fmt.Errorf("%w: digest of block %d: %v", ErrCorrupt, num-1, err)
	}
	recs := make([]receiptRecord, len(txs))
	touched := map[state.JobID]bool{}
	for i, tx := range txs {
		if reason, ok := refused[uint32(i)]; ok {
			recs[i] = receiptRecord{Status: statusRejected, Reason: reason}
			continue
		}
		wit, err := applyTx(ex, b, tx, sb.Senders[i], &digest)
		if err != nil && !invalid(err) {
			// Not the transaction's fault (a dataset this node lacks, a
			// storage error): rejecting it would fork this node from the
			// others. Stop here; the block is retried.
			return nil, nil, nil, fmt.Errorf("block %d tx %d: %w", num, i, err)
		}
		if err != nil {
			recs[i] = receiptRecord{Status: statusRejected, Reason: err.Error()}
			continue
		}
		recs[i] = receiptRecord{Status: statusApplied}
		touched[tx.Job] = true
		if wits != nil {
			*wits = append(*wits, wit)
		}
	}
	root, err := b.Root()
	if err != nil {
		return nil, nil, nil, err
	}
	txRoot, err := chain.TxRoot(txs)
	if err != nil {
		return nil, nil, nil, err
	}
	h := &chain.Header{ParentHash: parent.Hash(), Number: num, Time: sb.Time, TxRoot: txRoot,
		StateRoot: root.Bytes(), Digest: digest.Bytes(), L1Messages: sb.L1Messages}
	return h, recs, touched, nil
}

// errInvalidTx reports a transaction that breaks a rule execution checks
// itself (ownership, reserved ids).
var errInvalidTx = errors.New("invalid transaction")

// invalid reports whether err makes the transaction invalid (the same on
// every node) rather than being a fault of this node.
func invalid(err error) bool {
	for _, e := range []error{errInvalidTx, executor.ErrBatch, executor.ErrUnknownJob, executor.ErrJobDone, executor.ErrJobExists,
		executor.ErrDataset, executor.ErrHyper, dataset.ErrIndex, model.ErrInvalidSpec, state.ErrInvalidJob, state.ErrNotFound} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// applyTx applies one transaction through ex (spec/transactions.md#validity),
// advances the step digest over an applied creation or step and returns
// its witness.
func applyTx(ex *executor.Executor, b *state.Batch, tx *chain.Tx, sender common.Address, digest *commit.Element) (*executor.StepWitness, error) {
	switch tx.Type {
	case chain.TxCreateJob, chain.TxL1Message:
		owner := sender
		if tx.Type == chain.TxL1Message {
			owner = tx.Owner
		} else if tx.Job > chain.MaxL2JobID {
			return nil, fmt.Errorf("%w: job id %d is reserved for L1 requests", errInvalidTx, tx.Job)
		}
		p, err := tx.Params.State()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errInvalidTx, err)
		}
		wit, err := ex.CreateJob(tx.Job, owner, p)
		if err != nil {
			return nil, err
		}
		*digest = chain.CreateDigest(*digest, tx.Job, p.Hash(), owner)
		return wit, nil
	case chain.TxTrainStep:
		j, err := b.Job(tx.Job)
		if err != nil {
			return nil, err
		}
		if tx.Job <= chain.MaxL2JobID && common.Address(j.Owner) != sender {
			return nil, fmt.Errorf("%w: job %d is %s's, not %s's", errInvalidTx, tx.Job, common.Address(j.Owner), sender)
		}
		wit, err := ex.ApplyStep(executor.Step{Job: tx.Job, Indices: tx.Indices})
		if err != nil {
			return nil, err
		}
		*digest = chain.StepDigest(*digest, tx.Job, tx.Indices)
		return wit, nil
	}
	return nil, fmt.Errorf("%w: unknown transaction type %d", errInvalidTx, tx.Type)
}
