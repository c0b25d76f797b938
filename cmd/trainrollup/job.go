package main

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

func jobCommand() *cli.Command {
	return &cli.Command{
		Name:  "job",
		Usage: "create, train and follow jobs on a sequencer",
		Commands: []*cli.Command{{
			Name:  "create",
			Usage: "send a CreateJob transaction",
			Description: "A job trains on a dataset the chain has registered (spec/dataset.md#registration). With --da,\n" +
				"a --data dataset the chain does not know yet is first published there and registered, as\n" +
				"dataset publish does; without it such a job is refused before anything is sent.\n\n" +
				"Example:\n  trainrollup job create --rpc http://127.0.0.1:8545 --key @key.hex --job-id 1 \\\n" +
				"    --data csv:testdata/iris.csv --model 4-8-3 --batch 8 --lr 0.05 --seed 1 --steps 64",
			Flags: append([]cli.Flag{rpcFlag(defaultRPC), keyFlag(), jobIDFlag(), chainIDFlag(), required(dataFlag()), modelFlag("4-8-3"), batchFlag(8), lrFlag("0.05"), seedFlag(),
				stepsFlag(64), orderFlag()}, publishFlags()...),
			Action: runJobCreate,
		}, {
			Name:  "inspect",
			Usage: "print a job's commitments (dataset root, model hash, initial weights, params hash, leaf) without sending anything",
			Description: "The values spec/vectors.md lists, for any job: what a node will compute when the job is created.\n\n" +
				"Example:\n  trainrollup job inspect --job-id 1 --owner 0x1111111111111111111111111111111111111111 \\\n" +
				"    --data csv:testdata/iris.csv --model 4-8-3 --batch 8 --lr 0.05 --seed 1 --steps 64",
			Flags: []cli.Flag{jobIDFlag(), required(dataFlag()), modelFlag("4-8-3"), batchFlag(8), lrFlag("0.05"), seedFlag(), stepsFlag(64), orderFlag(),
				&cli.StringFlag{Name: "owner", Usage: "the job owner's address", Value: "0x0000000000000000000000000000000000000000", Sources: env("owner")},
				jsonFlag()},
			Action: runJobInspect,
		}, {
			Name:  "step",
			Usage: "send the job's next training steps, in its seeded sample order",
			Flags: []cli.Flag{rpcFlag(defaultRPC), keyFlag(), jobIDFlag(), chainIDFlag(),
				&cli.Uint64Flag{Name: "count", Usage: "steps to send (0: all that remain)", Value: 0, Sources: env("count")},
				perCallFlag(64)},
			Action: runJobStep,
		}, {
			Name:  "submit",
			Usage: "create a job and send all its steps (create, then step)",
			Description: "The dataset rule of job create holds: with --da, a --data dataset the chain does not know yet\n" +
				"is published and registered first. With --order seeded it only creates the job: the sequencer\n" +
				"schedules a seeded job's steps itself.\n\n" +
				"Example (against trainrollup devnet, which prints its --da and --da-token-file):\n" +
				"  trainrollup job submit --rpc ws://127.0.0.1:8545 --key @key.hex --job-id 1 \\\n" +
				"    --data csv:testdata/iris.csv --model 4-8-3 --batch 8 --lr 0.05 --seed 1 --steps 64",
			Flags: append([]cli.Flag{rpcFlag(defaultRPC), keyFlag(), jobIDFlag(), chainIDFlag(), required(dataFlag()), modelFlag("4-8-3"), batchFlag(8), lrFlag("0.05"), seedFlag(),
				stepsFlag(64), perCallFlag(64), orderFlag()}, publishFlags()...),
			Action: runJobSubmit,
		}, requestCommand(), refundCommand(), {
			Name:   "status",
			Usage:  "print a job",
			Flags:  []cli.Flag{rpcFlag(defaultRPC), jobIDFlag(), jsonFlag()},
			Action: runJobStatus,
		}, {
			Name:  "watch",
			Usage: "follow a job through every head until L1 finalizes it, then use its model on L1 (needs a ws:// URL)",
			Description: "Shows the job's steps and the chain's heads (sequenced, executed, posted on L1, proven,\n" +
				"finalized on L1) until the block that completed the job is finalized, with the model's\n" +
				"training loss when --data is given. With --l1 and --classifier it then reads the model\n" +
				"L1 published and, with --key (an L1 account paying for one transaction) and --data, loads\n" +
				"it into the on-chain classifier and checks its answers on the held-out samples against\n" +
				"the executor's.",
			Flags: []cli.Flag{rpcFlag(defaultRPC), jobIDFlag(), l1Flag(),
				&cli.StringFlag{Name: "classifier", Usage: "an OnchainClassifier of the job's model on L1", Sources: env("classifier")},
				keyFlag(), dataFlag(),
				untilFlag()},
			Action: runJobWatch,
		}},
	}
}

