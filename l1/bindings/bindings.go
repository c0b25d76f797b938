// Package bindings holds the abigen v2 bindings of contracts/src.
//
// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package bindings

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// BridgeBatchHeader is an auto generated low-level Go binding around an user-defined struct.
type BridgeBatchHeader struct {
	Index              uint64
	FirstBlock         uint64
	LastBlock          uint64
	DaHeight           uint64
	DaCommitment       [32]byte
	TxDigest           *big.Int
	StateRoot          *big.Int
	L1MessagesConsumed uint64
	L1QueueHash        [32]byte
	Committer          common.Address
	CommittedAt        uint64
}

// BridgeBatchInput is an auto generated low-level Go binding around an user-defined struct.
type BridgeBatchInput struct {
	LastBlock          uint64
	DaHeight           uint64
	DaCommitment       [32]byte
	TxDigest           *big.Int
	StateRoot          *big.Int
	L1MessagesConsumed uint64
	L1QueueHash        [32]byte
}

// BridgeJob is an auto generated low-level Go binding around an user-defined struct.
type BridgeJob struct {
	Requester  common.Address
	Deadline   uint64
	QueueIndex uint64
	Refunded   bool
	Completed  bool
	Bounty     *big.Int
	ParamsHash *big.Int
	Steps      uint64
}

// BridgeJobLeaf is an auto generated low-level Go binding around an user-defined struct.
type BridgeJobLeaf struct {
	Id         uint32
	ParamsHash *big.Int
	Weights    *big.Int
	StepsDone  uint64
	Status     uint8
	Owner      common.Address
}

// BridgeJobParams is an auto generated low-level Go binding around an user-defined struct.
type BridgeJobParams struct {
	ModelHash    *big.Int
	DatasetRoot  *big.Int
	DatasetSize  uint64
	LearningRate uint32
	BatchSize    uint32
	Seed         uint64
	InitWeights  *big.Int
	Steps        uint64
}

// BridgeModel is an auto generated low-level Go binding around an user-defined struct.
type BridgeModel struct {
	Weights    *big.Int
	ParamsHash *big.Int
	Steps      uint64
	Batch      uint64
	Owner      common.Address
}

