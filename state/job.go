// Package state holds the rollup state: jobs, their parameters, leaves and
// weights, and the sparse Merkle tree over job leaves whose root is the state
// root. Leaf fields, empty leaves and the tree are normative: spec/state.md;
// the parameter hash is spec/commitments.md#params.
package state

import (
	"encoding/binary"
	"fmt"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/model"
)

// JobID identifies a job; it is the job's key in the state tree and must be
// below 2^Depth.
type JobID uint64

// Status is a job's state (spec/state.md#leaf).
type Status uint8

const (
	// StatusTraining: created, steps remain.
	StatusTraining Status = 1
	// StatusCompleted: all steps done; no step is accepted any more.
	StatusCompleted Status = 2
)

func (s Status) String() string {
	switch s {
	case StatusTraining:
		return "training"
	case StatusCompleted:
		return "completed"
	}
	return fmt.Sprintf("status(%d)", uint8(s))
}

var (
	// ErrNotFound reports a job the state does not hold. It is of class
	// fault.ErrInvalid: a transaction that names a job the state does not
	// hold is invalid on every node. (A record that should be there and is
	// not, such as a job's weights, is ErrCorrupt.)
	ErrNotFound = fault.Invalid("job not found")
	// ErrInvalidJob reports a job or job record that breaks spec/state.md.
	ErrInvalidJob = fault.Invalid("invalid job")
	// ErrCorrupt reports stored state that does not read back as written:
	// a fault of the node, whatever the record's own error says.
	ErrCorrupt = fault.Node("corrupt state")
)

// Order is how a job's batches are chosen (spec/dataset.md#order).
type Order uint8

const (
	// OrderGiven: each step names its indices, and only the job's owner
	// sends its steps.
	OrderGiven Order = 0
	// OrderSeeded: the protocol derives each step's indices from the job's
	// seed and the step's number, and the sequencer schedules the steps.
	OrderSeeded Order = 1
)

func (o Order) String() string {
	switch o {
	case OrderGiven:
		return "given"
	case OrderSeeded:
		return "seeded"
	}
	return fmt.Sprintf("order(%d)", uint8(o))
}

// ParseOrder reads an order's name as String writes it.
func ParseOrder(s string) (Order, error) {
	switch s {
	case "given":
		return OrderGiven, nil
	case "seeded":
		return OrderSeeded, nil
	}
	return 0, fmt.Errorf("order %q: want seeded or given", s)
}

// Params are a job's fixed parameters (spec/commitments.md#params).
type Params struct {
	Model        model.Spec
	DatasetRoot  commit.Element
	DatasetSize  uint64
	LearningRate int64 // eta, Q16
	Batch        uint32
	Seed         uint64
	InitWeights  commit.Element // commitment of the initial weights
	Steps        uint64         // total steps of the job
	Order        Order
}

// Hash is H(TagParams, model hash, dataset root, dataset size, eta, batch,
// seed, initial weights commitment, steps, order)
// (spec/commitments.md#params).
func (p Params) Hash() commit.Element {
	return commit.Hash(
		commit.FromUint64(commit.TagParams),
		p.Model.Hash(),
		p.DatasetRoot,
		commit.FromUint64(p.DatasetSize),
		commit.FromUint64(uint64(p.LearningRate)),
		commit.FromUint64(uint64(p.Batch)),
		commit.FromUint64(p.Seed),
		p.InitWeights,
		commit.FromUint64(p.Steps),
		commit.FromUint64(uint64(p.Order)),
	)
}

// Job is a job as the state holds it.
type Job struct {
	ID        JobID
	Params    Params
	Owner     [20]byte
	Weights   commit.Element // commitment of the current weights
	StepsDone uint64
	Status    Status
}

// Leaf is H(TagJob, id, params hash, weights commitment, steps done, status,
// owner) (spec/state.md#leaf).
func (j *Job) Leaf() commit.Element { return j.LeafWith(j.Params.Hash()) }

