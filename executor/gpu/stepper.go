package gpu

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"unsafe"

	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/executor/gpu/kernels"
	"github.com/trainrollup/trainrollup/model"
)

// Backend is an executor.Backend whose steps run the kernels of package
// kernels on a Device: a GPU (Open, cuda builds) or the CPU emulator
// (emu.NewSim, any build).
type Backend struct{ dev kernels.Device }

// NewBackend returns a backend over dev. Closing the backend closes dev.
func NewBackend(dev kernels.Device) *Backend { return &Backend{dev: dev} }

// Name implements executor.Backend.
func (b *Backend) Name() string { return b.dev.Name() }

// Close closes the device; steppers made by b must be closed first.
func (b *Backend) Close() error { return b.dev.Close() }

// NewStepper implements executor.Backend: it allocates the stepper's device
// memory, which its steps reuse.
func (b *Backend) NewStepper(spec model.Spec, batch int, eta int64) (executor.Stepper, error) {
	if err := spec.Check(); err != nil {
		return nil, err
	}
	if err := executor.CheckHyper(batch, eta); err != nil {
		return nil, err
	}
	s := &Stepper{dev: b.dev, spec: spec, batch: batch, eta: eta, logB: uint64(bits.TrailingZeros(uint(batch)))}
	s.plan()
	base, err := b.dev.Alloc(s.size)
	if err != nil {
		return nil, fmt.Errorf("gpu: allocate %d bytes for %s, batch %d: %w", s.size, spec, batch, err)
	}
	s.base = base
	s.mirror = make([]uint64, (s.traceEnd-s.traceStart)/8)
	s.staging = make([]int32, batch*spec.Inputs()+batch)
	return s, nil
}

// align is the alignment of every buffer in a stepper's arena (that of
// cudaMalloc), so that each buffer's loads coalesce as if allocated alone.
const align = 256

// region is one buffer of a stepper's arena: n elements of elem bytes at
// byte offset off. A region with n = 0 is absent (its address is 0).
type region struct{ off, n, elem int }

func (r region) bytes() int { return r.n * r.elem }

// layerRegions are layer l's buffers; w and b are offsets into the weights
// region (spec/model.md#layout).
type layerRegions struct {
	w, b                                  int
	z, zrem, a, delta, e, erem, gw, gb, u region
}

// Stepper runs training steps of one shape on a Device (executor.Stepper).
// All its buffers live in one device allocation, the arena, laid out once
// by plan: the weights (resident between steps), the input batch, then
// every buffer of the trace, contiguous so that Trace reads them back with
// one copy. A Stepper is not safe for concurrent use.
type Stepper struct {
	dev   kernels.Device
	spec  model.Spec
	batch int
	eta   int64
	logB  uint64

	base                 uint64 // the arena
	size                 int
	weights, input       region
	layers               []layerRegions
	smMax, smU, smURem   region
	smK, smF, smPoly     region
	smPolyRem            region // the four Horner remainders, stage by stage
	smExp, smExpRem      region
	smSum, smP, smDivRem region
	traceStart, traceEnd int // byte span of the trace buffers

	mirror  []uint64 // host copy of the trace span (8-byte aligned)
	staging []int32  // the batch then the labels, as uploaded
	y       []uint32 // labels of the last step, for Loss

	loaded  bool // the device holds weights
	stepped bool // the trace buffers hold a step
	closed  bool
}

// plan lays out the arena.
func (s *Stepper) plan() {
	B, L, C := s.batch, s.spec.Layers(), s.spec.Classes()
	add := func(n, elem int) region {
		if n == 0 {
			return region{}
		}
		r := region{off: s.size, n: n, elem: elem}
		s.size += (r.bytes() + align - 1) / align * align
		return r
	}
	s.weights = add(s.spec.NumParams(), 4)
	s.input = add(B*s.spec.Inputs()+B, 4)
	s.traceStart = s.size
	s.layers = make([]layerRegions, L)
	for l := 1; l <= L; l++ {
		in, out := s.spec.Widths[l-1], s.spec.Widths[l]
		ly := &s.layers[l-1]
		ly.w = s.spec.LayerOffset(l)
		ly.b = ly.w + out*in
		ly.z, ly.zrem, ly.delta = add(B*out, 4), add(B*out, 8), add(B*out, 4)
		if l < L {
			ly.a = add(B*out, 4)
		}
		if l > 1 {
			ly.e, ly.erem = add(B*in, 4), add(B*in, 8)
		}
		ly.gw, ly.gb, ly.u = add(out*in, 8), add(out, 8), add(out*in+out, 8)
	}
	if s.spec.Loss == model.SoftmaxCE {
		n := B * C
		s.smMax, s.smU, s.smURem = add(B, 4), add(n, 8), add(n, 8)
		s.smK, s.smF, s.smPoly = add(n, 8), add(n, 8), add(n, 8)
		s.smPolyRem = add(4*n, 8)
		s.smExp, s.smExpRem = add(n, 8), add(n, 8)
		s.smSum, s.smP, s.smDivRem = add(B, 8), add(n, 4), add(n, 8)
	}
	s.traceEnd = s.size
}