// BridgeMetaData contains all meta data concerning the Bridge contract.
var BridgeMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"chainId_\",\"type\":\"uint64\"},{\"internalType\":\"contractIWrapVerifier\",\"name\":\"verifier_\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"genesisStateRoot\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"minStake_\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"unstakeDelay_\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"proofWindow_\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"inclusionDelay_\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"minBounty_\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"}],\"name\":\"AlreadyFinalized\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"}],\"name\":\"BadBatchHeader\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"}],\"name\":\"BadMerklePath\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"sent\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"minimum\",\"type\":\"uint256\"}],\"name\":\"BountyTooLow\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"firstBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"lastBlock\",\"type\":\"uint64\"}],\"name\":\"EmptyBatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"InvalidParams\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidProof\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"},{\"internalType\":\"uint8\",\"name\":\"status\",\"type\":\"uint8\"}],\"name\":\"JobNotCompleted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"enqueuedAt\",\"type\":\"uint64\"}],\"name\":\"L1MessageOverdue\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"consumed\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"queued\",\"type\":\"uint64\"}],\"name\":\"L1MessagesBeyondQueue\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"consumed\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"before\",\"type\":\"uint64\"}],\"name\":\"L1MessagesRewound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"consumed\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"want\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"got\",\"type\":\"bytes32\"}],\"name\":\"L1QueueMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"},{\"internalType\":\"string\",\"name\":\"field\",\"type\":\"string\"}],\"name\":\"LeafMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"NotInField\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"NotInField\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"last\",\"type\":\"uint64\"}],\"name\":\"NotLastBatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"lastProven\",\"type\":\"uint64\"}],\"name\":\"NotLastProven\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"revertibleAt\",\"type\":\"uint64\"}],\"name\":\"NotOverdue\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"lastProven\",\"type\":\"uint64\"}],\"name\":\"NotProven\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"},{\"internalType\":\"enumBridge.JobState\",\"name\":\"state\",\"type\":\"uint8\"}],\"name\":\"NotRefundable\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"NotStaked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"lastProven\",\"type\":\"uint64\"}],\"name\":\"NothingToProve\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NothingToWithdraw\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"Reentrancy\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"refundableAt\",\"type\":\"uint64\"}],\"name\":\"RefundNotYet\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"TooManyJobs\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"TransferFailed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"}],\"name\":\"UnknownBatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"lastBatch\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"lastProven\",\"type\":\"uint64\"}],\"name\":\"UnprovenBatches\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"withdrawableAt\",\"type\":\"uint64\"}],\"name\":\"UnstakeDelayPending\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"UnstakeNotRequested\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"Unstaking\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"hash\",\"type\":\"bytes32\"},{\"components\":[{\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"firstBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"lastBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"daHeight\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"daCommitment\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"txDigest\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"stateRoot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"l1MessagesConsumed\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"l1QueueHash\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"committer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"committedAt\",\"type\":\"uint64\"}],\"indexed\":false,\"internalType\":\"structBridge.BatchHeader\",\"name\":\"header\",\"type\":\"tuple\"}],\"name\":\"BatchCommitted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"firstBatch\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"lastBatch\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"stateRoot\",\"type\":\"uint256\"}],\"name\":\"BatchesProven\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"firstBatch\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"lastBatch\",\"type\":\"uint64\"}],\"name\":\"BatchesReverted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"weights\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"steps\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"batch\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"payee\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"bounty\",\"type\":\"uint256\"}],\"name\":\"JobFinalized\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"requester\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"bounty\",\"type\":\"uint256\"}],\"name\":\"JobRefunded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"components\":[{\"internalType\":\"uint256\",\"name\":\"modelHash\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"datasetRoot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"datasetSize\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"learningRate\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"batchSize\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"seed\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"initWeights\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"steps\",\"type\":\"uint64\"}],\"indexed\":false,\"internalType\":\"structBridge.JobParams\",\"name\":\"params\",\"type\":\"tuple\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"queueHash\",\"type\":\"bytes32\"}],\"name\":\"L1MessageQueued\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"reporter\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"reward\",\"type\":\"uint256\"}],\"name\":\"OperatorSlashed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"StakeWithdrawn\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"stake\",\"type\":\"uint256\"}],\"name\":\"Staked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"requester\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"bounty\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"paramsHash\",\"type\":\"uint256\"}],\"name\":\"TrainingRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"withdrawableAt\",\"type\":\"uint64\"}],\"name\":\"UnstakeRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"L1_JOB_ID_BASE\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"batchCount\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"}],\"name\":\"batchHash\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"chainId\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"firstBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"lastBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"daHeight\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"daCommitment\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"txDigest\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"stateRoot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"l1MessagesConsumed\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"l1QueueHash\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"committer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"committedAt\",\"type\":\"uint64\"}],\"internalType\":\"structBridge.BatchHeader\",\"name\":\"parent\",\"type\":\"tuple\"},{\"components\":[{\"internalType\":\"uint64\",\"name\":\"lastBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"daHeight\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"daCommitment\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"txDigest\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"stateRoot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"l1MessagesConsumed\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"l1QueueHash\",\"type\":\"bytes32\"}],\"internalType\":\"structBridge.BatchInput\",\"name\":\"b\",\"type\":\"tuple\"}],\"name\":\"commitBatch\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"credits\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"firstBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"lastBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"daHeight\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"daCommitment\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"txDigest\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"stateRoot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"l1MessagesConsumed\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"l1QueueHash\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"committer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"committedAt\",\"type\":\"uint64\"}],\"internalType\":\"structBridge.BatchHeader\",\"name\":\"header\",\"type\":\"tuple\"},{\"components\":[{\"internalType\":\"uint32\",\"name\":\"id\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"paramsHash\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"weights\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"stepsDone\",\"type\":\"uint64\"},{\"internalType\":\"uint8\",\"name\":\"status\",\"type\":\"uint8\"},{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"internalType\":\"structBridge.JobLeaf\",\"name\":\"leaf\",\"type\":\"tuple\"},{\"internalType\":\"uint256[]\",\"name\":\"siblings\",\"type\":\"uint256[]\"}],\"name\":\"finalizeJob\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"firstBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"lastBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"daHeight\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"daCommitment\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"txDigest\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"stateRoot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"l1MessagesConsumed\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"l1QueueHash\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"committer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"committedAt\",\"type\":\"uint64\"}],\"internalType\":\"structBridge.BatchHeader\",\"name\":\"h\",\"type\":\"tuple\"}],\"name\":\"hashHeader\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"heldBounties\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"inclusionDelay\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"isActiveOperator\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"}],\"name\":\"job\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"requester\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"queueIndex\",\"type\":\"uint64\"},{\"internalType\":\"bool\",\"name\":\"refunded\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"completed\",\"type\":\"bool\"},{\"internalType\":\"uint128\",\"name\":\"bounty\",\"type\":\"uint128\"},{\"internalType\":\"uint256\",\"name\":\"paramsHash\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"steps\",\"type\":\"uint64\"}],\"internalType\":\"structBridge.Job\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"}],\"name\":\"jobState\",\"outputs\":[{\"internalType\":\"enumBridge.JobState\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"l1JobCount\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"l1MessageCount\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"l1MessagesConsumed\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"n\",\"type\":\"uint64\"}],\"name\":\"l1Queue\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"hash\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"queuedAt\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"lastProven\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"uint32\",\"name\":\"id\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"paramsHash\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"weights\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"stepsDone\",\"type\":\"uint64\"},{\"internalType\":\"uint8\",\"name\":\"status\",\"type\":\"uint8\"},{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"internalType\":\"structBridge.JobLeaf\",\"name\":\"leaf\",\"type\":\"tuple\"}],\"name\":\"leafHash\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"minBounty\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"minStake\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"}],\"name\":\"model\",\"outputs\":[{\"components\":[{\"internalType\":\"uint256\",\"name\":\"weights\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"paramsHash\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"steps\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"batch\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"internalType\":\"structBridge.Model\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"}],\"name\":\"modelCommitment\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"operators\",\"outputs\":[{\"internalType\":\"uint128\",\"name\":\"stake\",\"type\":\"uint128\"},{\"internalType\":\"uint64\",\"name\":\"unstakeRequestedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"lastBatch\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"uint256\",\"name\":\"modelHash\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"datasetRoot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"datasetSize\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"learningRate\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"batchSize\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"seed\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"initWeights\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"steps\",\"type\":\"uint64\"}],\"internalType\":\"structBridge.JobParams\",\"name\":\"p\",\"type\":\"tuple\"}],\"name\":\"paramsHash\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"proofWindow\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"firstBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"lastBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"daHeight\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"daCommitment\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"txDigest\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"stateRoot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"l1MessagesConsumed\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"l1QueueHash\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"committer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"committedAt\",\"type\":\"uint64\"}],\"internalType\":\"structBridge.BatchHeader\",\"name\":\"prev\",\"type\":\"tuple\"},{\"components\":[{\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"firstBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"lastBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"daHeight\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"daCommitment\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"txDigest\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"stateRoot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"l1MessagesConsumed\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"l1QueueHash\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"committer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"committedAt\",\"type\":\"uint64\"}],\"internalType\":\"structBridge.BatchHeader\",\"name\":\"last\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"proof\",\"type\":\"bytes\"}],\"name\":\"proveBatches\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"provenL1MessagesConsumed\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"}],\"name\":\"refund\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"uint256\",\"name\":\"modelHash\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"datasetRoot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"datasetSize\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"learningRate\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"batchSize\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"seed\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"initWeights\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"steps\",\"type\":\"uint64\"}],\"internalType\":\"structBridge.JobParams\",\"name\":\"p\",\"type\":\"tuple\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"requestTraining\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"requestUnstake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"firstBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"lastBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"daHeight\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"daCommitment\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"txDigest\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"stateRoot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"l1MessagesConsumed\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"l1QueueHash\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"committer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"committedAt\",\"type\":\"uint64\"}],\"internalType\":\"structBridge.BatchHeader\",\"name\":\"firstUnproven\",\"type\":\"tuple\"}],\"name\":\"revertBatches\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"slashedFunds\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"stake\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalCredits\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalStaked\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unstakeDelay\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"verifier\",\"outputs\":[{\"internalType\":\"contractIWrapVerifier\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"withdrawStake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "Bridge",
	Bin: "0x610160604052348015610010575f5ffd5b50604051614b14380380614b1483398101604081905261002f91610209565b7f12ab655e9a2ca55660b44d1e5c37b00159aa76fed00000010a11800000000001861061007657604051632051490960e21b81526004810187905260240160405180910390fd5b6001600160401b0388811660809081526001600160a01b03891660a090815260c088815287841660e090815287851661010090815294871661012090815261014087815260408051610160810182525f808252602082018190529181018290526060810182905296870181905294860185905291850184905294840183905293830182905292820181905291810188905290610111826101bf565b5f8054600181810183557f290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e56390910183905560028054918201815582527f405787fa12a823e0f2b7631cc41b3ba8828b3321ca811111fa75cd3aa3bb5ace01819055604051919250907f083882423465196bd99dbdf5d4f16db92d1f35d97459396435519d73bf9bf189906101a89084908690610378565b60405180910390a2505050505050505050506103a9565b5f816040516020016101d19190610394565b604051602081830303815290604052805190602001209050919050565b80516001600160401b0381168114610204575f5ffd5b919050565b5f5f5f5f5f5f5f5f610100898b031215610221575f5ffd5b61022a896101ee565b60208a01519098506001600160a01b0381168114610246575f5ffd5b60408a015160608b01519198509650945061026360808a016101ee565b935061027160a08a016101ee565b925061027f60c08a016101ee565b60e09990990151979a96995094979396929591945050565b80516001600160401b0316825260208101516102be60208401826001600160401b03169052565b5060408101516102d960408401826001600160401b03169052565b5060608101516102f460608401826001600160401b03169052565b506080810151608083015260a081015160a083015260c081015160c083015260e081015161032d60e08401826001600160401b03169052565b506101008101516101008301526101208101516103566101208401826001600160a01b03169052565b506101408101516103736101408401826001600160401b03169052565b505050565b828152610180810161038d6020830184610297565b9392505050565b61016081016103a38284610297565b92915050565b60805160a05160c05160e0516101005161012051610140516146d46104405f395f81816107be01528181610c490152610c8401525f81816109a301526119e801525f81816108be01528181610aa30152612ba401525f81816103a4015281816126f80152612f0501525f818161058b0152610be301525f818161035901526129a701525f818161088b015261292901526146d45ff3fe608060405260043610610233575f3560e01c80637504458811610129578063a479265d116100a8578063e1fe7b571161006d578063e1fe7b5714610954578063e81dd70914610973578063f765b4c314610992578063fc63958e146109c5578063fe5ff468146109d9575f5ffd5b8063a479265d146108ad578063b5bd3eb9146108e0578063bc93e0be146108f5578063bed9d86114610921578063c18c337814610935575f5ffd5b8063901f9058116100ee578063901f9058146107ff5780639073b91a1461082557806392928f091461084457806392ab62831461085b5780639a8a05921461087a575f5ffd5b8063750445881461066d5780637ec72f0c14610779578063817b1cd21461079857806389b8db55146107ad5780638aa21baa146107e0575f5ffd5b806334871fe0116101b55780633cff75ad1161017a5780633cff75ad146105c95780633fdeb0b81461060557806366b42ec3146106245780636b3bcaa5146106395780636f99f15c14610658575f5ffd5b806334871fe01461051557806336fac39b1461053b578063375b3c0a1461057a5780633a4b66f1146105ad5780633ccfd60b146105b5575f5ffd5b80632b7ac3f3116101fb5780632b7ac3f3146103485780633222012f146103935780633367cca5146103c6578063344867c3146103f55780633448bb2714610408575f5ffd5b806306f13056146102375780631214990d1461026357806313e7c9d8146102775780631c48c074146102f65780632299445114610317575b5f5ffd5b348015610242575f5ffd5b505f545b6040516001600160401b0390911681526020015b60405180910390f35b34801561026e575f5ffd5b50610246610a04565b348015610282575f5ffd5b506102c7610291366004613d3a565b60076020525f90815260409020546001600160801b038116906001600160401b03600160801b8204811691600160c01b90041683565b604080516001600160801b0390941684526001600160401b03928316602085015291169082015260600161025a565b348015610301575f5ffd5b50610315610310366004613d66565b610a1a565b005b348015610322575f5ffd5b506005546103339063ffffffff1681565b60405163ffffffff909116815260200161025a565b348015610353575f5ffd5b5061037b7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b03909116815260200161025a565b34801561039e575f5ffd5b506102467f000000000000000000000000000000000000000000000000000000000000000081565b3480156103d1575f5ffd5b506103e56103e0366004613d3a565b610bc8565b604051901515815260200161025a565b610333610403366004613da6565b610c46565b348015610413575f5ffd5b50610508610422366004613d66565b60408051610100810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101919091525063ffffffff165f9081526004602090815260409182902082516101008101845281546001600160a01b0381168252600160a01b90046001600160401b0390811693820193909352600182015480841694820194909452600160401b840460ff90811615156060830152600160481b85041615156080820152600160501b9093046001600160801b031660a0840152600281015460c0840152600301541660e082015290565b60405161025a9190613dda565b348015610520575f5ffd5b5060015461024690600160801b90046001600160401b031681565b348015610546575f5ffd5b5061056c610555366004613d66565b63ffffffff165f9081526006602052604090205490565b60405190815260200161025a565b348015610585575f5ffd5b5061056c7f000000000000000000000000000000000000000000000000000000000000000081565b61031561130d565b3480156105c0575f5ffd5b506103156113ed565b3480156105d4575f5ffd5b506105e86105e3366004613e82565b6114c2565b604080519283526001600160401b0390911660208301520161025a565b348015610610575f5ffd5b5061056c61061f366004613e82565b6115a7565b34801561062f575f5ffd5b5061056c60095481565b348015610644575f5ffd5b50600154610246906001600160401b031681565b348015610663575f5ffd5b5061056c600c5481565b348015610678575f5ffd5b5061071e610687366004613d66565b6040805160a0810182525f808252602082018190529181018290526060810182905260808101919091525063ffffffff165f90815260066020908152604091829020825160a0810184528154815260018201549281019290925260028101546001600160401b0380821694840194909452600160401b900490921660608201526003909101546001600160a01b0316608082015290565b60405161025a91905f60a08201905082518252602083015160208301526001600160401b0360408401511660408301526001600160401b03606084015116606083015260018060a01b03608084015116608083015292915050565b348015610784575f5ffd5b5061056c610793366004613eac565b611608565b3480156107a3575f5ffd5b5061056c600a5481565b3480156107b8575f5ffd5b5061056c7f000000000000000000000000000000000000000000000000000000000000000081565b3480156107eb575f5ffd5b506103156107fa366004613efc565b611c31565b34801561080a575f5ffd5b5060015461024690600160401b90046001600160401b031681565b348015610830575f5ffd5b5061056c61083f366004613f8c565b6122be565b34801561084f575f5ffd5b50610333638000000081565b348015610866575f5ffd5b5061056c610875366004613fa6565b61242b565b348015610885575f5ffd5b506102467f000000000000000000000000000000000000000000000000000000000000000081565b3480156108b8575f5ffd5b506102467f000000000000000000000000000000000000000000000000000000000000000081565b3480156108eb575f5ffd5b5061056c600b5481565b348015610900575f5ffd5b5061091461090f366004613d66565b6125e2565b60405161025a9190613ff5565b34801561092c575f5ffd5b5061031561267b565b348015610940575f5ffd5b5061031561094f366004614003565b612840565b34801561095f575f5ffd5b5061031561096e366004614082565b612b09565b34801561097e575f5ffd5b5061056c61098d3660046140d2565b612e12565b34801561099d575f5ffd5b506102467f000000000000000000000000000000000000000000000000000000000000000081565b3480156109d0575f5ffd5b50610315612e41565b3480156109e4575f5ffd5b5061056c6109f3366004613d3a565b60086020525f908152604090205481565b6002545f90610a15906001906141a6565b905090565b63ffffffff81165f90815260046020526040812090610a38836125e2565b90506001816004811115610a4e57610a4e613fc1565b14158015610a6e57506002816004811115610a6b57610a6b613fc1565b14155b15610a99578281604051635dfbf83160e11b8152600401610a909291906141b9565b60405180910390fd5b81545f90610ad8907f000000000000000000000000000000000000000000000000000000000000000090600160a01b90046001600160401b03166141d3565b9050806001600160401b03164211610b1a57604051631de8662560e21b815263ffffffff851660048201526001600160401b0382166024820152604401610a90565b600183018054600160401b68ff000000000000000019909116179081905560098054600160501b9092046001600160801b0316918291905f90610b5e9084906141a6565b90915550508354610b78906001600160a01b031682612f42565b83546040518281526001600160a01b039091169063ffffffff8716907fd453361487010ca2ed955a3a086d79a0a9be99ae6571d96cc5043c00ce793c729060200160405180910390a35050505050565b6001600160a01b0381165f90815260076020526040812080547f00000000000000000000000000000000000000000000000000000000000000006001600160801b0390911610801590610c24575080546001600160801b031615155b8015610c3f57508054600160801b90046001600160401b0316155b9392505050565b5f7f0000000000000000000000000000000000000000000000000000000000000000341015610cb057604051633ee18eff60e21b81523460048201527f00000000000000000000000000000000000000000000000000000000000000006024820152604401610a90565b42826001600160401b031611610ce457604051636768091360e01b81526001600160401b0383166004820152602401610a90565b5f51602061467f5f395f51905f52833510610d1557604051632051490960e21b815283356004820152602401610a90565b5f51602061467f5f395f51905f52836020013510610d4c57604051632051490960e21b815260208401356004820152602401610a90565b5f51602061467f5f395f51905f528360c0013510610d8357604051632051490960e21b815260c08401356004820152602401610a90565b610d94610100840160e08501613e82565b6001600160401b03165f03610dec5760405163a8c278dd60e01b815260206004820152601860248201527f7374657073206d757374206265206174206c65617374203100000000000000006044820152606401610a90565b610dfc6060840160408501613e82565b6001600160401b03165f03610e445760405163a8c278dd60e01b815260206004820152600d60248201526c195b5c1d1e4819185d185cd95d609a1b6044820152606401610a90565b610e5460a0840160808501613d66565b63ffffffff165f03610ea95760405163a8c278dd60e01b815260206004820152601d60248201527f62617463682073697a65206d757374206265206174206c6561737420310000006044820152606401610a90565b610eb96080840160608501613d66565b63ffffffff165f03610f0e5760405163a8c278dd60e01b815260206004820152601e60248201527f6c6561726e696e672072617465206d75737420626520706f73697469766500006044820152606401610a90565b610f20638000000063ffffffff6141f2565b60055463ffffffff918216911603610f4b5760405163688c807f60e11b815260040160405180910390fd5b600554610f629063ffffffff16638000000061420e565b6005805491925063ffffffff909116905f610f7c8361422a565b91906101000a81548163ffffffff021916908363ffffffff160217905550505f610fa58461242b565b6002549091505f90610fb9906001906141a6565b9050604051806101000160405280336001600160a01b03168152602001856001600160401b03168152602001826001600160401b031681526020015f151581526020015f15158152602001346001600160801b031681526020018381526020018660e001602081019061102c9190613e82565b6001600160401b0390811690915263ffffffff85165f90815260046020908152604080832085518154938701518616600160a01b026001600160e01b03199094166001600160a01b03909116179290921782558401516001820180546060870151608088015160a08901516001600160801b0316600160501b026fffffffffffffffffffffffffffffffff60501b19911515600160481b029190911679ffffffffffffffffffffffffffffffffff00000000000000000019921515600160401b0268ffffffffffffffffff199094169589169590951792909217169290921791909117905560c0840151600282015560e090930151600390930180549390921667ffffffffffffffff19939093169290921790556009805434929061115290849061424e565b90915550506040515f9061117190600190869033908a906020016142fb565b6040516020818303038152906040528051906020012090505f6002836001600160401b0316815481106111a6576111a6614337565b905f5260205f200154826040516020016111ca929190918252602082015260400190565b60408051808303601f1901815282825280516020918201206002805460018082019092557f405787fa12a823e0f2b7631cc41b3ba8828b3321ca811111fa75cd3aa3bb5ace018290556003805491820181555f8190527fc2575a0e9e593c00f959f8c92f12db2869c3395a3b0502d05e2516446f71f85b60048304018054929091166008026101000a6001600160401b0381810219909316428416919091021790553485528a16918401919091529082018690529150339063ffffffff8716907f3ad8623e70050c9a497baf3a488717144ce13846636bfd193e51a7dd30bb36819060600160405180910390a38463ffffffff16836001600160401b03167fe61bc3e7a9340fcc1e04e33997aee644d87d8c2358a3d6d8865aa50c6013c53a338a856040516112fb9392919061434b565b60405180910390a35050505092915050565b335f9081526007602052604090208054600160801b90046001600160401b03161561134d57604051632d0fcf6560e01b8152336004820152602401610a90565b8054349082905f906113699084906001600160801b0316614378565b92506101000a8154816001600160801b0302191690836001600160801b0316021790555034600a5f82825461139e919061424e565b90915550508054604080513481526001600160801b03909216602083015233917f1449c6dd7851abc30abf37f57715f492010519147cc2652fbc38202c18a6ee9091015b60405180910390a250565b60ff5f5c16156114105760405163558a1e0360e11b815260040160405180910390fd5b60015f805c60ff19168217905d50335f908152600860205260408120549081900361144e57604051630686827b60e51b815260040160405180910390fd5b335f908152600860205260408120819055600b80548392906114719084906141a6565b909155505060405181815233907f7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d59060200160405180910390a26114b53382612f95565b505f60ff19815c16815d50565b6002545f9081906001600160401b038416106115155760025483906114e9906001906141a6565b6040516379dacacb60e01b81526001600160401b03928316600482015291166024820152604401610a90565b6002836001600160401b03168154811061153157611531614337565b905f5260205f200154836001600160401b03165f1461159c576003611557600186614397565b6001600160401b03168154811061157057611570614337565b905f5260205f2090600491828204019190066008029054906101000a90046001600160401b031661159e565b5f5b91509150915091565b5f80546001600160401b038316106115dd576040516329323fff60e01b81526001600160401b0383166004820152602401610a90565b5f826001600160401b0316815481106115f8576115f8614337565b905f5260205f2001549050919050565b5f61161233610bc8565b61167057335f90815260076020526040902054600160801b90046001600160401b03161561165557604051632d0fcf6560e01b8152336004820152602401610a90565b604051632449d29b60e01b8152336004820152602401610a90565b5f805461167f906001906141a6565b90506001600160401b0381166116986020860186613e82565b6001600160401b0316146116e0576116b36020850185613e82565b60405163135aff0560e01b81526001600160401b0391821660048201529082166024820152604401610a90565b6116e98461301c565b6116f96060850160408601613e82565b6001600160401b031661170f6020850185613e82565b6001600160401b0316116117715761172d6060850160408601613e82565b6117389060016141d3565b6117456020850185613e82565b6040516347e9bd1f60e11b81526001600160401b03928316600482015291166024820152604401610a90565b5f51602061467f5f395f51905f528360600135106117a857604051632051490960e21b815260608401356004820152602401610a90565b5f51602061467f5f395f51905f528360800135106117df57604051632051490960e21b815260808401356004820152602401610a90565b6002545f906117f0906001906141a6565b9050611803610100860160e08701613e82565b6001600160401b031661181c60c0860160a08701613e82565b6001600160401b031610156118785761183b60c0850160a08601613e82565b61184c610100870160e08801613e82565b6040516307eb79c360e11b81526001600160401b03928316600482015291166024820152604401610a90565b6001600160401b03811661189260c0860160a08701613e82565b6001600160401b031611156118de576118b160c0850160a08601613e82565b6040516379dacacb60e01b81526001600160401b0391821660048201529082166024820152604401610a90565b5f60026118f160c0870160a08801613e82565b6001600160401b03168154811061190a5761190a614337565b905f5260205f2001549050808560c00135146119665761193060c0860160a08701613e82565b6040516336b180c560e01b81526001600160401b0390911660048201526024810182905260c08601356044820152606401610a90565b6001600160401b03821661198060c0870160a08801613e82565b6001600160401b03161015611a5c575f60036119a260c0880160a08901613e82565b6001600160401b0316815481106119bb576119bb614337565b5f918252602090912060048204015460039091166008026101000a90046001600160401b03169050611a0d7f0000000000000000000000000000000000000000000000000000000000000000826141d3565b6001600160401b0316421115611a5a57611a2d60c0870160a08801613e82565b6040516336eb480760e11b81526001600160401b0391821660048201529082166024820152604401610a90565b505b5f604051806101600160405280856001611a7691906141d3565b6001600160401b03168152602001611a9460608a0160408b01613e82565b611a9f9060016141d3565b6001600160401b03168152602090810190611abc90890189613e82565b6001600160401b03168152602001876020016020810190611add9190613e82565b6001600160401b031681526020018760400135815260200187606001358152602001876080013581526020018760a0016020810190611b1c9190613e82565b6001600160401b03908116825260c08901356020830152336040830152421660609091015290505f611b4d82612e12565b5f80546001810182559080527f290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563018190559050611b9060c0880160a08901613e82565b6001805467ffffffffffffffff60401b1916600160401b6001600160401b03938416021790558251335f908152600760205260409081902080546001600160c01b0316600160c01b9385169390930292909217909155835190519116907f083882423465196bd99dbdf5d4f16db92d1f35d97459396435519d73bf9bf18990611c1c9084908690614492565b60405180910390a29450505050505b92915050565b6001546001600160401b0316611c4a6020860186613e82565b6001600160401b03161115611c9557611c666020850185613e82565b600154604051630a032f9160e41b81526001600160401b03928316600482015291166024820152604401610a90565b611c9e8461301c565b60065f611cae6020860186613d66565b63ffffffff16815260208101919091526040015f205415611cf857611cd66020840184613d66565b604051630a129cf760e01b815263ffffffff9091166004820152602401610a90565b6002611d0a60a08501608086016144a7565b60ff1614611d5957611d1f6020840184613d66565b611d2f60a08501608086016144a7565b604051632111574b60e01b815263ffffffff909216600483015260ff166024820152604401610a90565b5f51602061467f5f395f51905f52836020013510611d9057604051632051490960e21b815260208401356004820152602401610a90565b5f51602061467f5f395f51905f52836040013510611dc75760408051632051490960e21b8152908401356004820152602401610a90565b82604001355f03611e1e57611ddf6020840184613d66565b604080516373e0828b60e11b815263ffffffff9092166004830152602482015260076044820152667765696768747360c81b6064820152608401610a90565b5f600481611e2f6020870187613d66565b63ffffffff16815260208101919091526040015f2080549091506001600160a01b031615801590611fa5578160020154856020013514611eb857611e766020860186613d66565b604080516373e0828b60e11b815263ffffffff90921660048301526024820152600a6044820152690e0c2e4c2dae690c2e6d60b31b6064820152608401610a90565b81546001600160a01b0316611ed360c0870160a08801613d3a565b6001600160a01b031614611f2b57611eee6020860186613d66565b604080516373e0828b60e11b815263ffffffff90921660048301526024820152600560448201526437bbb732b960d91b6064820152608401610a90565b60038201546001600160401b0316611f496080870160608801613e82565b6001600160401b031614611fa557611f646020860186613d66565b604080516373e0828b60e11b815263ffffffff9092166004830152602482015260096044820152687374657073446f6e6560b81b6064820152608401610a90565b60208314611fdc57611fba6020860186613d66565b60405163c39d16e760e01b815263ffffffff9091166004820152602401610a90565b8560c00135612038611fed876122be565b611ffa6020890189613d66565b63ffffffff168787808060200260200160405190810160405280939291908181526020018383602002808284375f920191909152506130fc92505050565b1461204a57611fba6020860186613d66565b6040805160a081018252868201358152602080880135908201529081016120776080880160608901613e82565b6001600160401b0316815260209081019061209490890189613e82565b6001600160401b031681526020016120b260c0880160a08901613d3a565b6001600160a01b0316905260065f6120cd6020890189613d66565b63ffffffff16815260208082019290925260409081015f908120845181559284015160018401559083015160028301805460608601516001600160401b03908116600160401b026001600160801b0319909216931692909217919091179055608090920151600390910180546001600160a01b039092166001600160a01b03199092169190911790558082801561217057506001840154600160401b900460ff16155b15612220578354600160a01b90046001600160401b03166121996101608a016101408b01613e82565b6001600160401b031611156121b85783546001600160a01b03166121ca565b6121ca61014089016101208a01613d3a565b600185018054600160481b69ff0000000000000000001982161790915560098054929450600160501b9091046001600160801b0316925082915f906122109084906141a6565b9091555061222090508282612f42565b61222d6020880188613d66565b63ffffffff167fa010e12dfb682faf2b0a523a98e807b3e443c7e25c1d6d1be2ce2f3fee903b09604089013561226960808b0160608c01613e82565b61227660208d018d613e82565b604080519384526001600160401b0392831660208501529116908201526001600160a01b03851660608201526080810184905260a00160405180910390a25050505050505050565b60408051600780825261010082019092525f918291906020820160e080368337019050509050600560ff16815f815181106122fb576122fb614337565b60209081029190910181019190915261231690840184613d66565b63ffffffff168160018151811061232f5761232f614337565b60200260200101818152505082602001358160028151811061235357612353614337565b60200260200101818152505082604001358160038151811061237757612377614337565b60209081029190910101526123926080840160608501613e82565b6001600160401b0316816004815181106123ae576123ae614337565b60209081029190910101526123c960a08401608085016144a7565b60ff16816005815181106123df576123df614337565b60209081029190910101526123fa60c0840160a08501613d3a565b6001600160a01b03168160068151811061241657612416614337565b602002602001018181525050610c3f8161320b565b60408051600980825261014082019092525f918291906020820161012080368337019050509050600460ff16815f8151811061246957612469614337565b602002602001018181525050825f01358160018151811061248c5761248c614337565b6020026020010181815250508260200135816002815181106124b0576124b0614337565b60209081029190910101526124cb6060840160408501613e82565b6001600160401b0316816003815181106124e7576124e7614337565b60209081029190910101526125026080840160608501613d66565b63ffffffff168160048151811061251b5761251b614337565b602090810291909101015261253660a0840160808501613d66565b63ffffffff168160058151811061254f5761254f614337565b602090810291909101015261256a60c0840160a08501613e82565b6001600160401b03168160068151811061258657612586614337565b6020026020010181815250508260c00135816007815181106125aa576125aa614337565b60209081029190910101526125c6610100840160e08501613e82565b6001600160401b03168160088151811061241657612416614337565b63ffffffff81165f90815260046020526040812080546001600160a01b031661260d57505f92915050565b6001810154600160481b900460ff161561262a5750600392915050565b6001810154600160401b900460ff16156126475750600492915050565b60018054908201546001600160401b03600160401b9092048216911610156126725750600292915050565b50600192915050565b60ff5f5c161561269e5760405163558a1e0360e11b815260040160405180910390fd5b60015f805c60ff19168217905d50335f90815260076020526040812080549091600160801b9091046001600160401b031690036126ee5760405163777c843f60e11b815260040160405180910390fd5b80545f9061272d907f000000000000000000000000000000000000000000000000000000000000000090600160801b90046001600160401b03166141d3565b9050806001600160401b031642101561276457604051639ab82f3760e01b81526001600160401b0382166004820152602401610a90565b60015482546001600160401b03918216600160c01b90910490911611156127bd57815460015460405163a2402fe360e01b8152600160c01b9092046001600160401b039081166004840152166024820152604401610a90565b81546001600160c01b031981168355600a80546001600160801b03909216918291905f906127ec9084906141a6565b909155505060405181815233907f8108595eb6bad3acefa9da467d90cc2217686d5c5ac85460f8b7849c840645fc9060200160405180910390a26128303382612f95565b505f91505060ff19815c16815d50565b6001546001600160401b03166128596020860186613e82565b6001600160401b0316146128a3576128746020850185613e82565b600154604051636252c10960e01b81526001600160401b03928316600482015291166024820152604401610a90565b6128ac8461301c565b6001546001600160401b03166128c56020850185613e82565b6001600160401b03161161290f576128e06020840184613e82565b60015460405163024cb13d60e01b81526001600160401b03928316600482015291166024820152604401610a90565b6129188361301c565b5f604051806020016040528061298b7f0000000000000000000000000000000000000000000000000000000000000000885f01602081019061295a9190613e82565b6129659060016141d3565b61297260208a018a613e82565b8a60c001358a60c001358c60a001358c60a0013561327c565b9052604051632363e29760e21b81529091506001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690638d8f8a5c906129e0908690869086906004016144c7565b5f6040518083038186803b1580156129f6575f5ffd5b505afa925050508015612a07575060015b612a24576040516309bde33960e01b815260040160405180910390fd5b612a316020850185613e82565b6001805467ffffffffffffffff19166001600160401b0392909216919091179055612a63610100850160e08601613e82565b600180546001600160401b0392909216600160801b0267ffffffffffffffff60801b19909216919091179055612a9c6020850185613e82565b6001600160401b03167f32343e42ae09fc8ab9803ce9363345b71c513dc851dc57bd64a3d8d4114900f6612ad36020880188613e82565b612ade9060016141d3565b604080516001600160401b03909216825260c088013560208301520160405180910390a25050505050565b60018054612b22916001600160401b03909116906141d3565b6001600160401b0316612b386020830183613e82565b6001600160401b031614612b9857612b536020820182613e82565b60018054612b6c916001600160401b03909116906141d3565b604051636252c10960e01b81526001600160401b03928316600482015291166024820152604401610a90565b612ba18161301c565b5f7f0000000000000000000000000000000000000000000000000000000000000000612bd561016084016101408501613e82565b612bdf91906141d3565b9050806001600160401b03164211612c2b57612bfe6020830183613e82565b60405163bd173e5760e01b81526001600160401b0391821660048201529082166024820152604401610a90565b5f8054612c3a906001906141a6565b90505b60018054612c56916001600160401b03909116906141d3565b6001600160401b03165f805490501115612c92575f805480612c7a57612c7a614521565b600190038181905f5260205f20015f90559055612c3d565b60018054600160401b6001600160401b03600160801b8304160267ffffffffffffffff60401b199091161790557f2af0251272b661694a7a5135567664cbbb819e99e473292a7a26ad10c32a434e612ced6020850185613e82565b604080516001600160401b03928316815291841660208301520160405180910390a15f600781612d2561014087016101208801613d3a565b6001600160a01b0316815260208101919091526040015f90812080546001600160801b031981168255600a80549294506001600160801b03909116928392612d6e9084906141a6565b909155505f9050612d80600283614535565b9050612d8c81836141a6565b600c5f828254612d9c919061424e565b90915550612dac90503382612f42565b33612dbf61014088016101208901613d3a565b6001600160a01b03167fbd77412db189a17f9b59c1fba8d2d9507550373d3911e31bed856d09ecd2f1058484604051612e02929190918252602082015260400190565b60405180910390a3505050505050565b5f81604051602001612e249190614554565b604051602081830303815290604052805190602001209050919050565b335f908152600760205260408120805490916001600160801b039091169003612e7f57604051632449d29b60e01b8152336004820152602401610a90565b8054600160801b90046001600160401b031615612eb157604051632d0fcf6560e01b8152336004820152602401610a90565b80546001600160401b0342908116600160801b0267ffffffffffffffff60801b1990921691909117825533907f55967058ada2e84c293d7ec1d74e184d71f4dbe816e7be7a00e254be2376e25190612f2a907f0000000000000000000000000000000000000000000000000000000000000000906141d3565b6040516001600160401b0390911681526020016113e2565b805f03612f4d575050565b6001600160a01b0382165f9081526008602052604081208054839290612f7490849061424e565b9250508190555080600b5f828254612f8c919061424e565b90915550505050565b5f826001600160a01b0316826040515f6040518083038185875af1925050503d805f8114612fde576040519150601f19603f3d011682016040523d82523d5f602084013e612fe3565b606091505b505090508061301757604051630e21dcbb60e11b81526001600160a01b038416600482015260248101839052604401610a90565b505050565b5f5461302b6020830183613e82565b6001600160401b03161061306b576130466020820182613e82565b6040516329323fff60e01b81526001600160401b039091166004820152602401610a90565b5f6130796020830183613e82565b6001600160401b03168154811061309257613092614337565b905f5260205f200154816040516020016130ac9190614563565b60405160208183030381529060405280519060200120146130f9576130d46020820182613e82565b6040516315feb57760e01b81526001600160401b039091166004820152602401610a90565b50565b5f5f51602061467f5f395f51905f52841061312d57604051632051490960e21b815260048101859052602401610a90565b50825f5b8251811015613203575f51602061467f5f395f51905f5283828151811061315a5761315a614337565b60200260200101511061319d5782818151811061317957613179614337565b6020026020010151604051632051490960e21b8152600401610a9091815260200190565b8084901c6001166001036131d5576131ce8382815181106131c0576131c0614337565b602002602001015183613343565b91506131fb565b6131f8828483815181106131eb576131eb614337565b6020026020010151613343565b91505b600101613131565b509392505050565b5f805b8251811015613276575f51602061467f5f395f51905f5283828151811061323757613237614337565b6020026020010151106132565782818151811061317957613179614337565b61326c828483815181106131eb576131eb614337565b915060010161320e565b50919050565b6040516001600160c01b031960c089811b8216602084015288811b8216602884015287901b166030820152603881018590526058810184905260788101839052609881018290525f90819060029060b80160408051601f19818403018152908290526132e791614651565b602060405180830381855afa158015613302573d5f5f3e3d5ffd5b5050506040513d601f19601f820116820180604052508101906133259190614667565b90506133366001600160fd1b6141a6565b1698975050505050505050565b5f5f51602061467f5f395f51905f52613377565b5f8282830983818209905083818209905083838583840909949350505050565b8383828183088383820892508382820891506133b684857f01dcf9885dcd5e510f86effa9cb2799dc54103cc6e6a11e2a28bd6f06b41007e8608613357565b92506133e584857f0f51c58ed2888016addf5e31aef32129a2da008acb473cb35640390af364b3dc8508613357565b915083828408905083838208925083828208915061342684857f086dc145aeef7702fcf6f39095bb0af6031e1ff49d07460888911f99152b74938608613357565b925061345584857f0f79b3b1aab7b75b8027c00612489efae6ea6bfe4561b24a125a0ed58c090d288508613357565b915083828408905083838208925083828208915061349584857eddd955fe1b73653730ff0c49d0d69659e89ca3feea667f4b59dde8e74ca2dd8608613357565b92506134c484857f0bbababa75d454c9630297a04c6b1f451d4d7bb0767bfb8bf6cbd7abf73d38ed8508613357565b915083828408905083838208925083828208915061350584857f1264a08795ded8e0bc0a6b94c0a7f0371406045fe1aed45ba73671c08959e8678608613357565b925083828408905083818408925083818584850808915061354984857f0f9453bbebf1c007cf85f39de13ee3a482306e1d20863d96cb51dd773d05fb518608613357565b925083828408905083818408925083818584850808915061358d84857f1074fbf37d98d3baa5eb37259d1c7185f0188b9c7371c53678b467c8aad6611c8608613357565b92508382840890508381840892508381858485080891506135d184857f0bdd4e4dad94b9cf97a500b7db9229fb43e3667b3a1fc904b99d2706c7f9653f8608613357565b925083828408905083818408925083818584850808915061361584857f09a7ca1629f6d320eaf0d97ba1ed5a29726d38e196417601eee27e7f95d035378608613357565b925083828408905083818408925083818584850808915061365984857f10d41681eda1bcb3ae94f6a92901d9a1ec136ee4f3b4a38a71dca3b3bea303e28608613357565b925083828408905083818408925083818584850808915061369d84857f0ef00e6e048aa24d70bf50171b7b3f6ce348d934486125870ea198ec22cabd9d8608613357565b92508382840890508381840892508381858485080891506136e184857f0a5e95bac47b9bb1a5c24c0583bccec4325195f087f76898d7ad01904d1458bb8608613357565b925083828408905083818408925083818584850808915061372584857f033f403598ed585da7ca6935b4e8bc5ceeab79f954873a3b8dee38a11b2cddfd8608613357565b925083828408905083818408925083818584850808915061376984857f0f346a56d0e8d1f441629287031a377561f09f2a88e8bfb0e8fb4ec4b02b4a7f8608613357565b92508382840890508381840892508381858485080891506137ad84857f0c8dea57376c18349eb972989fa26302c045b82bc8ab5a0fc121e6f1571824238608613357565b92508382840890508381840892508381858485080891506137f184857f0ffdfad2222b094c32a0e49871318ad3cd93419ea0dcb177aaaf3fdb7f4f123e8608613357565b925083828408905083818408925083818584850808915061383584857f0adfc5cd7b6e1bd5babde1a47a4b0cc216bed8dd539fb91dac2a665f26683e5b8608613357565b925083828408905083818408925083818584850808915061387984857f122138a579fcb198c6b0a6c670cb0299618e5135d9f678e098b43203ff64ec548608613357565b92508382840890508381840892508381858485080891506138bd84857f0449d8be0a447f08fa5b103a498db6222085eca933ee5261cf2f6057c446f10a8608613357565b925083828408905083818408925083818584850808915061390184857f01e3c18da1e24d8a42e626a1482aff3953f8e8667088dd9138311f9eb73c6bb48608613357565b925083828408905083818408925083818584850808915061394584857f0fe6ed533affd331fe42724ca0e618dda248ead457f392419ec1fe22cdfe4e4d8608613357565b925083828408905083818408925083818584850808915061398984857f016274b41900d1cdcb867b3ab40a52b1b660fa105b3fd039786b2daf31d02cc08608613357565b92508382840890508381840892508381858485080891506139cd84857f0c779b40213c04a1eee657a848fe1a927b1449e3bb123fc62bd455e6cf43772c8608613357565b9250838284089050838184089250838185848508089150613a1184857f03f329ca93f01e879449757f6396e3b7afe246e05ed8dc30a05f5e55ab9be00a8608613357565b9250838284089050838184089250838185848508089150613a5584857f04d2806b11733b8f610c774b4d9fd20f5274764602f869950e71d38e9f0eb5ee8608613357565b9250838284089050838184089250838185848508089150613a9984857f0c89ff2cca95943b33fe4ed7813daf7d3bc8c6b0ac297d961f8130e4a06e7e3d8608613357565b9250838284089050838184089250838185848508089150613add84857f09e17dbe525a42bb5214f3faddfecbc8c456d3a2de0aea2c9da44c34f93c25228608613357565b9250838284089050838184089250838185848508089150613b2184857f04632b4110acb9696237f45c7f11be1acfd6c64f654c886a083d3b14c76516348608613357565b9250838284089050838184089250838185848508089150613b6584857f0ba1821f5fd73b35981170d52bf4069a7c2093de416e9b0100524e4823f5a5d28608613357565b9250838284089050838184089250838185848508089150613ba984857f0f9ce884749ae73d8b73d977a635111c5b5269308418aba0676a06221ca0ccd68608613357565b9250838284089050838184089250838185848508089150613bed84857f0c16afcbd766fdf19910498c6e1a3d9ba16a2243f5d15d95a4b8c070942a5ff98608613357565b9250613c1c84857f0ec95328b7373e8176e9754f79897fe2357e91f1c0111e99981bf63e6d4fb93a8508613357565b9150838284089050838382089250838282089150613c5d84857f1050b8ff489b4773e80937b2b9f8e99773db79f2799a784b019ee5cbe5ef52028608613357565b9250613c8c84857f0b2208d8e05435ff859fa8906c7337ae6841501dc747f0d0837e26bbb61ee64c8508613357565b9150838284089050838382089250838282089150613ccd84857f032a6d074bc10af5aa2e46396e843144f9e1ea8e758d8db31458949bcb5715028608613357565b9250613cfc84857f078f4f0279591d5e96f78c6734fe35ef4bcdb5988ecf137f783e5210661498d58508613357565b915083828408905083838208925083828208915050828582089695505050505050565b80356001600160a01b0381168114613d35575f5ffd5b919050565b5f60208284031215613d4a575f5ffd5b610c3f82613d1f565b803563ffffffff81168114613d35575f5ffd5b5f60208284031215613d76575f5ffd5b610c3f82613d53565b5f6101008284031215613276575f5ffd5b80356001600160401b0381168114613d35575f5ffd5b5f5f6101208385031215613db8575f5ffd5b613dc28484613d7f565b9150613dd16101008401613d90565b90509250929050565b5f6101008201905060018060a01b0383511682526001600160401b0360208401511660208301526001600160401b0360408401511660408301526060830151613e27606084018215159052565b506080830151613e3b608084018215159052565b5060a0830151613e5660a08401826001600160801b03169052565b5060c083015160c083015260e0830151613e7b60e08401826001600160401b03169052565b5092915050565b5f60208284031215613e92575f5ffd5b610c3f82613d90565b5f6101608284031215613276575f5ffd5b5f5f828403610240811215613ebf575f5ffd5b613ec98585613e9b565b925060e061015f1982011215613edd575f5ffd5b50610160830190509250929050565b5f60c08284031215613276575f5ffd5b5f5f5f5f6102408587031215613f10575f5ffd5b613f1a8686613e9b565b9350613f2a866101608701613eec565b92506102208501356001600160401b03811115613f45575f5ffd5b8501601f81018713613f55575f5ffd5b80356001600160401b03811115613f6a575f5ffd5b8760208260051b8401011115613f7e575f5ffd5b949793965060200194505050565b5f60c08284031215613f9c575f5ffd5b610c3f8383613eec565b5f6101008284031215613fb7575f5ffd5b610c3f8383613d7f565b634e487b7160e01b5f52602160045260245ffd5b60058110613ff157634e487b7160e01b5f52602160045260245ffd5b9052565b60208101611c2b8284613fd5565b5f5f5f5f6102e08587031215614017575f5ffd5b6140218686613e9b565b9350614031866101608701613e9b565b92506102c08501356001600160401b0381111561404c575f5ffd5b8501601f8101871361405c575f5ffd5b80356001600160401b03811115614071575f5ffd5b876020828401011115613f7e575f5ffd5b5f6101608284031215614093575f5ffd5b610c3f8383613e9b565b60405161016081016001600160401b03811182821017156140cc57634e487b7160e01b5f52604160045260245ffd5b60405290565b5f6101608284031280156140e4575f5ffd5b506140ed61409d565b6140f683613d90565b815261410460208401613d90565b602082015261411560408401613d90565b604082015261412660608401613d90565b60608201526080838101359082015260a0808401359082015260c0808401359082015261415560e08401613d90565b60e082015261010083810135908201526141726101208401613d1f565b6101208201526141856101408401613d90565b6101408201529392505050565b634e487b7160e01b5f52601160045260245ffd5b81810381811115611c2b57611c2b614192565b63ffffffff8316815260408101610c3f6020830184613fd5565b6001600160401b038181168382160190811115611c2b57611c2b614192565b63ffffffff8281168282160390811115611c2b57611c2b614192565b63ffffffff8181168382160190811115611c2b57611c2b614192565b5f63ffffffff821663ffffffff810361424557614245614192565b60010192915050565b80820180821115611c2b57611c2b614192565b80358252602080820135908301526001600160401b0361428360408301613d90565b16604083015263ffffffff61429a60608301613d53565b16606083015263ffffffff6142b160808301613d53565b1660808301526142c360a08201613d90565b6001600160401b031660a083015260c081810135908301526142e760e08201613d90565b6001600160401b03811660e0840152505050565b60ff8516815263ffffffff841660208201526001600160a01b0383166040820152610160810161432e6060830184614261565b95945050505050565b634e487b7160e01b5f52603260045260245ffd5b6001600160a01b038416815261014081016143696020830185614261565b82610120830152949350505050565b6001600160801b038181168382160190811115611c2b57611c2b614192565b6001600160401b038281168282160390811115611c2b57611c2b614192565b80516001600160401b0316825260208101516143dd60208401826001600160401b03169052565b5060408101516143f860408401826001600160401b03169052565b50606081015161441360608401826001600160401b03169052565b506080810151608083015260a081015160a083015260c081015160c083015260e081015161444c60e08401826001600160401b03169052565b506101008101516101008301526101208101516144756101208401826001600160a01b03169052565b506101408101516130176101408401826001600160401b03169052565b8281526101808101610c3f60208301846143b6565b5f602082840312156144b7575f5ffd5b813560ff81168114610c3f575f5ffd5b60408152826040820152828460608301375f606084830101525f6060601f19601f860116830101905060208201835f5b60018110156145165781518352602092830192909101906001016144f7565b505050949350505050565b634e487b7160e01b5f52603160045260245ffd5b5f8261454f57634e487b7160e01b5f52601260045260245ffd5b500490565b6101608101611c2b82846143b6565b61016081016145828261457585613d90565b6001600160401b03169052565b61458e60208401613d90565b6001600160401b031660208301526145a860408401613d90565b6001600160401b031660408301526145c260608401613d90565b6001600160401b031660608301526080838101359083015260a0808401359083015260c080840135908301526145fa60e08401613d90565b6001600160401b031660e083015261010083810135908301526146206101208401613d1f565b6001600160a01b031661012083015261463c6101408401613d90565b6001600160401b038116610140840152613e7b565b5f82518060208501845e5f920191825250919050565b5f60208284031215614677575f5ffd5b505191905056fe12ab655e9a2ca55660b44d1e5c37b00159aa76fed00000010a11800000000001a264697066735822122061bedf8ed5d9a4f37b7a1df8e2a8c4b789e813c3283af70b25ba16d3339392c364736f6c63430008250033",
}

