package client

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/trainrollup/trainrollup/chain"
)

// Receipt statuses.
const (
	// StatusSequenced: in a block committed by raft, not executed yet.
	StatusSequenced = "sequenced"
	// StatusApplied: executed and applied.
	StatusApplied = "applied"
	// StatusRejected: executed and rejected (Error says why); it changed
	// nothing but its nonce (spec/transactions.md#validity).
	StatusRejected = "rejected"
)

// Receipt is a transaction's fate (spec/blocks.md#receipts).
type Receipt struct {
	TxHash common.Hash    `json:"transactionHash"`
	Block  hexutil.Uint64 `json:"blockNumber"`
	Index  hexutil.Uint64 `json:"transactionIndex"`
	From   common.Address `json:"from"`
	Type   hexutil.Uint64 `json:"type"`
	Job    hexutil.Uint64 `json:"jobId"`
	Status string         `json:"status"`
	Error  string         `json:"error,omitempty"`
}

// Block is a block as the node knows it: sequenced fields always, the
// executed ones (hash, parent, roots, digest) once executed.
type Block struct {
	Number     hexutil.Uint64 `json:"number"`
	Time       hexutil.Uint64 `json:"timestamp"`
	L1Messages hexutil.Uint64 `json:"l1Messages"`
	Executed   bool           `json:"executed"`
	Hash       *common.Hash   `json:"hash,omitempty"`
	ParentHash *common.Hash   `json:"parentHash,omitempty"`
	TxRoot     *common.Hash   `json:"transactionsRoot,omitempty"`
	StateRoot  *common.Hash   `json:"stateRoot,omitempty"`
	Digest     *common.Hash   `json:"digest,omitempty"`
	L1Digest   *common.Hash   `json:"l1Digest,omitempty"`
	// TxHashes are the transactions' hashes; Txs their encodings, when
	// asked for in full.
	TxHashes []common.Hash   `json:"transactions"`
	Txs      []hexutil.Bytes `json:"rawTransactions,omitempty"`
}

// Header returns an executed block's header, checked against its hash.
func (b *Block) Header() (*chain.Header, error) {
	if !b.Executed || b.Hash == nil || b.ParentHash == nil || b.TxRoot == nil || b.StateRoot == nil || b.Digest == nil || b.L1Digest == nil {
		return nil, fmt.Errorf("block %d not executed", uint64(b.Number))
	}
	h := &chain.Header{ParentHash: *b.ParentHash, Number: uint64(b.Number), Time: uint64(b.Time), TxRoot: *b.TxRoot,
		StateRoot: *b.StateRoot, Digest: *b.Digest, L1Messages: uint64(b.L1Messages), L1Digest: *b.L1Digest}
	if h.Hash() != *b.Hash {
		return nil, fmt.Errorf("block %d: the header does not hash to the block hash %s", h.Number, b.Hash)
	}
	return h, nil
}

// RawTxs returns the transaction encodings of a block read in full.
func (b *Block) RawTxs() [][]byte {
	txs := make([][]byte, len(b.Txs))
	for i, t := range b.Txs {
		txs[i] = t
	}
	return txs
}

// Job is a job in the executed state, with how far sequencing got.
type Job struct {
	ID             hexutil.Uint64 `json:"id"`
	Owner          common.Address `json:"owner"`
	Model          string         `json:"model"`
	ParamsHash     common.Hash    `json:"paramsHash"`
	Weights        common.Hash    `json:"weightsCommitment"`
	Steps          hexutil.Uint64 `json:"steps"`
	Batch          hexutil.Uint64 `json:"batch"`
	DatasetRoot    common.Hash    `json:"datasetRoot"`
	DatasetSize    hexutil.Uint64 `json:"datasetSize"`
	LearningRate   hexutil.Uint64 `json:"learningRate"` // Q16
	Seed           hexutil.Uint64 `json:"seed"`
	Order          string         `json:"order"` // "given" or "seeded" (spec/dataset.md#order)
	StepsDone      hexutil.Uint64 `json:"stepsDone"`
	StepsSequenced hexutil.Uint64 `json:"stepsSequenced"`
	Status         string         `json:"status"`
	Leaf           common.Hash    `json:"leaf"`
	Block          hexutil.Uint64 `json:"block"` // the executed head it was read at
}

// Model is a job's current weights.
type Model struct {
	Job        hexutil.Uint64 `json:"id"`
	Model      string         `json:"model"`
	Commitment common.Hash    `json:"weightsCommitment"`
	StepsDone  hexutil.Uint64 `json:"stepsDone"`
	// Weights in spec/model.md#layout order, Q16 fixed point.
	Weights []int32 `json:"weights"`
}

// SyncStatus reports the node's heads (DESIGN.md: sequenced, executed,
// posted, proven, finalized), as block numbers. Posted, proven and
// finalized stay 0 until the node runs with a batcher and a prover.
type SyncStatus struct {
	Sequenced hexutil.Uint64 `json:"sequenced"`
	Executed  hexutil.Uint64 `json:"executed"`
	Posted    hexutil.Uint64 `json:"posted"`
	Proven    hexutil.Uint64 `json:"proven"`
	Finalized hexutil.Uint64 `json:"finalized"`
	Leader    string         `json:"leader"`
	IsLeader  bool           `json:"isLeader"`
}

// SendResult is the outcome of one transaction of SendTransactions: its
// hash and block once sequenced, or why not.
type SendResult struct {
	Hash  common.Hash    `json:"hash"`
	Block hexutil.Uint64 `json:"blockNumber"`
	Error string         `json:"error,omitempty"`
}

// Member is a server of the raft configuration.
type Member struct {
	ID       string `json:"id"`
	Address  string `json:"address"`
	Suffrage string `json:"suffrage"`
	RPC      string `json:"rpc,omitempty"`
	Leader   bool   `json:"leader"`
}

// Membership is the raft configuration and its index (the index makes
// membership changes compare-and-set, as in op-conductor).
type Membership struct {
	Index   hexutil.Uint64 `json:"index"`
	Members []Member       `json:"members"`
}

// Head is a newHeads notification: an executed header.
type Head struct {
	Number     hexutil.Uint64 `json:"number"`
	Hash       common.Hash    `json:"hash"`
	ParentHash common.Hash    `json:"parentHash"`
	Time       hexutil.Uint64 `json:"timestamp"`
	StateRoot  common.Hash    `json:"stateRoot"`
	Digest     common.Hash    `json:"digest"`
	TxRoot     common.Hash    `json:"transactionsRoot"`
}

// Dataset is a registered dataset (spec/dataset.md#registration): its
// root, shape, name, where its chunks are on DA and the block that
// registered it.
type Dataset struct {
	Root         common.Hash    `json:"root"`
	Samples      hexutil.Uint64 `json:"samples"`
	Features     hexutil.Uint64 `json:"features"`
	Classes      hexutil.Uint64 `json:"classes"`
	Name         string         `json:"name"`
	Chunks       []DatasetChunk `json:"chunks"`
	Manifest     hexutil.Bytes  `json:"manifest"`
	ManifestHash common.Hash    `json:"manifestHash"`
	Block        hexutil.Uint64 `json:"block"`
}

// DatasetChunk is one chunk of a dataset on DA.
type DatasetChunk struct {
	Height     hexutil.Uint64 `json:"height"`
	Commitment hexutil.Bytes  `json:"commitment"`
	Samples    hexutil.Uint64 `json:"samples"`
}
