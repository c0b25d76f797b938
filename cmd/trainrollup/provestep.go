package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"time"

	gnarklog "github.com/consensys/gnark/logger"
	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/prover"
	"github.com/trainrollup/trainrollup/state"
)

func proveStepCommand() *cli.Command {
	return &cli.Command{
		Name:  "prove-step",
		Usage: "train k steps locally and prove them with the step circuit (BLS12-377 Groth16)",
		Description: "Runs k steps of a job through the executor, then compiles the step circuit of that\n" +
			"shape, generates its keys (unsafe development keys, see trainrollup setup; cached by circuit hash),\n" +
			"proves the k steps in one proof and verifies it.\n\n" +
			"Example:\n" +
			"  trainrollup prove-step --data csv:testdata/iris.csv --model 4-8-3 --batch 8 --k 1",
		Flags: []cli.Flag{
			required(dataFlag()),
			modelFlag("4-8-3"),
			batchFlag(8),
			kFlag(),
			lrFlag("0.05"),
			seedFlag(),
			keysFlag(),
			jsonFlag(),
		},
		Action: runProveStep,
	}
}

// proveStepOutput is the --json output of prove-step.
type proveStepOutput struct {
	Shape         string  `json:"shape"`
	Constraints   int     `json:"constraints"`
	MACLowerBound int64   `json:"mac_lower_bound"`
	CachedKeys    bool    `json:"cached_keys"`
	SetupSeconds  float64 `json:"setup_seconds"`
	ProveSeconds  float64 `json:"prove_seconds"`
	VerifySeconds float64 `json:"verify_seconds"`
	RootBefore    string  `json:"root_before"`
	RootAfter     string  `json:"root_after"`
}

func runProveStep(ctx context.Context, c *cli.Command) error {
	spec, lr, err := modelAndRate(c)
	if err != nil {
		return err
	}
	k, batch := c.Int("k"), c.Int("batch")
	if err := checkK(k); err != nil {
		return err
	}
	if err := executor.CheckHyper(batch, int64(lr)); err != nil {
		return err
	}
	train, _, err := loadData(c.String("data"), spec, 5)
	if err != nil {
		return err
	}
	wits, err := runJob(spec, train, batch, int64(lr), c.Uint64("seed"), k)
	if err != nil {
		return err
	}
	shape := circuits.StepShape{Model: spec, Batch: batch, DatasetDepth: dataset.Depth(train.Len()), Steps: k}
	ks, _, _, err := openKeyStore(c)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	keys, err := ks.StepKeys(shape)
	if err != nil {
		return err
	}
	proof, err := prover.ProveSteps(keys, shape, chain.Digests{}, wits)
	if err != nil {
		return err
	}
	start := time.Now()
	if err := prover.VerifyStep(keys, proof); err != nil {
		return err
	}
	out := proveStepOutput{
		Shape: shape.String(), Constraints: keys.CCS.GetNbConstraints(), MACLowerBound: circuits.MACLowerBound(shape),
		CachedKeys: keys.SetupTime == 0, SetupSeconds: keys.SetupTime.Seconds(), ProveSeconds: proof.ProveTime.Seconds(),
		VerifySeconds: time.Since(start).Seconds(),
		RootBefore:    commit.Hex(wits[0].RootBefore), RootAfter: commit.Hex(wits[len(wits)-1].RootAfter),
	}
	w := c.Root().Writer
	if c.Bool("json") {
		return json.NewEncoder(w).Encode(out)
	}
	fmt.Fprintf(w, "shape            %s\n", out.Shape)
	fmt.Fprintf(w, "constraints      %d (MAC lower bound %d, %.2fx)\n", out.Constraints, out.MACLowerBound, float64(out.Constraints)/float64(out.MACLowerBound))
	if out.CachedKeys {
		fmt.Fprintf(w, "setup            cached keys\n")
	} else {
		fmt.Fprintf(w, "setup            %.2f s (unsafe development keys, randomness %s)\n", out.SetupSeconds, keys.Randomness)
	}
	fmt.Fprintf(w, "prove            %.2f s (%d steps, %.2f s per step)\n", out.ProveSeconds, k, out.ProveSeconds/float64(k))
	fmt.Fprintf(w, "verify           %.3f s: ok\n", out.VerifySeconds)
	fmt.Fprintf(w, "state root       %s -> %s\n", out.RootBefore, out.RootAfter)
	return nil
}

// checkK bounds --k, the steps per step proof.
func checkK(k int) error {
	if k < 1 || k > 64 {
		return fmt.Errorf("--k %d: want 1..64", k)
	}
	return nil
}

// checkSlots bounds --slots, the step proofs per aggregation proof.
func checkSlots(slots int) error {
	if slots < 1 || slots > 128 {
		return fmt.Errorf("--slots %d: want 1..128", slots)
	}
	return nil
}

// openKeyStore opens the key store of --keys (default prover.DefaultKeyDir)
// with a log on standard error, and returns it with the log and its
// directory. gnark's own log is silenced: ours says what it would, once.
func openKeyStore(c *cli.Command, opts ...prover.Option) (*prover.KeyStore, *slog.Logger, string, error) {
	gnarklog.Disable()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	ks, err := prover.NewKeyStore(c.String("keys"), log, opts...)
	if err != nil {
		return nil, nil, "", err
	}
	return ks, log, ks.Dir(), nil
}

// runJob creates one job on an in-memory state and applies k steps in the
// seeded sample order, returning their witnesses.
func runJob(spec model.Spec, d *dataset.Dataset, batch int, eta int64, seed uint64, k int) ([]*executor.StepWitness, error) {
	st, err := state.Open("")
	if err != nil {
		return nil, err
	}
	defer st.Close()
	ex := executor.New(st, executor.Config{})
	tree, err := ex.AddDataset(d)
	if err != nil {
		return nil, err
	}
	w, err := model.Init(spec, seed)
	if err != nil {
		return nil, err
	}
	p := state.Params{Model: spec, DatasetRoot: tree.Root(), DatasetSize: uint64(d.Len()), LearningRate: eta,
		Batch: uint32(batch), Seed: seed, InitWeights: w.Commitment(), Steps: uint64(k)}
	if _, err := ex.CreateJob(1, [20]byte{}, p); err != nil {
		return nil, err
	}
	order := dataset.NewOrder(seed, uint64(d.Len()))
	wits := make([]*executor.StepWitness, 0, k)
	for t := range uint64(k) {
		wit, err := ex.ApplyStep(executor.Step{Job: 1, Indices: order.Step(t, batch)})
		if err != nil {
			return nil, err
		}
		wits = append(wits, wit)
	}
	return wits, nil
}