// Bridge is an auto generated Go binding around an Ethereum contract.
type Bridge struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Bridge) GetABI() abi.ABI {
	return c.abi
}

// NewBridge creates a new instance of Bridge.
func NewBridge() *Bridge {
	parsed, err := BridgeMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Bridge{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Bridge) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(uint64 chainId_, address verifier_, uint256 genesisStateRoot, uint256 minStake_, uint64 unstakeDelay_, uint64 proofWindow_, uint64 inclusionDelay_, uint256 minBounty_) returns()
func (bridge *Bridge) PackConstructor(chainId_ uint64, verifier_ common.Address, genesisStateRoot *big.Int, minStake_ *big.Int, unstakeDelay_ uint64, proofWindow_ uint64, inclusionDelay_ uint64, minBounty_ *big.Int) []byte {
	enc, err := bridge.abi.Pack("", chainId_, verifier_, genesisStateRoot, minStake_, unstakeDelay_, proofWindow_, inclusionDelay_, minBounty_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackL1JOBIDBASE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x92928f09.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function L1_JOB_ID_BASE() view returns(uint32)
func (bridge *Bridge) PackL1JOBIDBASE() []byte {
	enc, err := bridge.abi.Pack("L1_JOB_ID_BASE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackL1JOBIDBASE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x92928f09.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function L1_JOB_ID_BASE() view returns(uint32)
func (bridge *Bridge) TryPackL1JOBIDBASE() ([]byte, error) {
	return bridge.abi.Pack("L1_JOB_ID_BASE")
}

// UnpackL1JOBIDBASE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x92928f09.
//
// Solidity: function L1_JOB_ID_BASE() view returns(uint32)
func (bridge *Bridge) UnpackL1JOBIDBASE(data []byte) (uint32, error) {
	out, err := bridge.abi.Unpack("L1_JOB_ID_BASE", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackBatchCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06f13056.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function batchCount() view returns(uint64)
func (bridge *Bridge) PackBatchCount() []byte {
	enc, err := bridge.abi.Pack("batchCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBatchCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06f13056.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function batchCount() view returns(uint64)
func (bridge *Bridge) TryPackBatchCount() ([]byte, error) {
	return bridge.abi.Pack("batchCount")
}

// UnpackBatchCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06f13056.
//
// Solidity: function batchCount() view returns(uint64)
func (bridge *Bridge) UnpackBatchCount(data []byte) (uint64, error) {
	out, err := bridge.abi.Unpack("batchCount", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackBatchHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3fdeb0b8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function batchHash(uint64 index) view returns(bytes32)
func (bridge *Bridge) PackBatchHash(index uint64) []byte {
	enc, err := bridge.abi.Pack("batchHash", index)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBatchHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3fdeb0b8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function batchHash(uint64 index) view returns(bytes32)
func (bridge *Bridge) TryPackBatchHash(index uint64) ([]byte, error) {
	return bridge.abi.Pack("batchHash", index)
}

// UnpackBatchHash is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3fdeb0b8.
//
// Solidity: function batchHash(uint64 index) view returns(bytes32)
func (bridge *Bridge) UnpackBatchHash(data []byte) ([32]byte, error) {
	out, err := bridge.abi.Unpack("batchHash", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackChainId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9a8a0592.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function chainId() view returns(uint64)
func (bridge *Bridge) PackChainId() []byte {
	enc, err := bridge.abi.Pack("chainId")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackChainId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9a8a0592.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function chainId() view returns(uint64)
func (bridge *Bridge) TryPackChainId() ([]byte, error) {
	return bridge.abi.Pack("chainId")
}

// UnpackChainId is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9a8a0592.
//
// Solidity: function chainId() view returns(uint64)
func (bridge *Bridge) UnpackChainId(data []byte) (uint64, error) {
	out, err := bridge.abi.Unpack("chainId", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackCommitBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7ec72f0c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function commitBatch((uint64,uint64,uint64,uint64,bytes32,uint256,uint256,uint64,bytes32,address,uint64) parent, (uint64,uint64,bytes32,uint256,uint256,uint64,bytes32) b) returns(bytes32)
func (bridge *Bridge) PackCommitBatch(parent BridgeBatchHeader, b BridgeBatchInput) []byte {
	enc, err := bridge.abi.Pack("commitBatch", parent, b)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCommitBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7ec72f0c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function commitBatch((uint64,uint64,uint64,uint64,bytes32,uint256,uint256,uint64,bytes32,address,uint64) parent, (uint64,uint64,bytes32,uint256,uint256,uint64,bytes32) b) returns(bytes32)
func (bridge *Bridge) TryPackCommitBatch(parent BridgeBatchHeader, b BridgeBatchInput) ([]byte, error) {
	return bridge.abi.Pack("commitBatch", parent, b)
}

// UnpackCommitBatch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7ec72f0c.
//
// Solidity: function commitBatch((uint64,uint64,uint64,uint64,bytes32,uint256,uint256,uint64,bytes32,address,uint64) parent, (uint64,uint64,bytes32,uint256,uint256,uint64,bytes32) b) returns(bytes32)
func (bridge *Bridge) UnpackCommitBatch(data []byte) ([32]byte, error) {
	out, err := bridge.abi.Unpack("commitBatch", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackCredits is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfe5ff468.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function credits(address ) view returns(uint256)
func (bridge *Bridge) PackCredits(arg0 common.Address) []byte {
	enc, err := bridge.abi.Pack("credits", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCredits is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfe5ff468.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function credits(address ) view returns(uint256)
func (bridge *Bridge) TryPackCredits(arg0 common.Address) ([]byte, error) {
	return bridge.abi.Pack("credits", arg0)
}

// UnpackCredits is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfe5ff468.
//
// Solidity: function credits(address ) view returns(uint256)
func (bridge *Bridge) UnpackCredits(data []byte) (*big.Int, error) {
	out, err := bridge.abi.Unpack("credits", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackFinalizeJob is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8aa21baa.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function finalizeJob((uint64,uint64,uint64,uint64,bytes32,uint256,uint256,uint64,bytes32,address,uint64) header, (uint32,uint256,uint256,uint64,uint8,address) leaf, uint256[] siblings) returns()
func (bridge *Bridge) PackFinalizeJob(header BridgeBatchHeader, leaf BridgeJobLeaf, siblings []*big.Int) []byte {
	enc, err := bridge.abi.Pack("finalizeJob", header, leaf, siblings)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFinalizeJob is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8aa21baa.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function finalizeJob((uint64,uint64,uint64,uint64,bytes32,uint256,uint256,uint64,bytes32,address,uint64) header, (uint32,uint256,uint256,uint64,uint8,address) leaf, uint256[] siblings) returns()
func (bridge *Bridge) TryPackFinalizeJob(header BridgeBatchHeader, leaf BridgeJobLeaf, siblings []*big.Int) ([]byte, error) {
	return bridge.abi.Pack("finalizeJob", header, leaf, siblings)
}

// PackHashHeader is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe81dd709.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hashHeader((uint64,uint64,uint64,uint64,bytes32,uint256,uint256,uint64,bytes32,address,uint64) h) pure returns(bytes32)
func (bridge *Bridge) PackHashHeader(h BridgeBatchHeader) []byte {
	enc, err := bridge.abi.Pack("hashHeader", h)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHashHeader is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe81dd709.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hashHeader((uint64,uint64,uint64,uint64,bytes32,uint256,uint256,uint64,bytes32,address,uint64) h) pure returns(bytes32)
func (bridge *Bridge) TryPackHashHeader(h BridgeBatchHeader) ([]byte, error) {
	return bridge.abi.Pack("hashHeader", h)
}

// UnpackHashHeader is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe81dd709.
//
// Solidity: function hashHeader((uint64,uint64,uint64,uint64,bytes32,uint256,uint256,uint64,bytes32,address,uint64) h) pure returns(bytes32)
func (bridge *Bridge) UnpackHashHeader(data []byte) ([32]byte, error) {
	out, err := bridge.abi.Unpack("hashHeader", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackHeldBounties is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x66b42ec3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function heldBounties() view returns(uint256)
func (bridge *Bridge) PackHeldBounties() []byte {
	enc, err := bridge.abi.Pack("heldBounties")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHeldBounties is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x66b42ec3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function heldBounties() view returns(uint256)
func (bridge *Bridge) TryPackHeldBounties() ([]byte, error) {
	return bridge.abi.Pack("heldBounties")
}

// UnpackHeldBounties is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x66b42ec3.
//
// Solidity: function heldBounties() view returns(uint256)
func (bridge *Bridge) UnpackHeldBounties(data []byte) (*big.Int, error) {
	out, err := bridge.abi.Unpack("heldBounties", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackInclusionDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf765b4c3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function inclusionDelay() view returns(uint64)
func (bridge *Bridge) PackInclusionDelay() []byte {
	enc, err := bridge.abi.Pack("inclusionDelay")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackInclusionDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf765b4c3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function inclusionDelay() view returns(uint64)
func (bridge *Bridge) TryPackInclusionDelay() ([]byte, error) {
	return bridge.abi.Pack("inclusionDelay")
}

// UnpackInclusionDelay is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf765b4c3.
//
// Solidity: function inclusionDelay() view returns(uint64)
func (bridge *Bridge) UnpackInclusionDelay(data []byte) (uint64, error) {
	out, err := bridge.abi.Unpack("inclusionDelay", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackIsActiveOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3367cca5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isActiveOperator(address operator) view returns(bool)
func (bridge *Bridge) PackIsActiveOperator(operator common.Address) []byte {
	enc, err := bridge.abi.Pack("isActiveOperator", operator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsActiveOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3367cca5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isActiveOperator(address operator) view returns(bool)
func (bridge *Bridge) TryPackIsActiveOperator(operator common.Address) ([]byte, error) {
	return bridge.abi.Pack("isActiveOperator", operator)
}

// UnpackIsActiveOperator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3367cca5.
//
// Solidity: function isActiveOperator(address operator) view returns(bool)
func (bridge *Bridge) UnpackIsActiveOperator(data []byte) (bool, error) {
	out, err := bridge.abi.Unpack("isActiveOperator", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackJob is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3448bb27.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function job(uint32 jobId) view returns((address,uint64,uint64,bool,bool,uint128,uint256,uint64))
func (bridge *Bridge) PackJob(jobId uint32) []byte {
	enc, err := bridge.abi.Pack("job", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackJob is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3448bb27.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function job(uint32 jobId) view returns((address,uint64,uint64,bool,bool,uint128,uint256,uint64))
func (bridge *Bridge) TryPackJob(jobId uint32) ([]byte, error) {
	return bridge.abi.Pack("job", jobId)
}

// UnpackJob is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3448bb27.
//
// Solidity: function job(uint32 jobId) view returns((address,uint64,uint64,bool,bool,uint128,uint256,uint64))
func (bridge *Bridge) UnpackJob(data []byte) (BridgeJob, error) {
	out, err := bridge.abi.Unpack("job", data)
	if err != nil {
		return *new(BridgeJob), err
	}
	out0 := *abi.ConvertType(out[0], new(BridgeJob)).(*BridgeJob)
	return out0, nil
}

// PackJobState is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbc93e0be.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function jobState(uint32 jobId) view returns(uint8)
func (bridge *Bridge) PackJobState(jobId uint32) []byte {
	enc, err := bridge.abi.Pack("jobState", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackJobState is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbc93e0be.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function jobState(uint32 jobId) view returns(uint8)
func (bridge *Bridge) TryPackJobState(jobId uint32) ([]byte, error) {
	return bridge.abi.Pack("jobState", jobId)
}

// UnpackJobState is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbc93e0be.
//
// Solidity: function jobState(uint32 jobId) view returns(uint8)
func (bridge *Bridge) UnpackJobState(data []byte) (uint8, error) {
	out, err := bridge.abi.Unpack("jobState", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackL1JobCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x22994451.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function l1JobCount() view returns(uint32)
func (bridge *Bridge) PackL1JobCount() []byte {
	enc, err := bridge.abi.Pack("l1JobCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackL1JobCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x22994451.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function l1JobCount() view returns(uint32)
func (bridge *Bridge) TryPackL1JobCount() ([]byte, error) {
	return bridge.abi.Pack("l1JobCount")
}

// UnpackL1JobCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x22994451.
//
// Solidity: function l1JobCount() view returns(uint32)
func (bridge *Bridge) UnpackL1JobCount(data []byte) (uint32, error) {
	out, err := bridge.abi.Unpack("l1JobCount", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackL1MessageCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1214990d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function l1MessageCount() view returns(uint64)
func (bridge *Bridge) PackL1MessageCount() []byte {
	enc, err := bridge.abi.Pack("l1MessageCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackL1MessageCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1214990d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function l1MessageCount() view returns(uint64)
func (bridge *Bridge) TryPackL1MessageCount() ([]byte, error) {
	return bridge.abi.Pack("l1MessageCount")
}

// UnpackL1MessageCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1214990d.
//
// Solidity: function l1MessageCount() view returns(uint64)
func (bridge *Bridge) UnpackL1MessageCount(data []byte) (uint64, error) {
	out, err := bridge.abi.Unpack("l1MessageCount", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackL1MessagesConsumed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x901f9058.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function l1MessagesConsumed() view returns(uint64)
func (bridge *Bridge) PackL1MessagesConsumed() []byte {
	enc, err := bridge.abi.Pack("l1MessagesConsumed")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackL1MessagesConsumed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x901f9058.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function l1MessagesConsumed() view returns(uint64)
func (bridge *Bridge) TryPackL1MessagesConsumed() ([]byte, error) {
	return bridge.abi.Pack("l1MessagesConsumed")
}

// UnpackL1MessagesConsumed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x901f9058.
//
// Solidity: function l1MessagesConsumed() view returns(uint64)
func (bridge *Bridge) UnpackL1MessagesConsumed(data []byte) (uint64, error) {
	out, err := bridge.abi.Unpack("l1MessagesConsumed", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackL1Queue is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3cff75ad.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function l1Queue(uint64 n) view returns(bytes32 hash, uint64 queuedAt)
func (bridge *Bridge) PackL1Queue(n uint64) []byte {
	enc, err := bridge.abi.Pack("l1Queue", n)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackL1Queue is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3cff75ad.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function l1Queue(uint64 n) view returns(bytes32 hash, uint64 queuedAt)
func (bridge *Bridge) TryPackL1Queue(n uint64) ([]byte, error) {
	return bridge.abi.Pack("l1Queue", n)
}

// L1QueueOutput serves as a container for the return parameters of contract
// method L1Queue.
type L1QueueOutput struct {
	Hash     [32]byte
	QueuedAt uint64
}

// UnpackL1Queue is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3cff75ad.
//
// Solidity: function l1Queue(uint64 n) view returns(bytes32 hash, uint64 queuedAt)
func (bridge *Bridge) UnpackL1Queue(data []byte) (L1QueueOutput, error) {
	out, err := bridge.abi.Unpack("l1Queue", data)
	outstruct := new(L1QueueOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Hash = *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	outstruct.QueuedAt = *abi.ConvertType(out[1], new(uint64)).(*uint64)
	return *outstruct, nil
}

// PackLastProven is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6b3bcaa5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lastProven() view returns(uint64)
func (bridge *Bridge) PackLastProven() []byte {
	enc, err := bridge.abi.Pack("lastProven")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLastProven is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6b3bcaa5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function lastProven() view returns(uint64)
func (bridge *Bridge) TryPackLastProven() ([]byte, error) {
	return bridge.abi.Pack("lastProven")
}

// UnpackLastProven is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6b3bcaa5.
//
// Solidity: function lastProven() view returns(uint64)
func (bridge *Bridge) UnpackLastProven(data []byte) (uint64, error) {
	out, err := bridge.abi.Unpack("lastProven", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackLeafHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9073b91a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function leafHash((uint32,uint256,uint256,uint64,uint8,address) leaf) pure returns(uint256)
func (bridge *Bridge) PackLeafHash(leaf BridgeJobLeaf) []byte {
	enc, err := bridge.abi.Pack("leafHash", leaf)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLeafHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9073b91a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function leafHash((uint32,uint256,uint256,uint64,uint8,address) leaf) pure returns(uint256)
func (bridge *Bridge) TryPackLeafHash(leaf BridgeJobLeaf) ([]byte, error) {
	return bridge.abi.Pack("leafHash", leaf)
}

// UnpackLeafHash is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9073b91a.
//
// Solidity: function leafHash((uint32,uint256,uint256,uint64,uint8,address) leaf) pure returns(uint256)
func (bridge *Bridge) UnpackLeafHash(data []byte) (*big.Int, error) {
	out, err := bridge.abi.Unpack("leafHash", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMinBounty is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x89b8db55.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function minBounty() view returns(uint256)
func (bridge *Bridge) PackMinBounty() []byte {
	enc, err := bridge.abi.Pack("minBounty")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMinBounty is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x89b8db55.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function minBounty() view returns(uint256)
func (bridge *Bridge) TryPackMinBounty() ([]byte, error) {
	return bridge.abi.Pack("minBounty")
}

// UnpackMinBounty is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x89b8db55.
//
// Solidity: function minBounty() view returns(uint256)
func (bridge *Bridge) UnpackMinBounty(data []byte) (*big.Int, error) {
	out, err := bridge.abi.Unpack("minBounty", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMinStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x375b3c0a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function minStake() view returns(uint256)
func (bridge *Bridge) PackMinStake() []byte {
	enc, err := bridge.abi.Pack("minStake")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMinStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x375b3c0a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function minStake() view returns(uint256)
func (bridge *Bridge) TryPackMinStake() ([]byte, error) {
	return bridge.abi.Pack("minStake")
}

// UnpackMinStake is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x375b3c0a.
//
// Solidity: function minStake() view returns(uint256)
func (bridge *Bridge) UnpackMinStake(data []byte) (*big.Int, error) {
	out, err := bridge.abi.Unpack("minStake", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackModel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x75044588.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function model(uint32 jobId) view returns((uint256,uint256,uint64,uint64,address))
func (bridge *Bridge) PackModel(jobId uint32) []byte {
	enc, err := bridge.abi.Pack("model", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackModel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x75044588.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function model(uint32 jobId) view returns((uint256,uint256,uint64,uint64,address))
func (bridge *Bridge) TryPackModel(jobId uint32) ([]byte, error) {
	return bridge.abi.Pack("model", jobId)
}

// UnpackModel is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x75044588.
//
// Solidity: function model(uint32 jobId) view returns((uint256,uint256,uint64,uint64,address))
func (bridge *Bridge) UnpackModel(data []byte) (BridgeModel, error) {
	out, err := bridge.abi.Unpack("model", data)
	if err != nil {
		return *new(BridgeModel), err
	}
	out0 := *abi.ConvertType(out[0], new(BridgeModel)).(*BridgeModel)
	return out0, nil
}

// PackModelCommitment is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x36fac39b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function modelCommitment(uint32 jobId) view returns(uint256)
func (bridge *Bridge) PackModelCommitment(jobId uint32) []byte {
	enc, err := bridge.abi.Pack("modelCommitment", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackModelCommitment is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x36fac39b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function modelCommitment(uint32 jobId) view returns(uint256)
func (bridge *Bridge) TryPackModelCommitment(jobId uint32) ([]byte, error) {
	return bridge.abi.Pack("modelCommitment", jobId)
}

// UnpackModelCommitment is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x36fac39b.
//
// Solidity: function modelCommitment(uint32 jobId) view returns(uint256)
func (bridge *Bridge) UnpackModelCommitment(data []byte) (*big.Int, error) {
	out, err := bridge.abi.Unpack("modelCommitment", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackOperators is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x13e7c9d8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function operators(address ) view returns(uint128 stake, uint64 unstakeRequestedAt, uint64 lastBatch)
func (bridge *Bridge) PackOperators(arg0 common.Address) []byte {
	enc, err := bridge.abi.Pack("operators", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOperators is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x13e7c9d8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function operators(address ) view returns(uint128 stake, uint64 unstakeRequestedAt, uint64 lastBatch)
func (bridge *Bridge) TryPackOperators(arg0 common.Address) ([]byte, error) {
	return bridge.abi.Pack("operators", arg0)
}

// OperatorsOutput serves as a container for the return parameters of contract
// method Operators.
type OperatorsOutput struct {
	Stake              *big.Int
	UnstakeRequestedAt uint64
	LastBatch          uint64
}

// UnpackOperators is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x13e7c9d8.
//
// Solidity: function operators(address ) view returns(uint128 stake, uint64 unstakeRequestedAt, uint64 lastBatch)
func (bridge *Bridge) UnpackOperators(data []byte) (OperatorsOutput, error) {
	out, err := bridge.abi.Unpack("operators", data)
	outstruct := new(OperatorsOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Stake = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.UnstakeRequestedAt = *abi.ConvertType(out[1], new(uint64)).(*uint64)
	outstruct.LastBatch = *abi.ConvertType(out[2], new(uint64)).(*uint64)
	return *outstruct, nil
}

// PackParamsHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x92ab6283.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function paramsHash((uint256,uint256,uint64,uint32,uint32,uint64,uint256,uint64) p) pure returns(uint256)
func (bridge *Bridge) PackParamsHash(p BridgeJobParams) []byte {
	enc, err := bridge.abi.Pack("paramsHash", p)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackParamsHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x92ab6283.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function paramsHash((uint256,uint256,uint64,uint32,uint32,uint64,uint256,uint64) p) pure returns(uint256)
func (bridge *Bridge) TryPackParamsHash(p BridgeJobParams) ([]byte, error) {
	return bridge.abi.Pack("paramsHash", p)
}

// UnpackParamsHash is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x92ab6283.
//
// Solidity: function paramsHash((uint256,uint256,uint64,uint32,uint32,uint64,uint256,uint64) p) pure returns(uint256)
func (bridge *Bridge) UnpackParamsHash(data []byte) (*big.Int, error) {
	out, err := bridge.abi.Unpack("paramsHash", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackProofWindow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa479265d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function proofWindow() view returns(uint64)
func (bridge *Bridge) PackProofWindow() []byte {
	enc, err := bridge.abi.Pack("proofWindow")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackProofWindow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa479265d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function proofWindow() view returns(uint64)
func (bridge *Bridge) TryPackProofWindow() ([]byte, error) {
	return bridge.abi.Pack("proofWindow")
}

// UnpackProofWindow is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa479265d.
//
// Solidity: function proofWindow() view returns(uint64)
func (bridge *Bridge) UnpackProofWindow(data []byte) (uint64, error) {
	out, err := bridge.abi.Unpack("proofWindow", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackProveBatches is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc18c3378.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function proveBatches((uint64,uint64,uint64,uint64,bytes32,uint256,uint256,uint64,bytes32,address,uint64) prev, (uint64,uint64,uint64,uint64,bytes32,uint256,uint256,uint64,bytes32,address,uint64) last, bytes proof) returns()
func (bridge *Bridge) PackProveBatches(prev BridgeBatchHeader, last BridgeBatchHeader, proof []byte) []byte {
	enc, err := bridge.abi.Pack("proveBatches", prev, last, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackProveBatches is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc18c3378.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function proveBatches((uint64,uint64,uint64,uint64,bytes32,uint256,uint256,uint64,bytes32,address,uint64) prev, (uint64,uint64,uint64,uint64,bytes32,uint256,uint256,uint64,bytes32,address,uint64) last, bytes proof) returns()
func (bridge *Bridge) TryPackProveBatches(prev BridgeBatchHeader, last BridgeBatchHeader, proof []byte) ([]byte, error) {
	return bridge.abi.Pack("proveBatches", prev, last, proof)
}

// PackProvenL1MessagesConsumed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x34871fe0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function provenL1MessagesConsumed() view returns(uint64)
func (bridge *Bridge) PackProvenL1MessagesConsumed() []byte {
	enc, err := bridge.abi.Pack("provenL1MessagesConsumed")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackProvenL1MessagesConsumed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x34871fe0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function provenL1MessagesConsumed() view returns(uint64)
func (bridge *Bridge) TryPackProvenL1MessagesConsumed() ([]byte, error) {
	return bridge.abi.Pack("provenL1MessagesConsumed")
}

// UnpackProvenL1MessagesConsumed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x34871fe0.
//
// Solidity: function provenL1MessagesConsumed() view returns(uint64)
func (bridge *Bridge) UnpackProvenL1MessagesConsumed(data []byte) (uint64, error) {
	out, err := bridge.abi.Unpack("provenL1MessagesConsumed", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackRefund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1c48c074.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function refund(uint32 jobId) returns()
func (bridge *Bridge) PackRefund(jobId uint32) []byte {
	enc, err := bridge.abi.Pack("refund", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRefund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1c48c074.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function refund(uint32 jobId) returns()
func (bridge *Bridge) TryPackRefund(jobId uint32) ([]byte, error) {
	return bridge.abi.Pack("refund", jobId)
}

// PackRequestTraining is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x344867c3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requestTraining((uint256,uint256,uint64,uint32,uint32,uint64,uint256,uint64) p, uint64 deadline) payable returns(uint32 jobId)
func (bridge *Bridge) PackRequestTraining(p BridgeJobParams, deadline uint64) []byte {
	enc, err := bridge.abi.Pack("requestTraining", p, deadline)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequestTraining is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x344867c3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requestTraining((uint256,uint256,uint64,uint32,uint32,uint64,uint256,uint64) p, uint64 deadline) payable returns(uint32 jobId)
func (bridge *Bridge) TryPackRequestTraining(p BridgeJobParams, deadline uint64) ([]byte, error) {
	return bridge.abi.Pack("requestTraining", p, deadline)
}

// UnpackRequestTraining is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x344867c3.
//
// Solidity: function requestTraining((uint256,uint256,uint64,uint32,uint32,uint64,uint256,uint64) p, uint64 deadline) payable returns(uint32 jobId)
func (bridge *Bridge) UnpackRequestTraining(data []byte) (uint32, error) {
	out, err := bridge.abi.Unpack("requestTraining", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackRequestUnstake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc63958e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requestUnstake() returns()
func (bridge *Bridge) PackRequestUnstake() []byte {
	enc, err := bridge.abi.Pack("requestUnstake")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequestUnstake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc63958e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requestUnstake() returns()
func (bridge *Bridge) TryPackRequestUnstake() ([]byte, error) {
	return bridge.abi.Pack("requestUnstake")
}

// PackRevertBatches is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe1fe7b57.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revertBatches((uint64,uint64,uint64,uint64,bytes32,uint256,uint256,uint64,bytes32,address,uint64) firstUnproven) returns()
func (bridge *Bridge) PackRevertBatches(firstUnproven BridgeBatchHeader) []byte {
	enc, err := bridge.abi.Pack("revertBatches", firstUnproven)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevertBatches is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe1fe7b57.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revertBatches((uint64,uint64,uint64,uint64,bytes32,uint256,uint256,uint64,bytes32,address,uint64) firstUnproven) returns()
func (bridge *Bridge) TryPackRevertBatches(firstUnproven BridgeBatchHeader) ([]byte, error) {
	return bridge.abi.Pack("revertBatches", firstUnproven)
}

// PackSlashedFunds is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6f99f15c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function slashedFunds() view returns(uint256)
func (bridge *Bridge) PackSlashedFunds() []byte {
	enc, err := bridge.abi.Pack("slashedFunds")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSlashedFunds is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6f99f15c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function slashedFunds() view returns(uint256)
func (bridge *Bridge) TryPackSlashedFunds() ([]byte, error) {
	return bridge.abi.Pack("slashedFunds")
}

// UnpackSlashedFunds is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6f99f15c.
//
// Solidity: function slashedFunds() view returns(uint256)
func (bridge *Bridge) UnpackSlashedFunds(data []byte) (*big.Int, error) {
	out, err := bridge.abi.Unpack("slashedFunds", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3a4b66f1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stake() payable returns()
func (bridge *Bridge) PackStake() []byte {
	enc, err := bridge.abi.Pack("stake")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3a4b66f1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stake() payable returns()
func (bridge *Bridge) TryPackStake() ([]byte, error) {
	return bridge.abi.Pack("stake")
}

// PackTotalCredits is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb5bd3eb9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalCredits() view returns(uint256)
func (bridge *Bridge) PackTotalCredits() []byte {
	enc, err := bridge.abi.Pack("totalCredits")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalCredits is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb5bd3eb9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalCredits() view returns(uint256)
func (bridge *Bridge) TryPackTotalCredits() ([]byte, error) {
	return bridge.abi.Pack("totalCredits")
}

// UnpackTotalCredits is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb5bd3eb9.
//
// Solidity: function totalCredits() view returns(uint256)
func (bridge *Bridge) UnpackTotalCredits(data []byte) (*big.Int, error) {
	out, err := bridge.abi.Unpack("totalCredits", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTotalStaked is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x817b1cd2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalStaked() view returns(uint256)
func (bridge *Bridge) PackTotalStaked() []byte {
	enc, err := bridge.abi.Pack("totalStaked")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalStaked is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x817b1cd2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalStaked() view returns(uint256)
func (bridge *Bridge) TryPackTotalStaked() ([]byte, error) {
	return bridge.abi.Pack("totalStaked")
}

// UnpackTotalStaked is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x817b1cd2.
//
// Solidity: function totalStaked() view returns(uint256)
func (bridge *Bridge) UnpackTotalStaked(data []byte) (*big.Int, error) {
	out, err := bridge.abi.Unpack("totalStaked", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackUnstakeDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3222012f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unstakeDelay() view returns(uint64)
func (bridge *Bridge) PackUnstakeDelay() []byte {
	enc, err := bridge.abi.Pack("unstakeDelay")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnstakeDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3222012f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unstakeDelay() view returns(uint64)
func (bridge *Bridge) TryPackUnstakeDelay() ([]byte, error) {
	return bridge.abi.Pack("unstakeDelay")
}

// UnpackUnstakeDelay is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3222012f.
//
// Solidity: function unstakeDelay() view returns(uint64)
func (bridge *Bridge) UnpackUnstakeDelay(data []byte) (uint64, error) {
	out, err := bridge.abi.Unpack("unstakeDelay", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackVerifier is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2b7ac3f3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifier() view returns(address)
func (bridge *Bridge) PackVerifier() []byte {
	enc, err := bridge.abi.Pack("verifier")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifier is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2b7ac3f3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifier() view returns(address)
func (bridge *Bridge) TryPackVerifier() ([]byte, error) {
	return bridge.abi.Pack("verifier")
}

// UnpackVerifier is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2b7ac3f3.
//
// Solidity: function verifier() view returns(address)
func (bridge *Bridge) UnpackVerifier(data []byte) (common.Address, error) {
	out, err := bridge.abi.Unpack("verifier", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ccfd60b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw() returns()
func (bridge *Bridge) PackWithdraw() []byte {
	enc, err := bridge.abi.Pack("withdraw")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ccfd60b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdraw() returns()
func (bridge *Bridge) TryPackWithdraw() ([]byte, error) {
	return bridge.abi.Pack("withdraw")
}

// PackWithdrawStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbed9d861.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawStake() returns()
func (bridge *Bridge) PackWithdrawStake() []byte {
	enc, err := bridge.abi.Pack("withdrawStake")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdrawStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbed9d861.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdrawStake() returns()
func (bridge *Bridge) TryPackWithdrawStake() ([]byte, error) {
	return bridge.abi.Pack("withdrawStake")
}

// BridgeBatchCommitted represents a BatchCommitted event raised by the Bridge contract.
type BridgeBatchCommitted struct {
	Index  uint64
	Hash   [32]byte
	Header BridgeBatchHeader
	Raw    *types.Log // Blockchain specific contextual infos
}

const BridgeBatchCommittedEventName = "BatchCommitted"

// ContractEventName returns the user-defined event name.
func (BridgeBatchCommitted) ContractEventName() string {
	return BridgeBatchCommittedEventName
}

// UnpackBatchCommittedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event BatchCommitted(uint64 indexed index, bytes32 hash, (uint64,uint64,uint64,uint64,bytes32,uint256,uint256,uint64,bytes32,address,uint64) header)
func (bridge *Bridge) UnpackBatchCommittedEvent(log *types.Log) (*BridgeBatchCommitted, error) {
	event := "BatchCommitted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != bridge.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BridgeBatchCommitted)
	if len(log.Data) > 0 {
		if err := bridge.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range bridge.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// BridgeBatchesProven represents a BatchesProven event raised by the Bridge contract.
type BridgeBatchesProven struct {
	FirstBatch uint64
	LastBatch  uint64
	StateRoot  *big.Int
	Raw        *types.Log // Blockchain specific contextual infos
}

const BridgeBatchesProvenEventName = "BatchesProven"

// ContractEventName returns the user-defined event name.
func (BridgeBatchesProven) ContractEventName() string {
	return BridgeBatchesProvenEventName
}

// UnpackBatchesProvenEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event BatchesProven(uint64 firstBatch, uint64 indexed lastBatch, uint256 stateRoot)
func (bridge *Bridge) UnpackBatchesProvenEvent(log *types.Log) (*BridgeBatchesProven, error) {
	event := "BatchesProven"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != bridge.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BridgeBatchesProven)
	if len(log.Data) > 0 {
		if err := bridge.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range bridge.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// BridgeBatchesReverted represents a BatchesReverted event raised by the Bridge contract.
type BridgeBatchesReverted struct {
	FirstBatch uint64
	LastBatch  uint64
	Raw        *types.Log // Blockchain specific contextual infos
}

const BridgeBatchesRevertedEventName = "BatchesReverted"

// ContractEventName returns the user-defined event name.
func (BridgeBatchesReverted) ContractEventName() string {
	return BridgeBatchesRevertedEventName
}

// UnpackBatchesRevertedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event BatchesReverted(uint64 firstBatch, uint64 lastBatch)
func (bridge *Bridge) UnpackBatchesRevertedEvent(log *types.Log) (*BridgeBatchesReverted, error) {
	event := "BatchesReverted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != bridge.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BridgeBatchesReverted)
	if len(log.Data) > 0 {
		if err := bridge.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range bridge.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// BridgeJobFinalized represents a JobFinalized event raised by the Bridge contract.
type BridgeJobFinalized struct {
	JobId   uint32
	Weights *big.Int
	Steps   uint64
	Batch   uint64
	Payee   common.Address
	Bounty  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const BridgeJobFinalizedEventName = "JobFinalized"

// ContractEventName returns the user-defined event name.
func (BridgeJobFinalized) ContractEventName() string {
	return BridgeJobFinalizedEventName
}

// UnpackJobFinalizedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event JobFinalized(uint32 indexed jobId, uint256 weights, uint64 steps, uint64 batch, address payee, uint256 bounty)
func (bridge *Bridge) UnpackJobFinalizedEvent(log *types.Log) (*BridgeJobFinalized, error) {
	event := "JobFinalized"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != bridge.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BridgeJobFinalized)
	if len(log.Data) > 0 {
		if err := bridge.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range bridge.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// BridgeJobRefunded represents a JobRefunded event raised by the Bridge contract.
type BridgeJobRefunded struct {
	JobId     uint32
	Requester common.Address
	Bounty    *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const BridgeJobRefundedEventName = "JobRefunded"

// ContractEventName returns the user-defined event name.
func (BridgeJobRefunded) ContractEventName() string {
	return BridgeJobRefundedEventName
}

// UnpackJobRefundedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event JobRefunded(uint32 indexed jobId, address indexed requester, uint256 bounty)
func (bridge *Bridge) UnpackJobRefundedEvent(log *types.Log) (*BridgeJobRefunded, error) {
	event := "JobRefunded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != bridge.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BridgeJobRefunded)
	if len(log.Data) > 0 {
		if err := bridge.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range bridge.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// BridgeL1MessageQueued represents a L1MessageQueued event raised by the Bridge contract.
type BridgeL1MessageQueued struct {
	Index     uint64
	JobId     uint32
	Owner     common.Address
	Params    BridgeJobParams
	QueueHash [32]byte
	Raw       *types.Log // Blockchain specific contextual infos
}

const BridgeL1MessageQueuedEventName = "L1MessageQueued"

// ContractEventName returns the user-defined event name.
func (BridgeL1MessageQueued) ContractEventName() string {
	return BridgeL1MessageQueuedEventName
}

// UnpackL1MessageQueuedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event L1MessageQueued(uint64 indexed index, uint32 indexed jobId, address owner, (uint256,uint256,uint64,uint32,uint32,uint64,uint256,uint64) params, bytes32 queueHash)
func (bridge *Bridge) UnpackL1MessageQueuedEvent(log *types.Log) (*BridgeL1MessageQueued, error) {
	event := "L1MessageQueued"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != bridge.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BridgeL1MessageQueued)
	if len(log.Data) > 0 {
		if err := bridge.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range bridge.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// BridgeOperatorSlashed represents a OperatorSlashed event raised by the Bridge contract.
type BridgeOperatorSlashed struct {
	Operator common.Address
	Amount   *big.Int
	Reporter common.Address
	Reward   *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const BridgeOperatorSlashedEventName = "OperatorSlashed"

// ContractEventName returns the user-defined event name.
func (BridgeOperatorSlashed) ContractEventName() string {
	return BridgeOperatorSlashedEventName
}

// UnpackOperatorSlashedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OperatorSlashed(address indexed operator, uint256 amount, address indexed reporter, uint256 reward)
func (bridge *Bridge) UnpackOperatorSlashedEvent(log *types.Log) (*BridgeOperatorSlashed, error) {
	event := "OperatorSlashed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != bridge.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BridgeOperatorSlashed)
	if len(log.Data) > 0 {
		if err := bridge.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range bridge.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// BridgeStakeWithdrawn represents a StakeWithdrawn event raised by the Bridge contract.
type BridgeStakeWithdrawn struct {
	Operator common.Address
	Amount   *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const BridgeStakeWithdrawnEventName = "StakeWithdrawn"

// ContractEventName returns the user-defined event name.
func (BridgeStakeWithdrawn) ContractEventName() string {
	return BridgeStakeWithdrawnEventName
}

// UnpackStakeWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event StakeWithdrawn(address indexed operator, uint256 amount)
func (bridge *Bridge) UnpackStakeWithdrawnEvent(log *types.Log) (*BridgeStakeWithdrawn, error) {
	event := "StakeWithdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != bridge.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BridgeStakeWithdrawn)
	if len(log.Data) > 0 {
		if err := bridge.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range bridge.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// BridgeStaked represents a Staked event raised by the Bridge contract.
type BridgeStaked struct {
	Operator common.Address
	Amount   *big.Int
	Stake    *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const BridgeStakedEventName = "Staked"

// ContractEventName returns the user-defined event name.
func (BridgeStaked) ContractEventName() string {
	return BridgeStakedEventName
}

// UnpackStakedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Staked(address indexed operator, uint256 amount, uint256 stake)
func (bridge *Bridge) UnpackStakedEvent(log *types.Log) (*BridgeStaked, error) {
	event := "Staked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != bridge.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BridgeStaked)
	if len(log.Data) > 0 {
		if err := bridge.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range bridge.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// BridgeTrainingRequested represents a TrainingRequested event raised by the Bridge contract.
type BridgeTrainingRequested struct {
	JobId      uint32
	Requester  common.Address
	Bounty     *big.Int
	Deadline   uint64
	ParamsHash *big.Int
	Raw        *types.Log // Blockchain specific contextual infos
}

const BridgeTrainingRequestedEventName = "TrainingRequested"

// ContractEventName returns the user-defined event name.
func (BridgeTrainingRequested) ContractEventName() string {
	return BridgeTrainingRequestedEventName
}

// UnpackTrainingRequestedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TrainingRequested(uint32 indexed jobId, address indexed requester, uint256 bounty, uint64 deadline, uint256 paramsHash)
func (bridge *Bridge) UnpackTrainingRequestedEvent(log *types.Log) (*BridgeTrainingRequested, error) {
	event := "TrainingRequested"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != bridge.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BridgeTrainingRequested)
	if len(log.Data) > 0 {
		if err := bridge.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range bridge.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// BridgeUnstakeRequested represents a UnstakeRequested event raised by the Bridge contract.
type BridgeUnstakeRequested struct {
	Operator       common.Address
	WithdrawableAt uint64
	Raw            *types.Log // Blockchain specific contextual infos
}

const BridgeUnstakeRequestedEventName = "UnstakeRequested"

// ContractEventName returns the user-defined event name.
func (BridgeUnstakeRequested) ContractEventName() string {
	return BridgeUnstakeRequestedEventName
}

// UnpackUnstakeRequestedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event UnstakeRequested(address indexed operator, uint64 withdrawableAt)
func (bridge *Bridge) UnpackUnstakeRequestedEvent(log *types.Log) (*BridgeUnstakeRequested, error) {
	event := "UnstakeRequested"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != bridge.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BridgeUnstakeRequested)
	if len(log.Data) > 0 {
		if err := bridge.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range bridge.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// BridgeWithdrawn represents a Withdrawn event raised by the Bridge contract.
type BridgeWithdrawn struct {
	Account common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const BridgeWithdrawnEventName = "Withdrawn"

// ContractEventName returns the user-defined event name.
func (BridgeWithdrawn) ContractEventName() string {
	return BridgeWithdrawnEventName
}

// UnpackWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrawn(address indexed account, uint256 amount)
func (bridge *Bridge) UnpackWithdrawnEvent(log *types.Log) (*BridgeWithdrawn, error) {
	event := "Withdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != bridge.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(BridgeWithdrawn)
	if len(log.Data) > 0 {
		if err := bridge.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range bridge.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (bridge *Bridge) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], bridge.abi.Errors["AlreadyFinalized"].ID.Bytes()[:4]) {
		return bridge.UnpackAlreadyFinalizedError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["BadBatchHeader"].ID.Bytes()[:4]) {
		return bridge.UnpackBadBatchHeaderError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["BadMerklePath"].ID.Bytes()[:4]) {
		return bridge.UnpackBadMerklePathError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["BountyTooLow"].ID.Bytes()[:4]) {
		return bridge.UnpackBountyTooLowError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["DeadlinePassed"].ID.Bytes()[:4]) {
		return bridge.UnpackDeadlinePassedError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["EmptyBatch"].ID.Bytes()[:4]) {
		return bridge.UnpackEmptyBatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["InvalidParams"].ID.Bytes()[:4]) {
		return bridge.UnpackInvalidParamsError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["InvalidProof"].ID.Bytes()[:4]) {
		return bridge.UnpackInvalidProofError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["JobNotCompleted"].ID.Bytes()[:4]) {
		return bridge.UnpackJobNotCompletedError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["L1MessageOverdue"].ID.Bytes()[:4]) {
		return bridge.UnpackL1MessageOverdueError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["L1MessagesBeyondQueue"].ID.Bytes()[:4]) {
		return bridge.UnpackL1MessagesBeyondQueueError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["L1MessagesRewound"].ID.Bytes()[:4]) {
		return bridge.UnpackL1MessagesRewoundError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["L1QueueMismatch"].ID.Bytes()[:4]) {
		return bridge.UnpackL1QueueMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["LeafMismatch"].ID.Bytes()[:4]) {
		return bridge.UnpackLeafMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["NotInField"].ID.Bytes()[:4]) {
		return bridge.UnpackNotInFieldError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["NotLastBatch"].ID.Bytes()[:4]) {
		return bridge.UnpackNotLastBatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["NotLastProven"].ID.Bytes()[:4]) {
		return bridge.UnpackNotLastProvenError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["NotOverdue"].ID.Bytes()[:4]) {
		return bridge.UnpackNotOverdueError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["NotProven"].ID.Bytes()[:4]) {
		return bridge.UnpackNotProvenError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["NotRefundable"].ID.Bytes()[:4]) {
		return bridge.UnpackNotRefundableError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["NotStaked"].ID.Bytes()[:4]) {
		return bridge.UnpackNotStakedError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["NothingToProve"].ID.Bytes()[:4]) {
		return bridge.UnpackNothingToProveError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["NothingToWithdraw"].ID.Bytes()[:4]) {
		return bridge.UnpackNothingToWithdrawError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["Reentrancy"].ID.Bytes()[:4]) {
		return bridge.UnpackReentrancyError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["RefundNotYet"].ID.Bytes()[:4]) {
		return bridge.UnpackRefundNotYetError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["TooManyJobs"].ID.Bytes()[:4]) {
		return bridge.UnpackTooManyJobsError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["TransferFailed"].ID.Bytes()[:4]) {
		return bridge.UnpackTransferFailedError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["UnknownBatch"].ID.Bytes()[:4]) {
		return bridge.UnpackUnknownBatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["UnprovenBatches"].ID.Bytes()[:4]) {
		return bridge.UnpackUnprovenBatchesError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["UnstakeDelayPending"].ID.Bytes()[:4]) {
		return bridge.UnpackUnstakeDelayPendingError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["UnstakeNotRequested"].ID.Bytes()[:4]) {
		return bridge.UnpackUnstakeNotRequestedError(raw[4:])
	}
	if bytes.Equal(raw[:4], bridge.abi.Errors["Unstaking"].ID.Bytes()[:4]) {
		return bridge.UnpackUnstakingError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// BridgeAlreadyFinalized represents a AlreadyFinalized error raised by the Bridge contract.
type BridgeAlreadyFinalized struct {
	JobId uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyFinalized(uint32 jobId)
func BridgeAlreadyFinalizedErrorID() common.Hash {
	return common.HexToHash("0x0a129cf7b51d27a034e7315eecf0fe2767d5303c3f7567bd43091d9ef23f6f91")
}

// UnpackAlreadyFinalizedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyFinalized(uint32 jobId)
func (bridge *Bridge) UnpackAlreadyFinalizedError(raw []byte) (*BridgeAlreadyFinalized, error) {
	out := new(BridgeAlreadyFinalized)
	if err := bridge.abi.UnpackIntoInterface(out, "AlreadyFinalized", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeBadBatchHeader represents a BadBatchHeader error raised by the Bridge contract.
type BridgeBadBatchHeader struct {
	Index uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadBatchHeader(uint64 index)
func BridgeBadBatchHeaderErrorID() common.Hash {
	return common.HexToHash("0x15feb5779bb6c8636eb1528ab69f8a3b0a7c1589a940374fec1e5acfdc6b306a")
}

// UnpackBadBatchHeaderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadBatchHeader(uint64 index)
func (bridge *Bridge) UnpackBadBatchHeaderError(raw []byte) (*BridgeBadBatchHeader, error) {
	out := new(BridgeBadBatchHeader)
	if err := bridge.abi.UnpackIntoInterface(out, "BadBatchHeader", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeBadMerklePath represents a BadMerklePath error raised by the Bridge contract.
type BridgeBadMerklePath struct {
	JobId uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadMerklePath(uint32 jobId)
func BridgeBadMerklePathErrorID() common.Hash {
	return common.HexToHash("0xc39d16e786a4807bb49555c98c4a5cbf2411680a88b0131fe0ab275db452567f")
}

// UnpackBadMerklePathError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadMerklePath(uint32 jobId)
func (bridge *Bridge) UnpackBadMerklePathError(raw []byte) (*BridgeBadMerklePath, error) {
	out := new(BridgeBadMerklePath)
	if err := bridge.abi.UnpackIntoInterface(out, "BadMerklePath", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeBountyTooLow represents a BountyTooLow error raised by the Bridge contract.
type BridgeBountyTooLow struct {
	Sent    *big.Int
	Minimum *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BountyTooLow(uint256 sent, uint256 minimum)
func BridgeBountyTooLowErrorID() common.Hash {
	return common.HexToHash("0xfb863bfc3f9471f5c6c55a5b48a2a298ecf7f4d1b86f4f5764a09feea6188b31")
}

// UnpackBountyTooLowError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BountyTooLow(uint256 sent, uint256 minimum)
func (bridge *Bridge) UnpackBountyTooLowError(raw []byte) (*BridgeBountyTooLow, error) {
	out := new(BridgeBountyTooLow)
	if err := bridge.abi.UnpackIntoInterface(out, "BountyTooLow", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeDeadlinePassed represents a DeadlinePassed error raised by the Bridge contract.
type BridgeDeadlinePassed struct {
	Deadline uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlinePassed(uint64 deadline)
func BridgeDeadlinePassedErrorID() common.Hash {
	return common.HexToHash("0x6768091307d5da213ba3ac1392311a935d1607f1020232ee01d118de33b68661")
}

// UnpackDeadlinePassedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlinePassed(uint64 deadline)
func (bridge *Bridge) UnpackDeadlinePassedError(raw []byte) (*BridgeDeadlinePassed, error) {
	out := new(BridgeDeadlinePassed)
	if err := bridge.abi.UnpackIntoInterface(out, "DeadlinePassed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeEmptyBatch represents a EmptyBatch error raised by the Bridge contract.
type BridgeEmptyBatch struct {
	FirstBlock uint64
	LastBlock  uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EmptyBatch(uint64 firstBlock, uint64 lastBlock)
func BridgeEmptyBatchErrorID() common.Hash {
	return common.HexToHash("0x8fd37a3e6c6ed95a42bc99fd57e04b2a5256623e86db586f72c42925ffd244af")
}

// UnpackEmptyBatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EmptyBatch(uint64 firstBlock, uint64 lastBlock)
func (bridge *Bridge) UnpackEmptyBatchError(raw []byte) (*BridgeEmptyBatch, error) {
	out := new(BridgeEmptyBatch)
	if err := bridge.abi.UnpackIntoInterface(out, "EmptyBatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeInvalidParams represents a InvalidParams error raised by the Bridge contract.
type BridgeInvalidParams struct {
	Reason string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidParams(string reason)
func BridgeInvalidParamsErrorID() common.Hash {
	return common.HexToHash("0xa8c278dd678025fcd1ba899b5c9701b4f3cde35c26cff3abbdc63ff5ceeeb107")
}

// UnpackInvalidParamsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidParams(string reason)
func (bridge *Bridge) UnpackInvalidParamsError(raw []byte) (*BridgeInvalidParams, error) {
	out := new(BridgeInvalidParams)
	if err := bridge.abi.UnpackIntoInterface(out, "InvalidParams", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeInvalidProof represents a InvalidProof error raised by the Bridge contract.
type BridgeInvalidProof struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidProof()
func BridgeInvalidProofErrorID() common.Hash {
	return common.HexToHash("0x09bde339c6b182be216ee7ef8ccff6338c6ef7993445216112ae575c5438fd27")
}

// UnpackInvalidProofError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidProof()
func (bridge *Bridge) UnpackInvalidProofError(raw []byte) (*BridgeInvalidProof, error) {
	out := new(BridgeInvalidProof)
	if err := bridge.abi.UnpackIntoInterface(out, "InvalidProof", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeJobNotCompleted represents a JobNotCompleted error raised by the Bridge contract.
type BridgeJobNotCompleted struct {
	JobId  uint32
	Status uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error JobNotCompleted(uint32 jobId, uint8 status)
func BridgeJobNotCompletedErrorID() common.Hash {
	return common.HexToHash("0x2111574bdd446499a0676a51ad24bae374c62cb862200215c5933599da8797f0")
}

// UnpackJobNotCompletedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error JobNotCompleted(uint32 jobId, uint8 status)
func (bridge *Bridge) UnpackJobNotCompletedError(raw []byte) (*BridgeJobNotCompleted, error) {
	out := new(BridgeJobNotCompleted)
	if err := bridge.abi.UnpackIntoInterface(out, "JobNotCompleted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeL1MessageOverdue represents a L1MessageOverdue error raised by the Bridge contract.
type BridgeL1MessageOverdue struct {
	Index      uint64
	EnqueuedAt uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error L1MessageOverdue(uint64 index, uint64 enqueuedAt)
func BridgeL1MessageOverdueErrorID() common.Hash {
	return common.HexToHash("0x6dd6900eac4b3235415722976056eb9a76645b6b77ce1aff0399144f2d2394e0")
}

// UnpackL1MessageOverdueError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error L1MessageOverdue(uint64 index, uint64 enqueuedAt)
func (bridge *Bridge) UnpackL1MessageOverdueError(raw []byte) (*BridgeL1MessageOverdue, error) {
	out := new(BridgeL1MessageOverdue)
	if err := bridge.abi.UnpackIntoInterface(out, "L1MessageOverdue", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeL1MessagesBeyondQueue represents a L1MessagesBeyondQueue error raised by the Bridge contract.
type BridgeL1MessagesBeyondQueue struct {
	Consumed uint64
	Queued   uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error L1MessagesBeyondQueue(uint64 consumed, uint64 queued)
func BridgeL1MessagesBeyondQueueErrorID() common.Hash {
	return common.HexToHash("0x79dacacb788cf95d046d2e783d5db6cd8d510d9443a1ab6e7f5f42b0a3375717")
}

// UnpackL1MessagesBeyondQueueError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error L1MessagesBeyondQueue(uint64 consumed, uint64 queued)
func (bridge *Bridge) UnpackL1MessagesBeyondQueueError(raw []byte) (*BridgeL1MessagesBeyondQueue, error) {
	out := new(BridgeL1MessagesBeyondQueue)
	if err := bridge.abi.UnpackIntoInterface(out, "L1MessagesBeyondQueue", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeL1MessagesRewound represents a L1MessagesRewound error raised by the Bridge contract.
type BridgeL1MessagesRewound struct {
	Consumed uint64
	Before   uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error L1MessagesRewound(uint64 consumed, uint64 before)
func BridgeL1MessagesRewoundErrorID() common.Hash {
	return common.HexToHash("0x0fd6f386753c76c7fee629d7fe5f848f8fbed0b94353f18bd9f6277288684e2d")
}

// UnpackL1MessagesRewoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error L1MessagesRewound(uint64 consumed, uint64 before)
func (bridge *Bridge) UnpackL1MessagesRewoundError(raw []byte) (*BridgeL1MessagesRewound, error) {
	out := new(BridgeL1MessagesRewound)
	if err := bridge.abi.UnpackIntoInterface(out, "L1MessagesRewound", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeL1QueueMismatch represents a L1QueueMismatch error raised by the Bridge contract.
type BridgeL1QueueMismatch struct {
	Consumed uint64
	Want     [32]byte
	Got      [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error L1QueueMismatch(uint64 consumed, bytes32 want, bytes32 got)
func BridgeL1QueueMismatchErrorID() common.Hash {
	return common.HexToHash("0x36b180c53fb3ab77a818bf73ee2ae39197c1e36c8150f25f3a9a7fec334b646a")
}

// UnpackL1QueueMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error L1QueueMismatch(uint64 consumed, bytes32 want, bytes32 got)
func (bridge *Bridge) UnpackL1QueueMismatchError(raw []byte) (*BridgeL1QueueMismatch, error) {
	out := new(BridgeL1QueueMismatch)
	if err := bridge.abi.UnpackIntoInterface(out, "L1QueueMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeLeafMismatch represents a LeafMismatch error raised by the Bridge contract.
type BridgeLeafMismatch struct {
	JobId uint32
	Field string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error LeafMismatch(uint32 jobId, string field)
func BridgeLeafMismatchErrorID() common.Hash {
	return common.HexToHash("0xe7c1051697f6ffe403714c20fb193ae5183a1d58739c2529eadf2260237493a3")
}

// UnpackLeafMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error LeafMismatch(uint32 jobId, string field)
func (bridge *Bridge) UnpackLeafMismatchError(raw []byte) (*BridgeLeafMismatch, error) {
	out := new(BridgeLeafMismatch)
	if err := bridge.abi.UnpackIntoInterface(out, "LeafMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeNotInField represents a NotInField error raised by the Bridge contract.
type BridgeNotInField struct {
	Value *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotInField(uint256 value)
func BridgeNotInFieldErrorID() common.Hash {
	return common.HexToHash("0x81452424a5ecc8f087db8603e93ef219e8a1d59f781e33573a10d2a59fa29a1f")
}

// UnpackNotInFieldError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotInField(uint256 value)
func (bridge *Bridge) UnpackNotInFieldError(raw []byte) (*BridgeNotInField, error) {
	out := new(BridgeNotInField)
	if err := bridge.abi.UnpackIntoInterface(out, "NotInField", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeNotLastBatch represents a NotLastBatch error raised by the Bridge contract.
type BridgeNotLastBatch struct {
	Index uint64
	Last  uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotLastBatch(uint64 index, uint64 last)
func BridgeNotLastBatchErrorID() common.Hash {
	return common.HexToHash("0x135aff054e8006563c07a0ac70a49efe6700440e4d3612856bfe1ee7dee01b51")
}

// UnpackNotLastBatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotLastBatch(uint64 index, uint64 last)
func (bridge *Bridge) UnpackNotLastBatchError(raw []byte) (*BridgeNotLastBatch, error) {
	out := new(BridgeNotLastBatch)
	if err := bridge.abi.UnpackIntoInterface(out, "NotLastBatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeNotLastProven represents a NotLastProven error raised by the Bridge contract.
type BridgeNotLastProven struct {
	Index      uint64
	LastProven uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotLastProven(uint64 index, uint64 lastProven)
func BridgeNotLastProvenErrorID() common.Hash {
	return common.HexToHash("0x6252c109c69f6a4fa769a38fd65203c4fabf01cfb48f771d5f32b0f9e65b0903")
}

// UnpackNotLastProvenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotLastProven(uint64 index, uint64 lastProven)
func (bridge *Bridge) UnpackNotLastProvenError(raw []byte) (*BridgeNotLastProven, error) {
	out := new(BridgeNotLastProven)
	if err := bridge.abi.UnpackIntoInterface(out, "NotLastProven", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeNotOverdue represents a NotOverdue error raised by the Bridge contract.
type BridgeNotOverdue struct {
	Index        uint64
	RevertibleAt uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOverdue(uint64 index, uint64 revertibleAt)
func BridgeNotOverdueErrorID() common.Hash {
	return common.HexToHash("0xbd173e570140cc2e12f7e46a73691e55b8e11f9cd24654d209d94e6d000e0497")
}

// UnpackNotOverdueError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOverdue(uint64 index, uint64 revertibleAt)
func (bridge *Bridge) UnpackNotOverdueError(raw []byte) (*BridgeNotOverdue, error) {
	out := new(BridgeNotOverdue)
	if err := bridge.abi.UnpackIntoInterface(out, "NotOverdue", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeNotProven represents a NotProven error raised by the Bridge contract.
type BridgeNotProven struct {
	Index      uint64
	LastProven uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotProven(uint64 index, uint64 lastProven)
func BridgeNotProvenErrorID() common.Hash {
	return common.HexToHash("0xa032f9100e6b458104fc5ae20757f293201c2b6ab5a39b2b90d06e7d415a8c63")
}

// UnpackNotProvenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotProven(uint64 index, uint64 lastProven)
func (bridge *Bridge) UnpackNotProvenError(raw []byte) (*BridgeNotProven, error) {
	out := new(BridgeNotProven)
	if err := bridge.abi.UnpackIntoInterface(out, "NotProven", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeNotRefundable represents a NotRefundable error raised by the Bridge contract.
type BridgeNotRefundable struct {
	JobId uint32
	State uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotRefundable(uint32 jobId, uint8 state)
func BridgeNotRefundableErrorID() common.Hash {
	return common.HexToHash("0xbbf7f0624747af1884ad1cbc0e5724e4d12924ad1e62e3c93a0b0aebc0ecc2bc")
}

// UnpackNotRefundableError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotRefundable(uint32 jobId, uint8 state)
func (bridge *Bridge) UnpackNotRefundableError(raw []byte) (*BridgeNotRefundable, error) {
	out := new(BridgeNotRefundable)
	if err := bridge.abi.UnpackIntoInterface(out, "NotRefundable", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeNotStaked represents a NotStaked error raised by the Bridge contract.
type BridgeNotStaked struct {
	Operator common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotStaked(address operator)
func BridgeNotStakedErrorID() common.Hash {
	return common.HexToHash("0x2449d29bdb2bf314c45a5abe636e050bbc48291aa4b13c32b332f5b86f800d30")
}

// UnpackNotStakedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotStaked(address operator)
func (bridge *Bridge) UnpackNotStakedError(raw []byte) (*BridgeNotStaked, error) {
	out := new(BridgeNotStaked)
	if err := bridge.abi.UnpackIntoInterface(out, "NotStaked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeNothingToProve represents a NothingToProve error raised by the Bridge contract.
type BridgeNothingToProve struct {
	Index      uint64
	LastProven uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingToProve(uint64 index, uint64 lastProven)
func BridgeNothingToProveErrorID() common.Hash {
	return common.HexToHash("0x024cb13d278d558d9f0242587dbee105178128364f5d2ba8257138c1fe18082d")
}

// UnpackNothingToProveError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingToProve(uint64 index, uint64 lastProven)
func (bridge *Bridge) UnpackNothingToProveError(raw []byte) (*BridgeNothingToProve, error) {
	out := new(BridgeNothingToProve)
	if err := bridge.abi.UnpackIntoInterface(out, "NothingToProve", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeNothingToWithdraw represents a NothingToWithdraw error raised by the Bridge contract.
type BridgeNothingToWithdraw struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingToWithdraw()
func BridgeNothingToWithdrawErrorID() common.Hash {
	return common.HexToHash("0xd0d04f60bf4f7629141a1f00f5d2908fa0f3e15bf4cbf8bb8edc6fcbdf2509fa")
}

// UnpackNothingToWithdrawError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingToWithdraw()
func (bridge *Bridge) UnpackNothingToWithdrawError(raw []byte) (*BridgeNothingToWithdraw, error) {
	out := new(BridgeNothingToWithdraw)
	if err := bridge.abi.UnpackIntoInterface(out, "NothingToWithdraw", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeReentrancy represents a Reentrancy error raised by the Bridge contract.
type BridgeReentrancy struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error Reentrancy()
func BridgeReentrancyErrorID() common.Hash {
	return common.HexToHash("0xab143c06c9772d69bbbc9f2fe74acd02f810e93b099f3d1dac8448ac9ae35991")
}

// UnpackReentrancyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error Reentrancy()
func (bridge *Bridge) UnpackReentrancyError(raw []byte) (*BridgeReentrancy, error) {
	out := new(BridgeReentrancy)
	if err := bridge.abi.UnpackIntoInterface(out, "Reentrancy", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeRefundNotYet represents a RefundNotYet error raised by the Bridge contract.
type BridgeRefundNotYet struct {
	JobId        uint32
	RefundableAt uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RefundNotYet(uint32 jobId, uint64 refundableAt)
func BridgeRefundNotYetErrorID() common.Hash {
	return common.HexToHash("0x77a19894a36e6c37e7abdd6395019bdb50156980d75ff01234649f3105f1a691")
}

// UnpackRefundNotYetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RefundNotYet(uint32 jobId, uint64 refundableAt)
func (bridge *Bridge) UnpackRefundNotYetError(raw []byte) (*BridgeRefundNotYet, error) {
	out := new(BridgeRefundNotYet)
	if err := bridge.abi.UnpackIntoInterface(out, "RefundNotYet", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeTooManyJobs represents a TooManyJobs error raised by the Bridge contract.
type BridgeTooManyJobs struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TooManyJobs()
func BridgeTooManyJobsErrorID() common.Hash {
	return common.HexToHash("0xd11900fe6e3614f8141ba6ba327854629a4900c0528fadd5c05cb06922aa63fc")
}

// UnpackTooManyJobsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TooManyJobs()
func (bridge *Bridge) UnpackTooManyJobsError(raw []byte) (*BridgeTooManyJobs, error) {
	out := new(BridgeTooManyJobs)
	if err := bridge.abi.UnpackIntoInterface(out, "TooManyJobs", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeTransferFailed represents a TransferFailed error raised by the Bridge contract.
type BridgeTransferFailed struct {
	To     common.Address
	Amount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TransferFailed(address to, uint256 amount)
func BridgeTransferFailedErrorID() common.Hash {
	return common.HexToHash("0x1c43b9761b3fba5321ca8212bfc231945f668ccc0c446f333999eea9ce8fda81")
}

// UnpackTransferFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TransferFailed(address to, uint256 amount)
func (bridge *Bridge) UnpackTransferFailedError(raw []byte) (*BridgeTransferFailed, error) {
	out := new(BridgeTransferFailed)
	if err := bridge.abi.UnpackIntoInterface(out, "TransferFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeUnknownBatch represents a UnknownBatch error raised by the Bridge contract.
type BridgeUnknownBatch struct {
	Index uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownBatch(uint64 index)
func BridgeUnknownBatchErrorID() common.Hash {
	return common.HexToHash("0x29323ffff0d2ae0465a5a02be95b40fbdb0fc0656d05f820f3904c4580a7b0c1")
}

// UnpackUnknownBatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownBatch(uint64 index)
func (bridge *Bridge) UnpackUnknownBatchError(raw []byte) (*BridgeUnknownBatch, error) {
	out := new(BridgeUnknownBatch)
	if err := bridge.abi.UnpackIntoInterface(out, "UnknownBatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeUnprovenBatches represents a UnprovenBatches error raised by the Bridge contract.
type BridgeUnprovenBatches struct {
	LastBatch  uint64
	LastProven uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnprovenBatches(uint64 lastBatch, uint64 lastProven)
func BridgeUnprovenBatchesErrorID() common.Hash {
	return common.HexToHash("0xa2402fe310da464fe796a2647f73314f9fdbefa595f8be1534eeb544885efc35")
}

// UnpackUnprovenBatchesError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnprovenBatches(uint64 lastBatch, uint64 lastProven)
func (bridge *Bridge) UnpackUnprovenBatchesError(raw []byte) (*BridgeUnprovenBatches, error) {
	out := new(BridgeUnprovenBatches)
	if err := bridge.abi.UnpackIntoInterface(out, "UnprovenBatches", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeUnstakeDelayPending represents a UnstakeDelayPending error raised by the Bridge contract.
type BridgeUnstakeDelayPending struct {
	WithdrawableAt uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnstakeDelayPending(uint64 withdrawableAt)
func BridgeUnstakeDelayPendingErrorID() common.Hash {
	return common.HexToHash("0x9ab82f3774841bb321b5cb5142dc6c9b52aeeab9b9eb581875a82c58a1eed4ea")
}

// UnpackUnstakeDelayPendingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnstakeDelayPending(uint64 withdrawableAt)
func (bridge *Bridge) UnpackUnstakeDelayPendingError(raw []byte) (*BridgeUnstakeDelayPending, error) {
	out := new(BridgeUnstakeDelayPending)
	if err := bridge.abi.UnpackIntoInterface(out, "UnstakeDelayPending", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeUnstakeNotRequested represents a UnstakeNotRequested error raised by the Bridge contract.
type BridgeUnstakeNotRequested struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnstakeNotRequested()
func BridgeUnstakeNotRequestedErrorID() common.Hash {
	return common.HexToHash("0xeef9087e883534090af322b580b5a87fd266372ca8510d5b0fe65e7a69395913")
}

// UnpackUnstakeNotRequestedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnstakeNotRequested()
func (bridge *Bridge) UnpackUnstakeNotRequestedError(raw []byte) (*BridgeUnstakeNotRequested, error) {
	out := new(BridgeUnstakeNotRequested)
	if err := bridge.abi.UnpackIntoInterface(out, "UnstakeNotRequested", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// BridgeUnstaking represents a Unstaking error raised by the Bridge contract.
type BridgeUnstaking struct {
	Operator common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error Unstaking(address operator)
func BridgeUnstakingErrorID() common.Hash {
	return common.HexToHash("0x2d0fcf65c4efc8987a37f1b54916308067865ece55bf53a7c529ebcd2d0d835d")
}

// UnpackUnstakingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error Unstaking(address operator)
func (bridge *Bridge) UnpackUnstakingError(raw []byte) (*BridgeUnstaking, error) {
	out := new(BridgeUnstaking)
	if err := bridge.abi.UnpackIntoInterface(out, "Unstaking", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OnchainClassifierMetaData contains all meta data concerning the OnchainClassifier contract.
var OnchainClassifierMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractBridge\",\"name\":\"bridge_\",\"type\":\"address\"},{\"internalType\":\"uint8\",\"name\":\"loss\",\"type\":\"uint8\"},{\"internalType\":\"uint16[]\",\"name\":\"widths_\",\"type\":\"uint16[]\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"int256\",\"name\":\"value\",\"type\":\"int256\"}],\"name\":\"InputOutOfRange\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"InvalidSpec\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"}],\"name\":\"NotFinalized\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"NotInField\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"}],\"name\":\"NotLoaded\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"}],\"name\":\"ParamsMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"}],\"name\":\"WeightsMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"width\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"want\",\"type\":\"uint256\"}],\"name\":\"WrongInputWidth\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"modelHash\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"want\",\"type\":\"uint256\"}],\"name\":\"WrongModel\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"elements\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"want\",\"type\":\"uint256\"}],\"name\":\"WrongWeightCount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"weights\",\"type\":\"uint256\"}],\"name\":\"ModelLoaded\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"bridge\",\"outputs\":[{\"internalType\":\"contractBridge\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"},{\"components\":[{\"internalType\":\"uint256\",\"name\":\"modelHash\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"datasetRoot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"datasetSize\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"learningRate\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"batchSize\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"seed\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"initWeights\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"steps\",\"type\":\"uint64\"}],\"internalType\":\"structBridge.JobParams\",\"name\":\"p\",\"type\":\"tuple\"},{\"internalType\":\"uint256[]\",\"name\":\"packed\",\"type\":\"uint256[]\"}],\"name\":\"load\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"name\":\"loaded\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"modelHash\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"numParams\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"jobId\",\"type\":\"uint32\"},{\"internalType\":\"uint256[]\",\"name\":\"packed\",\"type\":\"uint256[]\"},{\"internalType\":\"int256[]\",\"name\":\"input\",\"type\":\"int256[]\"}],\"name\":\"predict\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"class\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"spec\",\"outputs\":[{\"internalType\":\"uint16[]\",\"name\":\"\",\"type\":\"uint16[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "OnchainClassifier",
	Bin: "0x60e060405234801561000f575f5ffd5b50604051612cdf380380612cdf83398101604081905261002e91610f13565b60028151108061003f575060118151115b15610083576040516357b234a760e11b815260206004820152600e60248201526d3220746f2031372077696474687360901b60448201526064015b60405180910390fd5b8160ff1660011415801561009b57508160ff16600214155b156100e9576040516357b234a760e11b815260206004820152601360248201527f6c6f7373206d7573742062652031206f72203200000000000000000000000000604482015260640161007a565b600281600183516100fa9190611029565b8151811061010a5761010a611042565b602002602001015161ffff16101561015a576040516357b234a760e11b81526020600482015260126024820152716174206c65617374203220636c617373657360701b604482015260640161007a565b5f815160046101699190611056565b6001600160401b0381111561018057610180610ee9565b6040519080825280602002602001820160405280156101a9578160200160208202803683370190505b509050600360ff16815f815181106101c3576101c3611042565b602002602001018181525050600160ff16816001815181106101e7576101e7611042565b6020026020010181815250508260ff168160028151811061020a5761020a611042565b60200260200101818152505081518160038151811061022b5761022b611042565b60209081029190910101525f805b83518110156103b55783818151811061025457610254611042565b602002602001015161ffff165f148061028b575061100084828151811061027d5761027d611042565b602002602001015161ffff16115b156102d9576040516357b234a760e11b815260206004820152601560248201527f7769647468732066726f6d203120746f20343039360000000000000000000000604482015260640161007a565b8381815181106102eb576102eb611042565b602002602001015161ffff16838260046103059190611056565b8151811061031557610315611042565b602090810291909101015280156103ad5783818151811061033857610338611042565b602002602001015161ffff16846001836103529190611029565b8151811061036257610362611042565b602002602001015161ffff1685838151811061038057610380611042565b602002602001015161ffff166103969190611069565b6103a09190611056565b6103aa9083611056565b91505b600101610239565b50630100000081111561040b576040516357b234a760e11b815260206004820152601760248201527f6174206d6f737420325e323420706172616d6574657273000000000000000000604482015260640161007a565b6001600160a01b0385166080526104218261043f565b60a05260c08190525f6104348482611104565b5050505050506111e4565b5f805b82518110156104f4577f12ab655e9a2ca55660b44d1e5c37b00159aa76fed00000010a1180000000000183828151811061047e5761047e611042565b6020026020010151106104c15782818151811061049d5761049d611042565b6020026020010151604051632051490960e21b815260040161007a91815260200190565b6104ea828483815181106104d7576104d7611042565b60200260200101516104fa60201b60201c565b9150600101610442565b50919050565b5f7f12ab655e9a2ca55660b44d1e5c37b00159aa76fed00000010a11800000000001610541565b5f8282830983818209905083818209905083838583840909949350505050565b83838281830883838208925083828208915061058084857f01dcf9885dcd5e510f86effa9cb2799dc54103cc6e6a11e2a28bd6f06b41007e8608610521565b92506105af84857f0f51c58ed2888016addf5e31aef32129a2da008acb473cb35640390af364b3dc8508610521565b91508382840890508383820892508382820891506105f084857f086dc145aeef7702fcf6f39095bb0af6031e1ff49d07460888911f99152b74938608610521565b925061061f84857f0f79b3b1aab7b75b8027c00612489efae6ea6bfe4561b24a125a0ed58c090d288508610521565b915083828408905083838208925083828208915061065f84857eddd955fe1b73653730ff0c49d0d69659e89ca3feea667f4b59dde8e74ca2dd8608610521565b925061068e84857f0bbababa75d454c9630297a04c6b1f451d4d7bb0767bfb8bf6cbd7abf73d38ed8508610521565b91508382840890508383820892508382820891506106cf84857f1264a08795ded8e0bc0a6b94c0a7f0371406045fe1aed45ba73671c08959e8678608610521565b925083828408905083818408925083818584850808915061071384857f0f9453bbebf1c007cf85f39de13ee3a482306e1d20863d96cb51dd773d05fb518608610521565b925083828408905083818408925083818584850808915061075784857f1074fbf37d98d3baa5eb37259d1c7185f0188b9c7371c53678b467c8aad6611c8608610521565b925083828408905083818408925083818584850808915061079b84857f0bdd4e4dad94b9cf97a500b7db9229fb43e3667b3a1fc904b99d2706c7f9653f8608610521565b92508382840890508381840892508381858485080891506107df84857f09a7ca1629f6d320eaf0d97ba1ed5a29726d38e196417601eee27e7f95d035378608610521565b925083828408905083818408925083818584850808915061082384857f10d41681eda1bcb3ae94f6a92901d9a1ec136ee4f3b4a38a71dca3b3bea303e28608610521565b925083828408905083818408925083818584850808915061086784857f0ef00e6e048aa24d70bf50171b7b3f6ce348d934486125870ea198ec22cabd9d8608610521565b92508382840890508381840892508381858485080891506108ab84857f0a5e95bac47b9bb1a5c24c0583bccec4325195f087f76898d7ad01904d1458bb8608610521565b92508382840890508381840892508381858485080891506108ef84857f033f403598ed585da7ca6935b4e8bc5ceeab79f954873a3b8dee38a11b2cddfd8608610521565b925083828408905083818408925083818584850808915061093384857f0f346a56d0e8d1f441629287031a377561f09f2a88e8bfb0e8fb4ec4b02b4a7f8608610521565b925083828408905083818408925083818584850808915061097784857f0c8dea57376c18349eb972989fa26302c045b82bc8ab5a0fc121e6f1571824238608610521565b92508382840890508381840892508381858485080891506109bb84857f0ffdfad2222b094c32a0e49871318ad3cd93419ea0dcb177aaaf3fdb7f4f123e8608610521565b92508382840890508381840892508381858485080891506109ff84857f0adfc5cd7b6e1bd5babde1a47a4b0cc216bed8dd539fb91dac2a665f26683e5b8608610521565b9250838284089050838184089250838185848508089150610a4384857f122138a579fcb198c6b0a6c670cb0299618e5135d9f678e098b43203ff64ec548608610521565b9250838284089050838184089250838185848508089150610a8784857f0449d8be0a447f08fa5b103a498db6222085eca933ee5261cf2f6057c446f10a8608610521565b9250838284089050838184089250838185848508089150610acb84857f01e3c18da1e24d8a42e626a1482aff3953f8e8667088dd9138311f9eb73c6bb48608610521565b9250838284089050838184089250838185848508089150610b0f84857f0fe6ed533affd331fe42724ca0e618dda248ead457f392419ec1fe22cdfe4e4d8608610521565b9250838284089050838184089250838185848508089150610b5384857f016274b41900d1cdcb867b3ab40a52b1b660fa105b3fd039786b2daf31d02cc08608610521565b9250838284089050838184089250838185848508089150610b9784857f0c779b40213c04a1eee657a848fe1a927b1449e3bb123fc62bd455e6cf43772c8608610521565b9250838284089050838184089250838185848508089150610bdb84857f03f329ca93f01e879449757f6396e3b7afe246e05ed8dc30a05f5e55ab9be00a8608610521565b9250838284089050838184089250838185848508089150610c1f84857f04d2806b11733b8f610c774b4d9fd20f5274764602f869950e71d38e9f0eb5ee8608610521565b9250838284089050838184089250838185848508089150610c6384857f0c89ff2cca95943b33fe4ed7813daf7d3bc8c6b0ac297d961f8130e4a06e7e3d8608610521565b9250838284089050838184089250838185848508089150610ca784857f09e17dbe525a42bb5214f3faddfecbc8c456d3a2de0aea2c9da44c34f93c25228608610521565b9250838284089050838184089250838185848508089150610ceb84857f04632b4110acb9696237f45c7f11be1acfd6c64f654c886a083d3b14c76516348608610521565b9250838284089050838184089250838185848508089150610d2f84857f0ba1821f5fd73b35981170d52bf4069a7c2093de416e9b0100524e4823f5a5d28608610521565b9250838284089050838184089250838185848508089150610d7384857f0f9ce884749ae73d8b73d977a635111c5b5269308418aba0676a06221ca0ccd68608610521565b9250838284089050838184089250838185848508089150610db784857f0c16afcbd766fdf19910498c6e1a3d9ba16a2243f5d15d95a4b8c070942a5ff98608610521565b9250610de684857f0ec95328b7373e8176e9754f79897fe2357e91f1c0111e99981bf63e6d4fb93a8508610521565b9150838284089050838382089250838282089150610e2784857f1050b8ff489b4773e80937b2b9f8e99773db79f2799a784b019ee5cbe5ef52028608610521565b9250610e5684857f0b2208d8e05435ff859fa8906c7337ae6841501dc747f0d0837e26bbb61ee64c8508610521565b9150838284089050838382089250838282089150610e9784857f032a6d074bc10af5aa2e46396e843144f9e1ea8e758d8db31458949bcb5715028608610521565b9250610ec684857f078f4f0279591d5e96f78c6734fe35ef4bcdb5988ecf137f783e5210661498d58508610521565b915083828408905083838208925083828208915050828582089695505050505050565b634e487b7160e01b5f52604160045260245ffd5b805161ffff81168114610f0e575f5ffd5b919050565b5f5f5f60608486031215610f25575f5ffd5b83516001600160a01b0381168114610f3b575f5ffd5b602085015190935060ff81168114610f51575f5ffd5b60408501519092506001600160401b03811115610f6c575f5ffd5b8401601f81018613610f7c575f5ffd5b80516001600160401b03811115610f9557610f95610ee9565b604051600582901b90603f8201601f191681016001600160401b0381118282101715610fc357610fc3610ee9565b604052918252602081840181019290810189841115610fe0575f5ffd5b6020850194505b8385101561100657610ff885610efd565b815260209485019401610fe7565b50809450505050509250925092565b634e487b7160e01b5f52601160045260245ffd5b8181038181111561103c5761103c611015565b92915050565b634e487b7160e01b5f52603260045260245ffd5b8082018082111561103c5761103c611015565b808202811582820484141761103c5761103c611015565b6801000000000000000082111561109957611099610ee9565b8054828255808310156110ff57600f830160041c825f528060205f2001601e8560011b1680156110d8575f19820180545f198360200360031b1c168155505b5081600f840160041c0391505f5b828110156110fb575f828201556001016110e6565b5050505b505050565b81516001600160401b0381111561111d5761111d610ee9565b6111278183611080565b6020830161113a835f9081526020902090565b8260041c5f5b81811015611199575f5f5b601081101561118c5761117b611163875161ffff1690565b61ffff908116600484901b90811b91901b1984161790565b60209690960195915060010161114b565b5083820155600101611140565b50600f1984168085038186146111da575f5f5b828110156111d4576111c3611163885161ffff1690565b6020979097019691506001016111ac565b50848401555b5050505050505050565b60805160a05160c051611aaf6112305f395f8181610104015261036401525f818160830152818161023d015261027701525f818161012b0152818161019701526102bf0152611aaf5ff3fe608060405234801561000f575f5ffd5b506004361061007a575f3560e01c806385a307b81161005857806385a307b8146100ec578063cbc9dacc146100ff578063e78cea9214610126578063f448c9bc14610165575f5ffd5b80631b2ccc091461007e57806335106990146100b85780635f21403e146100cd575b5f5ffd5b6100a57f000000000000000000000000000000000000000000000000000000000000000081565b6040519081526020015b60405180910390f35b6100cb6100c6366004611612565b61017a565b005b6100a56100db36600461167d565b60016020525f908152604090205481565b6100a56100fa36600461169d565b610539565b6100a57f000000000000000000000000000000000000000000000000000000000000000081565b61014d7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b0390911681526020016100af565b61016d6108a3565b6040516100af919061171d565b604051630ea088b160e31b815263ffffffff851660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063750445889060240160a060405180830381865afa1580156101e4573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061020891906117b0565b80519091505f036102395760405163613fa86760e01b815263ffffffff861660048201526024015b60405180910390fd5b83357f0000000000000000000000000000000000000000000000000000000000000000146102a357604051634bd9b9ef60e01b8152843560048201527f00000000000000000000000000000000000000000000000000000000000000006024820152604401610230565b60208101516040516392ab628360e01b81526001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016906392ab6283906102f4908890600401611848565b602060405180830381865afa15801561030f573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061033391906118ef565b14610359576040516301f148a760e61b815263ffffffff86166004820152602401610230565b5f600a6001610388827f000000000000000000000000000000000000000000000000000000000000000061191a565b6103929190611933565b61039c919061195a565b90508281146103c85760405163ef9c01d160e01b81526004810184905260248101829052604401610230565b5f6103d484600161191a565b67ffffffffffffffff8111156103ec576103ec611763565b604051908082528060200260200182016040528015610415578160200160208202803683370190505b509050600260ff16815f8151811061042f5761042f61196d565b60209081029190910101525f5b8481101561048e578585828181106104565761045661196d565b905060200201358282600161046b919061191a565b8151811061047b5761047b61196d565b602090810291909101015260010161043c565b50825161049a8261091f565b146104c0576040516322f5314d60e01b815263ffffffff88166004820152602401610230565b84846040516020016104d3929190611981565b60408051808303601f19018152828252805160209182012063ffffffff8b165f8181526001845293909320558551835290917f045f08c8303616e9acb11f9b0a9848c0baadedfd5042b5b52651ee6b474db552910160405180910390a250505050505050565b63ffffffff85165f9081526001602052604081205480158061058357508585604051602001610569929190611981565b604051602081830303815290604052805190602001208114155b156105a957604051633e9b921960e11b815263ffffffff88166004820152602401610230565b5f5f815481106105bb576105bb61196d565b5f9182526020909120601082040154600f9091166002026101000a900461ffff16831461063b57838390505f5f815481106105f8576105f861196d565b5f9182526020909120601082040154604051639ee6a7a360e01b81526004810193909352600f9091166002026101000a900461ffff166024820152604401610230565b5f8367ffffffffffffffff81111561065557610655611763565b60405190808252806020026020018201604052801561067e578160200160208202803683370190505b5090505f5b8481101561076157610697628000006119a8565b8686838181106106a9576106a961196d565b9050602002013512806106e057506106c56001628000006119c2565b8686838181106106d7576106d761196d565b90506020020135135b1561072357808686838181106106f8576106f861196d565b90506020020135604051637addeead60e01b8152600401610230929190918252602082015260400190565b8585828181106107355761073561196d565b9050602002013582828151811061074e5761074e61196d565b6020908102919091010152600101610683565b505f8054819061077390600190611933565b905060015b818111610842575f8061078c600184611933565b8154811061079c5761079c61196d565b905f5260205f2090601091828204019190066002029054906101000a900461ffff1661ffff1690505f5f83815481106107d7576107d761196d565b5f9182526020909120601082040154600f9091166002026101000a900461ffff16905061080a8c8c8789858989106109d4565b95508061081783826119e1565b610821919061191a565b61082b908661191a565b94505050808061083a906119f8565b915050610778565b5060015b8351811015610895578386815181106108615761086161196d565b602002602001015184828151811061087b5761087b61196d565b6020026020010151131561088d578095505b600101610846565b505050505095945050505050565b60605f80548060200260200160405190810160405280929190818152602001828054801561091557602002820191905f5260205f20905f905b82829054906101000a900461ffff1661ffff16815260200190600201906020826001010492830192600103820291508084116108dc5790505b5050505050905090565b5f805b82518110156109ce577f12ab655e9a2ca55660b44d1e5c37b00159aa76fed00000010a1180000000000183828151811061095e5761095e61196d565b6020026020010151106109a15782818151811061097d5761097d61196d565b6020026020010151604051632051490960e21b815260040161023091815260200190565b6109c4828483815181106109b7576109b761196d565b6020026020010151610b67565b9150600101610922565b50919050565b82516060908367ffffffffffffffff8111156109f2576109f2611763565b604051908082528060200260200182016040528015610a1b578160200160208202803683370190505b5091505f5b84811015610b5b575f6010610a548b8b85610a3b888c6119e1565b610a45908e61191a565b610a4f919061191a565b611556565b901b90505f610a6384846119e1565b610a6d908a61191a565b90505f5b84811015610ac257888181518110610a8b57610a8b61196d565b6020026020010151610aa48d8d8486610a4f919061191a565b610aae9190611a10565b610ab89084611a3f565b9250600101610a71565b505f6010610ad284618000611a3f565b901d9050610ae2628000006119a8565b811215610af857610af5628000006119a8565b90505b610b066001628000006119c2565b811315610b1e57610b1b6001628000006119c2565b90505b868015610b2a57505f81125b15610b3257505f5b80868581518110610b4557610b4561196d565b6020908102919091010152505050600101610a20565b50509695505050505050565b5f7f12ab655e9a2ca55660b44d1e5c37b00159aa76fed00000010a11800000000001610bae565b5f8282830983818209905083818209905083838583840909949350505050565b838382818308838382089250838282089150610bed84857f01dcf9885dcd5e510f86effa9cb2799dc54103cc6e6a11e2a28bd6f06b41007e8608610b8e565b9250610c1c84857f0f51c58ed2888016addf5e31aef32129a2da008acb473cb35640390af364b3dc8508610b8e565b9150838284089050838382089250838282089150610c5d84857f086dc145aeef7702fcf6f39095bb0af6031e1ff49d07460888911f99152b74938608610b8e565b9250610c8c84857f0f79b3b1aab7b75b8027c00612489efae6ea6bfe4561b24a125a0ed58c090d288508610b8e565b9150838284089050838382089250838282089150610ccc84857eddd955fe1b73653730ff0c49d0d69659e89ca3feea667f4b59dde8e74ca2dd8608610b8e565b9250610cfb84857f0bbababa75d454c9630297a04c6b1f451d4d7bb0767bfb8bf6cbd7abf73d38ed8508610b8e565b9150838284089050838382089250838282089150610d3c84857f1264a08795ded8e0bc0a6b94c0a7f0371406045fe1aed45ba73671c08959e8678608610b8e565b9250838284089050838184089250838185848508089150610d8084857f0f9453bbebf1c007cf85f39de13ee3a482306e1d20863d96cb51dd773d05fb518608610b8e565b9250838284089050838184089250838185848508089150610dc484857f1074fbf37d98d3baa5eb37259d1c7185f0188b9c7371c53678b467c8aad6611c8608610b8e565b9250838284089050838184089250838185848508089150610e0884857f0bdd4e4dad94b9cf97a500b7db9229fb43e3667b3a1fc904b99d2706c7f9653f8608610b8e565b9250838284089050838184089250838185848508089150610e4c84857f09a7ca1629f6d320eaf0d97ba1ed5a29726d38e196417601eee27e7f95d035378608610b8e565b9250838284089050838184089250838185848508089150610e9084857f10d41681eda1bcb3ae94f6a92901d9a1ec136ee4f3b4a38a71dca3b3bea303e28608610b8e565b9250838284089050838184089250838185848508089150610ed484857f0ef00e6e048aa24d70bf50171b7b3f6ce348d934486125870ea198ec22cabd9d8608610b8e565b9250838284089050838184089250838185848508089150610f1884857f0a5e95bac47b9bb1a5c24c0583bccec4325195f087f76898d7ad01904d1458bb8608610b8e565b9250838284089050838184089250838185848508089150610f5c84857f033f403598ed585da7ca6935b4e8bc5ceeab79f954873a3b8dee38a11b2cddfd8608610b8e565b9250838284089050838184089250838185848508089150610fa084857f0f346a56d0e8d1f441629287031a377561f09f2a88e8bfb0e8fb4ec4b02b4a7f8608610b8e565b9250838284089050838184089250838185848508089150610fe484857f0c8dea57376c18349eb972989fa26302c045b82bc8ab5a0fc121e6f1571824238608610b8e565b925083828408905083818408925083818584850808915061102884857f0ffdfad2222b094c32a0e49871318ad3cd93419ea0dcb177aaaf3fdb7f4f123e8608610b8e565b925083828408905083818408925083818584850808915061106c84857f0adfc5cd7b6e1bd5babde1a47a4b0cc216bed8dd539fb91dac2a665f26683e5b8608610b8e565b92508382840890508381840892508381858485080891506110b084857f122138a579fcb198c6b0a6c670cb0299618e5135d9f678e098b43203ff64ec548608610b8e565b92508382840890508381840892508381858485080891506110f484857f0449d8be0a447f08fa5b103a498db6222085eca933ee5261cf2f6057c446f10a8608610b8e565b925083828408905083818408925083818584850808915061113884857f01e3c18da1e24d8a42e626a1482aff3953f8e8667088dd9138311f9eb73c6bb48608610b8e565b925083828408905083818408925083818584850808915061117c84857f0fe6ed533affd331fe42724ca0e618dda248ead457f392419ec1fe22cdfe4e4d8608610b8e565b92508382840890508381840892508381858485080891506111c084857f016274b41900d1cdcb867b3ab40a52b1b660fa105b3fd039786b2daf31d02cc08608610b8e565b925083828408905083818408925083818584850808915061120484857f0c779b40213c04a1eee657a848fe1a927b1449e3bb123fc62bd455e6cf43772c8608610b8e565b925083828408905083818408925083818584850808915061124884857f03f329ca93f01e879449757f6396e3b7afe246e05ed8dc30a05f5e55ab9be00a8608610b8e565b925083828408905083818408925083818584850808915061128c84857f04d2806b11733b8f610c774b4d9fd20f5274764602f869950e71d38e9f0eb5ee8608610b8e565b92508382840890508381840892508381858485080891506112d084857f0c89ff2cca95943b33fe4ed7813daf7d3bc8c6b0ac297d961f8130e4a06e7e3d8608610b8e565b925083828408905083818408925083818584850808915061131484857f09e17dbe525a42bb5214f3faddfecbc8c456d3a2de0aea2c9da44c34f93c25228608610b8e565b925083828408905083818408925083818584850808915061135884857f04632b4110acb9696237f45c7f11be1acfd6c64f654c886a083d3b14c76516348608610b8e565b925083828408905083818408925083818584850808915061139c84857f0ba1821f5fd73b35981170d52bf4069a7c2093de416e9b0100524e4823f5a5d28608610b8e565b92508382840890508381840892508381858485080891506113e084857f0f9ce884749ae73d8b73d977a635111c5b5269308418aba0676a06221ca0ccd68608610b8e565b925083828408905083818408925083818584850808915061142484857f0c16afcbd766fdf19910498c6e1a3d9ba16a2243f5d15d95a4b8c070942a5ff98608610b8e565b925061145384857f0ec95328b7373e8176e9754f79897fe2357e91f1c0111e99981bf63e6d4fb93a8508610b8e565b915083828408905083838208925083828208915061149484857f1050b8ff489b4773e80937b2b9f8e99773db79f2799a784b019ee5cbe5ef52028608610b8e565b92506114c384857f0b2208d8e05435ff859fa8906c7337ae6841501dc747f0d0837e26bbb61ee64c8508610b8e565b915083828408905083838208925083828208915061150484857f032a6d074bc10af5aa2e46396e843144f9e1ea8e758d8db31458949bcb5715028608610b8e565b925061153384857f078f4f0279591d5e96f78c6734fe35ef4bcdb5988ecf137f783e5210661498d58508610b8e565b915083828408905083838208925083828208915050828582089695505050505050565b5f8062ffffff611567600a85611a66565b6115729060186119e1565b868661157f600a8861195a565b81811061158e5761158e61196d565b90506020020135901c16905062800000816115a991906119c2565b95945050505050565b803563ffffffff811681146115c5575f5ffd5b919050565b5f5f83601f8401126115da575f5ffd5b50813567ffffffffffffffff8111156115f1575f5ffd5b6020830191508360208260051b850101111561160b575f5ffd5b9250929050565b5f5f5f5f848603610140811215611627575f5ffd5b611630866115b2565b9450610100601f1982011215611644575f5ffd5b5060208501925061012085013567ffffffffffffffff811115611665575f5ffd5b611671878288016115ca565b95989497509550505050565b5f6020828403121561168d575f5ffd5b611696826115b2565b9392505050565b5f5f5f5f5f606086880312156116b1575f5ffd5b6116ba866115b2565b9450602086013567ffffffffffffffff8111156116d5575f5ffd5b6116e1888289016115ca565b909550935050604086013567ffffffffffffffff811115611700575f5ffd5b61170c888289016115ca565b969995985093965092949392505050565b602080825282518282018190525f918401906040840190835b8181101561175857835161ffff16835260209384019390920191600101611736565b509095945050505050565b634e487b7160e01b5f52604160045260245ffd5b67ffffffffffffffff8116811461178c575f5ffd5b50565b80516115c581611777565b80516001600160a01b03811681146115c5575f5ffd5b5f60a08284031280156117c1575f5ffd5b5060405160a0810167ffffffffffffffff811182821017156117f157634e487b7160e01b5f52604160045260245ffd5b6040908152835182526020808501519083015261180f90840161178f565b60408201526118206060840161178f565b60608201526118316080840161179a565b60808201529392505050565b80356115c581611777565b81358152602080830135908201526101008101604083013561186981611777565b67ffffffffffffffff16604083015263ffffffff611889606085016115b2565b16606083015263ffffffff6118a0608085016115b2565b1660808301526118b260a0840161183d565b67ffffffffffffffff1660a083015260c083810135908301526118d760e0840161183d565b67ffffffffffffffff811660e08401525b5092915050565b5f602082840312156118ff575f5ffd5b5051919050565b634e487b7160e01b5f52601160045260245ffd5b8082018082111561192d5761192d611906565b92915050565b8181038181111561192d5761192d611906565b634e487b7160e01b5f52601260045260245ffd5b5f8261196857611968611946565b500490565b634e487b7160e01b5f52603260045260245ffd5b5f6001600160fb1b03831115611995575f5ffd5b8260051b80858437919091019392505050565b5f600160ff1b82016119bc576119bc611906565b505f0390565b8181035f8312801583831316838312821617156118e8576118e8611906565b808202811582820484141761192d5761192d611906565b5f60018201611a0957611a09611906565b5060010190565b8082025f8212600160ff1b84141615611a2b57611a2b611906565b818105831482151761192d5761192d611906565b8082018281125f831280158216821582161715611a5e57611a5e611906565b505092915050565b5f82611a7457611a74611946565b50069056fea2646970667358221220153cb06d8c6c709f0fd25481973a78e25b896b1b3a8390a11023ebfdca7eae6964736f6c63430008250033",
}

// OnchainClassifier is an auto generated Go binding around an Ethereum contract.
type OnchainClassifier struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *OnchainClassifier) GetABI() abi.ABI {
	return c.abi
}

// NewOnchainClassifier creates a new instance of OnchainClassifier.
func NewOnchainClassifier() *OnchainClassifier {
	parsed, err := OnchainClassifierMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &OnchainClassifier{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *OnchainClassifier) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address bridge_, uint8 loss, uint16[] widths_) returns()
func (onchainClassifier *OnchainClassifier) PackConstructor(bridge_ common.Address, loss uint8, widths_ []uint16) []byte {
	enc, err := onchainClassifier.abi.Pack("", bridge_, loss, widths_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackBridge is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe78cea92.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function bridge() view returns(address)
func (onchainClassifier *OnchainClassifier) PackBridge() []byte {
	enc, err := onchainClassifier.abi.Pack("bridge")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBridge is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe78cea92.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function bridge() view returns(address)
func (onchainClassifier *OnchainClassifier) TryPackBridge() ([]byte, error) {
	return onchainClassifier.abi.Pack("bridge")
}

// UnpackBridge is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe78cea92.
//
// Solidity: function bridge() view returns(address)
func (onchainClassifier *OnchainClassifier) UnpackBridge(data []byte) (common.Address, error) {
	out, err := onchainClassifier.abi.Unpack("bridge", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackLoad is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x35106990.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function load(uint32 jobId, (uint256,uint256,uint64,uint32,uint32,uint64,uint256,uint64) p, uint256[] packed) returns()
func (onchainClassifier *OnchainClassifier) PackLoad(jobId uint32, p BridgeJobParams, packed []*big.Int) []byte {
	enc, err := onchainClassifier.abi.Pack("load", jobId, p, packed)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLoad is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x35106990.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function load(uint32 jobId, (uint256,uint256,uint64,uint32,uint32,uint64,uint256,uint64) p, uint256[] packed) returns()
func (onchainClassifier *OnchainClassifier) TryPackLoad(jobId uint32, p BridgeJobParams, packed []*big.Int) ([]byte, error) {
	return onchainClassifier.abi.Pack("load", jobId, p, packed)
}

// PackLoaded is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5f21403e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function loaded(uint32 ) view returns(bytes32)
func (onchainClassifier *OnchainClassifier) PackLoaded(arg0 uint32) []byte {
	enc, err := onchainClassifier.abi.Pack("loaded", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLoaded is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5f21403e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function loaded(uint32 ) view returns(bytes32)
func (onchainClassifier *OnchainClassifier) TryPackLoaded(arg0 uint32) ([]byte, error) {
	return onchainClassifier.abi.Pack("loaded", arg0)
}

// UnpackLoaded is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5f21403e.
//
// Solidity: function loaded(uint32 ) view returns(bytes32)
func (onchainClassifier *OnchainClassifier) UnpackLoaded(data []byte) ([32]byte, error) {
	out, err := onchainClassifier.abi.Unpack("loaded", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackModelHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1b2ccc09.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function modelHash() view returns(uint256)
func (onchainClassifier *OnchainClassifier) PackModelHash() []byte {
	enc, err := onchainClassifier.abi.Pack("modelHash")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackModelHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1b2ccc09.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function modelHash() view returns(uint256)
func (onchainClassifier *OnchainClassifier) TryPackModelHash() ([]byte, error) {
	return onchainClassifier.abi.Pack("modelHash")
}

// UnpackModelHash is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1b2ccc09.
//
// Solidity: function modelHash() view returns(uint256)
func (onchainClassifier *OnchainClassifier) UnpackModelHash(data []byte) (*big.Int, error) {
	out, err := onchainClassifier.abi.Unpack("modelHash", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackNumParams is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcbc9dacc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function numParams() view returns(uint256)
func (onchainClassifier *OnchainClassifier) PackNumParams() []byte {
	enc, err := onchainClassifier.abi.Pack("numParams")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackNumParams is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcbc9dacc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function numParams() view returns(uint256)
func (onchainClassifier *OnchainClassifier) TryPackNumParams() ([]byte, error) {
	return onchainClassifier.abi.Pack("numParams")
}

// UnpackNumParams is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xcbc9dacc.
//
// Solidity: function numParams() view returns(uint256)
func (onchainClassifier *OnchainClassifier) UnpackNumParams(data []byte) (*big.Int, error) {
	out, err := onchainClassifier.abi.Unpack("numParams", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackPredict is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x85a307b8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function predict(uint32 jobId, uint256[] packed, int256[] input) view returns(uint256 class)
func (onchainClassifier *OnchainClassifier) PackPredict(jobId uint32, packed []*big.Int, input []*big.Int) []byte {
	enc, err := onchainClassifier.abi.Pack("predict", jobId, packed, input)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPredict is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x85a307b8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function predict(uint32 jobId, uint256[] packed, int256[] input) view returns(uint256 class)
func (onchainClassifier *OnchainClassifier) TryPackPredict(jobId uint32, packed []*big.Int, input []*big.Int) ([]byte, error) {
	return onchainClassifier.abi.Pack("predict", jobId, packed, input)
}

// UnpackPredict is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x85a307b8.
//
// Solidity: function predict(uint32 jobId, uint256[] packed, int256[] input) view returns(uint256 class)
func (onchainClassifier *OnchainClassifier) UnpackPredict(data []byte) (*big.Int, error) {
	out, err := onchainClassifier.abi.Unpack("predict", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSpec is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf448c9bc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function spec() view returns(uint16[])
func (onchainClassifier *OnchainClassifier) PackSpec() []byte {
	enc, err := onchainClassifier.abi.Pack("spec")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSpec is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf448c9bc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function spec() view returns(uint16[])
func (onchainClassifier *OnchainClassifier) TryPackSpec() ([]byte, error) {
	return onchainClassifier.abi.Pack("spec")
}

// UnpackSpec is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf448c9bc.
//
// Solidity: function spec() view returns(uint16[])
func (onchainClassifier *OnchainClassifier) UnpackSpec(data []byte) ([]uint16, error) {
	out, err := onchainClassifier.abi.Unpack("spec", data)
	if err != nil {
		return *new([]uint16), err
	}
	out0 := *abi.ConvertType(out[0], new([]uint16)).(*[]uint16)
	return out0, nil
}

// OnchainClassifierModelLoaded represents a ModelLoaded event raised by the OnchainClassifier contract.
type OnchainClassifierModelLoaded struct {
	JobId   uint32
	Weights *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const OnchainClassifierModelLoadedEventName = "ModelLoaded"

// ContractEventName returns the user-defined event name.
func (OnchainClassifierModelLoaded) ContractEventName() string {
	return OnchainClassifierModelLoadedEventName
}

// UnpackModelLoadedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ModelLoaded(uint32 indexed jobId, uint256 weights)
func (onchainClassifier *OnchainClassifier) UnpackModelLoadedEvent(log *types.Log) (*OnchainClassifierModelLoaded, error) {
	event := "ModelLoaded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != onchainClassifier.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(OnchainClassifierModelLoaded)
	if len(log.Data) > 0 {
		if err := onchainClassifier.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range onchainClassifier.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (onchainClassifier *OnchainClassifier) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], onchainClassifier.abi.Errors["InputOutOfRange"].ID.Bytes()[:4]) {
		return onchainClassifier.UnpackInputOutOfRangeError(raw[4:])
	}
	if bytes.Equal(raw[:4], onchainClassifier.abi.Errors["InvalidSpec"].ID.Bytes()[:4]) {
		return onchainClassifier.UnpackInvalidSpecError(raw[4:])
	}
	if bytes.Equal(raw[:4], onchainClassifier.abi.Errors["NotFinalized"].ID.Bytes()[:4]) {
		return onchainClassifier.UnpackNotFinalizedError(raw[4:])
	}
	if bytes.Equal(raw[:4], onchainClassifier.abi.Errors["NotInField"].ID.Bytes()[:4]) {
		return onchainClassifier.UnpackNotInFieldError(raw[4:])
	}
	if bytes.Equal(raw[:4], onchainClassifier.abi.Errors["NotLoaded"].ID.Bytes()[:4]) {
		return onchainClassifier.UnpackNotLoadedError(raw[4:])
	}
	if bytes.Equal(raw[:4], onchainClassifier.abi.Errors["ParamsMismatch"].ID.Bytes()[:4]) {
		return onchainClassifier.UnpackParamsMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], onchainClassifier.abi.Errors["WeightsMismatch"].ID.Bytes()[:4]) {
		return onchainClassifier.UnpackWeightsMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], onchainClassifier.abi.Errors["WrongInputWidth"].ID.Bytes()[:4]) {
		return onchainClassifier.UnpackWrongInputWidthError(raw[4:])
	}
	if bytes.Equal(raw[:4], onchainClassifier.abi.Errors["WrongModel"].ID.Bytes()[:4]) {
		return onchainClassifier.UnpackWrongModelError(raw[4:])
	}
	if bytes.Equal(raw[:4], onchainClassifier.abi.Errors["WrongWeightCount"].ID.Bytes()[:4]) {
		return onchainClassifier.UnpackWrongWeightCountError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// OnchainClassifierInputOutOfRange represents a InputOutOfRange error raised by the OnchainClassifier contract.
type OnchainClassifierInputOutOfRange struct {
	Index *big.Int
	Value *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InputOutOfRange(uint256 index, int256 value)
func OnchainClassifierInputOutOfRangeErrorID() common.Hash {
	return common.HexToHash("0x7addeead82c6c7e3c9a2eb23bf15e878f873a5b4365dd381d95cf4efcbd05576")
}

// UnpackInputOutOfRangeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InputOutOfRange(uint256 index, int256 value)
func (onchainClassifier *OnchainClassifier) UnpackInputOutOfRangeError(raw []byte) (*OnchainClassifierInputOutOfRange, error) {
	out := new(OnchainClassifierInputOutOfRange)
	if err := onchainClassifier.abi.UnpackIntoInterface(out, "InputOutOfRange", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OnchainClassifierInvalidSpec represents a InvalidSpec error raised by the OnchainClassifier contract.
type OnchainClassifierInvalidSpec struct {
	Reason string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSpec(string reason)
func OnchainClassifierInvalidSpecErrorID() common.Hash {
	return common.HexToHash("0xaf64694e59f03034cb91bbf46da6880a254f76e4c65d2192029c74c786857935")
}

// UnpackInvalidSpecError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSpec(string reason)
func (onchainClassifier *OnchainClassifier) UnpackInvalidSpecError(raw []byte) (*OnchainClassifierInvalidSpec, error) {
	out := new(OnchainClassifierInvalidSpec)
	if err := onchainClassifier.abi.UnpackIntoInterface(out, "InvalidSpec", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OnchainClassifierNotFinalized represents a NotFinalized error raised by the OnchainClassifier contract.
type OnchainClassifierNotFinalized struct {
	JobId uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotFinalized(uint32 jobId)
func OnchainClassifierNotFinalizedErrorID() common.Hash {
	return common.HexToHash("0x613fa867365be61b54e156a508748e978cede8b7cf471a0aff5d54d36dd3f37c")
}

// UnpackNotFinalizedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotFinalized(uint32 jobId)
func (onchainClassifier *OnchainClassifier) UnpackNotFinalizedError(raw []byte) (*OnchainClassifierNotFinalized, error) {
	out := new(OnchainClassifierNotFinalized)
	if err := onchainClassifier.abi.UnpackIntoInterface(out, "NotFinalized", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OnchainClassifierNotInField represents a NotInField error raised by the OnchainClassifier contract.
type OnchainClassifierNotInField struct {
	Value *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotInField(uint256 value)
func OnchainClassifierNotInFieldErrorID() common.Hash {
	return common.HexToHash("0x81452424a5ecc8f087db8603e93ef219e8a1d59f781e33573a10d2a59fa29a1f")
}

// UnpackNotInFieldError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotInField(uint256 value)
func (onchainClassifier *OnchainClassifier) UnpackNotInFieldError(raw []byte) (*OnchainClassifierNotInField, error) {
	out := new(OnchainClassifierNotInField)
	if err := onchainClassifier.abi.UnpackIntoInterface(out, "NotInField", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OnchainClassifierNotLoaded represents a NotLoaded error raised by the OnchainClassifier contract.
type OnchainClassifierNotLoaded struct {
	JobId uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotLoaded(uint32 jobId)
func OnchainClassifierNotLoadedErrorID() common.Hash {
	return common.HexToHash("0x7d3724326fd97bf6735b7f351d170a5e1b534576f65d0a30cf42d4a13ebb6f31")
}

// UnpackNotLoadedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotLoaded(uint32 jobId)
func (onchainClassifier *OnchainClassifier) UnpackNotLoadedError(raw []byte) (*OnchainClassifierNotLoaded, error) {
	out := new(OnchainClassifierNotLoaded)
	if err := onchainClassifier.abi.UnpackIntoInterface(out, "NotLoaded", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OnchainClassifierParamsMismatch represents a ParamsMismatch error raised by the OnchainClassifier contract.
type OnchainClassifierParamsMismatch struct {
	JobId uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ParamsMismatch(uint32 jobId)
func OnchainClassifierParamsMismatchErrorID() common.Hash {
	return common.HexToHash("0x7c5229c098410cb1d4cbaf3a269bee9a3e13b970bcf6f968731bd0bb4403570b")
}

// UnpackParamsMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ParamsMismatch(uint32 jobId)
func (onchainClassifier *OnchainClassifier) UnpackParamsMismatchError(raw []byte) (*OnchainClassifierParamsMismatch, error) {
	out := new(OnchainClassifierParamsMismatch)
	if err := onchainClassifier.abi.UnpackIntoInterface(out, "ParamsMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OnchainClassifierWeightsMismatch represents a WeightsMismatch error raised by the OnchainClassifier contract.
type OnchainClassifierWeightsMismatch struct {
	JobId uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WeightsMismatch(uint32 jobId)
func OnchainClassifierWeightsMismatchErrorID() common.Hash {
	return common.HexToHash("0x22f5314d48da18116b96c5c4320428f38de4666acc02037e932ce805c8d3bd0a")
}

// UnpackWeightsMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WeightsMismatch(uint32 jobId)
func (onchainClassifier *OnchainClassifier) UnpackWeightsMismatchError(raw []byte) (*OnchainClassifierWeightsMismatch, error) {
	out := new(OnchainClassifierWeightsMismatch)
	if err := onchainClassifier.abi.UnpackIntoInterface(out, "WeightsMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OnchainClassifierWrongInputWidth represents a WrongInputWidth error raised by the OnchainClassifier contract.
type OnchainClassifierWrongInputWidth struct {
	Width *big.Int
	Want  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongInputWidth(uint256 width, uint256 want)
func OnchainClassifierWrongInputWidthErrorID() common.Hash {
	return common.HexToHash("0x9ee6a7a30f75e72b5aa0e3837c0c25f2979f86ba05addebd3c094090bdacab41")
}

// UnpackWrongInputWidthError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongInputWidth(uint256 width, uint256 want)
func (onchainClassifier *OnchainClassifier) UnpackWrongInputWidthError(raw []byte) (*OnchainClassifierWrongInputWidth, error) {
	out := new(OnchainClassifierWrongInputWidth)
	if err := onchainClassifier.abi.UnpackIntoInterface(out, "WrongInputWidth", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OnchainClassifierWrongModel represents a WrongModel error raised by the OnchainClassifier contract.
type OnchainClassifierWrongModel struct {
	ModelHash *big.Int
	Want      *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongModel(uint256 modelHash, uint256 want)
func OnchainClassifierWrongModelErrorID() common.Hash {
	return common.HexToHash("0x4bd9b9ef91c50b672384cac3b464fc4481a6dbbd15251f6d8d21e4669024a553")
}

// UnpackWrongModelError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongModel(uint256 modelHash, uint256 want)
func (onchainClassifier *OnchainClassifier) UnpackWrongModelError(raw []byte) (*OnchainClassifierWrongModel, error) {
	out := new(OnchainClassifierWrongModel)
	if err := onchainClassifier.abi.UnpackIntoInterface(out, "WrongModel", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OnchainClassifierWrongWeightCount represents a WrongWeightCount error raised by the OnchainClassifier contract.
type OnchainClassifierWrongWeightCount struct {
	Elements *big.Int
	Want     *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongWeightCount(uint256 elements, uint256 want)
func OnchainClassifierWrongWeightCountErrorID() common.Hash {
	return common.HexToHash("0xef9c01d114dc45a72da60ac5b9c2c50a11c7d86be996644c25714a33818421dc")
}

// UnpackWrongWeightCountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongWeightCount(uint256 elements, uint256 want)
func (onchainClassifier *OnchainClassifier) UnpackWrongWeightCountError(raw []byte) (*OnchainClassifierWrongWeightCount, error) {
	out := new(OnchainClassifierWrongWeightCount)
	if err := onchainClassifier.abi.UnpackIntoInterface(out, "WrongWeightCount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// VerifierMetaData contains all meta data concerning the Verifier contract.
var VerifierMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[],\"name\":\"CommitmentInvalid\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ProofInvalid\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"PublicInputNotInField\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"proof\",\"type\":\"bytes\"}],\"name\":\"compressProof\",\"outputs\":[{\"internalType\":\"uint256[4]\",\"name\":\"compressed\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[1]\",\"name\":\"compressedCommitments\",\"type\":\"uint256[1]\"},{\"internalType\":\"uint256\",\"name\":\"compressedCommitmentPok\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256[4]\",\"name\":\"compressedProof\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[1]\",\"name\":\"compressedCommitments\",\"type\":\"uint256[1]\"},{\"internalType\":\"uint256\",\"name\":\"compressedCommitmentPok\",\"type\":\"uint256\"},{\"internalType\":\"uint256[1]\",\"name\":\"input\",\"type\":\"uint256[1]\"}],\"name\":\"verifyCompressedProof\",\"outputs\":[],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"proof\",\"type\":\"bytes\"},{\"internalType\":\"uint256[1]\",\"name\":\"input\",\"type\":\"uint256[1]\"}],\"name\":\"verifyProof\",\"outputs\":[],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "Verifier",
	Bin: "0x6080604052348015600e575f5ffd5b5061199e8061001c5f395ff3fe608060405234801561000f575f5ffd5b506004361061003f575f3560e01c80630ea14a3914610043578063317297ea1461006e5780638d8f8a5c14610083575b5f5ffd5b6100566100513660046116d8565b610096565b60405161006593929190611717565b60405180910390f35b61008161007c366004611788565b610193565b005b6100816100913660046117da565b6106c6565b61009e61161a565b6100a6611638565b5f61018084146100f45760405162461bcd60e51b81526020600482015260146024820152730d2dcecc2d8d2c840e0e4dedecc40d8cadccee8d60631b60448201526064015b60405180910390fd5b843560208601356101058282610b7f565b855250506060850135604086013560a0870135608088013561012984848484610c6c565b6020890152604088015260c0890135935060e0890135925061014b8484610b7f565b60608801526101008901359350610120890135925061016a8484610b7f565b8652610140890135935061016089013592506101868484610b7f565b9450505050509250925092565b61019b611638565b6101a3611656565b6101ab611674565b6101bb865f5b6020020135610f45565b602084015282525f806101cd87610f45565b85516020808801516040519496509294506060935f5160206119495f395f51905f52936101ff93929091869101611870565b604051602081830303815290604052805190602001205f1c61022191906118a4565b865284518452602085810151858201527f152c8fc2a90bebcd285a5c030f54c0411373d4e34abdb1b144880c3589113e4b6040808701919091527f282393a51d876ea88862a71768e5a6fdcb26e632ad75ca63e72daf5182b631fb60608701527f1cc784532b0560bf6bff91cf68cf71411a2aad3f5c22ecc7302d15182825c4bb60808701527f235936154848bf225b8184d38b8327fb17e5efbcd59a01fef945dae1580a0e7a60a087015260c0860185905260e086018490527f0f6a60017a30bcaebc53cf2e177c640d9cf00d531d584c3d0194746b5891287e6101008701527f0992ce30298f3dc60819aa5bc1404fb4482de7c74cda9808a622f5ad92b579b66101208701527f0d67d24d3957c27f731d4d01fda2770c459c9fc10298a6a4a2c3b4351e7820376101408701527f2b3127686605c998585042e910bb02cba9fc36261b38006c4c3752e2eea5d5aa610160870152515f91816101808860085afa9051169050806103a6576040516351d49ff760e11b815260040160405180910390fd5b505050505f5f6103c1895f600481106101b1576101b161182b565b90925090505f8080806103dc60408e013560208f0135610fe4565b929650909450925090505f806103f38f60036101b1565b915091505f5f6104048e8e8e6111b8565b8b8d5260208d018b905260408d0189905260608d018a905260808d0187905260a08d0188905260c08d0186905260e08d018590527f2b1b746a0e8cef66179adfba2ed5aa3afed316f26ba6d2dc2dd3cd3469eabf416101008e01527f1bf478668a2f6390ccbcdfcae081cd3a7f5fbfaf3626a5ff0d237f7971f14bbb6101208e01527f29958634b4dacf0d9ef71d4432f06e92fc52b9749f327a581788fa3021b109746101408e01527f1ffe10856cadd378abb5d84a719c7d74009b91db83c1f45e3577d6767674cdd36101608e01527f114c01ef0782e78ac837175d08b574179afd5c6d3b9d58ac195b82f5542523106101808e01527f15b34dd0620148185da192e83a5afe5fcb87f3ddb2705e9605c073f88d8153d26101a08e01527f033892843109e4893afbf5c52fed0d99a57cd11bf8998607964792d5802910d56101c08e01527f24230e1788df1a3ee7418f6465e60008eab47b12a20da84237210cdb2760cc706101e08e01527e0d248971e803f12d4ffaca727d64cb9467f0450818e73c130d7815225e5d186102008e01527f13005041a531d0197c6ba41b03c12790f54e9db0e07b6ddd461da57bef38632b6102208e01526102408d018290526102608d018190527f25e20e3b73b79448c0f3a7c3aa7a904f52b3877d2f8edd949fa92da6fb14845d6102808e01527f2e62c2a60e1b80c4f06acba9e1bca81f957c79ff452ee41116850df165ab00c66102a08e01527f11402e6b0a29569cb78f64016a3fd1aedb1eb54fac5f4fc09ac5b091e160455d6102c08e01527f1d8ee58ddd35819653be4fe116c0188e0b2ded1e42cec332807b55c373e080a46102e08e015290925090505f610677611638565b6020816103008f60085afa915081158061069357508051600114155b156106b157604051631ff3747d60e21b815260040160405180910390fd5b50505050505050505050505050505050505050565b610180821461070e5760405162461bcd60e51b81526020600482015260146024820152730d2dcecc2d8d2c840e0e4dedecc40d8cadccee8d60631b60448201526064016100eb565b610716611656565b604061010085018237610727611638565b60605f61073a610140610100888a6118c3565b8360405160200161074d939291906118ea565b60408051601f198184030181529190528051602082012090915061077f905f5160206119495f395f51905f52906118a4565b835250604080515f91610100890182377f152c8fc2a90bebcd285a5c030f54c0411373d4e34abdb1b144880c3589113e4b60408201527f282393a51d876ea88862a71768e5a6fdcb26e632ad75ca63e72daf5182b631fb60608201527f1cc784532b0560bf6bff91cf68cf71411a2aad3f5c22ecc7302d15182825c4bb60808201527f235936154848bf225b8184d38b8327fb17e5efbcd59a01fef945dae1580a0e7a60a08201526040610140890160c08301377f0f6a60017a30bcaebc53cf2e177c640d9cf00d531d584c3d0194746b5891287e6101008201527f0992ce30298f3dc60819aa5bc1404fb4482de7c74cda9808a622f5ad92b579b66101208201527f0d67d24d3957c27f731d4d01fda2770c459c9fc10298a6a4a2c3b4351e7820376101408201527f2b3127686605c998585042e910bb02cba9fc36261b38006c4c3752e2eea5d5aa6101608201526020816101808360085afa9051169050806108fd576040516351d49ff760e11b815260040160405180910390fd5b5f5f61090a8786886111b8565b915091506040516101008a82377f2b1b746a0e8cef66179adfba2ed5aa3afed316f26ba6d2dc2dd3cd3469eabf416101008201527f1bf478668a2f6390ccbcdfcae081cd3a7f5fbfaf3626a5ff0d237f7971f14bbb6101208201527f29958634b4dacf0d9ef71d4432f06e92fc52b9749f327a581788fa3021b109746101408201527f1ffe10856cadd378abb5d84a719c7d74009b91db83c1f45e3577d6767674cdd36101608201527f114c01ef0782e78ac837175d08b574179afd5c6d3b9d58ac195b82f5542523106101808201527f15b34dd0620148185da192e83a5afe5fcb87f3ddb2705e9605c073f88d8153d26101a08201527f033892843109e4893afbf5c52fed0d99a57cd11bf8998607964792d5802910d56101c08201527f24230e1788df1a3ee7418f6465e60008eab47b12a20da84237210cdb2760cc706101e08201527e0d248971e803f12d4ffaca727d64cb9467f0450818e73c130d7815225e5d186102008201527f13005041a531d0197c6ba41b03c12790f54e9db0e07b6ddd461da57bef38632b61022082015282610240820152816102608201527f25e20e3b73b79448c0f3a7c3aa7a904f52b3877d2f8edd949fa92da6fb14845d6102808201527f2e62c2a60e1b80c4f06acba9e1bca81f957c79ff452ee41116850df165ab00c66102a08201527f11402e6b0a29569cb78f64016a3fd1aedb1eb54fac5f4fc09ac5b091e160455d6102c08201527f1d8ee58ddd35819653be4fe116c0188e0b2ded1e42cec332807b55c373e080a46102e08201526020816103008360085afa905116925082610b7457604051631ff3747d60e21b815260040160405180910390fd5b505050505050505050565b5f5f5160206119295f395f51905f5283101580610ba957505f5160206119295f395f51905f528210155b15610bc757604051631ff3747d60e21b815260040160405180910390fd5b82158015610bd3575081155b15610bdf57505f610c66565b5f610c1a5f5160206119295f395f51905f5260035f5160206119295f395f51905f52875f5160206119295f395f51905f52898a090908611364565b9050808303610c2f575050600182901b610c66565b610c38816113c6565b8303610c4b575050600182811b17610c66565b604051631ff3747d60e21b815260040160405180910390fd5b505b92915050565b5f5f5f5160206119295f395f51905f5286101580610c9757505f5160206119295f395f51905f528510155b80610caf57505f5160206119295f395f51905f528410155b80610cc757505f5160206119295f395f51905f528310155b15610ce557604051631ff3747d60e21b815260040160405180910390fd5b828486881717175f03610cfc57505f905080610f3c565b5f80805f5160206119295f395f51905f52610d2560035f5160206119295f395f51905f52611909565b5f5160206119295f395f51905f528a8c090990505f5f5160206119295f395f51905f528a5f5160206119295f395f51905f528c8d090990505f5f5160206119295f395f51905f528a5f5160206119295f395f51905f528c8d090990505f5160206119295f395f51905f52805f5160206119295f395f51905f528c860984087f2b149d40ceb8aaae81be18991be06ac3b5b4c5e559dbefa33267e6dc24a138e5089450610e135f5160206119295f395f51905f52805f5160206119295f395f51905f528e870984087f2fcd3ac2a640a154eb23960892a85a68f031ca0c8344b23a577dcf1052b9e775086113c6565b93505050505f5f610e605f5160206119295f395f51905f5280610e3857610e38611890565b5f5160206119295f395f51905f528586095f5160206119295f395f51905f5287880908611364565b9050610eab5f5160206119295f395f51905f527f183227397098d014dc2822db40c0ac2ecbc0b548b438e5469e10460b6c3e7ea45f5160206119295f395f51905f52848808096113de565b15915050610eba838383611426565b90935091508683148015610ecd57508186145b15610ef55780610edd575f610ee0565b60025b60ff1660028a901b175f179450879350610f38565b610efe836113c6565b87148015610f135750610f10826113c6565b86145b15610c4b5780610f23575f610f26565b60025b60ff1660028a901b1760011794508793505b5050505b94509492505050565b5f5f825f03610f5857505f928392509050565b600183811c9250808416145f5160206119295f395f51905f528310610f9057604051631ff3747d60e21b815260040160405180910390fd5b610fca5f5160206119295f395f51905f5260035f5160206119295f395f51905f52865f5160206119295f395f51905f528889090908611364565b91508015610fde57610fdb826113c6565b91505b50915091565b5f80808085158015610ff4575084155b1561100957505f9250829150819050806111af565b600286811c945085935060018088161490808816145f5160206119295f395f51905f528610158061104757505f5160206119295f395f51905f528510155b1561106557604051631ff3747d60e21b815260040160405180910390fd5b5f5f5160206119295f395f51905f5261108c60035f5160206119295f395f51905f52611909565b5f5160206119295f395f51905f52888a090990505f5f5160206119295f395f51905f52885f5160206119295f395f51905f528a8b090990505f5f5160206119295f395f51905f52885f5160206119295f395f51905f528a8b090990505f5160206119295f395f51905f52805f5160206119295f395f51905f528a860984087f2b149d40ceb8aaae81be18991be06ac3b5b4c5e559dbefa33267e6dc24a138e508965061117a5f5160206119295f395f51905f52805f5160206119295f395f51905f528c870984087f2fcd3ac2a640a154eb23960892a85a68f031ca0c8344b23a577dcf1052b9e775086113c6565b9550611187878786611426565b909750955084156111a95761119b876113c6565b96506111a6866113c6565b95505b50505050505b92959194509250565b5f5f5f60019050604051604081015f7f2c54f4690afc77b51e0346fd00ee454f4f8ced2c618298a452f1d7f0cb75900883527f08359f9ed1a96523253cd4f000d40b416cd03018c36a6d2eb6d025fda05b4d0e6020840152865182526020870151602083015260408360808560065afa841693507f0eb0237497bad2e4a5694de508a59d37d26f90b7b22380b36f46b43013a975d782527f2bea3f14a04ffa993eacd3fa7c00c0579182ad22c360c5b1ea2cca6b04a35fdb6020830152883590508060408301525f5160206119495f395f51905f5281108416935060408260608460075afa8416935060408360808560065afa7f2c12c9f02b1cf0e9d18da9abc71910c2b3f2b409562587538820a65341a2132083527f06bbecddf4e44d35e4b8d3ad9c834fa861ab57aee4891a17ce063c5109f3609d6020840152885160408085018290525f5160206119495f395f51905f5290911091909516169390508160608160075afa831692505060408160808360065afa8151602090920151919450909250168061135b5760405163a54f8e2760e01b815260040160405180910390fd5b50935093915050565b5f61138f827f0c19139cb84c680a6e14116da060561765e05aa45a1c72a34f082305b61f3f52611559565b9050815f5160206119295f395f51905f52828309146113c157604051631ff3747d60e21b815260040160405180910390fd5b919050565b5f5160206119295f395f51905f529081900681030690565b5f5f61140a837f0c19139cb84c680a6e14116da060561765e05aa45a1c72a34f082305b61f3f52611559565b9050825f5160206119295f395f51905f52828309149392505050565b5f80806114555f5160206119295f395f51905f52808788095f5160206119295f395f51905f52898a0908611364565b9050831561146957611466816113c6565b90505b6114b25f5160206119295f395f51905f527f183227397098d014dc2822db40c0ac2ecbc0b548b438e5469e10460b6c3e7ea45f5160206119295f395f51905f52848a0809611364565b92505f5160206119295f395f51905f526114dc5f5160206119295f395f51905f52600286096115bc565b860991505f5160206119295f395f51905f526115075f5160206119295f395f51905f528485096113c6565b5f5160206119295f395f51905f52858609088614158061153b57505f5160206119295f395f51905f52808385096002098514155b1561135b57604051631ff3747d60e21b815260040160405180910390fd5b5f5f60405160208152602080820152602060408201528460608201528360808201525f5160206119295f395f51905f5260a082015260208160c08360055afa90519250905080610c6457604051631ff3747d60e21b815260040160405180910390fd5b5f6115e7827f30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd45611559565b90505f5160206119295f395f51905f528183096001146113c157604051631ff3747d60e21b815260040160405180910390fd5b60405180608001604052806004906020820280368337509192915050565b60405180602001604052806001906020820280368337509192915050565b60405180604001604052806002906020820280368337509192915050565b6040518061030001604052806018906020820280368337509192915050565b5f5f83601f8401126116a3575f5ffd5b50813567ffffffffffffffff8111156116ba575f5ffd5b6020830191508360208285010111156116d1575f5ffd5b9250929050565b5f5f602083850312156116e9575f5ffd5b823567ffffffffffffffff8111156116ff575f5ffd5b61170b85828601611693565b90969095509350505050565b60c0810181855f5b600481101561173e57815183526020928301929091019060010161171f565b50505060808201845f5b6001811015611767578151835260209283019290910190600101611748565b5050508260a0830152949350505050565b8060208101831015610c66575f5ffd5b5f5f5f5f60e0858703121561179b575f5ffd5b60808501868111156117ab575f5ffd5b8594506117b88782611778565b93505060a085013591506117cf8660c08701611778565b905092959194509250565b5f5f5f604084860312156117ec575f5ffd5b833567ffffffffffffffff811115611802575f5ffd5b61180e86828701611693565b909450925061182290508560208601611778565b90509250925092565b634e487b7160e01b5f52603260045260245ffd5b5f8151602083015f5b82811015611866578151865260209586019590910190600101611848565b5093949350505050565b8381528260208201525f611887604083018461183f565b95945050505050565b634e487b7160e01b5f52601260045260245ffd5b5f826118be57634e487b7160e01b5f52601260045260245ffd5b500690565b5f5f858511156118d1575f5ffd5b838611156118dd575f5ffd5b5050820193919092039150565b828482375f8382015f81526118ff818561183f565b9695505050505050565b81810381811115610c6657634e487b7160e01b5f52601160045260245ffdfe30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd4730644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001a26469706673582212202860ada26ab2f0c9c4a9bb907190e3f720c0bd09e296d29fe834be8fb0e4730264736f6c63430008250033",
}

// Verifier is an auto generated Go binding around an Ethereum contract.
type Verifier struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Verifier) GetABI() abi.ABI {
	return c.abi
}

// NewVerifier creates a new instance of Verifier.
func NewVerifier() *Verifier {
	parsed, err := VerifierMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Verifier{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Verifier) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackCompressProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0ea14a39.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function compressProof(bytes proof) view returns(uint256[4] compressed, uint256[1] compressedCommitments, uint256 compressedCommitmentPok)
func (verifier *Verifier) PackCompressProof(proof []byte) []byte {
	enc, err := verifier.abi.Pack("compressProof", proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCompressProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0ea14a39.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function compressProof(bytes proof) view returns(uint256[4] compressed, uint256[1] compressedCommitments, uint256 compressedCommitmentPok)
func (verifier *Verifier) TryPackCompressProof(proof []byte) ([]byte, error) {
	return verifier.abi.Pack("compressProof", proof)
}

// CompressProofOutput serves as a container for the return parameters of contract
// method CompressProof.
type CompressProofOutput struct {
	Compressed              [4]*big.Int
	CompressedCommitments   [1]*big.Int
	CompressedCommitmentPok *big.Int
}

// UnpackCompressProof is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0ea14a39.
//
// Solidity: function compressProof(bytes proof) view returns(uint256[4] compressed, uint256[1] compressedCommitments, uint256 compressedCommitmentPok)
func (verifier *Verifier) UnpackCompressProof(data []byte) (CompressProofOutput, error) {
	out, err := verifier.abi.Unpack("compressProof", data)
	outstruct := new(CompressProofOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Compressed = *abi.ConvertType(out[0], new([4]*big.Int)).(*[4]*big.Int)
	outstruct.CompressedCommitments = *abi.ConvertType(out[1], new([1]*big.Int)).(*[1]*big.Int)
	outstruct.CompressedCommitmentPok = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackVerifyCompressedProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x317297ea.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifyCompressedProof(uint256[4] compressedProof, uint256[1] compressedCommitments, uint256 compressedCommitmentPok, uint256[1] input) view returns()
func (verifier *Verifier) PackVerifyCompressedProof(compressedProof [4]*big.Int, compressedCommitments [1]*big.Int, compressedCommitmentPok *big.Int, input [1]*big.Int) []byte {
	enc, err := verifier.abi.Pack("verifyCompressedProof", compressedProof, compressedCommitments, compressedCommitmentPok, input)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifyCompressedProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x317297ea.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifyCompressedProof(uint256[4] compressedProof, uint256[1] compressedCommitments, uint256 compressedCommitmentPok, uint256[1] input) view returns()
func (verifier *Verifier) TryPackVerifyCompressedProof(compressedProof [4]*big.Int, compressedCommitments [1]*big.Int, compressedCommitmentPok *big.Int, input [1]*big.Int) ([]byte, error) {
	return verifier.abi.Pack("verifyCompressedProof", compressedProof, compressedCommitments, compressedCommitmentPok, input)
}

// PackVerifyProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8d8f8a5c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifyProof(bytes proof, uint256[1] input) view returns()
func (verifier *Verifier) PackVerifyProof(proof []byte, input [1]*big.Int) []byte {
	enc, err := verifier.abi.Pack("verifyProof", proof, input)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifyProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8d8f8a5c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifyProof(bytes proof, uint256[1] input) view returns()
func (verifier *Verifier) TryPackVerifyProof(proof []byte, input [1]*big.Int) ([]byte, error) {
	return verifier.abi.Pack("verifyProof", proof, input)
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (verifier *Verifier) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], verifier.abi.Errors["CommitmentInvalid"].ID.Bytes()[:4]) {
		return verifier.UnpackCommitmentInvalidError(raw[4:])
	}
	if bytes.Equal(raw[:4], verifier.abi.Errors["ProofInvalid"].ID.Bytes()[:4]) {
		return verifier.UnpackProofInvalidError(raw[4:])
	}
	if bytes.Equal(raw[:4], verifier.abi.Errors["PublicInputNotInField"].ID.Bytes()[:4]) {
		return verifier.UnpackPublicInputNotInFieldError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// VerifierCommitmentInvalid represents a CommitmentInvalid error raised by the Verifier contract.
type VerifierCommitmentInvalid struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error CommitmentInvalid()
func VerifierCommitmentInvalidErrorID() common.Hash {
	return common.HexToHash("0xa3a93fee56dfcbe3c39f5ec63c6730967db3a2793a813cf79d599fdf35d8f518")
}

// UnpackCommitmentInvalidError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error CommitmentInvalid()
func (verifier *Verifier) UnpackCommitmentInvalidError(raw []byte) (*VerifierCommitmentInvalid, error) {
	out := new(VerifierCommitmentInvalid)
	if err := verifier.abi.UnpackIntoInterface(out, "CommitmentInvalid", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// VerifierProofInvalid represents a ProofInvalid error raised by the Verifier contract.
type VerifierProofInvalid struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ProofInvalid()
func VerifierProofInvalidErrorID() common.Hash {
	return common.HexToHash("0x7fcdd1f433fad06e243ebb12f415f49dc48f357e41b96f61f504279fe6bb2ac6")
}

// UnpackProofInvalidError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ProofInvalid()
func (verifier *Verifier) UnpackProofInvalidError(raw []byte) (*VerifierProofInvalid, error) {
	out := new(VerifierProofInvalid)
	if err := verifier.abi.UnpackIntoInterface(out, "ProofInvalid", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// VerifierPublicInputNotInField represents a PublicInputNotInField error raised by the Verifier contract.
type VerifierPublicInputNotInField struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PublicInputNotInField()
func VerifierPublicInputNotInFieldErrorID() common.Hash {
	return common.HexToHash("0xa54f8e27d960b419368d544cd7616e10e384de098966aa60b80904dd31e7ab38")
}

// UnpackPublicInputNotInFieldError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PublicInputNotInField()
func (verifier *Verifier) UnpackPublicInputNotInFieldError(raw []byte) (*VerifierPublicInputNotInField, error) {
	out := new(VerifierPublicInputNotInField)
	if err := verifier.abi.UnpackIntoInterface(out, "PublicInputNotInField", raw); err != nil {
		return nil, err
	}
	return out, nil
}
