package chain

import (
	"bytes"
	"crypto/ecdsa"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rlp"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// TxType is a transaction's envelope type (spec/transactions.md).
type TxType uint8

// The transaction types.
const (
	TxCreateJob TxType = 1
	TxTrainStep TxType = 2
	TxL1Message TxType = 3
	// TxRegisterDataset registers a published dataset by its manifest
	// (spec/dataset.md#registration).
	TxRegisterDataset TxType = 4
	// TxSeededSteps applies the next steps of a seeded job
	// (spec/transactions.md#seeded-steps): the sequencer schedules it, and
	// nobody signs it.
	TxSeededSteps TxType = 5
)

func (t TxType) String() string {
	switch t {
	case TxCreateJob:
		return "CreateJob"
	case TxTrainStep:
		return "TrainStep"
	case TxL1Message:
		return "L1Message"
	case TxRegisterDataset:
		return "RegisterDataset"
	case TxSeededSteps:
		return "SeededSteps"
	}
	return fmt.Sprintf("TxType(%d)", uint8(t))
}

// Signed reports whether transactions of type t carry a chain id, a
// nonce and a signature; the others (L1 messages, seeded steps) only the
// sequencer includes.
func (t TxType) Signed() bool {
	return t == TxCreateJob || t == TxTrainStep || t == TxRegisterDataset
}

// Transitions returns the most proven transitions (spec/proofs.md) the
// encoded transaction raw makes when applied: count for SeededSteps, none
// for a registration, one for any other (a creation, a step, an L1
// message applied or rejected); an invalid one makes none. A batch holds
// at most as many as one L1 proof covers, so the sequencer and the batcher
// count them.
func Transitions(raw []byte) (uint64, error) {
	if len(raw) == 0 {
		return 0, fmt.Errorf("%w: empty", ErrDecode)
	}
	switch TxType(raw[0]) {
	case TxRegisterDataset:
		return 0, nil
	case TxSeededSteps:
		var tx Tx
		if err := tx.UnmarshalBinary(raw); err != nil {
			return 0, err
		}
		return tx.Count, nil
	}
	return 1, nil
}

// MaxTxSize is the largest encoded transaction (spec/transactions.md).
const MaxTxSize = 128 << 10

// MaxL2JobID is the largest id a CreateJob may take; ids above are the
// bridge's (spec/bridge.md#jobs).
const MaxL2JobID state.JobID = 1<<31 - 1

var (
	// ErrDecode reports bytes that are not a transaction.
	ErrDecode = fault.Invalid("malformed transaction")
	// ErrSignature reports a signature that does not recover a sender.
	ErrSignature = fault.Invalid("invalid signature")
	// ErrChainID reports a transaction signed for another chain.
	ErrChainID = fault.Invalid("wrong chain id")
)

// Params are a job's parameters as a transaction carries them.
type Params struct {
	Model       []byte // binary model spec (spec/model.md#encoding)
	DatasetRoot [32]byte
	DatasetSize uint64
	Eta         uint32 // learning rate, Q16
	Batch       uint32
	Seed        uint64
	InitWeights [32]byte
	Steps       uint64
	Order       uint8 // state.Order: 0 given, 1 seeded
}

// State converts p to the state's form, checking the model encoding and
// that the two hashes are canonical field elements.
func (p Params) State() (state.Params, error) {
	var spec model.Spec
	if err := spec.UnmarshalBinary(p.Model); err != nil {
		return state.Params{}, fmt.Errorf("model: %w", err)
	}
	root, err := canonical(p.DatasetRoot)
	if err != nil {
		return state.Params{}, fmt.Errorf("dataset root: %w", err)
	}
	init, err := canonical(p.InitWeights)
	if err != nil {
		return state.Params{}, fmt.Errorf("initial weights: %w", err)
	}
	if o := state.Order(p.Order); o != state.OrderGiven && o != state.OrderSeeded {
		return state.Params{}, fmt.Errorf("%s: want 0 (given) or 1 (seeded)", o)
	}
	return state.Params{Model: spec, DatasetRoot: root, DatasetSize: p.DatasetSize, LearningRate: int64(p.Eta),
		Batch: p.Batch, Seed: p.Seed, InitWeights: init, Steps: p.Steps, Order: state.Order(p.Order)}, nil
}

// Hash is the params hash of p as carried (spec/commitments.md#params),
// with the model hash of its encoding (model.HashEncoding): it exists for
// parameters that are no valid job too, such as an L1 request the rollup
// rejects, whose hash the bridge queued. It fails only where the bridge
// refuses the request: a model encoding without the encoding's layout, or
// a root or weights commitment that is not a canonical field element.
func (p Params) Hash() (commit.Element, error) {
	mh, err := model.HashEncoding(p.Model)
	if err != nil {
		return commit.Element{}, fmt.Errorf("model: %w", err)
	}
	root, err := canonical(p.DatasetRoot)
	if err != nil {
		return commit.Element{}, fmt.Errorf("dataset root: %w", err)
	}
	init, err := canonical(p.InitWeights)
	if err != nil {
		return commit.Element{}, fmt.Errorf("initial weights: %w", err)
	}
	return commit.Hash(commit.FromUint64(commit.TagParams), mh, root, commit.FromUint64(p.DatasetSize),
		commit.FromUint64(uint64(p.Eta)), commit.FromUint64(uint64(p.Batch)), commit.FromUint64(p.Seed), init,
		commit.FromUint64(p.Steps), commit.FromUint64(uint64(p.Order))), nil
}

// ParamsOf converts state parameters to a transaction's.
func ParamsOf(p state.Params) (Params, error) {
	spec, err := p.Model.MarshalBinary()
	if err != nil {
		return Params{}, err
	}
	if p.LearningRate <= 0 || p.LearningRate > 1<<32-1 {
		return Params{}, fmt.Errorf("learning rate %d outside 1..2^32-1", p.LearningRate)
	}
	return Params{Model: spec, DatasetRoot: p.DatasetRoot.Bytes(), DatasetSize: p.DatasetSize, Eta: uint32(p.LearningRate),
		Batch: p.Batch, Seed: p.Seed, InitWeights: p.InitWeights.Bytes(), Steps: p.Steps, Order: uint8(p.Order)}, nil
}

func canonical(b [32]byte) (commit.Element, error) {
	var e commit.Element
	if err := e.SetBytesCanonical(b[:]); err != nil {
		return e, fmt.Errorf("%x is not a canonical field element", b)
	}
	return e, nil
}

// Tx is a rollup transaction: exactly one of its type's fields is used.
// Signed transactions (CreateJob, TrainStep) carry ChainID, Nonce and the
// signature; an L1Message carries its queue index and owner instead.
type Tx struct {
	Type    TxType
	ChainID uint64
	Nonce   uint64
	Job     state.JobID
	Params  Params   // CreateJob, L1Message
	Indices []uint64 // TrainStep
	First   uint64   // SeededSteps: the job's steps sequenced before it
	Count   uint64   // SeededSteps

	QueueIndex uint64         // L1Message
	Owner      common.Address // L1Message

	// Manifest is a RegisterDataset's dataset manifest, RLP-encoded
	// (spec/dataset.md#manifest); execution decodes and checks it.
	Manifest []byte

	V    uint8
	R, S *big.Int
}

// The RLP payloads, field for field as spec/transactions.md lists them.
type (
	createJobRLP struct {
		ChainID, Nonce uint64
		Job            uint32
		Params
		V    uint8
		R, S *big.Int
	}
	trainStepRLP struct {
		ChainID, Nonce uint64
		Job            uint32
		Indices        []uint64
		V              uint8
		R, S           *big.Int
	}
	l1MessageRLP struct {
		QueueIndex uint64
		Job        uint32
		Owner      common.Address
		Params
	}
	seededStepsRLP struct {
		Job          uint32
		First, Count uint64
	}
	createJobUnsigned struct {
		ChainID, Nonce uint64
		Job            uint32
		Params
	}
	trainStepUnsigned struct {
		ChainID, Nonce uint64
		Job            uint32
		Indices        []uint64
	}
	registerDatasetRLP struct {
		ChainID, Nonce uint64
		Manifest       []byte
		V              uint8
		R, S           *big.Int
	}
	registerDatasetUnsigned struct {
		ChainID, Nonce uint64
		Manifest       []byte
	}
)

func sigOrZero(x *big.Int) *big.Int {
	if x == nil {
		return new(big.Int)
	}
	return x
}

// MarshalBinary encodes tx: type || RLP(payload).
func (tx *Tx) MarshalBinary() ([]byte, error) {
	if tx.Job > 1<<32-1 {
		return nil, fmt.Errorf("job id %d above 32 bits", tx.Job)
	}
	var payload any
	switch tx.Type {
	case TxCreateJob:
		payload = &createJobRLP{tx.ChainID, tx.Nonce, uint32(tx.Job), tx.Params, tx.V, sigOrZero(tx.R), sigOrZero(tx.S)}
	case TxTrainStep:
		payload = &trainStepRLP{tx.ChainID, tx.Nonce, uint32(tx.Job), tx.Indices, tx.V, sigOrZero(tx.R), sigOrZero(tx.S)}
	case TxL1Message:
		payload = &l1MessageRLP{tx.QueueIndex, uint32(tx.Job), tx.Owner, tx.Params}
	case TxRegisterDataset:
		payload = &registerDatasetRLP{tx.ChainID, tx.Nonce, tx.Manifest, tx.V, sigOrZero(tx.R), sigOrZero(tx.S)}
	case TxSeededSteps:
		payload = &seededStepsRLP{uint32(tx.Job), tx.First, tx.Count}
	default:
		return nil, fmt.Errorf("unknown transaction type %d", tx.Type)
	}
	var b bytes.Buffer
	b.WriteByte(byte(tx.Type))
	if err := rlp.Encode(&b, payload); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// UnmarshalBinary decodes a transaction, rejecting anything that is not
// exactly one canonical encoding of a known type within MaxTxSize.
func (tx *Tx) UnmarshalBinary(b []byte) error {
	if len(b) == 0 {
		return fmt.Errorf("%w: empty", ErrDecode)
	}
	if len(b) > MaxTxSize {
		return fmt.Errorf("%w: %d bytes, at most %d", ErrDecode, len(b), MaxTxSize)
	}
	t := TxType(b[0])
	var out Tx
	out.Type = t
	var err error
	switch t {
	case TxCreateJob:
		var p createJobRLP
		if err = rlp.DecodeBytes(b[1:], &p); err == nil {
			out.ChainID, out.Nonce, out.Job, out.Params, out.V, out.R, out.S = p.ChainID, p.Nonce, state.JobID(p.Job), p.Params, p.V, p.R, p.S
		}
	case TxTrainStep:
		var p trainStepRLP
		if err = rlp.DecodeBytes(b[1:], &p); err == nil {
			out.ChainID, out.Nonce, out.Job, out.Indices, out.V, out.R, out.S = p.ChainID, p.Nonce, state.JobID(p.Job), p.Indices, p.V, p.R, p.S
		}
	case TxL1Message:
		var p l1MessageRLP
		if err = rlp.DecodeBytes(b[1:], &p); err == nil {
			out.QueueIndex, out.Job, out.Owner, out.Params = p.QueueIndex, state.JobID(p.Job), p.Owner, p.Params
		}
	case TxRegisterDataset:
		var p registerDatasetRLP
		if err = rlp.DecodeBytes(b[1:], &p); err == nil {
			out.ChainID, out.Nonce, out.Manifest, out.V, out.R, out.S = p.ChainID, p.Nonce, p.Manifest, p.V, p.R, p.S
		}
	case TxSeededSteps:
		var p seededStepsRLP
		if err = rlp.DecodeBytes(b[1:], &p); err == nil {
			out.Job, out.First, out.Count = state.JobID(p.Job), p.First, p.Count
		}
	default:
		return fmt.Errorf("%w: unknown type %d", ErrDecode, b[0])
	}
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrDecode, t, err)
	}
	*tx = out
	return nil
}

