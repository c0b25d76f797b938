package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v3"
	"golang.org/x/term"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/fixed"
	"github.com/trainrollup/trainrollup/model"
)

func trainCommand() *cli.Command {
	return &cli.Command{
		Name:  "train",
		Usage: "train a model locally with the integer executor (no chain)",
		Description: "Trains step by step exactly as the rollup's executor does, then prints test accuracy,\n" +
			"the float64 reference's accuracy, the final loss and the final weights commitment.\n\n" +
			"Examples:\n" +
			"  trainrollup train --data csv:testdata/iris.csv --model 4-8-3 --batch 8 --steps 2000 --lr 0.05\n" +
			"  trainrollup train --data mnist:$(make -s mnist) --model 196-64-10 --batch 32 --steps 8000 --lr 0.2",
		Flags: append([]cli.Flag{
			required(dataFlag()),
			modelFlag("196-64-10"),
			batchFlag(32),
			stepsFlag(1000),
			lrFlag("0.1"),
			seedFlag(),
			&cli.IntFlag{Name: "test-every", Usage: "csv only: every k-th row is held out for testing (instead of every 5th)", Value: 5, Sources: env("test-every")},
			workersFlag(),
			&cli.BoolFlag{Name: "no-reference", Usage: "skip the float64 reference training", Sources: env("no-reference")},
			jsonFlag(),
		}, executorFlags()...),
		Action: runTrain,
	}
}

// trainOutput is the --json output of train.
type trainOutput struct {
	Dataset           string  `json:"dataset"`
	Model             string  `json:"model"`
	Steps             int     `json:"steps"`
	Batch             int     `json:"batch"`
	LearningRate      string  `json:"learning_rate"`
	Seed              uint64  `json:"seed"`
	Executor          string  `json:"executor"`
	TestAccuracy      float64 `json:"test_accuracy"`
	ReferenceAccuracy float64 `json:"reference_accuracy,omitempty"`
	FinalLoss         float64 `json:"final_loss"`
	InitCommitment    string  `json:"init_commitment"`
	WeightsCommitment string  `json:"weights_commitment"`
}

func runTrain(ctx context.Context, c *cli.Command) error {
	spec, lr, err := modelAndRate(c)
	if err != nil {
		return err
	}
	cfg := executor.TrainConfig{
		Spec: spec, Batch: c.Int("batch"), LearningRate: int64(lr), Steps: c.Int("steps"),
		Seed: c.Uint64("seed"), Workers: c.Int("workers"), Reference: !c.Bool("no-reference"),
	}
	if err := cfg.Check(); err != nil {
		return err
	}
	train, test, err := loadData(c.String("data"), spec, c.Int("test-every"))
	if err != nil {
		return err
	}
	if test.Len() == 0 {
		if !strings.HasPrefix(c.String("data"), "published:") {
			return errors.New("--data: too few samples to hold some out for testing")
		}
		// A published dataset holds no test split: accuracy is measured
		// on the training samples.
		fmt.Fprintln(c.Root().ErrWriter, "note: a published dataset has no held-out split; the accuracy below is on its training samples")
		test = train
	}
	backend, closeExec, err := newBackend(c, cfg.Workers)
	if err != nil {
		return err
	}
	defer closeBackend(c.Root().ErrWriter, closeExec)
	cfg.Backend, cfg.ProgressEvery = backend, 10
	var progress executor.Progress
	var bar *progressbar.ProgressBar
	if isTerminal(os.Stderr) {
		bar = progressbar.NewOptions(cfg.Steps,
			progressbar.OptionSetWriter(os.Stderr),
			progressbar.OptionSetDescription("training"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("steps"),
			progressbar.OptionThrottle(100_000_000),
			progressbar.OptionClearOnFinish())
		progress = func(step int, loss float64) {
			bar.Describe(fmt.Sprintf("training (loss %.4f)", loss))
			_ = bar.Set(step)
		}
	}
	res, err := executor.Train(ctx, cfg, train, test, progress)
	if bar != nil {
		_ = bar.Finish()
	}
	if err != nil {
		return err
	}
	out := trainOutput{
		Dataset: train.Name, Model: spec.String(), Steps: res.Steps, Batch: cfg.Batch,
		LearningRate: fixed.Format(lr), Seed: cfg.Seed, Executor: backend.Name(), TestAccuracy: res.TestAccuracy,
		ReferenceAccuracy: res.ReferenceAccuracy, FinalLoss: res.FinalLoss,
		InitCommitment: commit.Hex(res.InitCommitment), WeightsCommitment: commit.Hex(res.WeightsCommitment),
	}
	return printTrain(c.Root().Writer, out, c.Bool("json"), cfg.Reference)
}

func printTrain(w io.Writer, out trainOutput, asJSON, ref bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		return enc.Encode(out)
	}
	fmt.Fprintf(w, "dataset             %s\n", out.Dataset)
	fmt.Fprintf(w, "model               %s (batch %d, lr %s, seed %d)\n", out.Model, out.Batch, out.LearningRate, out.Seed)
	fmt.Fprintf(w, "steps               %d\n", out.Steps)
	fmt.Fprintf(w, "executor            %s\n", out.Executor)
	fmt.Fprintf(w, "test accuracy       %.4f\n", out.TestAccuracy)
	if ref {
		fmt.Fprintf(w, "reference accuracy  %.4f (float64)\n", out.ReferenceAccuracy)
	}
	fmt.Fprintf(w, "final loss          %.4f\n", out.FinalLoss)
	fmt.Fprintf(w, "weights commitment  %s\n", out.WeightsCommitment)
	return nil
}

