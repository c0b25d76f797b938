package rollup

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/state"
)

// View reads and writes the sequencing state (nonces and jobs as
// sequencing sees them). The sequencer node has several (the committed
// chain, a raft batch being applied, the leader's blocks in flight); the
// Replayer keeps one in memory.
type View interface {
	// Nonce returns the next nonce of a.
	Nonce(a common.Address) (uint64, error)
	// Job returns a copy of job id, or an error wrapping state.ErrNotFound.
	Job(id state.JobID) (*SeqJob, error)
	SetNonce(a common.Address, n uint64) error
	SetJob(j *SeqJob) error
}

// Sequence applies the sequencing rules of spec/transactions.md#validity
// to tx from sender on v: the nonce, job creation (the id is free) and the
// steps (the job exists and has steps left; a given job's steps are its
// owner's, a seeded job's are only the sequencer's SeededSteps), counting
// sequenced steps. An L1 message is always sequenced (the queue decides
// what it holds): one whose parameters are not a job creates none, and
// execution rejects it. Execution decides the rest (parameters
// against datasets, sample indices); the mempool checked those as well. A
// broken rule is an ErrSequence; any other error is v's.
//
// With consume unset, a transaction that breaks a rule changes nothing (the
// leader leaves it out of the block). With consume set (a committed block
// being applied), a signed transaction with the sender's next nonce
// consumes it even when it breaks another rule, as spec/transactions.md
// says of invalid transactions in a block.
func Sequence(v View, tx *chain.Tx, sender common.Address, consume bool) error {
	var nonce uint64
	if tx.Type.Signed() {
		n, err := v.Nonce(sender)
		if err != nil {
			return err
		}
		if tx.Nonce != n {
			return fmt.Errorf("%w: nonce %d, the next of %s is %d", ErrSequence, tx.Nonce, sender, n)
		}
		nonce = n + 1
	}
	var j *SeqJob
	var err error
	if tx.Type != chain.TxRegisterDataset {
		j, err = v.Job(tx.Job)
		switch {
		case errors.Is(err, state.ErrNotFound):
			j, err = nil, nil
		case err != nil:
			return err
		}
	}
	var next *SeqJob
	switch tx.Type {
	case chain.TxRegisterDataset:
		// No job: only the nonce. Execution decides the rest.
	case chain.TxCreateJob, chain.TxL1Message:
		l1 := tx.Type == chain.TxL1Message
		if j != nil {
			if !l1 { // an L1 id is never taken: the bridge numbers them
				err = fmt.Errorf("%w: job %d exists", ErrSequence, tx.Job)
			}
			break
		}
		p, perr := tx.Params.State()
		if perr != nil {
			if !l1 {
				err = fmt.Errorf("%w: job %d: %v", ErrSequence, tx.Job, perr)
			}
			break
		}
		owner := sender
		if l1 {
			owner = tx.Owner
		}
		next = &SeqJob{ID: tx.Job, Owner: owner, Batch: p.Batch, DatasetSize: p.DatasetSize, Steps: p.Steps, Order: p.Order}
	case chain.TxTrainStep:
		switch {
		case j == nil:
			err = fmt.Errorf("%w: job %d does not exist", ErrSequence, tx.Job)
		case j.Order == state.OrderSeeded:
			err = fmt.Errorf("%w: job %d is seeded: the sequencer schedules its steps, nobody sends them", ErrSequence, tx.Job)
		case j.Owner != sender:
			err = fmt.Errorf("%w: job %d is %s's", ErrSequence, tx.Job, common.Address(j.Owner))
		case j.StepsDone >= j.Steps:
			err = fmt.Errorf("%w: job %d has no steps left", ErrSequence, tx.Job)
		default:
			next = j
			next.StepsDone++
		}
	case chain.TxSeededSteps:
		switch {
		case j == nil:
			err = fmt.Errorf("%w: job %d does not exist", ErrSequence, tx.Job)
		case j.Order != state.OrderSeeded:
			err = fmt.Errorf("%w: job %d is not seeded", ErrSequence, tx.Job)
		case tx.First != j.StepsDone:
			err = fmt.Errorf("%w: seeded steps of job %d from step %d, but %d are sequenced", ErrSequence, tx.Job, tx.First, j.StepsDone)
		case tx.Count == 0 || tx.Count > j.Steps-j.StepsDone:
			err = fmt.Errorf("%w: %d seeded steps of job %d, which has %d left", ErrSequence, tx.Count, tx.Job, j.Steps-j.StepsDone)
		default:
			next = j
			next.StepsDone += tx.Count
		}
	default:
		err = fmt.Errorf("%w: type %d", ErrSequence, tx.Type)
	}
	if err != nil && !consume {
		return err
	}
	if nonce > 0 {
		if serr := v.SetNonce(sender, nonce); serr != nil {
			return serr
		}
	}
	if err != nil || next == nil {
		return err
	}
	return v.SetJob(next)
}