// Hash is keccak256 of the encoding.
func (tx *Tx) Hash() (common.Hash, error) {
	b, err := tx.MarshalBinary()
	if err != nil {
		return common.Hash{}, err
	}
	return crypto.Keccak256Hash(b), nil
}

// SigHash is what the sender signs: keccak256(type || RLP(fields without
// the signature)).
func (tx *Tx) SigHash() (common.Hash, error) {
	var payload any
	switch tx.Type {
	case TxCreateJob:
		payload = &createJobUnsigned{tx.ChainID, tx.Nonce, uint32(tx.Job), tx.Params}
	case TxTrainStep:
		payload = &trainStepUnsigned{tx.ChainID, tx.Nonce, uint32(tx.Job), tx.Indices}
	case TxRegisterDataset:
		payload = &registerDatasetUnsigned{tx.ChainID, tx.Nonce, tx.Manifest}
	default:
		return common.Hash{}, fmt.Errorf("%s transactions are not signed", tx.Type)
	}
	if tx.Job > 1<<32-1 {
		return common.Hash{}, fmt.Errorf("job id %d above 32 bits", tx.Job)
	}
	b, err := rlp.EncodeToBytes(payload)
	if err != nil {
		return common.Hash{}, err
	}
	return crypto.Keccak256Hash([]byte{byte(tx.Type)}, b), nil
}

