package sequencer

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/rollup"
	"github.com/trainrollup/trainrollup/state"
)

// MaxSendBatch caps the transactions of one train_sendRawTransactions call.
const MaxSendBatch = 4096

// trainAPI is the train_ namespace.
type trainAPI struct{ n *Node }

// SendRawTransaction admits a signed transaction and returns once its
// block is committed: the soft confirmation. A follower forwards it to the
// leader. Sending a transaction again is safe: one already sequenced
// answers with its block.
func (a *trainAPI) SendRawTransaction(ctx context.Context, raw hexutil.Bytes) (*client.SendResult, error) {
	if a.n.pool.Load() == nil {
		var r client.SendResult
		err := a.n.forward(ctx, &r, "train_sendRawTransaction", raw)
		return &r, asRPC(err)
	}
	rs, err := a.n.send(ctx, [][]byte{raw})
	if err != nil {
		return nil, asRPC(err)
	}
	if rs[0].err != nil {
		return nil, asRPC(rs[0].err)
	}
	return &client.SendResult{Hash: rs[0].hash, Block: hexutil.Uint64(rs[0].block)}, nil
}

// SendRawTransactions admits many transactions and returns once each is
// sequenced or refused, with one result each.
func (a *trainAPI) SendRawTransactions(ctx context.Context, raws []hexutil.Bytes) ([]client.SendResult, error) {
	if len(raws) > MaxSendBatch {
		return nil, &rpcError{code: codeInvalidParams, err: fmt.Errorf("%d transactions in one call, at most %d", len(raws), MaxSendBatch)}
	}
	if a.n.pool.Load() == nil {
		var r []client.SendResult
		err := a.n.forward(ctx, &r, "train_sendRawTransactions", raws)
		return r, asRPC(err)
	}
	in := make([][]byte, len(raws))
	for i, r := range raws {
		in[i] = r
	}
	rs, err := a.n.send(ctx, in)
	if err != nil {
		return nil, asRPC(err)
	}
	out := make([]client.SendResult, len(rs))
	for i, r := range rs {
		out[i] = client.SendResult{Hash: r.hash, Block: hexutil.Uint64(r.block)}
		if r.err != nil {
			out[i].Error = r.err.Error()
		}
	}
	return out, nil
}

// GetTransactionReceipt returns a sequenced transaction's receipt (null
// when it is not in the chain).
func (a *trainAPI) GetTransactionReceipt(h common.Hash) (*client.Receipt, error) {
	num, idx, err := a.n.chain.txLocation(h)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, asRPC(err)
	}
	sb, err := a.n.chain.block(num)
	if err != nil {
		return nil, asRPC(err)
	}
	var tx chain.Tx
	if err := tx.UnmarshalBinary(sb.Txs[idx]); err != nil {
		return nil, asRPC(fmt.Errorf("%w: %v", ErrCorrupt, err))
	}
	r := &client.Receipt{TxHash: h, Block: hexutil.Uint64(num), Index: hexutil.Uint64(idx), From: sb.Senders[idx],
		Type: hexutil.Uint64(tx.Type), Job: hexutil.Uint64(tx.Job), Status: client.StatusSequenced}
	if num <= a.n.executed.Load() {
		recs, err := a.n.receipts(num)
		if err != nil {
			return nil, asRPC(err)
		}
		if int(idx) < len(recs) {
			r.Status = client.StatusApplied
			if recs[idx].Status == rollup.StatusRejected {
				r.Status, r.Error = client.StatusRejected, recs[idx].Reason
			}
		}
	}
	return r, nil
}

// GetTransactionCount returns the sender's next nonce in the sequenced
// chain.
func (a *trainAPI) GetTransactionCount(addr common.Address) (hexutil.Uint64, error) {
	n, err := (committedView{a.n.chain}).Nonce(addr)
	return hexutil.Uint64(n), asRPC(err)
}

// BlockNumber returns the sequenced head.
func (a *trainAPI) BlockNumber() hexutil.Uint64 { return hexutil.Uint64(a.n.chain.Head()) }

