package client

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// Params returns the parameters job j was created with. The node reports
// every field but the initial weights commitment, which the validity
// rules fix to that of the model's seeded initialisation
// (spec/state.md#transitions), so it is computed here.
func (j *Job) Params() (state.Params, error) {
	spec, err := model.Parse(j.Model)
	if err != nil {
		return state.Params{}, fmt.Errorf("job %d: model: %w", uint64(j.ID), err)
	}
	init, err := model.Init(spec, uint64(j.Seed))
	if err != nil {
		return state.Params{}, fmt.Errorf("job %d: initial weights: %w", uint64(j.ID), err)
	}
	var root commit.Element
	if err := root.SetBytesCanonical(j.DatasetRoot[:]); err != nil {
		return state.Params{}, fmt.Errorf("job %d: dataset root: %w", uint64(j.ID), err)
	}
	order, err := state.ParseOrder(j.Order)
	if err != nil {
		return state.Params{}, fmt.Errorf("job %d: order: %w", uint64(j.ID), err)
	}
	p := state.Params{Model: spec, DatasetRoot: root, DatasetSize: uint64(j.DatasetSize), LearningRate: int64(j.LearningRate),
		Batch: uint32(j.Batch), Seed: uint64(j.Seed), InitWeights: init.Commitment(), Steps: uint64(j.Steps), Order: order}
	// The node's parameters hash covers every field, the computed
	// commitment and any field a narrowing above would have cut.
	if h := p.Hash(); common.Hash(h.Bytes()) != j.ParamsHash {
		return state.Params{}, fmt.Errorf("job %d: the parameters rebuilt from the node's answer do not hash to its params hash %s", uint64(j.ID), j.ParamsHash)
	}
	return p, nil
}
