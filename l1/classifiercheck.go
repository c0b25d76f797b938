package l1

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// ErrNoModel reports a job whose model the bridge has not published.
var ErrNoModel = errors.New("no model published")

// PublishedModel returns the bridge that the classifier at addr reads and
// the weights commitment it publishes for job id: the model the
// classifier accepts. A prover finalizes a job on L1 right after the proof
// of its block, so a client that saw the block finalized may wait up to
// wait for the model; ErrNoModel when none was published by then.
func PublishedModel(ctx context.Context, client Client, addr common.Address, id state.JobID, wait time.Duration) (bridge common.Address, commitment common.Hash, err error) {
	if bridge, err = ClassifierBridge(ctx, client, addr); err != nil {
		return common.Address{}, common.Hash{}, err
	}
	b := NewBridgeReader(bridge, client)
	for deadline := time.Now().Add(wait); ; {
		mc, err := b.ModelCommitment(ctx, id)
		if err != nil {
			return bridge, common.Hash{}, err
		}
		if mc.Sign() != 0 {
			return bridge, common.BigToHash(mc), nil
		}
		if time.Now().After(deadline) {
			return bridge, common.Hash{}, fmt.Errorf("%w: job %d on bridge %s", ErrNoModel, id, bridge)
		}
		select {
		case <-ctx.Done():
			return bridge, common.Hash{}, ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// Agreement compares a classifier's answers on a held-out set with the
// executor's integer inference (executor.Predict) and with the labels.
type Agreement struct {
	Samples  int   // samples asked
	Correct  int   // answers equal to the sample's label
	Disagree []int // the samples whose answer is not the executor's
}

// Agree is the number of samples on which the classifier answers as the
// executor.
func (a Agreement) Agree() int { return a.Samples - len(a.Disagree) }

// Accuracy is the share of samples the classifier labels correctly.
func (a Agreement) Accuracy() float64 {
	if a.Samples == 0 {
		return 0
	}
	return float64(a.Correct) / float64(a.Samples)
}

// Check loads job id's model into the classifier, p being the job's
// parameters and weights its flat weights (which the contract checks
// against the commitment L1 finalized), then asks the classifier for the
// class of every sample of test and compares its answers with the
// executor's. It changes nothing on L1 but the classifier's loaded model.
func (c *Classifier) Check(ctx context.Context, id state.JobID, p state.Params, weights []int32, test *dataset.Dataset) (Agreement, error) {
	w, err := model.FromFlat(p.Model, weights)
	if err != nil {
		return Agreement{}, fmt.Errorf("classifier check of job %d: %w", id, err)
	}
	if test.Features != p.Model.Inputs() {
		return Agreement{}, fmt.Errorf("classifier check of job %d: held-out samples of %d features for model %s", id, test.Features, p.Model)
	}
	lp, err := ParamsOf(p)
	if err != nil {
		return Agreement{}, fmt.Errorf("classifier check of job %d: %w", id, err)
	}
	packed := Packed(weights)
	if err := c.Load(ctx, id, lp, packed); err != nil {
		return Agreement{}, err
	}
	want := executor.Predict(w, test.X, 1)
	a := Agreement{Samples: test.Len()}
	for i := range test.Len() {
		x, y := test.Sample(i)
		got, err := c.Predict(ctx, id, packed, x)
		if err != nil {
			return Agreement{}, err
		}
		if got != want[i] {
			a.Disagree = append(a.Disagree, i)
		}
		if got == int(y) {
			a.Correct++
		}
	}
	return a, nil
}