// addr is the device address of r, 0 if r is absent.
func (s *Stepper) addr(r region) uint64 {
	if r.n == 0 {
		return 0
	}
	return s.base + uint64(r.off)
}

// param is the device address of the weight or bias at flat index i.
func (s *Stepper) param(i int) uint64 { return s.base + uint64(s.weights.off+4*i) }

var (
	errClosed   = errors.New("gpu: stepper closed")
	errNoWeight = errors.New("gpu: no weights loaded (Load first)")
	errNoStep   = errors.New("gpu: no step computed yet")
)

// Load implements executor.Stepper.
func (s *Stepper) Load(w *model.Weights) error {
	if err := s.usable(w); err != nil {
		return err
	}
	s.loaded, s.stepped = false, false
	if err := s.dev.CopyIn(s.addr(s.weights), unsafe.Pointer(&w.Flat[0]), s.weights.bytes()); err != nil {
		return fmt.Errorf("gpu: load weights: %w", err)
	}
	s.loaded = true
	return nil
}

// Store implements executor.Stepper.
func (s *Stepper) Store(w *model.Weights) error {
	if err := s.usable(w); err != nil {
		return err
	}
	if !s.loaded {
		return errNoWeight
	}
	if err := s.dev.CopyOut(unsafe.Pointer(&w.Flat[0]), s.addr(s.weights), s.weights.bytes()); err != nil {
		return fmt.Errorf("gpu: store weights: %w", err)
	}
	return nil
}

func (s *Stepper) usable(w *model.Weights) error {
	if s.closed {
		return errClosed
	}
	return executor.CheckWeights(s.spec, w)
}

// Step implements executor.Stepper: one upload of the batch, then per
// layer a dense launch forward, one loss_grad, and per layer backward a
// back_error (but for layer 1) and a weight_update, in the order of
// spec/model.md#step. It does not wait for the kernels to finish. If a
// launch fails the held weights are undefined until the next Load.
func (s *Stepper) Step(x []int32, y []uint32) error {
	if s.closed {
		return errClosed
	}
	if !s.loaded {
		return errNoWeight
	}
	if err := executor.CheckBatch(s.spec, s.batch, x, y); err != nil {
		return err
	}
	s.stepped = false
	n := copy(s.staging, x)
	for i, v := range y {
		s.staging[n+i] = int32(v)
	}
	s.y = append(s.y[:0], y...)
	if err := s.dev.CopyIn(s.addr(s.input), unsafe.Pointer(&s.staging[0]), s.input.bytes()); err != nil {
		return fmt.Errorf("gpu: upload batch: %w", err)
	}
	if err := s.launches(); err != nil {
		s.loaded = false
		return err
	}
	s.stepped = true
	return nil
}

func (s *Stepper) launches() error {
	B, L := uint64(s.batch), s.spec.Layers()
	x := s.addr(s.input)
	// input is a_{l-1}: the batch for l = 1, else the activations.
	input := func(l int) uint64 {
		if l == 1 {
			return x
		}
		return s.addr(s.layers[l-2].a)
	}
	for l := 1; l <= L; l++ {
		ly, in, out := &s.layers[l-1], uint64(s.spec.Widths[l-1]), uint64(s.spec.Widths[l])
		relu := uint64(0)
		if l < L {
			relu = 1
		}
		if err := s.launch(kernels.Dense, int(B*out), s.addr(ly.z), s.addr(ly.zrem), s.addr(ly.a), input(l), s.param(ly.w), s.param(ly.b), B, in, out, relu); err != nil {
			return err
		}
	}
	out := &s.layers[L-1]
	ce := uint64(0)
	if s.spec.Loss == model.SoftmaxCE {
		ce = 1
	}
	labels := x + uint64(4*s.batch*s.spec.Inputs())
	if err := s.launch(kernels.LossGrad, s.batch, s.addr(out.delta), s.addr(out.z), labels, B, uint64(s.spec.Classes()), ce,
		s.addr(s.smMax), s.addr(s.smU), s.addr(s.smURem), s.addr(s.smK), s.addr(s.smF), s.addr(s.smPoly), s.addr(s.smPolyRem),
		s.addr(s.smExp), s.addr(s.smExpRem), s.addr(s.smSum), s.addr(s.smP), s.addr(s.smDivRem)); err != nil {
		return err
	}
	for l := L; l >= 1; l-- {
		ly, in, out := &s.layers[l-1], uint64(s.spec.Widths[l-1]), uint64(s.spec.Widths[l])
		if l > 1 {
			prev := &s.layers[l-2]
			if err := s.launch(kernels.BackError, int(B*in), s.addr(ly.e), s.addr(ly.erem), s.addr(prev.delta), s.addr(ly.delta), s.param(ly.w), s.addr(prev.z), B, in, out); err != nil {
				return err
			}
		}
		if err := s.launch(kernels.WeightUpdate, int(out*(in+1)), s.param(ly.w), s.param(ly.b), s.addr(ly.gw), s.addr(ly.gb), s.addr(ly.u), s.addr(ly.delta), input(l),
			B, in, out, uint64(s.eta), s.logB); err != nil {
			return err
		}
	}
	return nil
}