// GetBlockByNumber returns a block ("latest"/"sequenced", "executed",
// "earliest" or a number), null when the chain is not that long.
func (a *trainAPI) GetBlockByNumber(num rpc.BlockNumber, full bool) (*client.Block, error) {
	var n uint64
	switch num {
	case rpc.LatestBlockNumber, rpc.PendingBlockNumber:
		n = a.n.chain.Head()
	case rpc.SafeBlockNumber, rpc.FinalizedBlockNumber:
		n = a.n.executed.Load()
	case rpc.EarliestBlockNumber:
		n = 0
	default:
		if num < 0 {
			return nil, &rpcError{code: codeInvalidParams, err: fmt.Errorf("block tag %d not supported", num)}
		}
		n = uint64(num)
	}
	if n > a.n.chain.Head() {
		return nil, nil
	}
	b := &client.Block{Number: hexutil.Uint64(n), TxHashes: []common.Hash{}}
	if n == 0 {
		g := chain.Genesis(a.n.cfg.GenesisTime).Header
		b.Time = hexutil.Uint64(g.Time)
	} else {
		sb, err := a.n.chain.block(n)
		if err != nil {
			return nil, asRPC(err)
		}
		b.Time, b.L1Messages = hexutil.Uint64(sb.Time), hexutil.Uint64(sb.L1Messages)
		for _, raw := range sb.Txs {
			b.TxHashes = append(b.TxHashes, crypto.Keccak256Hash(raw))
			if full {
				b.Txs = append(b.Txs, raw)
			}
		}
	}
	if n <= a.n.executed.Load() {
		h, err := a.n.header(n)
		if err != nil {
			return nil, asRPC(err)
		}
		hash, parent, txr := h.Hash(), h.ParentHash, h.TxRoot
		sr, dg, l1d := common.Hash(h.StateRoot), common.Hash(h.Digest), common.Hash(h.L1Digest)
		b.Executed, b.Hash, b.ParentHash, b.TxRoot, b.StateRoot, b.Digest, b.L1Digest = true, &hash, &parent, &txr, &sr, &dg, &l1d
	}
	return b, nil
}

// GetJob returns a job as the executed state holds it (null: no such job).
func (a *trainAPI) GetJob(id hexutil.Uint64) (*client.Job, error) {
	if uint64(id) > state.MaxJobID {
		return nil, &rpcError{code: codeInvalidParams, err: fmt.Errorf("job id %d above %d", id, uint64(state.MaxJobID))}
	}
	at := a.n.executed.Load()
	j, err := a.n.state.Job(state.JobID(id))
	if errors.Is(err, state.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, asRPC(err)
	}
	out := jobJSON(j, at)
	if sj, err := (committedView{a.n.chain}).Job(j.ID); err == nil {
		out.StepsSequenced = hexutil.Uint64(sj.StepsDone)
	}
	return out, nil
}

func jobJSON(j *state.Job, at uint64) *client.Job {
	ph, leaf := j.Params.Hash(), j.Leaf()
	return &client.Job{ID: hexutil.Uint64(j.ID), Owner: j.Owner, Model: j.Params.Model.String(),
		ParamsHash: hashOf(ph), Weights: hashOf(j.Weights), Steps: hexutil.Uint64(j.Params.Steps),
		Batch: hexutil.Uint64(j.Params.Batch), DatasetRoot: hashOf(j.Params.DatasetRoot), DatasetSize: hexutil.Uint64(j.Params.DatasetSize),
		LearningRate: hexutil.Uint64(j.Params.LearningRate), Seed: hexutil.Uint64(j.Params.Seed),
		Order: j.Params.Order.String(), StepsDone: hexutil.Uint64(j.StepsDone), StepsSequenced: hexutil.Uint64(j.StepsDone),
		Status: j.Status.String(), Leaf: hashOf(leaf), Block: hexutil.Uint64(at)}
}

func hashOf(e commit.Element) common.Hash { return common.Hash(e.Bytes()) }

