package dataset

import (
	"encoding/binary"

	"github.com/trainrollup/trainrollup/commit"
)

// Order is the protocol's sample order of a job (spec/dataset.md#order):
// index b of step t is H(TagOrder, seed, t, b), its low 64 bits, mod N.
// Indices are drawn with replacement, each step's independently of the
// others', so any step's batch is computed without the ones before it.
type Order struct {
	key commit.Element // H(TagOrder, seed)
	n   uint64
}

// NewOrder returns the order of a job with seed over n samples. Over no
// samples (n = 0) every batch is empty.
func NewOrder(seed, n uint64) Order {
	return Order{key: commit.Hash(commit.FromUint64(commit.TagOrder), commit.FromUint64(seed)), n: n}
}

// StepKey is H(TagOrder, seed, t): the prefix every index of step t
// shares.
func (o Order) StepKey(t uint64) commit.Element { return commit.Compress(o.key, commit.FromUint64(t)) }

// Index is sample b of step t (0 when there are no samples).
func (o Order) Index(t uint64, b int) uint64 {
	if o.n == 0 {
		return 0
	}
	return o.index(o.StepKey(t), b)
}

func (o Order) index(stepKey commit.Element, b int) uint64 {
	v := commit.Compress(stepKey, commit.FromUint64(uint64(b)))
	be := v.Bytes() // canonical, big-endian
	return binary.BigEndian.Uint64(be[24:]) % o.n
}

// Step returns the batch indices of step t (nil when there are no
// samples).
func (o Order) Step(t uint64, batch int) []uint64 {
	if o.n == 0 || batch <= 0 {
		return nil
	}
	k := o.StepKey(t)
	out := make([]uint64, batch)
	for b := range out {
		out[b] = o.index(k, b)
	}
	return out
}
