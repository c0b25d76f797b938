package rollup

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/state"
)

// Datasets is where execution obtains a dataset's samples by its manifest
// (a datastore.Store: a local copy, a cache, DA). Get returns the dataset
// only if it reproduces the manifest; an error of class fault.ErrInvalid
// means it never will (the same answer on every node), any other that it
// cannot be obtained now.
type Datasets interface {
	Get(ctx context.Context, m *dataset.Manifest) (*dataset.Dataset, error)
}

// Block is a block as sequencing fixes it: everything but what execution
// computes (parent hash, state root, digest). Senders holds the signer of
// each transaction (the zero address for an L1 message): a sequencer
// node's leader recovered them when it admitted the transactions, and in a
// crash-fault cluster every member trusts its leader; the Replayer
// recovers them again from the signatures. Nodes store it as RLP in this
// field order.
type Block struct {
	Number     uint64
	Time       uint64
	L1Messages uint64
	Txs        [][]byte
	Senders    []common.Address
}

// Receipt statuses (spec/blocks.md#receipts).
const (
	StatusApplied  uint8 = 1
	StatusRejected uint8 = 2
)

// Receipt is what execution records of one transaction: whether it was
// applied and, when rejected, why. Nodes store a block's receipts as an
// RLP list.
type Receipt struct {
	Status uint8
	Reason string
}