// GetModel returns a job's current weights (null: no such job).
func (a *trainAPI) GetModel(id hexutil.Uint64) (*client.Model, error) {
	if uint64(id) > state.MaxJobID {
		return nil, &rpcError{code: codeInvalidParams, err: fmt.Errorf("job id %d above %d", id, uint64(state.MaxJobID))}
	}
	j, err := a.n.state.Job(state.JobID(id))
	if errors.Is(err, state.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, asRPC(err)
	}
	w, err := a.n.state.Weights(j)
	if err != nil {
		return nil, asRPC(err)
	}
	return &client.Model{Job: id, Model: j.Params.Model.String(), Commitment: hashOf(j.Weights),
		StepsDone: hexutil.Uint64(j.StepsDone), Weights: w.Flat}, nil
}

// GetDataset returns the executed chain's registration of root, or nil.
func (a *trainAPI) GetDataset(root common.Hash) (*client.Dataset, error) {
	var e commit.Element
	if err := e.SetBytesCanonical(root[:]); err != nil {
		return nil, asRPC(fmt.Errorf("%w: root %s is not a field element", chain.ErrDecode, root))
	}
	rec, err := a.n.state.Dataset(e)
	if errors.Is(err, state.ErrNotRegistered) {
		return nil, nil
	}
	if err != nil {
		return nil, asRPC(err)
	}
	var m dataset.Manifest
	if err := m.UnmarshalBinary(rec.Manifest); err != nil {
		return nil, asRPC(fmt.Errorf("%w: the registered manifest of %s: %v", ErrCorrupt, root, err))
	}
	h, _ := m.Hash()
	out := &client.Dataset{Root: root, Samples: hexutil.Uint64(m.Samples), Features: hexutil.Uint64(m.Features), Classes: hexutil.Uint64(m.Classes),
		Name: m.Name, Manifest: rec.Manifest, ManifestHash: h, Block: hexutil.Uint64(rec.Block)}
	for _, c := range m.Chunks {
		out.Chunks = append(out.Chunks, client.DatasetChunk{Height: hexutil.Uint64(c.Height), Commitment: c.Commitment, Samples: hexutil.Uint64(c.Count)})
	}
	return out, nil
}

// SyncStatus returns the node's heads.
func (a *trainAPI) SyncStatus() client.SyncStatus { return a.n.syncStatus() }

// NewHeads streams every executed header.
func (a *trainAPI) NewHeads(ctx context.Context) (*rpc.Subscription, error) {
	notifier, ok := rpc.NotifierFromContext(ctx)
	if !ok {
		return nil, rpc.ErrNotificationsUnsupported
	}
	sub := notifier.CreateSubscription()
	ch, unsub := a.n.heads.subscribe(256)
	go func() {
		defer unsub()
		for {
			select {
			case h, ok := <-ch:
				if !ok {
					return // fell too far behind
				}
				notifier.Notify(sub.ID, &client.Head{Number: hexutil.Uint64(h.Number), Hash: h.Hash(), ParentHash: h.ParentHash,
					Time: hexutil.Uint64(h.Time), StateRoot: h.StateRoot, Digest: h.Digest, TxRoot: h.TxRoot})
			case <-sub.Err():
				return
			}
		}
	}()
	return sub, nil
}

// JobUpdates streams job id after every executed block that touched it.
func (a *trainAPI) JobUpdates(ctx context.Context, id hexutil.Uint64) (*rpc.Subscription, error) {
	if uint64(id) > state.MaxJobID {
		return nil, &rpcError{code: codeInvalidParams, err: fmt.Errorf("job id %d above %d", id, uint64(state.MaxJobID))}
	}
	notifier, ok := rpc.NotifierFromContext(ctx)
	if !ok {
		return nil, rpc.ErrNotificationsUnsupported
	}
	sub := notifier.CreateSubscription()
	ch, unsub := a.n.jobFeed.subscribe(256)
	go func() {
		defer unsub()
		for {
			select {
			case u, ok := <-ch:
				if !ok {
					return // fell too far behind
				}
				if u.Job.ID == state.JobID(id) {
					notifier.Notify(sub.ID, jobJSON(u.Job, u.Block))
				}
			case <-sub.Err():
				return
			}
		}
	}()
	return sub, nil
}
