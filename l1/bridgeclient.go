package l1

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/trainrollup/trainrollup/l1/bindings"
	"github.com/trainrollup/trainrollup/state"
)

// Bridge sends the bridge's transactions through a TxManager and reads
// its state.
type Bridge struct {
	Addr   common.Address
	txm    *TxManager // nil: read-only
	client Client
}

// NewBridge returns the bridge at addr, used through txm.
func NewBridge(addr common.Address, txm *TxManager) *Bridge {
	return &Bridge{Addr: addr, txm: txm, client: txm.client}
}

// NewBridgeReader returns the bridge at addr for reading only (views and
// events): every transaction fails.
func NewBridgeReader(addr common.Address, client Client) *Bridge {
	return &Bridge{Addr: addr, client: client}
}

// send sends a bridge call whose calldata data was packed with packErr
// (the generated TryPack functions: bad arguments are an error, where Pack
// would panic).
func (b *Bridge) send(ctx context.Context, what string, data []byte, packErr error, value *big.Int) (*types.Receipt, error) {
	if packErr != nil {
		return nil, fmt.Errorf("bridge %s: %w", what, packErr)
	}
	if b.txm == nil {
		return nil, fmt.Errorf("bridge %s: a read-only bridge sends no transactions", what)
	}
	r, err := b.txm.Send(ctx, Candidate{To: &b.Addr, Data: data, Value: value})
	if err != nil {
		return r, fmt.Errorf("bridge %s: %w", what, err)
	}
	return r, nil
}

func (b *Bridge) view(ctx context.Context, data []byte) ([]byte, error) {
	out, err := b.client.CallContract(ctx, callMsg(b.Addr, data), nil)
	return out, DecodeRevert(err)
}

// Stake adds amount to the manager's stake.
func (b *Bridge) Stake(ctx context.Context, amount *big.Int) error {
	data, err := bridgeABI.TryPackStake()
	_, err = b.send(ctx, "stake", data, err, amount)
	return err
}

// RequestTraining requests a job with bounty and deadline and returns its
// id.
func (b *Bridge) RequestTraining(ctx context.Context, p JobParams, deadline time.Time, bounty *big.Int) (state.JobID, error) {
	r, err := b.Request(ctx, p, deadline, bounty)
	if err != nil {
		return 0, err
	}
	return r.Message.JobID, nil
}

// Request is a mined requestTraining: its transaction and the L1 message
// it queued.
type Request struct {
	Tx      common.Hash
	Message Message
}

// Request requests a job with bounty and deadline (requestTraining).
func (b *Bridge) Request(ctx context.Context, p JobParams, deadline time.Time, bounty *big.Int) (*Request, error) {
	if err := checkU256("datasetRoot", p.DatasetRoot, "initWeights", p.InitWeights); err != nil {
		return nil, fmt.Errorf("bridge requestTraining: %w", err)
	}
	data, err := bridgeABI.TryPackRequestTraining(p, uint64(deadline.Unix()))
	r, err := b.send(ctx, "requestTraining", data, err, bounty)
	if err != nil {
		return nil, err
	}
	for _, lg := range r.Logs {
		if ev, err := bridgeABI.UnpackL1MessageQueuedEvent(lg); err == nil && lg.Address == b.Addr {
			return &Request{Tx: r.TxHash, Message: Message{Index: ev.Index, JobID: state.JobID(ev.JobId), Owner: ev.Owner, Params: ev.Params,
				QueueHash: ev.QueueHash, Block: lg.BlockNumber, BlockHash: lg.BlockHash, TxHash: lg.TxHash}}, nil
		}
	}
	return nil, errors.New("bridge requestTraining: no L1MessageQueued event")
}

// Refund refunds L1 job id's bounty to its requester's credits (allowed
// once its deadline and the proof window have passed unfinalized).
func (b *Bridge) Refund(ctx context.Context, id state.JobID) error {
	data, err := bridgeABI.TryPackRefund(uint32(id))
	_, err = b.send(ctx, "refund", data, err, nil)
	return err
}

// Withdraw sends the sender's credits (bounties, refunds) to it.
func (b *Bridge) Withdraw(ctx context.Context) error {
	data, err := bridgeABI.TryPackWithdraw()
	_, err = b.send(ctx, "withdraw", data, err, nil)
	return err
}

