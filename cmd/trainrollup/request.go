package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/state"
)

// requestCommand is job request: a job asked for on L1, with a bounty.
func requestCommand() *cli.Command {
	return &cli.Command{
		Name:  "request",
		Usage: "request a job on L1 with a bounty (requestTraining), then follow it until L1 finalizes it and pays",
		Description: "The bridge queues the request as an L1 message; the sequencer creates the job from it (seeded:\n" +
			"the protocol chooses every batch, and nobody sends steps), trains it, and the operator proves it;\n" +
			"finalizeJob publishes the model and credits the bounty to the operator. A request the rollup\n" +
			"rejects (its reason is printed) or that is not finalized by --deadline is refundable with\n" +
			"job refund once the bridge's proof window has passed too.\n\n" +
			"The dataset must be registered on the rollup (--rpc), and --deadline must leave time to train and\n" +
			"prove: the command refuses a deadline below its estimate (L1 proofs of --slots transitions at\n" +
			"--proof-time each).\n\n" +
			"Example (against trainrollup devnet, which prints its addresses):\n" +
			"  trainrollup job request --rpc ws://127.0.0.1:8545 --l1 http://127.0.0.1:8645 --bridge 0x... \\\n" +
			"    --key @requester.hex --data csv:testdata/iris.csv --model 4-8-3 --batch 8 --lr 0.05 --seed 1 \\\n" +
			"    --steps 31 --bounty 0.01 --deadline 2h",
		Flags: []cli.Flag{rpcFlag(defaultRPC), required(l1Flag()), required(bridgeFlag()), required(keyFlag()),
			required(dataFlag()), modelFlag("4-8-3"), batchFlag(8), lrFlag("0.05"), seedFlag(), stepsFlag(31),
			&cli.StringFlag{Name: "bounty", Usage: "the bounty, in ether", Value: "0.001", Sources: env("bounty")},
			&cli.DurationFlag{Name: "deadline", Usage: "how long from now the job has to be finalized for the operator to be paid", Value: 24 * time.Hour, Sources: env("deadline")},
			&cli.DurationFlag{Name: "proof-time", Usage: "the operator's time per L1 proof, for the deadline's estimate", Value: 5 * time.Minute, Sources: env("proof-time")},
			slotsFlag(),
			&cli.BoolFlag{Name: "no-follow", Usage: "print the L1 job id and the transaction, and return", Sources: env("no-follow")},
			untilFlag()},
		Action: runJobRequest,
	}
}

// refundCommand is job refund.
func refundCommand() *cli.Command {
	return &cli.Command{
		Name:  "refund",
		Usage: "refund an L1 job not finalized by its deadline (and the proof window after it) to its requester, and withdraw",
		Flags: []cli.Flag{required(l1Flag()), required(bridgeFlag()), required(keyFlag()), jobIDFlag(),
			&cli.BoolFlag{Name: "no-withdraw", Usage: "only credit the bounty; withdraw later", Sources: env("no-withdraw")}},
		Action: runJobRefund,
	}
}

// parseEther reads a decimal amount of ether as wei.
func parseEther(s string) (*big.Int, error) {
	r, ok := new(big.Rat).SetString(strings.TrimSpace(s))
	if !ok || r.Sign() < 0 {
		return nil, fmt.Errorf("%q is not an amount of ether", s)
	}
	r.Mul(r, new(big.Rat).SetInt(big.NewInt(1e18)))
	if !r.IsInt() {
		return nil, fmt.Errorf("%q has more than 18 decimals", s)
	}
	return r.Num(), nil
}

// formatEther prints wei as ether.
func formatEther(wei *big.Int) string {
	return strings.TrimRight(strings.TrimRight(new(big.Rat).SetFrac(wei, big.NewInt(1e18)).FloatString(18), "0"), ".")
}

// requestEstimate is how long a job of steps steps takes from its request
// to finality: its transitions (the creation and each step) in L1 proofs of
// slots each at proofTime, plus a minute to include and train it.
func requestEstimate(steps uint64, slots int, proofTime time.Duration) (time.Duration, uint64) {
	proofs := (steps + 1 + uint64(slots) - 1) / uint64(slots)
	return time.Duration(proofs)*proofTime + time.Minute, proofs
}

