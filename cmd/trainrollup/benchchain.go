package main

import (
	"context"
	"encoding/json"
	"fmt"
	"syscall"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/prover"
)

func benchCommand() *cli.Command {
	return &cli.Command{
		Name:  "bench",
		Usage: "measure the system",
		Commands: []*cli.Command{{
			Name:  "chain",
			Usage: "train k x slots steps, prove them, aggregate, wrap and verify: one L1 proof, measured",
			Description: "Sets up (or loads) the keys of the proof chain for the shape, trains k x slots steps of one\n" +
				"job, proves them as slots step proofs of k steps, aggregates them on BW6-761 and wraps the\n" +
				"aggregation on BN254, verifying each proof. Prints per circuit: constraints, compile, setup\n" +
				"and prove seconds, key sizes and the process's peak RSS after that stage.\n\n" +
				"Example (1,024 Iris steps per L1 proof):\n" +
				"  trainrollup bench chain --data csv:testdata/iris.csv --model 4-8-3 --batch 8 --k 32 --slots 32",
			Flags: []cli.Flag{
				required(dataFlag()),
				modelFlag("4-8-3"),
				batchFlag(8),
				lrFlag("0.05"),
				seedFlag(),
				kFlag(),
				slotsFlag(),
				keysFlag(),
				jsonFlag(),
			},
			Action: runBenchChain,
		}, benchSequencerCommand(), benchExecutorCommand()},
	}
}

type benchStage struct {
	Circuit        string  `json:"circuit"`
	Curve          string  `json:"curve"`
	Constraints    int     `json:"constraints"`
	CompileSeconds float64 `json:"compile_seconds"`
	SetupSeconds   float64 `json:"setup_seconds"` // 0: cached
	ProveSeconds   float64 `json:"prove_seconds"` // per proof
	Proofs         int     `json:"proofs"`
	PKBytes        int64   `json:"pk_bytes"`
	VKBytes        int64   `json:"vk_bytes"`
	PeakRSSBytes   int64   `json:"peak_rss_bytes"` // of the process, after this stage
}

type benchChainOutput struct {
	Shape           string       `json:"shape"`
	StepsPerL1Proof int          `json:"steps_per_l1_proof"`
	Stages          []benchStage `json:"stages"`
	SetupSeconds    float64      `json:"setup_seconds_total"`
}

func peakRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss * 1024 // kilobytes on Linux
}

func runBenchChain(ctx context.Context, c *cli.Command) error {
	spec, lr, err := modelAndRate(c)
	if err != nil {
		return err
	}
	k, slots, batch := c.Int("k"), c.Int("slots"), c.Int("batch")
	if err := checkK(k); err != nil {
		return err
	}
	if err := checkSlots(slots); err != nil {
		return err
	}
	if err := executor.CheckHyper(batch, int64(lr)); err != nil {
		return err
	}
	train, _, err := loadData(c.String("data"), spec, 5)
	if err != nil {
		return err
	}
	wits, err := runJob(spec, train, batch, int64(lr), c.Uint64("seed"), k*slots)
	if err != nil {
		return err
	}
	shape := circuits.StepShape{Model: spec, Batch: batch, DatasetDepth: dataset.Depth(train.Len()), Steps: k}
	ks, log, _, err := openKeyStore(c)
	if err != nil {
		return err
	}
	out := benchChainOutput{Shape: shape.String(), StepsPerL1Proof: k * slots}
	stage := func(keys *prover.Keys, prove time.Duration, proofs int) {
		pk, vk := keys.Sizes()
		out.Stages = append(out.Stages, benchStage{Circuit: keys.Name, Curve: keys.Curve.String(), Constraints: keys.CCS.GetNbConstraints(),
			CompileSeconds: keys.CompileTime.Seconds(), SetupSeconds: keys.SetupTime.Seconds(), ProveSeconds: prove.Seconds() / float64(proofs),
			Proofs: proofs, PKBytes: pk, VKBytes: vk, PeakRSSBytes: peakRSS()})
		out.SetupSeconds += keys.SetupTime.Seconds()
	}

	stepKeys, err := ks.StepKeys(shape)
	if err != nil {
		return err
	}
	var steps []*prover.StepProof
	var stepTime time.Duration
	var digests chain.Digests
	for i := range slots {
		if err := ctx.Err(); err != nil {
			return err
		}
		run := wits[i*k : (i+1)*k]
		p, err := prover.ProveSteps(stepKeys, shape, digests, run)
		if err != nil {
			return err
		}
		if err := prover.VerifyStep(stepKeys, p); err != nil {
			return err
		}
		digests = circuits.DigestsAfter(digests, run)
		stepTime += p.ProveTime
		steps = append(steps, p)
		log.Info("step proof", "proof", i+1, "of", slots, "seconds", p.ProveTime.Seconds())
	}
	stage(stepKeys, stepTime, slots)

	aggKeys, err := ks.AggregateKeys(stepKeys, slots)
	if err != nil {
		return err
	}
	agg, err := prover.ProveAggregate(aggKeys, slots, 1, 1, 1, steps)
	if err != nil {
		return err
	}
	if err := prover.VerifyAggregate(aggKeys, agg); err != nil {
		return err
	}
	stage(aggKeys, agg.ProveTime, 1)
	if err := ctx.Err(); err != nil {
		return err
	}

	wrapKeys, err := ks.WrapKeys(aggKeys)
	if err != nil {
		return err
	}
	w, err := prover.ProveWrap(wrapKeys, agg)
	if err != nil {
		return err
	}
	if err := prover.VerifyWrap(wrapKeys, w); err != nil {
		return err
	}
	stage(wrapKeys, w.ProveTime, 1)

	wr := c.Root().Writer
	if c.Bool("json") {
		return json.NewEncoder(wr).Encode(out)
	}
	fmt.Fprintf(wr, "shape %s, %d steps per L1 proof (k %d x %d slots)\n\n", out.Shape, out.StepsPerL1Proof, k, slots)
	fmt.Fprintf(wr, "| circuit | curve | constraints | compile s | setup s | prove s (each) | pk MiB | vk KiB | peak RSS GiB |\n")
	fmt.Fprintf(wr, "|---|---|---|---|---|---|---|---|---|\n")
	for _, s := range out.Stages {
		setup := fmt.Sprintf("%.1f", s.SetupSeconds)
		if s.SetupSeconds == 0 {
			setup = "cached"
		}
		fmt.Fprintf(wr, "| %s | %s | %d | %.1f | %s | %.1f (x%d) | %.0f | %.1f | %.1f |\n", s.Circuit, s.Curve, s.Constraints, s.CompileSeconds,
			setup, s.ProveSeconds, s.Proofs, float64(s.PKBytes)/(1<<20), float64(s.VKBytes)/(1<<10), float64(s.PeakRSSBytes)/(1<<30))
	}
	fmt.Fprintf(wr, "\nsetup of all keys: %.1f s\n", out.SetupSeconds)
	return nil
}
