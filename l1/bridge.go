package l1

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/l1/bindings"
	"github.com/trainrollup/trainrollup/state"
)

// The bridge's Go-side types: the generated ones, named for what they are.
type (
	// BatchHeader is a committed batch as the bridge hashes it
	// (spec/bridge.md#batches).
	BatchHeader = bindings.BridgeBatchHeader
	// BatchInput is what an operator commits.
	BatchInput = bindings.BridgeBatchInput
	// JobParams are a job's parameters as requestTraining takes them.
	JobParams = bindings.BridgeJobParams
	// JobLeaf is a job's state-tree leaf as finalizeJob takes it.
	JobLeaf = bindings.BridgeJobLeaf
	// Prior is finalizeJob's evidence that a job was not completed where
	// the previous proof ended.
	Prior = bindings.BridgePrior
)

// JobState is an L1 job's state (Bridge.JobState).
type JobState uint8

// The states of an L1 job.
const (
	JobNone JobState = iota
	JobRequested
	JobTraining
	JobCompleted
	JobRefunded
)

func (s JobState) String() string {
	switch s {
	case JobNone:
		return "none"
	case JobRequested:
		return "requested"
	case JobTraining:
		return "training"
	case JobCompleted:
		return "completed"
	case JobRefunded:
		return "refunded"
	}
	return fmt.Sprintf("JobState(%d)", uint8(s))
}

// L1JobIDBase is the first id of jobs requested on L1; the rollup's own
// jobs take ids below it (spec/bridge.md#jobs).
const L1JobIDBase state.JobID = 1 << 31

var bridgeABI = bindings.NewBridge()

func element(e commit.Element) *big.Int { return e.BigInt(new(big.Int)) }

// ParamsOf converts a job's parameters to the bridge's form, which holds
// the learning rate in 32 bits.
func ParamsOf(p state.Params) (JobParams, error) {
	if p.LearningRate <= 0 || p.LearningRate > math.MaxUint32 {
		return JobParams{}, fmt.Errorf("learning rate %d: the bridge takes 1 to 2^32-1", p.LearningRate)
	}
	ms, err := p.Model.MarshalBinary()
	if err != nil {
		return JobParams{}, err
	}
	return JobParams{
		Model:        ms,
		DatasetRoot:  element(p.DatasetRoot),
		DatasetSize:  p.DatasetSize,
		LearningRate: uint32(p.LearningRate),
		BatchSize:    p.Batch,
		Seed:         p.Seed,
		InitWeights:  element(p.InitWeights),
		Steps:        p.Steps,
		Order:        uint8(p.Order),
	}, nil
}

// ChainParams converts the bridge's form of a job's parameters to a
// rollup transaction's (an L1Message's), as they are, valid job or not. It
// fails only on values the bridge never holds: a missing integer, or a root
// or weights commitment above 256 bits.
func ChainParams(p JobParams) (chain.Params, error) {
	if err := checkU256("datasetRoot", p.DatasetRoot, "initWeights", p.InitWeights); err != nil {
		return chain.Params{}, err
	}
	var root, init [32]byte
	p.DatasetRoot.FillBytes(root[:])
	p.InitWeights.FillBytes(init[:])
	return chain.Params{Model: bytes.Clone(p.Model), DatasetRoot: root, DatasetSize: p.DatasetSize, Eta: p.LearningRate,
		Batch: p.BatchSize, Seed: p.Seed, InitWeights: init, Steps: p.Steps, Order: p.Order}, nil
}

// LeafOf converts a job to the bridge's leaf form.
func LeafOf(j *state.Job) JobLeaf {
	return JobLeaf{
		Id:         uint32(j.ID),
		ParamsHash: element(j.Params.Hash()),
		Weights:    element(j.Weights),
		StepsDone:  j.StepsDone,
		Status:     uint8(j.Status),
		Owner:      common.Address(j.Owner),
	}
}

// PriorOf is the Prior of a job at the end of the previous proof: header
// is that batch's, j the job there (nil: no job yet) and sib its siblings
// in that state.
func PriorOf(header BatchHeader, id state.JobID, j *state.Job, sib []commit.Element) Prior {
	leaf := JobLeaf{Id: uint32(id), ParamsHash: new(big.Int), Weights: new(big.Int)}
	if j != nil {
		leaf = LeafOf(j)
	}
	return Prior{Header: header, Leaf: leaf, Siblings: Siblings(sib)}
}

// EmptyPath is the siblings of any id in the empty state tree.
func EmptyPath() []commit.Element {
	sib := make([]commit.Element, state.Depth)
	for h := range sib {
		sib[h] = state.EmptyHash(h)
	}
	return sib
}

// Siblings converts a state proof to finalizeJob's form.
func Siblings(sib []commit.Element) []*big.Int {
	out := make([]*big.Int, len(sib))
	for i, s := range sib {
		out[i] = element(s)
	}
	return out
}

// GenesisHeader is batch 0 of a bridge deployed with genesisRoot
// (spec/bridge.md#batches): every other field zero.
func GenesisHeader(genesisRoot commit.Element) BatchHeader {
	return BatchHeader{StateRoot: element(genesisRoot), TxDigest: new(big.Int)}
}

