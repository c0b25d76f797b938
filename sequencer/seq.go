package sequencer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/state"
)

// sequence applies the sequencing rules of spec/transactions.md#validity to
// tx from sender on v: the nonce, job creation (the id is free) and the
// steps (the job exists, is the sender's unless an L1 job, and has steps
// left), counting sequenced steps. Execution decides the rest (parameters
// against datasets, sample indices); the mempool checked those as well.
//
// With consume unset, a transaction that breaks a rule changes nothing (the
// leader leaves it out of the block). With consume set (the FSM applying a
// committed block), a signed transaction with the sender's next nonce
// consumes it even when it breaks another rule, as spec/transactions.md
// says of invalid transactions in a block.
func sequence(v seqView, tx *chain.Tx, sender common.Address, consume bool) error {
	var nonce uint64
	if tx.Type != chain.TxL1Message {
		n, err := v.nonce(sender)
		if err != nil {
			return err
		}
		if tx.Nonce != n {
			return fmt.Errorf("%w: nonce %d, the next of %s is %d", ErrSequence, tx.Nonce, sender, n)
		}
		nonce = n + 1
	}
	j, err := v.job(tx.Job)
	switch {
	case errors.Is(err, state.ErrNotFound):
		j, err = nil, nil
	case err != nil:
		return err
	}
	var next *seqJob
	switch tx.Type {
	case chain.TxCreateJob, chain.TxL1Message:
		if j != nil {
			err = fmt.Errorf("%w: job %d exists", ErrSequence, tx.Job)
			break
		}
		p, perr := tx.Params.State()
		if perr != nil {
			err = fmt.Errorf("%w: job %d: %v", ErrSequence, tx.Job, perr)
			break
		}
		owner := sender
		if tx.Type == chain.TxL1Message {
			owner = tx.Owner
		}
		next = &seqJob{ID: tx.Job, Owner: owner, Batch: p.Batch, DatasetSize: p.DatasetSize, Steps: p.Steps}
	case chain.TxTrainStep:
		switch {
		case j == nil:
			err = fmt.Errorf("%w: job %d does not exist", ErrSequence, tx.Job)
		case tx.Job <= chain.MaxL2JobID && j.Owner != sender:
			err = fmt.Errorf("%w: job %d is %s's", ErrSequence, tx.Job, common.Address(j.Owner))
		case j.StepsDone >= j.Steps:
			err = fmt.Errorf("%w: job %d has no steps left", ErrSequence, tx.Job)
		default:
			next = j
			next.StepsDone++
		}
	default:
		err = fmt.Errorf("%w: type %d", ErrSequence, tx.Type)
	}
	if err != nil && !consume {
		return err
	}
	if nonce > 0 {
		if serr := v.setNonce(sender, nonce); serr != nil {
			return serr
		}
	}
	if err != nil {
		return err
	}
	return v.setJob(next)
}

// overlay is the leader's view of the sequencing state: the committed chain
// plus the blocks it proposed that raft has not applied yet. It holds the
// latest value of every nonce and job those blocks changed; since proposals
// commit in order or not at all, the latest proposed value is never older
// than the committed one. The producer drops it when it stops leading.
type overlay struct {
	base committedView
	mu   sync.Mutex
	// nonces and jobs map to the latest proposed values.
	nonces map[common.Address]uint64
	jobs   map[state.JobID]*seqJob
	check  func(state.Params) error
}

func newOverlay(base committedView, check func(state.Params) error) *overlay {
	return &overlay{base: base, nonces: map[common.Address]uint64{}, jobs: map[state.JobID]*seqJob{}, check: check}
}

// reset forgets every proposed change.
func (o *overlay) reset() {
	o.mu.Lock()
	defer o.mu.Unlock()
	clear(o.nonces)
	clear(o.jobs)
}

// tx is a seqView of the overlay for one transaction, used under o.mu.
type overlayTx struct{ o *overlay }

func (t overlayTx) nonce(a common.Address) (uint64, error) {
	if n, ok := t.o.nonces[a]; ok {
		return n, nil
	}
	return t.o.base.nonce(a)
}

func (t overlayTx) job(id state.JobID) (*seqJob, error) {
	if j, ok := t.o.jobs[id]; ok {
		c := *j
		return &c, nil
	}
	return t.o.base.job(id)
}

func (t overlayTx) setNonce(a common.Address, n uint64) error {
	t.o.nonces[a] = n
	return nil
}

func (t overlayTx) setJob(j *seqJob) error {
	c := *j
	t.o.jobs[j.ID] = &c
	return nil
}

// sequence applies the rules to the overlay (without consuming on failure).
func (o *overlay) sequence(tx *chain.Tx, sender common.Address) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return sequence(overlayTx{o}, tx, sender, false)
}

// Nonce implements mempool.State.
func (o *overlay) Nonce(a common.Address) uint64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	n, _ := overlayTx{o}.nonce(a) // a read error reads as 0: the transaction is checked again when sequenced
	return n
}

// Job implements mempool.State with the fields sequencing knows: owner,
// batch, dataset size, steps, steps sequenced and the status they imply.
func (o *overlay) Job(id state.JobID) (*state.Job, error) {
	o.mu.Lock()
	j, err := overlayTx{o}.job(id)
	o.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return j.state(), nil
}

// seqJob is a job as sequencing sees it: what the sequencing rules and the
// mempool check, with the steps sequenced so far. Its record is 53 bytes:
// id u32 || owner || batch u32 || dataset size u64 || steps u64 || steps
// sequenced u64, big-endian.
type seqJob struct {
	ID          state.JobID
	Owner       common.Address
	Batch       uint32
	DatasetSize uint64
	Steps       uint64
	StepsDone   uint64
}

const seqJobSize = 4 + 20 + 4 + 8 + 8 + 8

func (j *seqJob) marshal() []byte {
	b := binary.BigEndian.AppendUint32(make([]byte, 0, seqJobSize), uint32(j.ID))
	b = append(b, j.Owner[:]...)
	b = binary.BigEndian.AppendUint32(b, j.Batch)
	b = binary.BigEndian.AppendUint64(b, j.DatasetSize)
	b = binary.BigEndian.AppendUint64(b, j.Steps)
	return binary.BigEndian.AppendUint64(b, j.StepsDone)
}

func (j *seqJob) unmarshal(b []byte) error {
	if len(b) != seqJobSize {
		return fmt.Errorf("job record of %d bytes, want %d", len(b), seqJobSize)
	}
	j.ID = state.JobID(binary.BigEndian.Uint32(b))
	copy(j.Owner[:], b[4:24])
	j.Batch = binary.BigEndian.Uint32(b[24:])
	j.DatasetSize = binary.BigEndian.Uint64(b[28:])
	j.Steps = binary.BigEndian.Uint64(b[36:])
	j.StepsDone = binary.BigEndian.Uint64(b[44:])
	return nil
}

// state returns j as a state.Job carrying only sequencing's fields.
func (j *seqJob) state() *state.Job {
	st := state.StatusTraining
	if j.StepsDone >= j.Steps {
		st = state.StatusCompleted
	}
	return &state.Job{ID: j.ID, Owner: j.Owner, StepsDone: j.StepsDone, Status: st,
		Params: state.Params{Batch: j.Batch, DatasetSize: j.DatasetSize, Steps: j.Steps}}
}

// CheckParams implements mempool.State.
func (o *overlay) CheckParams(p state.Params) error { return o.check(p) }
