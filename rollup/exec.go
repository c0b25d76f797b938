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
	digest := commit.Element{}
	if err := digest.SetBytesCanonical(parent.Digest[:]); err != nil {
		return nil, nil, nil, fmt.Errorf("%w: digest of block %d: %v", ErrCorrupt, num-1, err)
	}
	recs := make([]Receipt, len(txs))
	touched := map[state.JobID]bool{}
	for i, tx := range txs {
		if reason, ok := refused[uint32(i)]; ok {
			recs[i] = Receipt{Status: StatusRejected, Reason: reason}
			continue
		}
		wit, err := applyTx(ctx, ex, b, ds, num, tx, blk.Senders[i], &digest)
		if err != nil && !fault.IsInvalid(err) {
			// Not the transaction's fault: rejecting it would fork this
			// node from the others. Stop here; the block is retried.
			return nil, nil, nil, fmt.Errorf("block %d tx %d: %w", num, i, err)
		}
		if err != nil {
			recs[i] = Receipt{Status: StatusRejected, Reason: err.Error()}
			continue
		}
		recs[i] = Receipt{Status: StatusApplied}
		if wit == nil { // a registration: no job, no witness
			continue
		}
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
	h := &chain.Header{ParentHash: parent.Hash(), Number: num, Time: blk.Time, TxRoot: txRoot,
		StateRoot: root.Bytes(), Digest: digest.Bytes(), L1Messages: blk.L1Messages}
	return h, recs, touched, nil
}

// applyTx applies one transaction of block num through ex
// (spec/transactions.md#validity), advances the step digest over an
// applied creation or step and returns its witness (none for a
// registration).
func applyTx(ctx context.Context, ex *executor.Executor, b *state.Batch, ds Datasets, num uint64, tx *chain.Tx, sender common.Address, digest *commit.Element) (*executor.StepWitness, error) {
	switch tx.Type {
	case chain.TxCreateJob, chain.TxL1Message:
		owner := sender
		if tx.Type == chain.TxL1Message {
			owner = tx.Owner
		} else if tx.Job > chain.MaxL2JobID {
			return nil, fmt.Errorf("%w: job id %d is reserved for L1 requests", ErrInvalidTx, tx.Job)
		}
		p, err := tx.Params.State()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalidTx, err)
		}
		if err := loadDataset(ctx, ex, b, ds, p.DatasetRoot); err != nil {
			return nil, fmt.Errorf("job %d: %w", tx.Job, err)
		}
		wit, err := ex.CreateJob(tx.Job, owner, p)
		if err != nil {
			return nil, err
		}
		*digest = chain.CreateDigest(*digest, tx.Job, p.Hash(), owner)
		return wit, nil
	case chain.TxTrainStep:
		j, err := b.Job(tx.Job) // a job sequencing created and execution rejected: state.ErrNotFound, invalid
		if err != nil {
			return nil, err
		}
		if tx.Job <= chain.MaxL2JobID && common.Address(j.Owner) != sender {
			return nil, fmt.Errorf("%w: job %d is %s's, not %s's", ErrInvalidTx, tx.Job, common.Address(j.Owner), sender)
		}
		if err := loadDataset(ctx, ex, b, ds, j.Params.DatasetRoot); err != nil {
			return nil, fmt.Errorf("job %d: %w", tx.Job, err)
		}
		wit, err := ex.ApplyStep(executor.Step{Job: tx.Job, Indices: tx.Indices})
		if err != nil {
			return nil, err
		}
		*digest = chain.StepDigest(*digest, tx.Job, tx.Indices)
		return wit, nil
	case chain.TxRegisterDataset:
		return nil, registerDataset(ctx, ex, b, ds, num, tx.Manifest)
	}
	return nil, fmt.Errorf("%w: unknown transaction type %d", ErrInvalidTx, tx.Type)
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
