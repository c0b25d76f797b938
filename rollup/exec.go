package rollup

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/state"
)

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
// (whose store is b): refused transactions (by index: those that broke a
// sequencing rule, with the reason) are rejected unapplied, the others
// applied or rejected by the rules of spec/transactions.md#validity. It
// returns the block's header (spec/blocks.md#header), its receipts and the
// jobs it touched. An error that is not a transaction's fault (a dataset
// this node lacks, a storage error; see package fault) is returned, and
// nothing of the block may be committed. With wits set, it appends the
// witness of every applied creation and step.
func ExecBlock(ex *executor.Executor, b *state.Batch, parent *chain.Header, blk *Block, refused map[uint32]string, wits *[]*executor.StepWitness) (*chain.Header, []Receipt, map[state.JobID]bool, error) {
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
		wit, err := applyTx(ex, b, tx, blk.Senders[i], &digest)
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
			return nil, fmt.Errorf("%w: job id %d is reserved for L1 requests", ErrInvalidTx, tx.Job)
		}
		p, err := tx.Params.State()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalidTx, err)
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
		wit, err := ex.ApplyStep(executor.Step{Job: tx.Job, Indices: tx.Indices})
		if err != nil {
			return nil, err
		}
		*digest = chain.StepDigest(*digest, tx.Job, tx.Indices)
		return wit, nil
	}
	return nil, fmt.Errorf("%w: unknown transaction type %d", ErrInvalidTx, tx.Type)
}