// publishFlags are the flags with which job create and job submit
// publish a dataset that is not registered yet.
func publishFlags() []cli.Flag {
	return []cli.Flag{daFlag(), daTokenFileFlag(), namespaceFlag(), journalDirFlag()}
}

// loadKey reads --key: hex, or @FILE holding hex.
func loadKey(arg string) (*ecdsa.PrivateKey, error) {
	if arg == "" {
		return nil, errors.New("--key is required (hex, or @FILE)")
	}
	if f, ok := strings.CutPrefix(arg, "@"); ok {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("--key: %w", err)
		}
		arg = string(b)
	}
	k, err := crypto.HexToECDSA(strings.TrimPrefix(strings.TrimSpace(arg), "0x"))
	if err != nil {
		return nil, fmt.Errorf("--key: %w", err)
	}
	return k, nil
}

func dialRPC(ctx context.Context, c *cli.Command) (*client.Client, error) {
	return client.Dial(ctx, c.String("rpc"))
}

func jobID(c *cli.Command) (state.JobID, error) {
	id := c.Uint64("job-id")
	if id > state.MaxJobID {
		return 0, fmt.Errorf("--job-id %d: above %d", id, uint64(state.MaxJobID))
	}
	return state.JobID(id), nil
}

func runJobCreate(ctx context.Context, c *cli.Command) error {
	key, err := loadKey(c.String("key"))
	if err != nil {
		return err
	}
	id, err := jobID(c)
	if err != nil {
		return err
	}
	cl, err := dialRPC(ctx, c)
	if err != nil {
		return err
	}
	defer cl.Close()
	return createJob(ctx, c, cl, key, id)
}

// runJobSubmit creates a job and sends all its steps: the creation goes in
// the first call with the first steps (the pool takes steps of a job whose
// creation is pending), so that they can share a block.
func runJobSubmit(ctx context.Context, c *cli.Command) error {
	key, err := loadKey(c.String("key"))
	if err != nil {
		return err
	}
	id, err := jobID(c)
	if err != nil {
		return err
	}
	cl, err := dialRPC(ctx, c)
	if err != nil {
		return err
	}
	defer cl.Close()
	tx, p, desc, err := createTx(ctx, c, cl, key, id)
	if err != nil {
		return err
	}
	if p.Order == state.OrderSeeded {
		h, b, err := cl.SendTransaction(ctx, tx)
		if err != nil {
			return fmt.Errorf("create job %d: %w", id, err)
		}
		fmt.Fprintf(c.Root().Writer, "%s: tx %s in block %d; the sequencer schedules its %d steps (job watch follows them)\n", desc, h, b, p.Steps)
		return nil
	}
	raw, err := tx.MarshalBinary()
	if err != nil {
		return err
	}
	if err := sendSteps(ctx, c, cl, key, client.Steps{Job: id, Params: p, Count: p.Steps, Nonce: tx.Nonce + 1, Lead: raw}); err != nil {
		return err
	}
	fmt.Fprintf(c.Root().Writer, "%s; %d steps sequenced\n", desc, p.Steps)
	return nil
}