// Credits is what a can withdraw.
func (b *Bridge) Credits(ctx context.Context, a common.Address) (*big.Int, error) {
	out, err := b.view(ctx, bridgeABI.PackCredits(a))
	if err != nil {
		return nil, err
	}
	return bridgeABI.UnpackCredits(out)
}

// CommitBatch commits in after parent and returns the header the bridge
// recorded.
func (b *Bridge) CommitBatch(ctx context.Context, parent BatchHeader, in BatchInput) (BatchHeader, error) {
	if err := checkHeader(parent); err != nil {
		return BatchHeader{}, fmt.Errorf("bridge commitBatch: %w", err)
	}
	if err := checkU256("txDigest", in.TxDigest, "stateRoot", in.StateRoot); err != nil {
		return BatchHeader{}, fmt.Errorf("bridge commitBatch: %w", err)
	}
	data, err := bridgeABI.TryPackCommitBatch(parent, in)
	r, err := b.send(ctx, "commitBatch", data, err, nil)
	if err != nil {
		return BatchHeader{}, err
	}
	for _, lg := range r.Logs {
		if ev, err := bridgeABI.UnpackBatchCommittedEvent(lg); err == nil && lg.Address == b.Addr {
			return ev.Header, nil
		}
	}
	return BatchHeader{}, errors.New("bridge commitBatch: no BatchCommitted event")
}

// ProveBatches proves the batches after prev up to last with a wrap proof
// (its Solidity calldata).
func (b *Bridge) ProveBatches(ctx context.Context, prev, last BatchHeader, proof []byte) (*types.Receipt, error) {
	for _, h := range []BatchHeader{prev, last} {
		if err := checkHeader(h); err != nil {
			return nil, fmt.Errorf("bridge proveBatches: %w", err)
		}
	}
	data, err := bridgeABI.TryPackProveBatches(prev, last, proof)
	return b.send(ctx, "proveBatches", data, err, nil)
}

// FinalizeJob publishes a completed job's model: h ends the proof that
// completed it, prior shows it was not completed where the previous proof
// ended.
func (b *Bridge) FinalizeJob(ctx context.Context, h BatchHeader, leaf JobLeaf, siblings []*big.Int, prior Prior) (*types.Receipt, error) {
	for _, x := range []BatchHeader{h, prior.Header} {
		if err := checkHeader(x); err != nil {
			return nil, fmt.Errorf("bridge finalizeJob: %w", err)
		}
	}
	for _, l := range []JobLeaf{leaf, prior.Leaf} {
		if err := checkU256("paramsHash", l.ParamsHash, "weights", l.Weights); err != nil {
			return nil, fmt.Errorf("bridge finalizeJob: leaf %d: %w", l.Id, err)
		}
	}
	for i, s := range append(append([]*big.Int{}, siblings...), prior.Siblings...) {
		if err := checkU256("sibling", s); err != nil {
			return nil, fmt.Errorf("bridge finalizeJob: %d: %w", i, err)
		}
	}
	data, err := bridgeABI.TryPackFinalizeJob(h, leaf, siblings, prior)
	return b.send(ctx, "finalizeJob", data, err, nil)
}

// LastProven is the index of the last proven batch.
func (b *Bridge) LastProven(ctx context.Context) (uint64, error) {
	out, err := b.view(ctx, bridgeABI.PackLastProven())
	if err != nil {
		return 0, err
	}
	return bridgeABI.UnpackLastProven(out)
}

// ModelCommitment is the weights commitment of a finalized job (0: none).
func (b *Bridge) ModelCommitment(ctx context.Context, id state.JobID) (*big.Int, error) {
	out, err := b.view(ctx, bridgeABI.PackModelCommitment(uint32(id)))
	if err != nil {
		return nil, err
	}
	return bridgeABI.UnpackModelCommitment(out)
}

// JobState is an L1 job's state.
func (b *Bridge) JobState(ctx context.Context, id state.JobID) (JobState, error) {
	out, err := b.view(ctx, bridgeABI.PackJobState(uint32(id)))
	if err != nil {
		return 0, err
	}
	s, err := bridgeABI.UnpackJobState(out)
	return JobState(s), err
}

func callMsg(to common.Address, data []byte) ethereum.CallMsg {
	return ethereum.CallMsg{To: &to, Data: data}
}