// HeaderHash is the hash the bridge stores for h: keccak256(abi.encode(h)).
// It fails on a field that is not a uint256 (nil, negative, too large).
func HeaderHash(h BatchHeader) (common.Hash, error) {
	if err := checkHeader(h); err != nil {
		return common.Hash{}, err
	}
	b, err := bridgeABI.TryPackHashHeader(h)
	if err != nil {
		return common.Hash{}, fmt.Errorf("batch header %d: %w", h.Index, err)
	}
	return crypto.Keccak256Hash(b[4:]), nil
}

// NextHeader is the header the bridge records when committer commits in
// after parent at time committedAt.
func NextHeader(parent BatchHeader, in BatchInput, committer common.Address, committedAt uint64) BatchHeader {
	return BatchHeader{
		Index:              parent.Index + 1,
		FirstBlock:         parent.LastBlock + 1,
		LastBlock:          in.LastBlock,
		DaHeight:           in.DaHeight,
		DaCommitment:       in.DaCommitment,
		TxDigest:           in.TxDigest,
		StateRoot:          in.StateRoot,
		L1MessagesConsumed: in.L1MessagesConsumed,
		L1QueueHash:        in.L1QueueHash,
		Committer:          committer,
		CommittedAt:        committedAt,
	}
}

// NextQueueHash extends the L1 queue hash prev by the message creating
// job id for owner with parameters p (spec/bridge.md#l1-messages):
// Compress(prev, H(7, id, ParamsHash(p), owner)), as the bridge computes
// it and as the L1 digest of a block advances. It fails on parameters the
// bridge refuses to hash (chain.Params.Hash) or an id above 32 bits.
func NextQueueHash(prev common.Hash, id state.JobID, owner common.Address, p JobParams) (common.Hash, error) {
	if id > math.MaxUint32 {
		return common.Hash{}, fmt.Errorf("job id %d above 32 bits", id)
	}
	cp, err := ChainParams(p)
	if err != nil {
		return common.Hash{}, fmt.Errorf("L1 message of job %d: %w", id, err)
	}
	ph, err := cp.Hash()
	if err != nil {
		return common.Hash{}, fmt.Errorf("L1 message of job %d: %w", id, err)
	}
	var q commit.Element
	if err := q.SetBytesCanonical(prev[:]); err != nil {
		return common.Hash{}, fmt.Errorf("queue hash %x: %w", prev, err)
	}
	next := chain.CreateDigest(q, id, ph, owner)
	return common.Hash(next.Bytes()), nil
}

// checkHeader fails on a header the abi package cannot pack (it panics on
// a nil integer).
func checkHeader(h BatchHeader) error {
	if err := checkU256("txDigest", h.TxDigest, "stateRoot", h.StateRoot); err != nil {
		return fmt.Errorf("batch header %d: %w", h.Index, err)
	}
	return nil
}

// checkU256 takes name, value pairs and fails on the first value that is
// not a uint256 (the abi package panics on nil).
func checkU256(pairs ...any) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		v, _ := pairs[i+1].(*big.Int)
		if v == nil || v.Sign() < 0 || v.BitLen() > 256 {
			return fmt.Errorf("%s: %v is not a uint256", pairs[i], v)
		}
	}
	return nil
}

// RevertError is a call the bridge (or another of the project's contracts)
// reverted, decoded: Name is the Solidity error, Args its fields.
type RevertError struct {
	Name string
	Args any
	Data []byte
}

func (e *RevertError) Error() string {
	if e.Name == "" {
		return fmt.Sprintf("execution reverted (data %s)", hexutil.Encode(e.Data))
	}
	return fmt.Sprintf("execution reverted: %s%s", e.Name, strings.TrimPrefix(fmt.Sprintf("%+v", e.Args), "&"))
}

// DecodeRevert returns err as a *RevertError when it carries revert data
// of one of the bridge's errors (or any revert data), else err.
func DecodeRevert(err error) error {
	var de rpc.DataError
	if err == nil || !errors.As(err, &de) {
		return err
	}
	s, ok := de.ErrorData().(string)
	if !ok {
		return err
	}
	data, derr := hexutil.Decode(s)
	if derr != nil || len(data) < 4 {
		return err
	}
	re := &RevertError{Data: data}
	for _, c := range revertDecoders {
		if args, uerr := c.unpack(data); uerr == nil {
			re.Args = args
			re.Name = strings.TrimPrefix(reflect.Indirect(reflect.ValueOf(args)).Type().Name(), c.prefix)
			return re
		}
	}
	if reason, rerr := abi.UnpackRevert(data); rerr == nil {
		re.Name, re.Args = "Error", reason
	}
	return re
}

// revertDecoders are the contracts whose custom errors DecodeRevert knows;
// their generated types are named contract + error.
var revertDecoders = []struct {
	prefix string
	unpack func([]byte) (any, error)
}{
	{"Bridge", bridgeABI.UnpackError},
	{"OnchainClassifier", bindings.NewOnchainClassifier().UnpackError},
}
