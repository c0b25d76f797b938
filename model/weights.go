package model

import (
	"fmt"
	"math/bits"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/fixed"
)

// Weights holds every parameter of a Spec in one flat slice, in the order
// of spec/model.md#layout: for each layer l = 1..L, the weight matrix W_l
// (Widths[l] rows of Widths[l-1], row-major) then the bias vector b_l.
type Weights struct {
	Spec Spec
	Flat []int32
	offs []int // offs[l-1] is where W_l starts
}

// NewWeights returns zero weights for s, which must pass Check.
func NewWeights(s Spec) *Weights {
	w := &Weights{Spec: s, Flat: make([]int32, s.NumParams())}
	w.index()
	return w
}

// FromFlat wraps flat values as weights of s, checking length and range.
func FromFlat(s Spec, flat []int32) (*Weights, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	if len(flat) != s.NumParams() {
		return nil, fmt.Errorf("%w: %d values for %d parameters of %s", ErrInvalidSpec, len(flat), s.NumParams(), s)
	}
	for i, v := range flat {
		if !fixed.InRange(int64(v)) {
			return nil, fmt.Errorf("parameter %d: %w", i, fixed.ErrRange)
		}
	}
	w := &Weights{Spec: s, Flat: flat}
	w.index()
	return w, nil
}

func (w *Weights) index() {
	w.offs = make([]int, w.Spec.Layers())
	for l := 1; l <= w.Spec.Layers(); l++ {
		w.offs[l-1] = w.Spec.LayerOffset(l)
	}
}

// LayerOffset returns where layer l's weight matrix W_l starts in the flat
// parameter vector (spec/model.md#layout); its bias follows the matrix.
func (s Spec) LayerOffset(l int) int {
	off := 0
	for i := 1; i < l; i++ {
		off += s.Widths[i]*s.Widths[i-1] + s.Widths[i]
	}
	return off
}

// W returns layer l's weight matrix (1-based), row j at [j*in : (j+1)*in].
func (w *Weights) W(l int) []int32 {
	n := w.Spec.Widths[l] * w.Spec.Widths[l-1]
	return w.Flat[w.offs[l-1] : w.offs[l-1]+n]
}

// B returns layer l's bias vector (1-based).
func (w *Weights) B(l int) []int32 {
	start := w.offs[l-1] + w.Spec.Widths[l]*w.Spec.Widths[l-1]
	return w.Flat[start : start+w.Spec.Widths[l]]
}

// Clone returns a deep copy.
func (w *Weights) Clone() *Weights {
	c := &Weights{Spec: w.Spec, Flat: append([]int32(nil), w.Flat...)}
	c.index()
	return c
}

// Commitment is H(TagWeights, Pack(Flat)...) (spec/commitments.md#weights).
func (w *Weights) Commitment() commit.Element {
	return WeightsCommitment(w.Flat)
}

// WeightsCommitment is the commitment of a flat parameter vector.
func WeightsCommitment(flat []int32) commit.Element {
	var h commit.Hasher
	h.WriteUint64(commit.TagWeights)
	var buf [64]commit.Element
	for start := 0; start < len(flat); start += len(buf) * commit.PackWidth {
		end := min(start+len(buf)*commit.PackWidth, len(flat))
		es := buf[:commit.PackedLen(end-start)]
		commit.PackInto(es, flat[start:end])
		for i := range es {
			h.Write(es[i])
		}
	}
	return h.Sum()
}

// Init draws initial weights for s from seed (spec/model.md#init): He-uniform
// weights in [-L, L] with L = isqrt(floor(6 * 2^32 / fan_in)), drawn as
// (x mod (2L+1)) - L from consecutive SplitMix64 outputs, layer by layer, W
// row-major; biases are zero.
func Init(s Spec, seed uint64) (*Weights, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	w := NewWeights(s)
	rng := SplitMix64{State: seed}
	for l := 1; l <= s.Layers(); l++ {
		lim := InitLimit(s.Widths[l-1])
		span := uint64(2*lim + 1)
		m := w.W(l)
		for i := range m {
			m[i] = int32(int64(rng.Next()%span) - lim)
		}
	}
	return w, nil
}

// InitLimit returns L = isqrt(floor(6 * 2^32 / fanIn)), the He-uniform bound
// sqrt(6 / fan_in) in fixed point.
func InitLimit(fanIn int) int64 {
	return int64(isqrt(6 << 32 / uint64(fanIn)))
}

// isqrt returns floor(sqrt(x)) exactly.
func isqrt(x uint64) uint64 {
	if x == 0 {
		return 0
	}
	// Newton from above, starting at a power of two >= sqrt(x).
	r := uint64(1) << ((bits.Len64(x) + 1) / 2)
	for {
		n := (r + x/r) / 2
		if n >= r {
			return r
		}
		r = n
	}
}

// SplitMix64 is the generator of spec/model.md#prng (Steele, Lea, Flood
// 2014): state += 0x9e3779b97f4a7c15, then the output mix below.
type SplitMix64 struct{ State uint64 }

// Next returns the next 64-bit output.
func (g *SplitMix64) Next() uint64 {
	g.State += 0x9e3779b97f4a7c15
	z := g.State
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