// Sign sets tx's signature by key.
func (tx *Tx) Sign(key *ecdsa.PrivateKey) error {
	h, err := tx.SigHash()
	if err != nil {
		return err
	}
	sig, err := crypto.Sign(h[:], key)
	if err != nil {
		return err
	}
	tx.R, tx.S, tx.V = new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:64]), sig[64]
	return nil
}

// Sender recovers the signer of a signed transaction of chain chainID;
// an L1 message's sender is its owner, and seeded steps have none (the
// zero address).
func (tx *Tx) Sender(chainID uint64) (common.Address, error) {
	switch tx.Type {
	case TxL1Message:
		return tx.Owner, nil
	case TxSeededSteps:
		return common.Address{}, nil
	}
	if tx.ChainID != chainID {
		return common.Address{}, fmt.Errorf("%w: %d, this chain is %d", ErrChainID, tx.ChainID, chainID)
	}
	if tx.R == nil || tx.S == nil || !crypto.ValidateSignatureValues(tx.V, tx.R, tx.S, true) {
		return common.Address{}, fmt.Errorf("%w: values out of range", ErrSignature)
	}
	h, err := tx.SigHash()
	if err != nil {
		return common.Address{}, err
	}
	sig := make([]byte, 65)
	tx.R.FillBytes(sig[:32])
	tx.S.FillBytes(sig[32:64])
	sig[64] = tx.V
	pub, err := crypto.SigToPub(h[:], sig)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %v", ErrSignature, err)
	}
	return crypto.PubkeyToAddress(*pub), nil
}
