package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/model"
)

func benchExecutorCommand() *cli.Command {
	return &cli.Command{
		Name:  "executor",
		Usage: "training steps per second of each executor, and whether they agree bit for bit",
		Description: "Trains the same job (same initial weights, same samples in the same order) for --steps steps\n" +
			"on each executor of --executors, after --warmup untimed steps. A run's time covers the steps\n" +
			"(drawing the batch, uploading it, the step) and reading the final weights back. Prints a table\n" +
			"(or --json) and fails if the executors' weights commitments differ.\n\n" +
			"Example (the MNIST model, on a GPU host; make gpu-check runs it):\n" +
			"  trainrollup-gpu bench executor --data mnist:DIR --executors cpu,gpu --steps 4000",
		Flags: []cli.Flag{
			required(dataFlag()),
			modelFlag("196-64-10"),
			batchFlag(32),
			lrFlag("0.2"),
			seedFlag(),
			stepsFlag(2000),
			&cli.IntFlag{Name: "warmup", Usage: "untimed steps before, on a copy of the weights", Value: 20, Sources: env("warmup")},
			&cli.StringFlag{Name: "executors", Usage: "comma-separated executors to compare: cpu, gpu", Value: defaultExecutors, Sources: env("executors")},
			workersFlag(),
			gpuFlag(),
			jsonFlag(),
		},
		Action: runBenchExecutor,
	}
}

type benchExecRun struct {
	Executor          string  `json:"executor"`
	Steps             int     `json:"steps"`
	Seconds           float64 `json:"seconds"`
	StepsPerSecond    float64 `json:"steps_per_second"`
	MMACPerSecond     float64 `json:"mmac_per_second"`
	Speedup           float64 `json:"speedup"` // steps/s over the first executor's
	WeightsCommitment string  `json:"weights_commitment"`
}

type benchExecOutput struct {
	Dataset   string         `json:"dataset"`
	Model     string         `json:"model"`
	Batch     int            `json:"batch"`
	Seed      uint64         `json:"seed"`
	Runs      []benchExecRun `json:"runs"`
	Identical bool           `json:"identical"`
}

// errDiffer is the bench's failure when executors disagree.
var errDiffer = errors.New("the executors' weights commitments differ: a GPU step is not bit-identical to the CPU's")

func runBenchExecutor(ctx context.Context, c *cli.Command) error {
	spec, lr, err := modelAndRate(c)
	if err != nil {
		return err
	}
	batch, steps := c.Int("batch"), c.Int("steps")
	if err := executor.CheckHyper(batch, int64(lr)); err != nil {
		return err
	}
	if steps < 1 || c.Int("warmup") < 0 {
		return fmt.Errorf("--steps %d, --warmup %d: want at least 1 and 0", steps, c.Int("warmup"))
	}
	train, _, err := loadData(c.String("data"), spec, 5)
	if err != nil {
		return err
	}
	var open []opener
	for _, name := range strings.Split(c.String("executors"), ",") {
		if name = strings.TrimSpace(name); name != "cpu" && name != "gpu" {
			return fmt.Errorf("--executors: unknown executor %q, want cpu or gpu", name)
		}
		open = append(open, func() (executor.Backend, func() error, error) {
			return openBackend(name, c.Int("gpu"), c.Int("workers"))
		})
	}
	out, err := compareExecutors(ctx, open, spec, train, batch, int64(lr), c.Uint64("seed"), c.Int("warmup"), steps, c.Root().ErrWriter)
	if err != nil {
		return err
	}
	if err := printBenchExec(c.Root().Writer, out, c.Bool("json")); err != nil {
		return err
	}
	if !out.Identical {
		return errDiffer
	}
	return nil
}

// opener opens a backend and returns it with its closer.
type opener func() (executor.Backend, func() error, error)

// compareExecutors benchmarks each backend in turn (each opened only for
// its run) on the same job and compares their final weights.
func compareExecutors(ctx context.Context, open []opener, spec model.Spec, train *dataset.Dataset, batch int, eta int64, seed uint64, warmup, steps int, errw io.Writer) (benchExecOutput, error) {
	out := benchExecOutput{Dataset: train.Name, Model: spec.String(), Batch: batch, Seed: seed, Identical: true}
	for i, o := range open {
		backend, closeExec, err := o()
		if err != nil {
			return out, err
		}
		run, err := benchBackend(ctx, backend, spec, train, batch, eta, seed, warmup, steps)
		closeBackend(errw, closeExec)
		if err != nil {
			return out, fmt.Errorf("%s: %w", backend.Name(), err)
		}
		run.Speedup = 1
		if i > 0 {
			run.Speedup = run.StepsPerSecond / out.Runs[0].StepsPerSecond
			out.Identical = out.Identical && run.WeightsCommitment == out.Runs[0].WeightsCommitment
		}
		out.Runs = append(out.Runs, run)
	}
	return out, nil
}

// benchBackend trains steps steps of a job from seed on b (after warmup
// untimed steps on the same initial weights) and times them.
func benchBackend(ctx context.Context, b executor.Backend, spec model.Spec, train *dataset.Dataset, batch int, eta int64, seed uint64, warmup, steps int) (benchExecRun, error) {
	w, err := model.Init(spec, seed)
	if err != nil {
		return benchExecRun{}, err
	}
	st, err := b.NewStepper(spec, batch, eta)
	if err != nil {
		return benchExecRun{}, err
	}
	defer st.Close()
	x := make([]int32, batch*train.Features)
	y := make([]uint32, batch)
	run := func(n int) error {
		if err := st.Load(w); err != nil {
			return err
		}
		order := dataset.NewOrder(seed, uint64(train.Len()))
		for step := range n {
			if step%256 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			train.Gather(order.Step(uint64(step), batch), x, y)
			if err := st.Step(x, y); err != nil {
				return fmt.Errorf("step %d: %w", step+1, err)
			}
		}
		return st.Store(w)
	}
	if warmup > 0 {
		init := w.Clone()
		if err := run(warmup); err != nil {
			return benchExecRun{}, err
		}
		w = init
	}
	start := time.Now()
	if err := run(steps); err != nil {
		return benchExecRun{}, err
	}
	secs := time.Since(start).Seconds()
	return benchExecRun{Executor: b.Name(), Steps: steps, Seconds: secs, StepsPerSecond: float64(steps) / secs,
		MMACPerSecond: float64(spec.MACs(batch)) * float64(steps) / secs / 1e6, WeightsCommitment: commit.Hex(w.Commitment())}, nil
}

func printBenchExec(w io.Writer, out benchExecOutput, asJSON bool) error {
	if asJSON {
		return json.NewEncoder(w).Encode(out)
	}
	fmt.Fprintf(w, "%s, model %s, batch %d, seed %d\n\n", out.Dataset, out.Model, out.Batch, out.Seed)
	fmt.Fprintf(w, "| executor | steps | seconds | steps/s | MMAC/s | vs %s | weights commitment |\n|---|---:|---:|---:|---:|---:|---|\n", out.Runs[0].Executor)
	for _, r := range out.Runs {
		fmt.Fprintf(w, "| %s | %d | %.3f | %.1f | %.0f | %.2fx | %s |\n", r.Executor, r.Steps, r.Seconds, r.StepsPerSecond, r.MMACPerSecond, r.Speedup, r.WeightsCommitment)
	}
	if len(out.Runs) > 1 {
		if out.Identical {
			fmt.Fprintln(w, "\nbit-identical: yes, every executor ends on the same weights commitment")
		} else {
			fmt.Fprintln(w, "\nbit-identical: NO, the weights commitments differ")
		}
	}
	return nil
}