// ExecBlock executes blk on top of parent into state batch b through ex
// (whose store is b), obtaining datasets from ds: refused transactions (by index: those that broke a
// sequencing rule, with the reason) are rejected unapplied, the others
// applied or rejected by the rules of spec/transactions.md#validity. It
// returns the block's header (spec/blocks.md#header), its receipts and the
// jobs it touched. An error that is not a transaction's fault (a dataset
// this node lacks, a storage error; see package fault) is returned, and
// nothing of the block may be committed. With wits set, it appends the
// witness of every applied creation and step.
func ExecBlock(ctx context.Context, ex *executor.Executor, b *state.Batch, ds Datasets, parent *chain.Header, blk *Block, refused map[uint32]string, wits *[]*executor.StepWitness) (*chain.Header, []Receipt, map[state.JobID]bool, error) {
	num := blk.Number
	txs := make([]*chain.Tx, len(blk.Txs))
	for i, raw := range blk.Txs {
		txs[i] = new(chain.Tx)
		if err := txs[i].UnmarshalBinary(raw); err != nil {
			return nil, nil, nil, fmt.Errorf("%w: block %d tx %d: %v", ErrCorrupt, num, i, err)
		}
	}
	digests, err := chain.DigestsOf(parent)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	recs := make([]Receipt, len(txs))
	touched := map[state.JobID]bool{}
	for i, tx := range txs {
		if reason, ok := refused[uint32(i)]; ok {
			recs[i] = Receipt{Status: StatusRejected, Reason: reason}
			continue
		}
		wit, err := applyTx(ctx, ex, b, ds, num, tx, blk.Senders[i], &digests)
		if err != nil && !fault.IsInvalid(err) {
			// Not the transaction's fault: rejecting it would fork this
			// node from the others. Stop here; the block is retried.
			return nil, nil, nil, fmt.Errorf("block %d tx %d: %w", num, i, err)
		}
		if err != nil {
			recs[i] = Receipt{Status: StatusRejected, Reason: err.Error()}
			if wits != nil { // a rejected L1 message is proven too
				*wits = append(*wits, wit...)
			}
			continue
		}
		recs[i] = Receipt{Status: StatusApplied}
		if len(wit) == 0 { // a registration: no job, no witness
			continue
		}
		touched[tx.Job] = true
		if wits != nil {
			*wits = append(*wits, wit...)
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
	h := &chain.Header{ParentHash: parent.Hash(), Number: num, Time: blk.Time, TxRoot: txRoot,
		StateRoot: root.Bytes(), Digest: digests.Tx.Bytes(), L1Messages: blk.L1Messages, L1Digest: digests.L1.Bytes()}
	return h, recs, touched, nil
}

// applyTx applies one transaction of block num through ex
// (spec/transactions.md#validity), advances the digests over an applied
// creation or step (and the L1 queue hash over every L1 message) and
// returns its witnesses: one per creation or step, none for a registration,
// and for an L1 message that is rejected the witness of its rejection,
// with the reason.
func applyTx(ctx context.Context, ex *executor.Executor, b *state.Batch, ds Datasets, num uint64, tx *chain.Tx, sender common.Address, d *chain.Digests) ([]*executor.StepWitness, error) {
	if tx.Type == chain.TxSeededSteps {
		return seededSteps(ctx, ex, b, ds, tx, d)
	}
	wit, err := applyOne(ctx, ex, b, ds, num, tx, sender, d)
	if wit == nil {
		return nil, err
	}
	return []*executor.StepWitness{wit}, err
}

func applyOne(ctx context.Context, ex *executor.Executor, b *state.Batch, ds Datasets, num uint64, tx *chain.Tx, sender common.Address, d *chain.Digests) (*executor.StepWitness, error) {
	switch tx.Type {
	case chain.TxL1Message:
		ph, err := tx.Params.Hash()
		if err != nil { // the bridge queues no such message
			return nil, fmt.Errorf("%w: L1 message %d: %v", ErrBadBlock, tx.QueueIndex, err)
		}
		d.L1 = chain.CreateDigest(d.L1, tx.Job, ph, tx.Owner)
		wit, err := createJob(ctx, ex, b, ds, tx, tx.Owner)
		if err != nil && fault.IsInvalid(err) {
			rej, rerr := ex.RejectL1(tx.Job, tx.Owner, ph)
			if rerr != nil {
				return nil, rerr
			}
			return rej, err
		}
		return wit, err
	case chain.TxCreateJob:
		if tx.Job > chain.MaxL2JobID {
			return nil, fmt.Errorf("%w: job id %d is reserved for L1 requests", ErrInvalidTx, tx.Job)
		}
		wit, err := createJob(ctx, ex, b, ds, tx, sender)
		if err != nil {
			return nil, err
		}
		d.Tx = chain.CreateDigest(d.Tx, tx.Job, wit.JobAfter.Params.Hash(), sender)
		return wit, nil
	case chain.TxTrainStep:
		j, err := b.Job(tx.Job) // a job sequencing created and execution rejected: state.ErrNotFound, invalid
		if err != nil {
			return nil, err
		}
		if j.Params.Order == state.OrderSeeded {
			return nil, fmt.Errorf("%w: job %d is seeded: only the sequencer's SeededSteps train it", ErrInvalidTx, tx.Job)
		}
		if common.Address(j.Owner) != sender {
			return nil, fmt.Errorf("%w: job %d is %s's, not %s's", ErrInvalidTx, tx.Job, common.Address(j.Owner), sender)
		}
		if err := loadDataset(ctx, ex, b, ds, j.Params.DatasetRoot); err != nil {
			return nil, fmt.Errorf("job %d: %w", tx.Job, err)
		}
		wit, err := ex.ApplyStep(executor.Step{Job: tx.Job, Indices: tx.Indices})
		if err != nil {
			return nil, err
		}
		d.Tx = chain.StepDigest(d.Tx, tx.Job, tx.Indices)
		return wit, nil
	case chain.TxRegisterDataset:
		return nil, registerDataset(ctx, ex, b, ds, num, tx.Manifest)
	}
	return nil, fmt.Errorf("%w: unknown transaction type %d", ErrInvalidTx, tx.Type)
}

// seededSteps applies steps tx.First .. tx.First+tx.Count-1 of seeded job
// tx.Job (tx.First must be its steps done), each on the
// indices of the job's order (spec/transactions.md#seeded-steps), advancing
// the transaction digest over each as over a TrainStep.
func seededSteps(ctx context.Context, ex *executor.Executor, b *state.Batch, ds Datasets, tx *chain.Tx, d *chain.Digests) ([]*executor.StepWitness, error) {
	j, err := b.Job(tx.Job)
	if err != nil {
		return nil, err
	}
	p := j.Params
	switch {
	case p.Order != state.OrderSeeded:
		return nil, fmt.Errorf("%w: job %d is not seeded", ErrInvalidTx, tx.Job)
	case tx.First != j.StepsDone:
		return nil, fmt.Errorf("%w: seeded steps of job %d from step %d, but %d are done", ErrInvalidTx, tx.Job, tx.First, j.StepsDone)
	case j.Status != state.StatusTraining || tx.Count == 0 || tx.Count > p.Steps-j.StepsDone:
		return nil, fmt.Errorf("%w: %d seeded steps of job %d, which has %d of %d done", ErrInvalidTx, tx.Count, tx.Job, j.StepsDone, p.Steps)
	}
	if err := loadDataset(ctx, ex, b, ds, p.DatasetRoot); err != nil {
		return nil, fmt.Errorf("job %d: %w", tx.Job, err)
	}
	order := dataset.NewOrder(p.Seed, p.DatasetSize)
	wits := make([]*executor.StepWitness, 0, tx.Count)
	for t := j.StepsDone; t < j.StepsDone+tx.Count; t++ {
		idx := order.Step(t, int(p.Batch))
		wit, err := ex.ApplyStep(executor.Step{Job: tx.Job, Indices: idx})
		if err != nil {
			if len(wits) > 0 && fault.IsInvalid(err) {
				// The checks above are every rule a step has: a step
				// refused after others applied is this node's fault, and
				// the block must not be committed half applied.
				return nil, fmt.Errorf("%w: seeded step %d of job %d refused after %d applied: %v", ErrCorrupt, t, tx.Job, len(wits), err)
			}
			return nil, err
		}
		d.Tx = chain.StepDigest(d.Tx, tx.Job, idx)
		wits = append(wits, wit)
	}
	return wits, nil
}

// createJob applies a creation of job tx.Job owned by owner.
func createJob(ctx context.Context, ex *executor.Executor, b *state.Batch, ds Datasets, tx *chain.Tx, owner common.Address) (*executor.StepWitness, error) {
	p, err := tx.Params.State()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidTx, err)
	}
	if tx.Type == chain.TxL1Message && p.Order != state.OrderSeeded {
		return nil, fmt.Errorf("%w: L1 job %d is not seeded (the bridge requests seeded jobs only)", ErrInvalidTx, tx.Job)
	}
	if err := loadDataset(ctx, ex, b, ds, p.DatasetRoot); err != nil {
		return nil, fmt.Errorf("job %d: %w", tx.Job, err)
	}
	return ex.CreateJob(tx.Job, owner, p)
}