// modelAndRate parses --model and --lr.
func modelAndRate(c *cli.Command) (model.Spec, int32, error) {
	spec, err := model.Parse(c.String("model"))
	if err != nil {
		return model.Spec{}, 0, err
	}
	lr, err := fixed.ParseDecimal(c.String("lr"))
	if err != nil {
		return model.Spec{}, 0, fmt.Errorf("--lr: %w", err)
	}
	return spec, lr, nil
}

// loadData resolves --data into training and test sets that fit spec.
func loadData(arg string, spec model.Spec, testEvery int) (train, test *dataset.Dataset, err error) {
	kind, path, ok := strings.Cut(arg, ":")
	if !ok || path == "" {
		return nil, nil, fmt.Errorf("--data %q: want csv:FILE, mnist:DIR, mnist14:DIR or published:DIR", arg)
	}
	switch kind {
	case "mnist", "mnist14":
		var pool bool
		switch spec.Inputs() {
		case 784:
			if kind == "mnist14" {
				return nil, nil, fmt.Errorf("--data mnist14: the model takes 784 inputs, mnist14 has 196 (give mnist:DIR)")
			}
		case 196:
			pool = true
		default:
			return nil, nil, fmt.Errorf("--data mnist: the model takes %d inputs, want 784 (28x28) or 196 (14x14 pooled)", spec.Inputs())
		}
		if spec.Classes() != 10 {
			return nil, nil, fmt.Errorf("--data mnist: the model has %d outputs, MNIST has 10 classes", spec.Classes())
		}
		return dataset.LoadMNIST(path, pool)
	case "published":
		// A published dataset (dataset get) is a job's dataset as it is:
		// no held-out split.
		d, err := loadPublished(path)
		if err != nil {
			return nil, nil, err
		}
		if d.Features != spec.Inputs() || d.Classes > spec.Classes() {
			return nil, nil, fmt.Errorf("--data %s: %d features and %d classes do not fit model %s", arg, d.Features, d.Classes, spec)
		}
		return d, &dataset.Dataset{Name: d.Name + "/test", Features: d.Features, Classes: d.Classes}, nil
	case "csv":
		if testEvery < 2 {
			return nil, nil, fmt.Errorf("--test-every %d: want at least 2", testEvery)
		}
		d, err := dataset.LoadCSV(path)
		if err != nil {
			return nil, nil, err
		}
		// spec/dataset.md#csv: a job's dataset is the training split.
		train, test = d.Split(testEvery)
		if train.Len() == 0 {
			return nil, nil, errors.New("--data csv: no row left for training")
		}
		return train, test, nil
	}
	return nil, nil, fmt.Errorf("--data %q: unknown kind %q, want mnist or csv", arg, kind)
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }
