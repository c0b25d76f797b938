package executor

import (
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/fixed"
	"github.com/trainrollup/trainrollup/model"
)

// Limits of the training hyperparameters (spec/fixedpoint.md#learning-rate).
const (
	MaxBatch = 1024
	// MaxLearningRate is the largest learning rate in Q16, 16.0.
	MaxLearningRate = 16 * fixed.One
)

// ErrHyper reports a learning rate or batch size outside its limits.
var ErrHyper = fault.Invalid("invalid hyperparameter")

// CheckHyper reports whether a batch size and learning rate (Q16) are
// allowed: the batch a power of two in [1, MaxBatch], eta in
// [1, MaxLearningRate].
func CheckHyper(batch int, eta int64) error {
	if batch < 1 || batch > MaxBatch || batch&(batch-1) != 0 {
		return fmt.Errorf("%w: batch size %d, want a power of two in [1, %d]", ErrHyper, batch, MaxBatch)
	}
	if eta < 1 || eta > MaxLearningRate {
		return fmt.Errorf("%w: learning rate %s (%d/2^16), want (0, 16]", ErrHyper, fixed.Format(int32(min(max(eta, math.MinInt32), math.MaxInt32))), eta)
	}
	return nil
}

// Layer is the per-layer part of a Trace. Layer l (1-based) maps a_{l-1} to
// z_l; slices are batch-major.
type Layer struct {
	Z     []int32 // pre-activations z_l (B x out)
	ZRem  []int64 // remainders of Dense
	A     []int32 // ReLU(z_l) for hidden layers; nil for the output layer
	Delta []int32 // dLoss/dz_l (B x out)
	E     []int32 // error propagated to a_{l-1} (B x in); nil for l = 1
	ERem  []int64 // remainders of BackError
	GW    []int64 // weight gradient sums, exact (out x in)
	GB    []int64 // bias gradient sums, exact (out)
	URem  []int64 // remainders of Update over W_l then b_l
}

// Trace is everything one training step computed, in the order of
// spec/model.md#step. It is the arithmetic part of a StepWitness.
type Trace struct {
	Layers  []Layer // Layers[l-1] is layer l
	Softmax *SoftmaxTrace
}

// Net runs training steps of one model shape and batch size. It owns its
// buffers and reuses them from step to step; a Net is not safe for
// concurrent use.
type Net struct {
	spec  model.Spec
	batch int
	eta   int64
	logB  uint // log2 of the batch size
	pool  *Pool
	tr    Trace
	x     []int32
	y     []uint32
}

// NewNet returns a Net for spec, batch size and learning rate eta (Q16).
// workers <= 0 means GOMAXPROCS; the result never depends on it.
func NewNet(spec model.Spec, batch int, eta int64, workers int) (*Net, error) {
	if err := spec.Check(); err != nil {
		return nil, err
	}
	if err := CheckHyper(batch, eta); err != nil {
		return nil, err
	}
	n := &Net{spec: spec, batch: batch, eta: eta, logB: uint(bits.TrailingZeros(uint(batch))), pool: NewPool(workers)}
	L := spec.Layers()
	n.tr.Layers = make([]Layer, L)
	for l := 1; l <= L; l++ {
		in, out := spec.Widths[l-1], spec.Widths[l]
		ly := &n.tr.Layers[l-1]
		ly.Z, ly.ZRem, ly.Delta = make([]int32, batch*out), make([]int64, batch*out), make([]int32, batch*out)
		if l < L {
			ly.A = make([]int32, batch*out)
		}
		if l > 1 {
			ly.E, ly.ERem = make([]int32, batch*in), make([]int64, batch*in)
		}
		ly.GW, ly.GB = make([]int64, out*in), make([]int64, out)
		ly.URem = make([]int64, out*in+out)
	}
	n.tr.Softmax = NewSoftmaxTrace(batch, spec.Classes())
	return n, nil
}

// Step applies one SGD step to w in place on the batch x (B x inputs) with
// labels y (spec/model.md#step). Labels must be below the class count and
// inputs in range; Step checks both.
func (n *Net) Step(w *model.Weights, x []int32, y []uint32) error {
	if err := n.checkBatch(w, x, y); err != nil {
		return err
	}
	n.x, n.y = x, y
	s, L, B := n.spec, n.spec.Layers(), n.batch
	// Forward.
	in := x
	for l := 1; l <= L; l++ {
		ly := &n.tr.Layers[l-1]
		Dense(n.pool, ly.Z, ly.ZRem, in, w.W(l), w.B(l), B, s.Widths[l-1], s.Widths[l])
		if l < L {
			ReLU(ly.A, ly.Z)
			in = ly.A
		}
	}
	// Loss gradient at the output.
	out := &n.tr.Layers[L-1]
	ce := s.Loss == model.SoftmaxCE
	if ce {
		Softmax(n.tr.Softmax, out.Z, B, s.Classes())
	}
	LossGrad(out.Delta, n.tr.Softmax, out.Z, y, ce, s.Classes())
	// Backward, with the weights before the update.
	for l := L; l >= 1; l-- {
		ly := &n.tr.Layers[l-1]
		WeightGrad(n.pool, ly.GW, ly.GB, ly.Delta, n.input(l), B, s.Widths[l-1], s.Widths[l])
		if l > 1 {
			prev := &n.tr.Layers[l-2]
			BackError(n.pool, ly.E, ly.ERem, ly.Delta, w.W(l), B, s.Widths[l-1], s.Widths[l])
			ReLUGrad(prev.Delta, ly.E, prev.Z)
		}
	}
	// Update, layer by layer: W_l then b_l.
	for l := 1; l <= L; l++ {
		ly := &n.tr.Layers[l-1]
		nw := len(ly.GW)
		Update(w.W(l), ly.URem[:nw], ly.GW, n.eta, 2*fixed.Frac+n.logB)
		Update(w.B(l), ly.URem[nw:], ly.GB, n.eta, fixed.Frac+n.logB)
	}
	return nil
}

// input returns a_{l-1}: the batch for l = 1, else the previous activations.
func (n *Net) input(l int) []int32 {
	if l == 1 {
		return n.x
	}
	return n.tr.Layers[l-2].A
}

func (n *Net) checkBatch(w *model.Weights, x []int32, y []uint32) error {
	if err := CheckWeights(n.spec, w); err != nil {
		return err
	}
	return CheckBatch(n.spec, n.batch, x, y)
}

// Trace returns a deep copy of what the last Step computed.
func (n *Net) Trace() *Trace {
	c := &Trace{Layers: make([]Layer, len(n.tr.Layers))}
	for i, ly := range n.tr.Layers {
		c.Layers[i] = Layer{
			Z: slices.Clone(ly.Z), ZRem: slices.Clone(ly.ZRem), A: slices.Clone(ly.A), Delta: slices.Clone(ly.Delta),
			E: slices.Clone(ly.E), ERem: slices.Clone(ly.ERem), GW: slices.Clone(ly.GW), GB: slices.Clone(ly.GB),
			URem: slices.Clone(ly.URem),
		}
	}
	if n.spec.Loss == model.SoftmaxCE {
		s := n.tr.Softmax
		c.Softmax = &SoftmaxTrace{
			Max: slices.Clone(s.Max), U: slices.Clone(s.U), URem: slices.Clone(s.URem), K: slices.Clone(s.K), F: slices.Clone(s.F),
			Poly: slices.Clone(s.Poly), Exp: slices.Clone(s.Exp), ExpRem: slices.Clone(s.ExpRem), Sum: slices.Clone(s.Sum),
			P: slices.Clone(s.P), DivRem: slices.Clone(s.DivRem),
		}
		for i := range s.PolyRem {
			c.Softmax.PolyRem[i] = slices.Clone(s.PolyRem[i])
		}
	}
	return c
}

// Loss returns the mean loss of the last Step's batch as a float64, for
// progress reports only: never on the consensus path. Cross-entropy uses the
// integer softmax probability of the label (at least 2^-16).
func (n *Net) Loss() float64 {
	out := n.tr.Layers[len(n.tr.Layers)-1].Z
	if n.spec.Loss == model.SoftmaxCE {
		out = n.tr.Softmax.P
	}
	return BatchLoss(n.spec.Loss, n.spec.Classes(), out, n.y)
}

// Predict returns the argmax of the logits of each sample of x (the lowest
// index on ties), computed with the Dense and ReLU ops of the forward pass.
func Predict(w *model.Weights, x []int32, workers int) []int {
	s := w.Spec
	p := NewPool(workers)
	batch := len(x) / s.Inputs()
	in := x
	for l := 1; l <= s.Layers(); l++ {
		z := make([]int32, batch*s.Widths[l])
		Dense(p, z, nil, in, w.W(l), w.B(l), batch, s.Widths[l-1], s.Widths[l])
		if l < s.Layers() {
			ReLU(z, z)
		}
		in = z
	}
	C := s.Classes()
	out := make([]int, batch)
	for b := range out {
		best := 0
		for j := 1; j < C; j++ {
			if in[b*C+j] > in[b*C+best] {
				best = j
			}
		}
		out[b] = best
	}
	return out
}