// registerDataset applies a registration in block num
// (spec/dataset.md#registration).
func registerDataset(ctx context.Context, ex *executor.Executor, b *state.Batch, ds Datasets, num uint64, raw []byte) error {
	var m dataset.Manifest
	if err := m.UnmarshalBinary(raw); err != nil {
		return err // ErrManifest: invalid
	}
	if _, err := b.Dataset(m.Root); err == nil {
		return nil // registered already: applied, nothing changes
	} else if !errors.Is(err, state.ErrNotRegistered) {
		return err
	}
	if ds == nil {
		return fmt.Errorf("%w: dataset %s: this node has no dataset source", ErrDatasetUnavailable, commit.Hex(m.Root))
	}
	d, err := ds.Get(ctx, &m)
	if err != nil {
		return fmt.Errorf("register dataset %s: %w", commit.Hex(m.Root), err)
	}
	if _, err := ex.AddDataset(d); err != nil {
		return err
	}
	return b.PutDataset(&state.DatasetRecord{Root: m.Root, Samples: m.Samples, Features: m.Features, Classes: m.Classes, Manifest: raw, Block: num})
}

// loadDataset makes sure ex holds the samples of the dataset with root:
// a root the chain has not registered is invalid (state.ErrNotRegistered);
// a registered one that cannot be obtained is the node's fault, whatever
// ds says, since the chain decided at its registration that it can be.
func loadDataset(ctx context.Context, ex *executor.Executor, b *state.Batch, ds Datasets, root commit.Element) error {
	rec, err := b.Dataset(root)
	if err != nil {
		return err
	}
	if ex.HasDataset(root) {
		return nil
	}
	var m dataset.Manifest
	if err := m.UnmarshalBinary(rec.Manifest); err != nil {
		return fmt.Errorf("%w: the registered manifest of %s: %v", ErrCorrupt, commit.Hex(root), err)
	}
	if ds == nil {
		return fmt.Errorf("%w: dataset %s: this node has no dataset source", ErrDatasetUnavailable, commit.Hex(root))
	}
	d, err := ds.Get(ctx, &m)
	if err != nil {
		return fmt.Errorf("%w: registered dataset %s: %v", ErrDatasetUnavailable, commit.Hex(root), err)
	}
	_, err = ex.AddDataset(d)
	return err
}
