package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/prover"
)

func setupCommand() *cli.Command {
	return &cli.Command{
		Name:  "setup",
		Usage: "generate and cache the keys of the proof chain (step, aggregation, wrap) and export the L1 verifier",
		Description: "Compiles the step circuit of a shape (model, batch, dataset size, k steps per proof), the\n" +
			"aggregation circuit of --slots step proofs (BW6-761) and its BN254 wrap, generates their\n" +
			"Groth16 keys and caches them by circuit hash, then writes the wrap's Solidity verifier.\n\n" +
			"UNSAFE, development only: with --randomness seed (the default) the keys follow from a public\n" +
			"seed, so every machine derives the same keys and the same L1 verifier, and anyone can forge\n" +
			"proofs; with --randomness local they come from this machine's randomness, and whoever ran\n" +
			"the setup can forge proofs. Production keys come from gnark's mpcsetup ceremony.\n\n" +
			"Example:\n" +
			"  trainrollup setup --model 4-8-3 --batch 8 --samples 120 --k 1 --slots 8 --solidity Verifier.sol",
		Flags: []cli.Flag{
			modelFlag("4-8-3"),
			batchFlag(8),
			&cli.IntFlag{Name: "samples", Usage: "dataset size (sets the Merkle depth)", Value: 120, Sources: env("samples")},
			kFlag(),
			slotsFlag(),
			&cli.StringFlag{Name: "randomness", Usage: "toxic waste: seed (public, reproducible) or local", Value: "seed", Sources: env("randomness")},
			keysFlag(),
			&cli.StringFlag{Name: "solidity", Usage: "write the L1 verifier here (default: beside the keys)", Sources: env("solidity")},
			jsonFlag(),
		},
		Action: runSetup,
	}
}

// setupCircuit is one circuit's line of setup's output.
type setupCircuit struct {
	Name           string  `json:"name"`
	Curve          string  `json:"curve"`
	Constraints    int     `json:"constraints"`
	Hash           string  `json:"hash"`
	CachedKeys     bool    `json:"cached_keys"`
	CompileSeconds float64 `json:"compile_seconds"`
	SetupSeconds   float64 `json:"setup_seconds"`
}

type setupOutput struct {
	Randomness string         `json:"randomness"`
	Circuits   []setupCircuit `json:"circuits"`
	Solidity   string         `json:"solidity"`
	Steps      int            `json:"steps_per_l1_proof"`
}

func runSetup(ctx context.Context, c *cli.Command) error {
	spec, err := model.Parse(c.String("model"))
	if err != nil {
		return fmt.Errorf("--model: %w", err)
	}
	n, k, slots := c.Int("samples"), c.Int("k"), c.Int("slots")
	if n < 1 || n > 1<<24 {
		return fmt.Errorf("--samples %d: want 1..2^24", n)
	}
	if err := checkK(k); err != nil {
		return err
	}
	if err := checkSlots(slots); err != nil {
		return err
	}
	var rnd prover.Randomness
	switch c.String("randomness") {
	case "seed":
		rnd = prover.PublicSeed
	case "local":
		rnd = prover.LocalRandom
	default:
		return fmt.Errorf("--randomness %q: want seed or local", c.String("randomness"))
	}
	shape := circuits.StepShape{Model: spec, Batch: c.Int("batch"), DatasetDepth: dataset.Depth(n), Steps: k}
	if err := shape.Check(); err != nil {
		return err
	}
	bars := newSetupBars()
	defer bars.finish()
	ks, _, dir, err := openKeyStore(c, prover.WithRandomness(rnd), prover.WithProgress(bars.update))
	if err != nil {
		return err
	}
	out := setupOutput{Randomness: rnd.String(), Steps: k * slots}
	add := func(keys *prover.Keys) {
		out.Circuits = append(out.Circuits, setupCircuit{Name: keys.Name, Curve: keys.Curve.String(), Constraints: keys.CCS.GetNbConstraints(),
			Hash: fmt.Sprintf("%x", keys.Hash[:8]), CachedKeys: keys.SetupTime == 0,
			CompileSeconds: keys.CompileTime.Seconds(), SetupSeconds: keys.SetupTime.Seconds()})
	}
	step, err := ks.StepKeys(shape)
	if err != nil {
		return err
	}
	add(step)
	if err := ctx.Err(); err != nil {
		return err
	}
	agg, err := ks.AggregateKeys(step, slots)
	if err != nil {
		return err
	}
	add(agg)
	if err := ctx.Err(); err != nil {
		return err
	}
	wrap, err := ks.WrapKeys(agg)
	if err != nil {
		return err
	}
	add(wrap)
	bars.finish()

	out.Solidity = c.String("solidity")
	if out.Solidity == "" {
		out.Solidity = filepath.Join(dir, fmt.Sprintf("Verifier-%x-%s.sol", wrap.Hash[:8], rnd))
	}
	f, err := os.Create(out.Solidity)
	if err != nil {
		return err
	}
	if err := prover.ExportSolidity(wrap, f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}

	w := c.Root().Writer
	if c.Bool("json") {
		return json.NewEncoder(w).Encode(out)
	}
	fmt.Fprintf(w, "%-48s %-10s %12s %10s %10s\n", "circuit", "curve", "constraints", "compile s", "setup s")
	for _, ci := range out.Circuits {
		setup := fmt.Sprintf("%.1f", ci.SetupSeconds)
		if ci.CachedKeys {
			setup = "cached"
		}
		fmt.Fprintf(w, "%-48s %-10s %12d %10.1f %10s\n", ci.Name, ci.Curve, ci.Constraints, ci.CompileSeconds, setup)
	}
	fmt.Fprintf(w, "steps per L1 proof: %d (k %d x %d slots)\n", out.Steps, k, slots)
	fmt.Fprintf(w, "L1 verifier: %s\n", out.Solidity)
	fmt.Fprintf(w, "UNSAFE development keys (randomness %s): never use them where proofs matter\n", rnd)
	return nil
}

// setupBars shows one progress bar per key generation on a terminal.
type setupBars struct {
	mu   sync.Mutex
	name string
	bar  *progressbar.ProgressBar
	tty  bool
}

func newSetupBars() *setupBars { return &setupBars{tty: isTerminal(os.Stderr)} }

func (b *setupBars) update(name string, done, total int64) {
	if !b.tty {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.name != name {
		if b.bar != nil {
			_ = b.bar.Finish()
		}
		b.name = name
		b.bar = progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(os.Stderr),
			progressbar.OptionSetDescription("keys "+name),
			progressbar.OptionShowCount(),
			progressbar.OptionSetItsString("points"),
			progressbar.OptionThrottle(200_000_000),
			progressbar.OptionClearOnFinish())
	}
	_ = b.bar.Set64(done)
}

func (b *setupBars) finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.bar != nil {
		_ = b.bar.Finish()
		b.bar = nil
	}
}
