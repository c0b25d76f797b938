package executor

import (
	"context"
	"fmt"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/fixed"
	"github.com/trainrollup/trainrollup/internal/floatref"
	"github.com/trainrollup/trainrollup/model"
)

// TrainConfig configures local training: no chain, no state, the steps of
// one job run back to back (spec/dataset.md#order gives the sample order).
type TrainConfig struct {
	// Spec is the model.
	Spec model.Spec
	// Batch is the batch size, a power of two.
	Batch int
	// LearningRate is eta in Q16 (spec/fixedpoint.md#learning-rate).
	LearningRate int64
	// Steps is the number of SGD steps.
	Steps int
	// Seed seeds the weight initialisation and the sample order.
	Seed uint64
	// Workers bounds the goroutines of a CPU step; 0 means GOMAXPROCS.
	Workers int
	// Backend runs the steps; nil means CPU{Workers}. The result never
	// depends on it.
	Backend Backend
	// ProgressEvery is how often, in steps, Train reports progress (and
	// reads the loss back from the backend); 0 means every step. The last
	// step is always reported.
	ProgressEvery int
	// Reference also trains the float64 reference and reports its accuracy.
	Reference bool
}

// Check reports whether c is usable.
func (c TrainConfig) Check() error {
	if err := c.Spec.Check(); err != nil {
		return err
	}
	if err := CheckHyper(c.Batch, c.LearningRate); err != nil {
		return err
	}
	if c.Steps < 1 {
		return fmt.Errorf("%w: %d steps, want at least 1", ErrHyper, c.Steps)
	}
	return nil
}

// TrainResult is the outcome of Train.
type TrainResult struct {
	Steps             int
	TestAccuracy      float64
	ReferenceAccuracy float64 // 0 unless TrainConfig.Reference
	FinalLoss         float64 // mean loss of the last batch (reporting only)
	InitCommitment    commit.Element
	WeightsCommitment commit.Element
	Weights           *model.Weights
}

// Progress is called after every TrainConfig.ProgressEvery steps and the
// last with the step number (from 1) and the batch loss.
type Progress func(step int, loss float64)

// Train runs cfg.Steps integer SGD steps on train and measures accuracy on
// test. It stops early with ctx's error when ctx is done.
func Train(ctx context.Context, cfg TrainConfig, train, test *dataset.Dataset, progress Progress) (*TrainResult, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	for _, d := range []*dataset.Dataset{train, test} {
		if err := d.Check(); err != nil {
			return nil, err
		}
		if d.Features != cfg.Spec.Inputs() {
			return nil, fmt.Errorf("%w: %s has %d features, model %s takes %d inputs", ErrDataset, d.Name, d.Features, cfg.Spec, cfg.Spec.Inputs())
		}
		if d.Classes > cfg.Spec.Classes() {
			return nil, fmt.Errorf("%w: %s has labels up to %d, model %s has %d classes", ErrDataset, d.Name, d.Classes-1, cfg.Spec, cfg.Spec.Classes())
		}
	}
	w, err := model.Init(cfg.Spec, cfg.Seed)
	if err != nil {
		return nil, err
	}
	res := &TrainResult{InitCommitment: w.Commitment()}
	var ref *floatref.Net
	if cfg.Reference {
		ref = floatref.FromWeights(w)
	}
	backend := cfg.Backend
	if backend == nil {
		backend = CPU{Workers: cfg.Workers}
	}
	st, err := backend.NewStepper(cfg.Spec, cfg.Batch, cfg.LearningRate)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if err := st.Load(w); err != nil {
		return nil, err
	}
	every := max(cfg.ProgressEvery, 1)
	order := dataset.NewOrder(cfg.Seed, uint64(train.Len()))
	x := make([]int32, cfg.Batch*train.Features)
	y := make([]uint32, cfg.Batch)
	lr := float64(cfg.LearningRate) / fixed.One
	for step := 1; step <= cfg.Steps; step++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		train.Gather(order.Step(uint64(step-1), cfg.Batch), x, y)
		if err := st.Step(x, y); err != nil {
			return nil, fmt.Errorf("step %d: %w", step, err)
		}
		if ref != nil {
			ref.Step(floatref.Floats(x), y, lr)
		}
		if step%every == 0 || step == cfg.Steps {
			if res.FinalLoss, err = st.Loss(); err != nil {
				return nil, fmt.Errorf("step %d: %w", step, err)
			}
			if progress != nil {
				progress(step, res.FinalLoss)
			}
		}
	}
	if err := st.Store(w); err != nil {
		return nil, err
	}
	res.Steps = cfg.Steps
	res.Weights = w
	res.WeightsCommitment = w.Commitment()
	res.TestAccuracy = accuracy(Predict(w, test.X, cfg.Workers), test.Y)
	if ref != nil {
		res.ReferenceAccuracy = accuracy(ref.Predict(floatref.Floats(test.X)), test.Y)
	}
	return res, nil
}

func accuracy(pred []int, y []uint32) float64 {
	ok := 0
	for i, p := range pred {
		if p == int(y[i]) {
			ok++
		}
	}
	return float64(ok) / float64(len(y))
}