func (s *Stepper) launch(k kernels.Kernel, threads int, args ...uint64) error {
	if err := s.dev.Launch(k, threads, args...); err != nil {
		return fmt.Errorf("gpu: kernel %s: %w", k.Name(), err)
	}
	return nil
}

// Trace implements executor.Stepper: one copy of the trace span, then
// host slices shaped as executor.Net's.
func (s *Stepper) Trace() (*executor.Trace, error) {
	if s.closed {
		return nil, errClosed
	}
	if !s.stepped {
		return nil, errNoStep
	}
	if err := s.dev.CopyOut(unsafe.Pointer(&s.mirror[0]), s.base+uint64(s.traceStart), s.traceEnd-s.traceStart); err != nil {
		return nil, fmt.Errorf("gpu: read trace: %w", err)
	}
	t := &executor.Trace{Layers: make([]executor.Layer, len(s.layers))}
	for i, ly := range s.layers {
		t.Layers[i] = executor.Layer{
			Z: s.int32s(ly.z), ZRem: s.int64s(ly.zrem), A: s.int32s(ly.a), Delta: s.int32s(ly.delta),
			E: s.int32s(ly.e), ERem: s.int64s(ly.erem), GW: s.int64s(ly.gw), GB: s.int64s(ly.gb), URem: s.int64s(ly.u),
		}
	}
	if s.spec.Loss == model.SoftmaxCE {
		sm := &executor.SoftmaxTrace{
			Max: s.int32s(s.smMax), U: s.int64s(s.smU), URem: s.int64s(s.smURem), K: s.int64s(s.smK), F: s.int64s(s.smF),
			Poly: s.int64s(s.smPoly), Exp: s.int64s(s.smExp), ExpRem: s.int64s(s.smExpRem), Sum: s.int64s(s.smSum),
			P: s.int32s(s.smP), DivRem: s.int64s(s.smDivRem),
		}
		all := s.int64s(s.smPolyRem)
		n := len(all) / len(sm.PolyRem)
		for h := range sm.PolyRem {
			sm.PolyRem[h] = all[h*n : (h+1)*n : (h+1)*n]
		}
		t.Softmax = sm
	}
	return t, nil
}

// int32s and int64s copy region r out of the mirror of the trace span.
func (s *Stepper) int32s(r region) []int32 {
	if r.n == 0 {
		return nil
	}
	off := (r.off - s.traceStart) / 8
	return slices.Clone(unsafe.Slice((*int32)(unsafe.Pointer(&s.mirror[off])), r.n))
}

func (s *Stepper) int64s(r region) []int64 {
	if r.n == 0 {
		return nil
	}
	off := (r.off - s.traceStart) / 8
	return slices.Clone(unsafe.Slice((*int64)(unsafe.Pointer(&s.mirror[off])), r.n))
}

// Loss implements executor.Stepper: it reads back only the softmax
// probabilities (cross-entropy) or the logits (MSE).
func (s *Stepper) Loss() (float64, error) {
	if s.closed {
		return 0, errClosed
	}
	if !s.stepped {
		return 0, errNoStep
	}
	r := s.layers[len(s.layers)-1].z
	if s.spec.Loss == model.SoftmaxCE {
		r = s.smP
	}
	v := make([]int32, r.n)
	if err := s.dev.CopyOut(unsafe.Pointer(&v[0]), s.addr(r), r.bytes()); err != nil {
		return 0, fmt.Errorf("gpu: read loss: %w", err)
	}
	return executor.BatchLoss(s.spec.Loss, s.spec.Classes(), v, s.y), nil
}

// Close implements executor.Stepper: it frees the arena.
func (s *Stepper) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	return s.dev.Free(s.base)
}