// L1QueueHash is the rolling hash of the first n L1 messages
// (spec/bridge.md#l1-messages).
func (b *Bridge) L1QueueHash(ctx context.Context, n uint64) (common.Hash, error) {
	out, err := b.view(ctx, bridgeABI.PackL1Queue(n))
	if err != nil {
		return common.Hash{}, err
	}
	q, err := bridgeABI.UnpackL1Queue(out)
	return common.Hash(q.Hash), err
}

// batchCount is the number of stored batches, genesis included.
func (b *Bridge) batchCount(ctx context.Context) (uint64, error) {
	out, err := b.view(ctx, bridgeABI.PackBatchCount())
	if err != nil {
		return 0, err
	}
	return bridgeABI.UnpackBatchCount(out)
}

// committedHeaders returns the headers of batches [first, count) from the
// BatchCommitted events since block from whose hash the bridge still stores
// (a reverted batch's event, or one replaced after a revert, is skipped).
func (b *Bridge) committedHeaders(ctx context.Context, from, first, count uint64) ([]BatchHeader, error) {
	stored := make(map[uint64]common.Hash, count-first)
	for i := first; i < count; i++ {
		out, err := b.view(ctx, bridgeABI.PackBatchHash(i))
		if err != nil {
			return nil, err
		}
		h, err := bridgeABI.UnpackBatchHash(out)
		if err != nil {
			return nil, err
		}
		stored[i] = h
	}
	topics := [][]common.Hash{{bridgeABI.GetABI().Events[bindings.BridgeBatchCommittedEventName].ID}}
	if count-first == 1 { // the index is an indexed topic: ask for that one only
		topics = append(topics, []common.Hash{common.BigToHash(new(big.Int).SetUint64(first))})
	}
	logs, err := b.client.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(from), Addresses: []common.Address{b.Addr}, Topics: topics,
	})
	if err != nil {
		return nil, fmt.Errorf("bridge batches: %w", err)
	}
	headers := make([]BatchHeader, count-first)
	found := make([]bool, count-first)
	for i := range logs {
		ev, err := bridgeABI.UnpackBatchCommittedEvent(&logs[i])
		if err != nil {
			return nil, fmt.Errorf("bridge batches: %w", err)
		}
		if want, ok := stored[ev.Index]; ok && common.Hash(ev.Hash) == want {
			headers[ev.Index-first], found[ev.Index-first] = ev.Header, true
		}
	}
	for i, ok := range found {
		if !ok {
			return nil, fmt.Errorf("bridge batches: no event for batch %d since block %d", first+uint64(i), from)
		}
	}
	return headers, nil
}

// Batches returns the committed batch headers after genesis, in index
// order, read from the bridge's events since block from.
func (b *Bridge) Batches(ctx context.Context, from uint64) ([]BatchHeader, error) {
	count, err := b.batchCount(ctx)
	if err != nil || count <= 1 {
		return nil, err
	}
	return b.committedHeaders(ctx, from, 1, count)
}

// LastBatch returns the last committed batch header, or genesis when none
// was committed: one hash read and one event query, whatever the number of
// batches.
func (b *Bridge) LastBatch(ctx context.Context, from uint64, genesis BatchHeader) (BatchHeader, error) {
	count, err := b.batchCount(ctx)
	if err != nil {
		return BatchHeader{}, err
	}
	if count <= 1 {
		return genesis, nil
	}
	hs, err := b.committedHeaders(ctx, from, count-1, count)
	if err != nil {
		return BatchHeader{}, err
	}
	return hs[0], nil
}

// Heads returns the last block of the last committed batch (posted) and of
// the last batch proven on L1 (finalized), 0 before any: a few reads and at
// most two indexed event queries.
func (b *Bridge) Heads(ctx context.Context, from uint64) (posted, finalized uint64, err error) {
	count, err := b.batchCount(ctx)
	if err != nil || count <= 1 {
		return 0, 0, err
	}
	last, err := b.committedHeaders(ctx, from, count-1, count)
	if err != nil {
		return 0, 0, err
	}
	proven, err := b.LastProven(ctx)
	switch {
	case err != nil:
		return 0, 0, err
	case proven == 0:
		return last[0].LastBlock, 0, nil
	case proven == count-1:
		return last[0].LastBlock, last[0].LastBlock, nil
	}
	p, err := b.committedHeaders(ctx, from, proven, proven+1)
	if err != nil {
		return 0, 0, err
	}
	return last[0].LastBlock, p[0].LastBlock, nil
}
