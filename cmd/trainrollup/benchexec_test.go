package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/executor/gpu"
	"github.com/trainrollup/trainrollup/executor/gpu/kernels/emu"
	"github.com/trainrollup/trainrollup/model"
)

func given(b executor.Backend) opener {
	return func() (executor.Backend, func() error, error) { return b, func() error { return nil }, nil }
}

// TestCompareExecutors: bench executor trains the very job executor.Train
// trains (same commitment), on the CPU and on the GPU stepper (here over
// the kernels' CPU emulator), and reports them identical.
func TestCompareExecutors(t *testing.T) {
	d, err := dataset.LoadCSV("../../testdata/iris.csv")
	if err != nil {
		t.Fatal(err)
	}
	train, test := d.Split(5)
	spec, _ := model.Parse("4-8-3")
	sim := gpu.NewBackend(emu.NewSim())
	defer sim.Close()
	out, err := compareExecutors(context.Background(), []opener{given(executor.CPU{Workers: 1}), given(sim)}, spec, train, 8, 3277, 1, 5, 300, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	res, err := executor.Train(context.Background(), executor.TrainConfig{Spec: spec, Batch: 8, LearningRate: 3277, Steps: 300, Seed: 1}, train, test, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !out.Identical || len(out.Runs) != 2 {
		t.Fatalf("runs %+v, identical %v", out.Runs, out.Identical)
	}
	for _, r := range out.Runs {
		if r.WeightsCommitment != commit.Hex(res.WeightsCommitment) || r.Steps != 300 || r.StepsPerSecond <= 0 {
			t.Fatalf("%s: %+v, Train's commitment %s", r.Executor, r, commit.Hex(res.WeightsCommitment))
		}
	}
	var buf bytes.Buffer
	if err := printBenchExec(&buf, out, false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "bit-identical: yes") || !strings.Contains(buf.String(), sim.Name()) {
		t.Fatalf("table:\n%s", buf.String())
	}
}

// TestCompareExecutorsDiffer: one wrong bit in one executor's weights is
// reported, and fails the command.
func TestCompareExecutorsDiffer(t *testing.T) {
	d, err := dataset.LoadCSV("../../testdata/iris.csv")
	if err != nil {
		t.Fatal(err)
	}
	train, _ := d.Split(5)
	spec, _ := model.Parse("4-8-3")
	out, err := compareExecutors(context.Background(), []opener{given(executor.CPU{}), given(flipBackend{})}, spec, train, 8, 3277, 1, 0, 10, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if out.Identical {
		t.Fatal("a flipped bit went unnoticed")
	}
	var buf bytes.Buffer
	if err := printBenchExec(&buf, out, false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "bit-identical: NO") {
		t.Fatalf("table:\n%s", buf.String())
	}
	var errBuf bytes.Buffer
	code := run(context.Background(), []string{"trainrollup", "bench", "executor", "--data", "csv:../../testdata/iris.csv", "--model", "4-8-3", "--batch", "8", "--executors", "cpu,tpu"}, io.Discard, &errBuf)
	if code != 1 || !strings.Contains(errBuf.String(), `unknown executor "tpu"`) {
		t.Fatalf("exit %d: %s", code, errBuf.String())
	}
}

// flipBackend is the CPU backend with the lowest bit of the first weight
// flipped whenever weights are stored.
type flipBackend struct{}

func (flipBackend) Name() string { return "cpu with a flipped bit" }

func (flipBackend) NewStepper(spec model.Spec, batch int, eta int64) (executor.Stepper, error) {
	s, err := executor.CPU{}.NewStepper(spec, batch, eta)
	return flipStepper{s}, err
}

type flipStepper struct{ executor.Stepper }

func (s flipStepper) Store(w *model.Weights) error {
	err := s.Stepper.Store(w)
	w.Flat[0] ^= 1
	return err
}