// createJob sends job id's CreateJob transaction from the flags of create
// and waits until it is sequenced.
func createJob(ctx context.Context, c *cli.Command, cl *client.Client, key *ecdsa.PrivateKey, id state.JobID) error {
	tx, _, desc, err := createTx(ctx, c, cl, key, id)
	if err != nil {
		return err
	}
	h, b, err := cl.SendTransaction(ctx, tx)
	if err != nil {
		return fmt.Errorf("create job %d: %w", id, err)
	}
	fmt.Fprintf(c.Root().Writer, "%s: tx %s in block %d\n", desc, h, b)
	return nil
}

// createTx returns job id's signed CreateJob transaction (the next nonce of
// key's account) from the flags, its parameters and a description.
func createTx(ctx context.Context, c *cli.Command, cl *client.Client, key *ecdsa.PrivateKey, id state.JobID) (*chain.Tx, state.Params, string, error) {
	sp, train, err := jobParams(c)
	if err != nil {
		return nil, state.Params{}, "", err
	}
	if err := ensureRegistered(ctx, c, cl, key, train, sp.DatasetRoot); err != nil {
		return nil, state.Params{}, "", err
	}
	p, err := chain.ParamsOf(sp)
	if err != nil {
		return nil, state.Params{}, "", err
	}
	from := crypto.PubkeyToAddress(key.PublicKey)
	nonce, err := cl.Nonce(ctx, from)
	if err != nil {
		return nil, state.Params{}, "", err
	}
	tx := &chain.Tx{Type: chain.TxCreateJob, ChainID: c.Uint64("chain-id"), Nonce: nonce, Job: id, Params: p}
	if err := tx.Sign(key); err != nil {
		return nil, state.Params{}, "", err
	}
	return tx, sp, fmt.Sprintf("job %d created by %s (dataset %s, %d samples, %d steps)", id, from, train.Name, train.Len(), sp.Steps), nil
}

// ensureRegistered returns nil when the chain behind cl has registered
// the dataset d of root r. Otherwise, with --da, it publishes d there and
// registers it with key (progress on standard error); without, it says
// how to.
func ensureRegistered(ctx context.Context, c *cli.Command, cl *client.Client, key *ecdsa.PrivateKey, d *dataset.Dataset, r commit.Element) error {
	root := common.Hash(r.Bytes())
	if _, err := cl.Dataset(ctx, root); !errors.Is(err, client.ErrNotFound) {
		return err // registered (nil), or the node did not answer
	}
	if c.String("da") == "" {
		return fmt.Errorf("dataset %s (%s) is not registered on the chain: give --da (and --da-token-file) to publish and register it first, or run trainrollup dataset publish", root.Hex(), d.Name)
	}
	out, err := publishWith(ctx, c, cl, key, d, r)
	if err != nil {
		return err
	}
	if !out.Existing { // else registered meanwhile, by someone else
		fmt.Fprintf(c.Root().Writer, "dataset %s: published (%d chunks, %d bytes on DA) and registered at block %d\n", out.Root, out.Chunks, out.Bytes, out.Block)
	}
	return nil
}

// jobParams builds a job's parameters from --data, --model, --lr,
// --batch, --seed and --steps, and returns them with the job's dataset:
// the training set of --data (a CSV without every 5th row,
// spec/dataset.md#csv).
func jobParams(c *cli.Command) (state.Params, *dataset.Dataset, error) {
	spec, lr, err := modelAndRate(c)
	if err != nil {
		return state.Params{}, nil, err
	}
	train, _, err := loadData(c.String("data"), spec, 5)
	if err != nil {
		return state.Params{}, nil, err
	}
	tree, err := dataset.NewTree(train)
	if err != nil {
		return state.Params{}, nil, err
	}
	steps := c.Int("steps")
	if steps < 0 {
		return state.Params{}, nil, fmt.Errorf("--steps %d: want 0 or more", steps)
	}
	seed := c.Uint64("seed")
	w, err := model.Init(spec, seed)
	if err != nil {
		return state.Params{}, nil, err
	}
	order, err := state.OrderGiven, error(nil)
	if s := c.String("order"); s != "" { // job request has no --order: always seeded
		order, err = state.ParseOrder(s)
	}
	if err != nil {
		return state.Params{}, nil, fmt.Errorf("--order: %w", err)
	}
	return state.Params{Model: spec, DatasetRoot: tree.Root(), DatasetSize: uint64(train.Len()), LearningRate: int64(lr),
		Batch: uint32(c.Int("batch")), Seed: seed, InitWeights: w.Commitment(), Steps: uint64(steps), Order: order}, train, nil
}

