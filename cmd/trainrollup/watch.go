package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// runJobWatch follows a job through the chain's heads until the block that
// completed it is finalized, then (with --l1) checks its model on L1.
func runJobWatch(ctx context.Context, c *cli.Command) error {
	id, err := jobID(c)
	if err != nil {
		return err
	}
	until := c.String("until")
	if err := checkUntil(until); err != nil {
		return err
	}
	cl, err := dialRPC(ctx, c)
	if err != nil {
		return err
	}
	defer cl.Close()
	j, test, err := watchJob(ctx, c, cl, id, until)
	if err != nil {
		return err
	}
	if c.String("l1") == "" || until != "finalized" {
		return nil
	}
	return useOnL1(ctx, c, cl, j, test)
}

// watchJob shows job id's progress until it is completed and its block
// reaches the head until names, then prints it; it returns the job and,
// with --data, the held-out samples.
func watchJob(ctx context.Context, c *cli.Command, cl *client.Client, id state.JobID, until string) (*client.Job, *dataset.Dataset, error) {
	ch := make(chan *client.Job, 64)
	sub, err := cl.SubscribeJob(ctx, id, ch)
	if err != nil {
		return nil, nil, fmt.Errorf("subscribe (the URL must be ws://): %w", err)
	}
	defer sub.Unsubscribe()
	var train, test *dataset.Dataset
	f, ok := c.Root().Writer.(*os.File)
	w := &watchView{out: c.Root().Writer, tty: ok && isTerminal(f)}
	j, err := cl.Job(ctx, id)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		return nil, nil, err
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	var lossAt uint64
	for {
		st, err := cl.SyncStatus(ctx)
		if err != nil {
			return nil, nil, err
		}
		if arg := c.String("data"); j != nil && arg != "" && train == nil {
			spec, err := model.Parse(j.Model)
			if err != nil {
				return nil, nil, err
			}
			if train, test, err = loadData(arg, spec, 5); err != nil {
				return nil, nil, fmt.Errorf("--data: %w", err)
			}
		}
		if j != nil && train != nil && uint64(j.StepsDone) != lossAt {
			lossAt = uint64(j.StepsDone)
			if w.loss, err = trainingLoss(ctx, cl, j, train); err != nil {
				return nil, nil, err
			}
		}
		w.show(id, j, st)
		if j != nil && j.Status == state.StatusCompleted.String() {
			head := map[string]uint64{"completed": uint64(j.Block), "posted": uint64(st.Posted), "finalized": uint64(st.Finalized)}[until]
			if head >= uint64(j.Block) {
				break
			}
		}
		select {
		case j = <-ch:
		case <-tick.C:
		case err := <-sub.Err():
			return nil, nil, err
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		}
	}
	w.finish()
	printJob(c, j)
	return j, test, nil
}

// watchView prints a job's progress: one line rewritten in place on a
// terminal, a line per change elsewhere.
type watchView struct {
	out  io.Writer
	tty  bool
	last string
	loss float64
}

func (v *watchView) show(id state.JobID, j *client.Job, st *client.SyncStatus) {
	steps := "not created yet"
	if j != nil {
		steps = fmt.Sprintf("%s, %d/%d steps (block %d)", j.Status, uint64(j.StepsDone), uint64(j.Steps), uint64(j.Block))
	}
	line := fmt.Sprintf("job %d: %s | heads: sequenced %d, executed %d, posted %d, proven %d, finalized %d",
		id, steps, uint64(st.Sequenced), uint64(st.Executed), uint64(st.Posted), uint64(st.Proven), uint64(st.Finalized))
	if v.loss > 0 {
		line += fmt.Sprintf(" | loss %.4f", v.loss)
	}
	if line == v.last {
		return
	}
	v.last = line
	if v.tty {
		fmt.Fprintf(v.out, "\r\033[K%s", line)
		return
	}
	fmt.Fprintln(v.out, line)
}

func (v *watchView) finish() {
	if v.tty && v.last != "" {
		fmt.Fprintln(v.out)
	}
}

// trainingLoss is the mean loss of job j's current model over the training
// set (at most 1,024 samples, in whole batches of the job's batch size),
// for display only.
func trainingLoss(ctx context.Context, cl *client.Client, j *client.Job, train *dataset.Dataset) (float64, error) {
	m, err := cl.Model(ctx, state.JobID(j.ID))
	if err != nil {
		return 0, err
	}
	spec, err := model.Parse(m.Model)
	if err != nil {
		return 0, err
	}
	w, err := model.FromFlat(spec, m.Weights)
	if err != nil {
		return 0, err
	}
	B := int(j.Batch)
	if train.Features != spec.Inputs() || B < 1 {
		return 0, fmt.Errorf("--data (%d features) does not fit job %d's model %s", train.Features, uint64(j.ID), spec)
	}
	net, err := executor.NewNet(spec, B, int64(j.LearningRate), 1)
	if err != nil {
		return 0, err
	}
	n := min(train.Len(), 1024) / B * B
	if n == 0 {
		return 0, nil
	}
	var sum float64
	for off := 0; off < n; off += B {
		// A step on a copy runs the forward pass whose loss we want.
		if err := net.Step(w.Clone(), train.X[off*train.Features:(off+B)*train.Features], train.Y[off:off+B]); err != nil {
			return 0, err
		}
		sum += net.Loss()
	}
	return sum / float64(n/B), nil
}

// useOnL1 reads job j's model as L1 published it and, with --key and
// --classifier and a held-out set, checks it on the on-chain classifier
// (l1.Classifier.Check).
func useOnL1(ctx context.Context, c *cli.Command, cl *client.Client, j *client.Job, test *dataset.Dataset) error {
	eth, err := l1.Dial(ctx, c.String("l1"))
	if err != nil {
		return err
	}
	defer eth.Close()
	if !common.IsHexAddress(c.String("classifier")) {
		return fmt.Errorf("--classifier %q: want an address", c.String("classifier"))
	}
	clsAddr := common.HexToAddress(c.String("classifier"))
	id := state.JobID(j.ID)
	bridgeAddr, mc, err := l1.PublishedModel(ctx, eth, clsAddr, id, 2*time.Minute)
	if errors.Is(err, l1.ErrNoModel) {
		return fmt.Errorf("job %d is finalized on the rollup but L1 publishes no model for it (is a prover running?)", id)
	}
	if err != nil {
		return err
	}
	m, err := cl.Model(ctx, id)
	if err != nil {
		return err
	}
	if mc != m.Commitment {
		return fmt.Errorf("L1 published weights commitment %x for job %d; the node has %s", mc.Big(), id, m.Commitment)
	}
	out := c.Root().Writer
	fmt.Fprintf(out, "L1 model of job %d    %s (bridge %s)\n", id, m.Commitment, bridgeAddr)
	if c.String("key") == "" || test == nil {
		return nil
	}
	key, err := loadKey(c.String("key"))
	if err != nil {
		return err
	}
	txm, err := l1.NewTxManager(ctx, eth, key, l1.TxConfig{})
	if err != nil {
		return err
	}
	job, err := cl.Job(ctx, id)
	if err != nil {
		return err
	}
	p, err := job.Params()
	if err != nil {
		return err
	}
	a, err := l1.NewClassifier(clsAddr, txm).Check(ctx, id, p, m.Weights, test)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "on-chain classifier   %s: agrees with the executor on %d of %d held-out samples, accuracy %.4f\n",
		clsAddr, a.Agree(), a.Samples, a.Accuracy())
	if len(a.Disagree) > 0 {
		return fmt.Errorf("the on-chain classifier disagrees with the executor on %d samples", len(a.Disagree))
	}
	return nil
}
