package state

import (
	"github.com/trainrollup/trainrollup/commit"
)

// Inspection is every commitment of one job as its creation makes it:
// what `trainrollup job inspect` prints and spec/vectors.md lists.
type Inspection struct {
	ModelHash   commit.Element // spec/model.md#hash
	DatasetRoot commit.Element // spec/dataset.md#tree
	DatasetSize uint64
	InitWeights commit.Element // spec/commitments.md#weights of Init(model, Seed)
	ParamsHash  commit.Element // spec/commitments.md#params
	// Leaf is the new job's leaf (spec/state.md#leaf): weights InitWeights,
	// no step done, training.
	Leaf commit.Element
	// StateRoot is the root of a state that holds this job alone
	// (spec/state.md#tree).
	StateRoot commit.Element
}

// Inspect computes the commitments of job id, created by owner with p.
// It checks nothing: a job that CreateJob would refuse has commitments too.
func Inspect(id JobID, owner [20]byte, p Params) Inspection {
	j := Job{ID: id, Params: p, Owner: owner, Weights: p.InitWeights, Status: StatusTraining}
	ph := p.Hash()
	leaf := j.LeafWith(ph)
	siblings := make([]commit.Element, Depth)
	for h := range siblings {
		siblings[h] = EmptyHash(h)
	}
	return Inspection{ModelHash: p.Model.Hash(), DatasetRoot: p.DatasetRoot, DatasetSize: p.DatasetSize,
		InitWeights: p.InitWeights, ParamsHash: ph, Leaf: leaf, StateRoot: RootFromProof(id, leaf, siblings)}
}