// inspectOutput is what job inspect prints (spec/vectors.md#a-job).
type inspectOutput struct {
	Job         uint64         `json:"job_id"`
	Owner       common.Address `json:"owner"`
	Dataset     string         `json:"dataset"`
	DatasetSize uint64         `json:"dataset_size"`
	DatasetRoot string         `json:"dataset_root"`
	ModelHash   string         `json:"model_hash"`
	InitWeights string         `json:"init_weights_commitment"`
	ParamsHash  string         `json:"params_hash"`
	Leaf        string         `json:"job_leaf"`
	StateRoot   string         `json:"state_root_alone"`
}

func runJobInspect(_ context.Context, c *cli.Command) error {
	p, train, err := jobParams(c)
	if err != nil {
		return err
	}
	id, err := jobID(c)
	if err != nil {
		return err
	}
	owner := c.String("owner")
	if !common.IsHexAddress(owner) {
		return fmt.Errorf("--owner %q: want a 20-byte hex address", owner)
	}
	in := state.Inspect(id, common.HexToAddress(owner), p)
	out := inspectOutput{Job: uint64(id), Owner: common.HexToAddress(owner), Dataset: train.Name, DatasetSize: in.DatasetSize,
		DatasetRoot: commit.Hex(in.DatasetRoot), ModelHash: commit.Hex(in.ModelHash), InitWeights: commit.Hex(in.InitWeights),
		ParamsHash: commit.Hex(in.ParamsHash), Leaf: commit.Hex(in.Leaf), StateRoot: commit.Hex(in.StateRoot)}
	w := c.Root().Writer
	if c.Bool("json") {
		b, _ := json.MarshalIndent(out, "", "  ")
		_, err := fmt.Fprintf(w, "%s\n", b)
		return err
	}
	fmt.Fprintf(w, "job %d owned by %s, dataset %s (%d samples)\n", out.Job, out.Owner, out.Dataset, out.DatasetSize)
	for _, kv := range [][2]string{{"dataset root", out.DatasetRoot}, {"model hash", out.ModelHash}, {"initial weights", out.InitWeights},
		{"params hash", out.ParamsHash}, {"job leaf", out.Leaf}, {"state root (this job alone)", out.StateRoot}} {
		fmt.Fprintf(w, "%-28s %s\n", kv[0], kv[1])
	}
	return nil
}

func runJobStep(ctx context.Context, c *cli.Command) error {
	key, err := loadKey(c.String("key"))
	if err != nil {
		return err
	}
	id, err := jobID(c)
	if err != nil {
		return err
	}
	cl, err := dialRPC(ctx, c)
	if err != nil {
		return err
	}
	defer cl.Close()
	j, err := executedJob(ctx, cl, id)
	if err != nil {
		return err
	}
	if j.Order == state.OrderSeeded.String() {
		return fmt.Errorf("job %d is seeded: the sequencer schedules its steps, nobody sends them (job watch follows them)", id)
	}
	left := uint64(j.Steps) - uint64(j.StepsSequenced)
	count := c.Uint64("count")
	if count == 0 || count > left {
		count = left
	}
	if count == 0 {
		fmt.Fprintf(c.Root().Writer, "job %d has no steps left\n", id)
		return nil
	}
	p, err := j.Params()
	if err != nil {
		return err
	}
	nonce, err := cl.Nonce(ctx, crypto.PubkeyToAddress(key.PublicKey))
	if err != nil {
		return err
	}
	if err := sendSteps(ctx, c, cl, key, client.Steps{Job: id, Params: p, From: uint64(j.StepsSequenced), Count: count, Nonce: nonce}); err != nil {
		return err
	}
	fmt.Fprintf(c.Root().Writer, "job %d: %d steps sequenced (%d of %d)\n", id, count, uint64(j.StepsSequenced)+count, uint64(j.Steps))
	return nil
}

