package executor

import (
	"fmt"
	"math"
	"runtime"
	"slices"

	"github.com/trainrollup/trainrollup/fixed"
	"github.com/trainrollup/trainrollup/model"
)

// Backend is where training steps run: the CPU (CPU, this package) or a
// GPU (package executor/gpu, in builds with the cuda tag only). Every
// backend computes exactly the same bits (spec/fixedpoint.md#determinism):
// the choice changes speed, never a result.
type Backend interface {
	// Name names the backend and its device for logs and benchmarks.
	Name() string
	// NewStepper returns a Stepper for one model shape, batch size and
	// learning rate (Q16), checked as NewNet checks them.
	NewStepper(spec model.Spec, batch int, eta int64) (Stepper, error)
}

// Stepper runs SGD steps of one model shape, batch size and learning rate
// on weights it holds between steps (a GPU stepper keeps them on the GPU).
// A Stepper is not safe for concurrent use.
type Stepper interface {
	// Load sets the weights the next Step starts from (a copy of w).
	Load(w *model.Weights) error
	// Step applies one SGD step (spec/model.md#step) to the held weights
	// on the batch x (B x inputs, sample-major) with labels y. It checks
	// the batch as Net.Step does and refuses a bad one without changing the
	// weights; if the device fails during the step, the held weights are
	// undefined until the next Load.
	Step(x []int32, y []uint32) error
	// Store copies the held weights into w, which must have the stepper's
	// shape.
	Store(w *model.Weights) error
	// Trace returns a copy of everything the last Step computed.
	Trace() (*Trace, error)
	// Loss returns the mean loss of the last Step's batch, for progress
	// reports only (see Net.Loss).
	Loss() (float64, error)
	// Close releases what the stepper holds (device memory).
	Close() error
}

// CPU is the backend of the integer executor on the CPU: Net, with Workers
// goroutines per step (0: GOMAXPROCS; the result never depends on it).
type CPU struct{ Workers int }

// Name implements Backend.
func (c CPU) Name() string {
	switch {
	case c.Workers == 1:
		return "cpu (1 goroutine)"
	case c.Workers > 1:
		return fmt.Sprintf("cpu (%d goroutines)", c.Workers)
	}
	return fmt.Sprintf("cpu (%d goroutines)", runtime.GOMAXPROCS(0))
}

// NewStepper implements Backend.
func (c CPU) NewStepper(spec model.Spec, batch int, eta int64) (Stepper, error) {
	n, err := NewNet(spec, batch, eta, c.Workers)
	if err != nil {
		return nil, err
	}
	return &cpuStepper{net: n, w: model.NewWeights(spec)}, nil
}

// cpuStepper holds its own copy of the weights so that it has the same
// semantics as a device stepper: Load and Store copy.
type cpuStepper struct {
	net *Net
	w   *model.Weights
}

func (s *cpuStepper) Load(w *model.Weights) error {
	if err := CheckWeights(s.net.spec, w); err != nil {
		return err
	}
	copy(s.w.Flat, w.Flat)
	return nil
}

func (s *cpuStepper) Step(x []int32, y []uint32) error { return s.net.Step(s.w, x, y) }

func (s *cpuStepper) Store(w *model.Weights) error {
	if err := CheckWeights(s.net.spec, w); err != nil {
		return err
	}
	copy(w.Flat, s.w.Flat)
	return nil
}

func (s *cpuStepper) Trace() (*Trace, error) { return s.net.Trace(), nil }
func (s *cpuStepper) Loss() (float64, error) { return s.net.Loss(), nil }
func (s *cpuStepper) Close() error           { return nil }

// checkWeights reports whether w has the shape of spec.
func CheckWeights(spec model.Spec, w *model.Weights) error {
	if w.Spec.Loss != spec.Loss || !slices.Equal(w.Spec.Widths, spec.Widths) || len(w.Flat) != spec.NumParams() {
		return fmt.Errorf("%w: weights of %s for a net of %s", model.ErrInvalidSpec, w.Spec, spec)
	}
	return nil
}

// CheckBatch reports whether x and y are a batch of batch samples for
// spec: the sizes, every label below the class count and every value in
// the fixed-point range. Every backend checks its batches with it.
func CheckBatch(spec model.Spec, batch int, x []int32, y []uint32) error {
	if len(y) != batch || len(x) != batch*spec.Inputs() {
		return fmt.Errorf("%w: batch of %d samples x %d values, want %d x %d", ErrBatch, len(y), len(x)/max(len(y), 1), batch, spec.Inputs())
	}
	for i, label := range y {
		if int(label) >= spec.Classes() {
			return fmt.Errorf("%w: sample %d has label %d, the model has %d classes", ErrBatch, i, label, spec.Classes())
		}
	}
	for i, v := range x {
		if !fixed.InRange(int64(v)) {
			return fmt.Errorf("%w: value %d of the batch: %w", ErrBatch, i, fixed.ErrRange)
		}
	}
	return nil
}

// BatchLoss is the mean loss of a batch with labels y, for progress
// reports only (never on the consensus path), from out (B x C): for
// cross-entropy the integer softmax probabilities (at least 2^-16 is used),
// for mean squared error the logits.
func BatchLoss(loss model.Loss, classes int, out []int32, y []uint32) float64 {
	var sum float64
	for b, label := range y {
		if loss == model.SoftmaxCE {
			q := max(out[b*classes+int(label)], 1)
			sum -= math.Log(float64(q) / fixed.One)
			continue
		}
		for j := range classes {
			d := fixed.Float(out[b*classes+j])
			if j == int(label) {
				d--
			}
			sum += d * d
		}
	}
	return sum / float64(len(y))
}
