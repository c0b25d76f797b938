package gpu

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/executor/gpu/kernels"
	"github.com/trainrollup/trainrollup/fixed"
	"github.com/trainrollup/trainrollup/internal/mnistdir"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// irisTrain is Iris's training split, from $TRAINROLLUP_TESTDATA (where
// the copied bin/gpu keeps it for gpu-check) or the repository's testdata.
func irisTrain(t testing.TB) *dataset.Dataset {
	t.Helper()
	dir := os.Getenv("TRAINROLLUP_TESTDATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "testdata")
	}
	d, err := dataset.LoadCSV(filepath.Join(dir, "iris.csv"))
	if err != nil {
		t.Fatal(err)
	}
	train, _ := d.Split(5)
	return train
}

// values draws n values, a quarter of them at the edges of the range, so
// that dense outputs, errors and updates saturate and round both ways.
func values(rng *rand.Rand, n int) []int32 {
	v := make([]int32, n)
	for i := range v {
		switch rng.IntN(8) {
		case 0:
			v[i] = fixed.Max
		case 1:
			v[i] = fixed.Min
		case 2:
			v[i] = int32(rng.IntN(5)) - 2
		case 3, 4:
			v[i] = int32(rng.Int64N(fixed.Max-fixed.Min+1) + fixed.Min)
		default:
			v[i] = int32(rng.IntN(2*fixed.One+1)) - fixed.One
		}
	}
	return v
}

func batch(rng *rand.Rand, spec model.Spec, b int) ([]int32, []uint32) {
	y := make([]uint32, b)
	for i := range y {
		y[i] = uint32(rng.IntN(spec.Classes()))
	}
	return values(rng, b*spec.Inputs()), y
}

// TestStepMatchesCPU runs steps of random shapes, losses, batch sizes and
// learning rates with random weights and inputs (edges of the range
// included) on the device and on the CPU executor: the weights, the whole
// trace and the loss must agree bit for bit after every step.
func TestStepMatchesCPU(t *testing.T) {
	eachDevice(t, func(t *testing.T, _ string, dev kernels.Device) { stepMatchesCPU(t, NewBackend(dev)) })
}

func stepMatchesCPU(t *testing.T, be *Backend) {
	rng := rand.New(rand.NewPCG(7, 9))
	cases := []struct {
		spec  string
		batch int
		eta   int64
	}{
		{"4-8-3", 8, 3277},
		{"4-8-3:mse", 8, 3277},
		{"5-3", 1, 65536},
		{"5-3:mse", 2, 1},
		{"7-13-9-4", 16, executor.MaxLearningRate},
		{"196-64-10", 32, 13107},
		{"33-17-5:mse", 64, 777},
		{"6-300-2", 4, 50000},
		{"3-5-7-9-2", 128, 123},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/b%d/eta%d", c.spec, c.batch, c.eta), func(t *testing.T) {
			spec, err := model.Parse(c.spec)
			if err != nil {
				t.Fatal(err)
			}
			w, err := model.FromFlat(spec, values(rng, spec.NumParams()))
			if err != nil {
				t.Fatal(err)
			}
			// A unit of layer 1 with zero weights and bias: its
			// pre-activation is exactly 0 in the first step, where ReLU's
			// derivative is 0.
			clear(w.W(1)[:spec.Inputs()])
			w.B(1)[0] = 0
			cpu, err := executor.NewNet(spec, c.batch, c.eta, 2)
			if err != nil {
				t.Fatal(err)
			}
			st, err := be.NewStepper(spec, c.batch, c.eta)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if err := st.Load(w); err != nil {
				t.Fatal(err)
			}
			got := model.NewWeights(spec)
			for step := range 3 {
				x, y := batch(rng, spec, c.batch)
				if step == 2 { // a batch of small values: nothing saturates
					for i := range x {
						x[i] = int32(rng.IntN(fixed.One)) - fixed.One/2
					}
				}
				if err := cpu.Step(w, x, y); err != nil {
					t.Fatal(err)
				}
				if err := st.Step(x, y); err != nil {
					t.Fatal(err)
				}
				if err := st.Store(got); err != nil {
					t.Fatal(err)
				}
				if i := firstDiff(got.Flat, w.Flat); i >= 0 {
					t.Fatalf("step %d: weight %d is %d on the device, %d on the CPU", step, i, got.Flat[i], w.Flat[i])
				}
				tr, err := st.Trace()
				if err != nil {
					t.Fatal(err)
				}
				if err := sameTrace(tr, cpu.Trace()); err != nil {
					t.Fatalf("step %d: %v", step, err)
				}
				loss, err := st.Loss()
				if err != nil {
					t.Fatal(err)
				}
				if want := cpu.Loss(); loss != want {
					t.Fatalf("step %d: loss %v on the device, %v on the CPU", step, loss, want)
				}
			}
		})
	}
}