// LeafWith is Leaf given the params hash (j.Params.Hash()), which callers
// that hash many leaves of one job compute once.
func (j *Job) LeafWith(paramsHash commit.Element) commit.Element {
	return commit.Hash(
		commit.FromUint64(commit.TagJob),
		commit.FromUint64(uint64(j.ID)),
		paramsHash,
		j.Weights,
		commit.FromUint64(j.StepsDone),
		commit.FromUint64(uint64(j.Status)),
		commit.FromAddress(j.Owner),
	)
}

// MarshalBinary encodes the job record that the store keeps. The layout is
// the store's own, not part of the protocol: id u64, model spec (u8 length +
// bytes), dataset root, size u64, eta i64, batch u32, seed u64, initial
// weights, steps u64, order u8, owner, weights, steps done u64, status u8; integers
// big-endian, elements as 32 canonical bytes.
func (j *Job) MarshalBinary() ([]byte, error) {
	ms, err := j.Params.Model.MarshalBinary()
	if err != nil {
		return nil, err
	}
	b := binary.BigEndian.AppendUint64(nil, uint64(j.ID))
	b = append(b, byte(len(ms)))
	b = append(b, ms...)
	b = appendElement(b, j.Params.DatasetRoot)
	b = binary.BigEndian.AppendUint64(b, j.Params.DatasetSize)
	b = binary.BigEndian.AppendUint64(b, uint64(j.Params.LearningRate))
	b = binary.BigEndian.AppendUint32(b, j.Params.Batch)
	b = binary.BigEndian.AppendUint64(b, j.Params.Seed)
	b = appendElement(b, j.Params.InitWeights)
	b = binary.BigEndian.AppendUint64(b, j.Params.Steps)
	b = append(b, byte(j.Params.Order))
	b = append(b, j.Owner[:]...)
	b = appendElement(b, j.Weights)
	b = binary.BigEndian.AppendUint64(b, j.StepsDone)
	return append(b, byte(j.Status)), nil
}

// UnmarshalBinary decodes MarshalBinary's layout.
func (j *Job) UnmarshalBinary(b []byte) error {
	d := decoder{b: b}
	var out Job
	out.ID = JobID(d.u64())
	ms := d.bytes(int(d.u8()))
	if d.err == nil {
		if err := out.Params.Model.UnmarshalBinary(ms); err != nil {
			return fmt.Errorf("%w: %w", ErrInvalidJob, err)
		}
	}
	out.Params.DatasetRoot = d.element()
	out.Params.DatasetSize = d.u64()
	out.Params.LearningRate = int64(d.u64())
	out.Params.Batch = binary.BigEndian.Uint32(d.bytes(4))
	out.Params.Seed = d.u64()
	out.Params.InitWeights = d.element()
	out.Params.Steps = d.u64()
	out.Params.Order = Order(d.u8())
	copy(out.Owner[:], d.bytes(20))
	out.Weights = d.element()
	out.StepsDone = d.u64()
	out.Status = Status(d.u8())
	if d.err == nil && len(d.b) != 0 {
		d.err = fmt.Errorf("%d trailing bytes", len(d.b))
	}
	if d.err != nil {
		return fmt.Errorf("%w: job record: %w", ErrInvalidJob, d.err)
	}
	*j = out
	return nil
}

func appendElement(b []byte, e commit.Element) []byte {
	x := e.Bytes()
	return append(b, x[:]...)
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil {
		return make([]byte, n)
	}
	if len(d.b) < n {
		d.err = fmt.Errorf("truncated: need %d more bytes, have %d", n, len(d.b))
		return make([]byte, n)
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) u8() uint8   { return d.bytes(1)[0] }
func (d *decoder) u64() uint64 { return binary.BigEndian.Uint64(d.bytes(8)) }

func (d *decoder) element() commit.Element {
	var e commit.Element
	if err := e.SetBytesCanonical(d.bytes(32)); err != nil && d.err == nil {
		d.err = fmt.Errorf("field element: %w", err)
	}
	return e
}