// SeqJob is a job as sequencing sees it: what the sequencing rules and the
// mempool check, with the steps sequenced so far. Its record is 54 bytes:
// id u32 || owner || batch u32 || dataset size u64 || steps u64 || steps
// sequenced u64 || order u8, big-endian.
type SeqJob struct {
	ID          state.JobID
	Owner       common.Address
	Batch       uint32
	DatasetSize uint64
	Steps       uint64
	StepsDone   uint64
	Order       state.Order
}

// SeqJobSize is the length of a SeqJob's record.
const SeqJobSize = 4 + 20 + 4 + 8 + 8 + 8 + 1

// Marshal returns j's record.
func (j *SeqJob) Marshal() []byte {
	b := binary.BigEndian.AppendUint32(make([]byte, 0, SeqJobSize), uint32(j.ID))
	b = append(b, j.Owner[:]...)
	b = binary.BigEndian.AppendUint32(b, j.Batch)
	b = binary.BigEndian.AppendUint64(b, j.DatasetSize)
	b = binary.BigEndian.AppendUint64(b, j.Steps)
	b = binary.BigEndian.AppendUint64(b, j.StepsDone)
	return append(b, byte(j.Order))
}

// Unmarshal decodes Marshal's record.
func (j *SeqJob) Unmarshal(b []byte) error {
	if len(b) != SeqJobSize {
		return fmt.Errorf("job record of %d bytes, want %d", len(b), SeqJobSize)
	}
	j.ID = state.JobID(binary.BigEndian.Uint32(b))
	copy(j.Owner[:], b[4:24])
	j.Batch = binary.BigEndian.Uint32(b[24:])
	j.DatasetSize = binary.BigEndian.Uint64(b[28:])
	j.Steps = binary.BigEndian.Uint64(b[36:])
	j.StepsDone = binary.BigEndian.Uint64(b[44:])
	j.Order = state.Order(b[52])
	return nil
}

// State returns j as a state.Job carrying only sequencing's fields: owner,
// batch, dataset size, steps, steps sequenced and the status they imply.
func (j *SeqJob) State() *state.Job {
	st := state.StatusTraining
	if j.StepsDone >= j.Steps {
		st = state.StatusCompleted
	}
	return &state.Job{ID: j.ID, Owner: j.Owner, StepsDone: j.StepsDone, Status: st,
		Params: state.Params{Batch: j.Batch, DatasetSize: j.DatasetSize, Steps: j.Steps, Order: j.Order}}
}

// Pending is a View of changes in memory on top of a base View: reads see
// the changes first, writes go to the changes only. It is the view of one
// block being applied, or of blocks in flight, until its changes are
// written to the base (Commit) or dropped (Reset).
type Pending struct {
	base   View
	nonces map[common.Address]uint64
	jobs   map[state.JobID]*SeqJob
}

// NewPending returns a Pending with no changes on top of base (nil: an
// empty state).
func NewPending(base View) *Pending {
	if base == nil {
		base = empty{}
	}
	return &Pending{base: base, nonces: map[common.Address]uint64{}, jobs: map[state.JobID]*SeqJob{}}
}

// Nonce implements View.
func (p *Pending) Nonce(a common.Address) (uint64, error) {
	if n, ok := p.nonces[a]; ok {
		return n, nil
	}
	return p.base.Nonce(a)
}

// Job implements View.
func (p *Pending) Job(id state.JobID) (*SeqJob, error) {
	if j, ok := p.jobs[id]; ok {
		c := *j
		return &c, nil
	}
	return p.base.Job(id)
}

// SetNonce implements View.
func (p *Pending) SetNonce(a common.Address, n uint64) error { p.nonces[a] = n; return nil }

// SetJob implements View.
func (p *Pending) SetJob(j *SeqJob) error {
	c := *j
	p.jobs[j.ID] = &c
	return nil
}

// Changes calls nonce for every nonce and job for every job p changed.
func (p *Pending) Changes(nonce func(common.Address, uint64), job func(*SeqJob)) {
	for a, n := range p.nonces {
		nonce(a, n)
	}
	for _, j := range p.jobs {
		job(j)
	}
}

// Commit writes p's changes to its base and forgets them.
func (p *Pending) Commit() error {
	for a, n := range p.nonces {
		if err := p.base.SetNonce(a, n); err != nil {
			return err
		}
	}
	for _, j := range p.jobs {
		if err := p.base.SetJob(j); err != nil {
			return err
		}
	}
	p.Reset()
	return nil
}

// Reset forgets p's changes.
func (p *Pending) Reset() {
	clear(p.nonces)
	clear(p.jobs)
}

// empty is the View of a chain with no nonces and no jobs, read-only.
type empty struct{}

func (empty) Nonce(common.Address) (uint64, error) { return 0, nil }
func (empty) Job(id state.JobID) (*SeqJob, error) {
	return nil, fmt.Errorf("%w: %d", state.ErrNotFound, id)
}
func (empty) SetNonce(common.Address, uint64) error { return errors.New("read-only view") }
func (empty) SetJob(*SeqJob) error                  { return errors.New("read-only view") }