func firstDiff[T comparable](a, b []T) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	return -1
}

// sameTrace names the first buffer where two traces differ.
func sameTrace(got, want *executor.Trace) error {
	if len(got.Layers) != len(want.Layers) {
		return fmt.Errorf("%d layers, want %d", len(got.Layers), len(want.Layers))
	}
	for l := range want.Layers {
		g, w := reflect.ValueOf(got.Layers[l]), reflect.ValueOf(want.Layers[l])
		for f := range w.NumField() {
			if !reflect.DeepEqual(g.Field(f).Interface(), w.Field(f).Interface()) {
				return fmt.Errorf("layer %d: %s differs: %s", l+1, w.Type().Field(f).Name, diffAt(g.Field(f).Interface(), w.Field(f).Interface()))
			}
		}
	}
	if (got.Softmax == nil) != (want.Softmax == nil) {
		return fmt.Errorf("softmax trace present %v, want %v", got.Softmax != nil, want.Softmax != nil)
	}
	if want.Softmax != nil {
		g, w := reflect.ValueOf(*got.Softmax), reflect.ValueOf(*want.Softmax)
		for f := range w.NumField() {
			if !reflect.DeepEqual(g.Field(f).Interface(), w.Field(f).Interface()) {
				return fmt.Errorf("softmax: %s differs: %s", w.Type().Field(f).Name, diffAt(g.Field(f).Interface(), w.Field(f).Interface()))
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		return errors.New("traces differ")
	}
	return nil
}

func diffAt(got, want any) string {
	switch w := want.(type) {
	case []int32:
		if i := firstDiff(got.([]int32), w); i >= 0 && i < len(w) && i < len(got.([]int32)) {
			return fmt.Sprintf("[%d] = %d, want %d", i, got.([]int32)[i], w[i])
		}
	case []int64:
		if i := firstDiff(got.([]int64), w); i >= 0 && i < len(w) && i < len(got.([]int64)) {
			return fmt.Sprintf("[%d] = %d, want %d", i, got.([]int64)[i], w[i])
		}
	}
	return fmt.Sprintf("%v, want %v", got, want)
}

// TestStepperErrors: misuse and bad input get errors and leave the held
// weights as they were.
func TestStepperErrors(t *testing.T) {
	be := NewBackend(testDevice(t))
	spec, _ := model.Parse("4-8-3")
	if _, err := be.NewStepper(spec, 3, 100); !errors.Is(err, executor.ErrHyper) {
		t.Fatalf("batch 3: %v", err)
	}
	if _, err := be.NewStepper(model.Spec{Widths: []int{4}}, 8, 100); err == nil {
		t.Fatal("a spec without layers was accepted")
	}
	st, err := be.NewStepper(spec, 8, 3277)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	x, y := batch(rng, spec, 8)
	if err := st.Step(x, y); err == nil {
		t.Fatal("a step before Load was accepted")
	}
	if _, err := st.Trace(); err == nil {
		t.Fatal("a trace before any step")
	}
	other, _ := model.Parse("4-9-3")
	if err := st.Load(model.NewWeights(other)); !errors.Is(err, model.ErrInvalidSpec) {
		t.Fatalf("weights of another shape: %v", err)
	}
	w, _ := model.Init(spec, 3)
	if err := st.Load(w); err != nil {
		t.Fatal(err)
	}
	bad := slices.Clone(y)
	bad[2] = 3
	big := slices.Clone(x)
	big[5] = fixed.Max + 1
	for name, step := range map[string]func() error{
		"label 3":      func() error { return st.Step(x, bad) },
		"out of range": func() error { return st.Step(big, y) },
		"short batch":  func() error { return st.Step(x[:4*7], y[:7]) },
	} {
		if err := step(); !errors.Is(err, executor.ErrBatch) {
			t.Errorf("%s: %v", name, err)
		}
	}
	got := model.NewWeights(spec)
	if err := st.Store(got); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Flat, w.Flat) {
		t.Fatal("a refused step changed the weights")
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if err := st.Step(x, y); err == nil {
		t.Fatal("a step after Close was accepted")
	}
	if err := st.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

// newExecutor is an executor on backend b over an in-memory state holding
// train, closed at the test's end.
func newExecutor(t *testing.T, train *dataset.Dataset, b executor.Backend) *executor.Executor {
	t.Helper()
	st, err := state.Open("")
	if err != nil {
		t.Fatal(err)
	}
	ex := executor.New(st, executor.Config{Backend: b})
	t.Cleanup(func() {
		if err := ex.Close(); err != nil {
			t.Error(err)
		}
		st.Close()
	})
	if _, err := ex.AddDataset(train); err != nil {
		t.Fatal(err)
	}
	return ex
}

// irisJob is the parameters of a 4-8-3 job on train (batch 8, the seed's
// initial weights).
func irisJob(t *testing.T, train *dataset.Dataset, lr int64, seed, steps uint64) state.Params {
	t.Helper()
	tree, err := dataset.NewTree(train)
	if err != nil {
		t.Fatal(err)
	}
	spec, _ := model.Parse("4-8-3")
	w, _ := model.Init(spec, seed)
	return state.Params{Model: spec, DatasetRoot: tree.Root(), DatasetSize: uint64(train.Len()), LearningRate: lr,
		Batch: 8, Seed: seed, InitWeights: w.Commitment(), Steps: steps}
}

// TestExecutorOnDevice applies the same creations and interleaved steps of
// two jobs of one shape with a CPU executor and a device executor: every
// witness (weights, trace, leaves, roots) must be identical, and pass
// Check. Interleaving makes the device stepper reload weights between jobs
// and keep them resident within a job.
func TestExecutorOnDevice(t *testing.T) {
	eachDevice(t, func(t *testing.T, _ string, d kernels.Device) { executorOnDevice(t, d) })
}

func executorOnDevice(t *testing.T, d kernels.Device) {
	train := irisTrain(t)
	cpu, dev := newExecutor(t, train, executor.CPU{}), newExecutor(t, train, NewBackend(d))
	for _, id := range []state.JobID{1, 2} {
		p := irisJob(t, train, 3277, uint64(id), 10)
		for _, ex := range []*executor.Executor{cpu, dev} {
			if _, err := ex.CreateJob(id, [20]byte{byte(id)}, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	rng := rand.New(rand.NewPCG(4, 4))
	for i, id := range []state.JobID{1, 1, 2, 1, 2, 2, 2, 1} {
		s := executor.Step{Job: id, Indices: make([]uint64, 8)}
		for b := range s.Indices {
			s.Indices[b] = uint64(rng.IntN(train.Len()))
		}
		want, err := cpu.ApplyStep(s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := dev.ApplyStep(s)
		if err != nil {
			t.Fatal(err)
		}
		if err := sameTrace(got.Trace, want.Trace); err != nil {
			t.Fatalf("step %d (job %d): %v", i, id, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d (job %d): the witnesses differ", i, id)
		}
		if err := got.Check(); err != nil {
			t.Fatalf("step %d (job %d): %v", i, id, err)
		}
	}
	rc, _ := cpu.Root()
	rd, _ := dev.Root()
	if !rc.Equal(&rd) {
		t.Fatalf("state roots differ: %s on the CPU, %s on the device", commit.Hex(rc), commit.Hex(rd))
	}
}

// TestMNISTTraining trains the MNIST model (196-64-10, batch 32, lr 0.2,
// spec/dataset.md#order) on the device and on the CPU: the weights
// commitments must be equal. On a GPU (cuda tag) the run is the documented
// 8,000 steps; on the CPU devices shorter (mnistSteps).
func TestMNISTTraining(t *testing.T) {
	train, test, err := dataset.LoadMNIST(mnistdir.Dir(t), true)
	if err != nil {
		t.Fatal(err)
	}
	eachDevice(t, func(t *testing.T, kind string, d kernels.Device) { mnistTraining(t, train, test, mnistSteps(kind), d) })
}

func mnistTraining(t *testing.T, train, test *dataset.Dataset, steps int, d kernels.Device) {
	spec, _ := model.Parse("196-64-10")
	cfg := executor.TrainConfig{Spec: spec, Batch: 32, LearningRate: 13107, Steps: steps, Seed: 1, ProgressEvery: steps / 4}
	var losses [2][]float64
	run := func(i int, b executor.Backend) *executor.TrainResult {
		c := cfg
		c.Backend = b
		res, err := executor.Train(context.Background(), c, train, test, func(_ int, loss float64) { losses[i] = append(losses[i], loss) })
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	cpu := run(0, executor.CPU{})
	dev := run(1, NewBackend(d))
	t.Logf("%d steps: weights commitment %s on the CPU, %s on the device; test accuracy %.4f", steps,
		commit.Hex(cpu.WeightsCommitment), commit.Hex(dev.WeightsCommitment), dev.TestAccuracy)
	if !dev.WeightsCommitment.Equal(&cpu.WeightsCommitment) {
		t.Fatalf("weights commitment %s on the device, %s on the CPU", commit.Hex(dev.WeightsCommitment), commit.Hex(cpu.WeightsCommitment))
	}
	if !slices.Equal(losses[0], losses[1]) || len(losses[0]) != 4 {
		t.Fatalf("losses reported %v on the CPU, %v on the device", losses[0], losses[1])
	}
	if dev.TestAccuracy != cpu.TestAccuracy {
		t.Fatalf("test accuracy %v on the device, %v on the CPU", dev.TestAccuracy, cpu.TestAccuracy)
	}
}

// failing is a device whose launches fail while fail is set.
type failing struct {
	kernels.Device
	fail bool
}

func (f *failing) Launch(k kernels.Kernel, threads int, args ...uint64) error {
	if f.fail && k == kernels.WeightUpdate {
		return errors.New("launch failed (injected)")
	}
	return f.Device.Launch(k, threads, args...)
}

// TestDeviceFailure: a step whose kernels fail midway (after a layer's
// weights were updated on the device) is an error of the node, not of the
// transaction, leaves the state as it was, and the next step reloads the
// weights instead of trusting the half-updated ones: its witness is the
// CPU executor's.
func TestDeviceFailure(t *testing.T) {
	train := irisTrain(t)
	dev := &failing{Device: testDevice(t)}
	cpu, onDev := newExecutor(t, train, executor.CPU{}), newExecutor(t, train, NewBackend(dev))
	for _, ex := range []*executor.Executor{cpu, onDev} {
		if _, err := ex.CreateJob(1, [20]byte{1}, irisJob(t, train, 3277, 1, 10)); err != nil {
			t.Fatal(err)
		}
	}
	step := func(i int) executor.Step {
		s := executor.Step{Job: 1, Indices: make([]uint64, 8)}
		for b := range s.Indices {
			s.Indices[b] = uint64((i*8 + b*7) % train.Len())
		}
		return s
	}
	if _, err := onDev.ApplyStep(step(0)); err != nil { // the weights are now resident
		t.Fatal(err)
	}
	if _, err := cpu.ApplyStep(step(0)); err != nil {
		t.Fatal(err)
	}
	before, _ := onDev.Root()
	dev.fail = true
	_, err := onDev.ApplyStep(step(1))
	if err == nil {
		t.Fatal("a failed launch went unreported")
	}
	for _, e := range []error{executor.ErrBatch, executor.ErrHyper, executor.ErrUnknownJob, executor.ErrJobDone, model.ErrInvalidSpec} {
		if errors.Is(err, e) {
			t.Fatalf("a device failure reads as the transaction's fault (%v): %v", e, err)
		}
	}
	if after, _ := onDev.Root(); !after.Equal(&before) {
		t.Fatal("a failed step changed the state")
	}
	dev.fail = false
	for i := 1; i <= 3; i++ {
		want, err := cpu.ApplyStep(step(i))
		if err != nil {
			t.Fatal(err)
		}
		got, err := onDev.ApplyStep(step(i))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d after the failure differs from the CPU's", i)
		}
	}
}

// limited is a device with room for max bytes of allocations.
type limited struct {
	kernels.Device
	max, used int
	live      map[uint64]int
}

func (l *limited) Alloc(bytes int) (uint64, error) {
	if l.used+bytes > l.max {
		return 0, fmt.Errorf("out of memory: %d of %d bytes in use, %d more asked", l.used, l.max, bytes)
	}
	a, err := l.Device.Alloc(bytes)
	if err == nil {
		l.used += bytes
		l.live[a] = bytes
	}
	return a, err
}

func (l *limited) Free(a uint64) error {
	l.used -= l.live[a]
	delete(l.live, a)
	return l.Device.Free(a)
}

// TestStepperEviction: jobs of more shapes than fit at once (here 12 learning
// rates, device memory for two steppers) still run, each step bit for bit
// the CPU's: an executor keeps at most 8 steppers and, when the device is
// out of memory, closes the others and tries again.
func TestStepperEviction(t *testing.T) {
	train := irisTrain(t)
	spec, _ := model.Parse("4-8-3")
	probe := &Stepper{spec: spec, batch: 8}
	probe.plan()
	dev := &limited{Device: testDevice(t), max: 2*probe.size + probe.size/2, live: map[uint64]int{}}
	roomy := &limited{Device: testDevice(t), max: 1 << 30, live: map[uint64]int{}}
	cpu, onDev, onRoomy := newExecutor(t, train, executor.CPU{}), newExecutor(t, train, NewBackend(dev)), newExecutor(t, train, NewBackend(roomy))
	const jobs = 12
	for id := state.JobID(1); id <= jobs; id++ {
		p := irisJob(t, train, 1000+100*int64(id), 1, 5)
		for _, ex := range []*executor.Executor{cpu, onDev, onRoomy} {
			if _, err := ex.CreateJob(id, [20]byte{1}, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	for round := range 2 {
		for id := state.JobID(1); id <= jobs; id++ {
			s := executor.Step{Job: id, Indices: []uint64{uint64(id), 1, 2, 3, 4, 5, 6, uint64(round)}}
			want, err := cpu.ApplyStep(s)
			if err != nil {
				t.Fatal(err)
			}
			got, err := onDev.ApplyStep(s)
			if err != nil {
				t.Fatalf("round %d job %d: %v", round, id, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d job %d: the witnesses differ", round, id)
			}
			if _, err := onRoomy.ApplyStep(s); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n := len(dev.live); n > 2 {
		t.Fatalf("%d steppers' buffers live on a device with room for 2", n)
	}
	if n := len(roomy.live); n != 8 {
		t.Fatalf("%d steppers kept after 12 shapes, want the 8 most recent", n)
	}
}