// sendSteps sends steps s of a job (client.SendSteps) with --chain-id,
// --per-call at a time, one call after the other, with a progress bar on
// a terminal.
func sendSteps(ctx context.Context, c *cli.Command, cl *client.Client, key *ecdsa.PrivateKey, s client.Steps) error {
	per := c.Int("per-call")
	if per < 1 || per > 4096 {
		return fmt.Errorf("--per-call %d: want 1..4096", per)
	}
	s.ChainID, s.PerCall = c.Uint64("chain-id"), per
	bar := newBar(int(s.Count), "steps")
	if bar != nil {
		s.Progress = func(n uint64) { _ = bar.Set(int(n)) }
	}
	if err := cl.SendSteps(ctx, key, s); err != nil {
		return err
	}
	if bar != nil {
		_ = bar.Finish()
	}
	return nil
}

// executedJob returns job id once the node executed its creation: a job
// created a moment ago may be sequenced and not executed yet.
func executedJob(ctx context.Context, cl *client.Client, id state.JobID) (*client.Job, error) {
	deadline := time.Now().Add(30 * time.Second)
	for {
		j, err := cl.Job(ctx, id)
		if !errors.Is(err, client.ErrNotFound) || time.Now().After(deadline) {
			return j, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func runJobStatus(ctx context.Context, c *cli.Command) error {
	id, err := jobID(c)
	if err != nil {
		return err
	}
	cl, err := dialRPC(ctx, c)
	if err != nil {
		return err
	}
	defer cl.Close()
	j, err := cl.Job(ctx, id)
	if err != nil {
		return err
	}
	if c.Bool("json") {
		return json.NewEncoder(c.Root().Writer).Encode(j)
	}
	printJob(c, j)
	return nil
}

func printJob(c *cli.Command, j *client.Job) {
	w := c.Root().Writer
	fmt.Fprintf(w, "job                 %d (%s)\n", uint64(j.ID), j.Status)
	fmt.Fprintf(w, "owner               %s\n", j.Owner)
	fmt.Fprintf(w, "model               %s (batch %d, dataset of %d samples)\n", j.Model, uint64(j.Batch), uint64(j.DatasetSize))
	fmt.Fprintf(w, "steps               %d executed, %d sequenced, of %d\n", uint64(j.StepsDone), uint64(j.StepsSequenced), uint64(j.Steps))
	fmt.Fprintf(w, "order               %s\n", j.Order)
	fmt.Fprintf(w, "weights commitment  %s\n", j.Weights)
	fmt.Fprintf(w, "leaf                %s (at block %d)\n", j.Leaf, uint64(j.Block))
}

// newBar returns a progress bar on a terminal's standard error, nil
// elsewhere.
func newBar(total int, unit string) *progressbar.ProgressBar {
	if !isTerminal(os.Stderr) {
		return nil
	}
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(os.Stderr),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString(unit),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionClearOnFinish())
}

func keyCommand() *cli.Command {
	return &cli.Command{
		Name:  "key",
		Usage: "manage signing keys",
		Commands: []*cli.Command{{
			Name:      "new",
			Usage:     "write a new secp256k1 key (hex) to a file and print its address",
			ArgsUsage: "FILE",
			Action: func(ctx context.Context, c *cli.Command) error {
				path := c.Args().First()
				if path == "" || c.Args().Len() > 1 {
					return errors.New("want one argument: the key file to write")
				}
				k, err := crypto.GenerateKey()
				if err != nil {
					return err
				}
				f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
				if err != nil {
					return err
				}
				if _, err := fmt.Fprintf(f, "%x\n", crypto.FromECDSA(k)); err != nil {
					f.Close()
					return err
				}
				if err := f.Close(); err != nil {
					return err
				}
				fmt.Fprintf(c.Root().Writer, "%s\n", crypto.PubkeyToAddress(k.PublicKey))
				return nil
			},
		}},
	}
}