func runJobRequest(ctx context.Context, c *cli.Command) error {
	until := c.String("until")
	if err := checkUntil(until); err != nil {
		return err
	}
	if err := checkSlots(c.Int("slots")); err != nil {
		return err
	}
	bounty, err := parseEther(c.String("bounty"))
	if err != nil {
		return fmt.Errorf("--bounty: %w", err)
	}
	if !common.IsHexAddress(c.String("bridge")) {
		return fmt.Errorf("--bridge %q: want an address", c.String("bridge"))
	}
	key, err := loadKey(c.String("key"))
	if err != nil {
		return err
	}
	p, train, err := jobParams(c)
	if err != nil {
		return err
	}
	p.Order = state.OrderSeeded // the bridge requests seeded jobs only
	if p.Steps == 0 {
		return errors.New("--steps 0: a request trains at least one step")
	}
	est, proofs := requestEstimate(p.Steps, c.Int("slots"), c.Duration("proof-time"))
	if d := c.Duration("deadline"); d < est {
		return fmt.Errorf("--deadline %v is shorter than the estimate %v (%d steps: %d L1 proofs of %d transitions at --proof-time %v, and a minute to include and train): "+
			"give a later deadline, or a shorter --proof-time if the operator proves faster", d, est.Round(time.Second), p.Steps, proofs, c.Int("slots"), c.Duration("proof-time"))
	}
	jp, err := l1.ParamsOf(p)
	if err != nil {
		return err
	}
	cl, err := dialRPC(ctx, c)
	if err != nil {
		return err
	}
	defer cl.Close()
	if _, err := cl.Dataset(ctx, common.Hash(p.DatasetRoot.Bytes())); errors.Is(err, client.ErrNotFound) {
		return fmt.Errorf("dataset %s (root %s) is not registered on the rollup: a request over it would be rejected, and refunded only after its deadline; "+
			"publish and register it first (dataset publish)", train.Name, commit.Hex(p.DatasetRoot))
	} else if err != nil {
		return err
	}
	eth, err := l1.Dial(ctx, c.String("l1"))
	if err != nil {
		return err
	}
	defer eth.Close()
	txm, err := l1.NewTxManager(ctx, eth, key, l1.TxConfig{})
	if err != nil {
		return err
	}
	bridge := l1.NewBridge(common.HexToAddress(c.String("bridge")), txm)
	deadline := time.Now().Add(c.Duration("deadline"))
	req, err := bridge.Request(ctx, jp, deadline, bounty)
	if err != nil {
		return fmt.Errorf("request training: %w", err)
	}
	id := req.Message.JobID
	out := c.Root().Writer
	fmt.Fprintf(out, "L1 job %d requested by %s: tx %s (L1 message %d, bounty %s ETH, deadline %s)\n",
		id, crypto.PubkeyToAddress(key.PublicKey), req.Tx, req.Message.Index, formatEther(bounty), deadline.Format(time.RFC3339))
	if c.Bool("no-follow") {
		return nil
	}
	if err := followCreation(ctx, c, cl, req.Message); err != nil {
		return err
	}
	if _, _, err := watchJob(ctx, c, cl, id, until); err != nil {
		return err
	}
	if until != "finalized" {
		return nil
	}
	return printPayout(ctx, c.Root().Writer, bridge, id)
}

// followCreation waits until the rollup applied L1 message m, showing
// where it is; a rejected creation is an error with the rollup's reason.
func followCreation(ctx context.Context, c *cli.Command, cl *client.Client, m l1.Message) error {
	tx, err := m.Tx()
	if err != nil {
		return err
	}
	h, err := tx.Hash()
	if err != nil {
		return err
	}
	out := c.Root().Writer
	said := false
	for {
		r, err := cl.ExecutedReceipt(ctx, h)
		switch {
		case err == nil && r.Status == client.StatusApplied:
			fmt.Fprintf(out, "L1 job %d created on the rollup in block %d\n", m.JobID, uint64(r.Block))
			return nil
		case err == nil:
			return fmt.Errorf("L1 job %d: the rollup rejected its creation (block %d): %s; the bounty is refundable after the deadline and the proof window (job refund)",
				m.JobID, uint64(r.Block), r.Error)
		case !errors.Is(err, client.ErrNotFound):
			return err
		}
		if !said {
			fmt.Fprintf(out, "L1 job %d requested: waiting for the sequencer to include L1 message %d\n", m.JobID, m.Index)
			said = true
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// printPayout says what L1 did with job id's bounty.
func printPayout(ctx context.Context, out io.Writer, bridge *l1.Bridge, id state.JobID) error {
	var s l1.JobState
	var err error
	for range 60 { // finalizeJob follows the proof by a transaction or two
		if s, err = bridge.JobState(ctx, id); err != nil || s == l1.JobCompleted || s == l1.JobRefunded {
			break
		}
		time.Sleep(time.Second)
	}
	if err != nil {
		return err
	}
	mc, err := bridge.ModelCommitment(ctx, id)
	if err != nil {
		return err
	}
	switch s {
	case l1.JobCompleted:
		fmt.Fprintf(out, "L1 job %d completed on L1: model %s published, bounty credited to the operator that proved it\n", id, common.BigToHash(mc))
		return nil
	case l1.JobRefunded:
		return fmt.Errorf("L1 job %d was refunded before it was finalized", id)
	}
	return fmt.Errorf("L1 job %d is %s on L1 a minute after the rollup finalized it: is the operator's prover finalizing jobs?", id, s)
}

func runJobRefund(ctx context.Context, c *cli.Command) error {
	if !common.IsHexAddress(c.String("bridge")) {
		return fmt.Errorf("--bridge %q: want an address", c.String("bridge"))
	}
	key, err := loadKey(c.String("key"))
	if err != nil {
		return err
	}
	id, err := jobID(c)
	if err != nil {
		return err
	}
	eth, err := l1.Dial(ctx, c.String("l1"))
	if err != nil {
		return err
	}
	defer eth.Close()
	txm, err := l1.NewTxManager(ctx, eth, key, l1.TxConfig{})
	if err != nil {
		return err
	}
	bridge := l1.NewBridge(common.HexToAddress(c.String("bridge")), txm)
	if err := bridge.Refund(ctx, id); err != nil {
		return fmt.Errorf("refund L1 job %d: %w", id, err)
	}
	out := c.Root().Writer
	fmt.Fprintf(out, "L1 job %d refunded to its requester's credits\n", id)
	if c.Bool("no-withdraw") {
		return nil
	}
	from := crypto.PubkeyToAddress(key.PublicKey)
	credit, err := bridge.Credits(ctx, from)
	if err != nil {
		return err
	}
	if credit.Sign() == 0 {
		fmt.Fprintf(out, "%s has no credits to withdraw (the bounty went to the requester's credits: withdraw with its key)\n", from)
		return nil
	}
	if err := bridge.Withdraw(ctx); err != nil {
		return fmt.Errorf("withdraw: %w", err)
	}
	fmt.Fprintf(out, "withdrew %s ETH to %s\n", formatEther(credit), from)
	return nil
}
