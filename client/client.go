// Package client talks to a trainrollup sequencer node over JSON-RPC, in
// the manner of go-ethereum's ethclient: typed methods over the train_
// namespace (any node; followers forward writes to the leader) and, with
// the cluster's JWT secret, the admin_ namespace.
//
// Where it sits: clients (the trainrollup CLI, load generators, tests) sign
// transactions with chain.Tx.Sign and send them here; operators manage the
// raft cluster through Admin.
package client

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/state"
)

// ErrNotFound reports a block, transaction or job the node does not know.
var ErrNotFound = errors.New("not found")

// Client is a connection to one node. Safe for concurrent use.
type Client struct {
	c *rpc.Client
}

// Dial connects to a node's JSON-RPC URL: http(s):// or ws(s)://
// (subscriptions need a WebSocket).
func Dial(ctx context.Context, url string) (*Client, error) {
	c, err := rpc.DialContext(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", url, err)
	}
	return &Client{c: c}, nil
}

// Close closes the connection.
func (c *Client) Close() { c.c.Close() }

// RPC returns the underlying RPC client.
func (c *Client) RPC() *rpc.Client { return c.c }

// SendTransaction sends a signed transaction and returns once it is
// sequenced (its block committed by raft), with its hash and block number.
func (c *Client) SendTransaction(ctx context.Context, tx *chain.Tx) (common.Hash, uint64, error) {
	raw, err := tx.MarshalBinary()
	if err != nil {
		return common.Hash{}, 0, err
	}
	return c.SendRawTransaction(ctx, raw)
}

// SendRawTransaction sends an encoded signed transaction; see
// SendTransaction.
func (c *Client) SendRawTransaction(ctx context.Context, raw []byte) (common.Hash, uint64, error) {
	var r SendResult
	if err := c.c.CallContext(ctx, &r, "train_sendRawTransaction", hexutil.Bytes(raw)); err != nil {
		return common.Hash{}, 0, err
	}
	return r.Hash, uint64(r.Block), nil
}

// SendRawTransactions sends many encoded transactions in one call and
// returns, per transaction, its hash and block once sequenced or the
// reason it was not.
func (c *Client) SendRawTransactions(ctx context.Context, raws [][]byte) ([]SendResult, error) {
	args := make([]hexutil.Bytes, len(raws))
	for i, r := range raws {
		args[i] = r
	}
	var out []SendResult
	if err := c.c.CallContext(ctx, &out, "train_sendRawTransactions", args); err != nil {
		return nil, err
	}
	if len(out) != len(raws) {
		return nil, fmt.Errorf("node answered %d results for %d transactions", len(out), len(raws))
	}
	return out, nil
}

// Receipt returns a transaction's receipt, or ErrNotFound when it is not
// sequenced.
func (c *Client) Receipt(ctx context.Context, h common.Hash) (*Receipt, error) {
	var r *Receipt
	if err := c.c.CallContext(ctx, &r, "train_getTransactionReceipt", h); err != nil {
		return nil, err
	}
	if r == nil {
		return nil, fmt.Errorf("%w: transaction %s", ErrNotFound, h)
	}
	return r, nil
}

// ExecutedReceipt waits, while ctx lasts, until the transaction is
// executed, and returns its receipt (status "applied" or "rejected").
func (c *Client) ExecutedReceipt(ctx context.Context, h common.Hash) (*Receipt, error) {
	for {
		r, err := c.Receipt(ctx, h)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return nil, err
		}
		if err == nil && r.Status != "sequenced" {
			return r, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("transaction %s not executed: %w", h, context.Cause(ctx))
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Nonce returns addr's next nonce in the sequenced chain.
func (c *Client) Nonce(ctx context.Context, addr common.Address) (uint64, error) {
	var n hexutil.Uint64
	err := c.c.CallContext(ctx, &n, "train_getTransactionCount", addr)
	return uint64(n), err
}

// BlockNumber returns the sequenced head.
func (c *Client) BlockNumber(ctx context.Context) (uint64, error) {
	var n hexutil.Uint64
	err := c.c.CallContext(ctx, &n, "train_blockNumber")
	return uint64(n), err
}

// BlockByNumber returns block n (nil: the sequenced head), with the
// transactions' encodings when full is set.
func (c *Client) BlockByNumber(ctx context.Context, n *uint64, full bool) (*Block, error) {
	arg := "latest"
	if n != nil {
		arg = hexutil.EncodeUint64(*n)
	}
	var b *Block
	if err := c.c.CallContext(ctx, &b, "train_getBlockByNumber", arg, full); err != nil {
		return nil, err
	}
	if b == nil {
		return nil, fmt.Errorf("%w: block %s", ErrNotFound, arg)
	}
	return b, nil
}

// Job returns job id in the executed state.
func (c *Client) Job(ctx context.Context, id state.JobID) (*Job, error) {
	var j *Job
	if err := c.c.CallContext(ctx, &j, "train_getJob", hexutil.Uint64(id)); err != nil {
		return nil, err
	}
	if j == nil {
		return nil, fmt.Errorf("%w: job %d", ErrNotFound, id)
	}
	return j, nil
}

// Dataset returns the registration of the dataset with root, or an
// error wrapping ErrNotFound when the executed chain has none.
func (c *Client) Dataset(ctx context.Context, root common.Hash) (*Dataset, error) {
	var d *Dataset
	if err := c.c.CallContext(ctx, &d, "train_getDataset", root); err != nil {
		return nil, err
	}
	if d == nil {
		return nil, fmt.Errorf("%w: dataset %s is not registered", ErrNotFound, root)
	}
	return d, nil
}

// Model returns job id's current weights.
func (c *Client) Model(ctx context.Context, id state.JobID) (*Model, error) {
	var m *Model
	if err := c.c.CallContext(ctx, &m, "train_getModel", hexutil.Uint64(id)); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, fmt.Errorf("%w: job %d", ErrNotFound, id)
	}
	return m, nil
}

// SyncStatus returns the node's heads.
func (c *Client) SyncStatus(ctx context.Context) (*SyncStatus, error) {
	var s SyncStatus
	err := c.c.CallContext(ctx, &s, "train_syncStatus")
	return &s, err
}

// SubscribeNewHeads sends every executed header to ch (WebSocket only).
func (c *Client) SubscribeNewHeads(ctx context.Context, ch chan<- *Head) (*rpc.ClientSubscription, error) {
	return c.c.Subscribe(ctx, "train", ch, "newHeads")
}

// SubscribeJob sends job id after every executed block that touched it
// (WebSocket only).
func (c *Client) SubscribeJob(ctx context.Context, id state.JobID, ch chan<- *Job) (*rpc.ClientSubscription, error) {
	return c.c.Subscribe(ctx, "train", ch, "jobUpdates", hexutil.Uint64(id))
}

// Admin is a connection to a node's admin_ namespace.
type Admin struct {
	c *rpc.Client
}

// DialAdmin connects to a node's admin endpoint (the node's URL; /admin is
// appended) with JWTs made from the cluster's secret.
func DialAdmin(ctx context.Context, url string, secret [32]byte) (*Admin, error) {
	c, err := rpc.DialOptions(ctx, url+"/admin", rpc.WithHTTPAuth(node.NewJWTAuth(secret)))
	if err != nil {
		return nil, fmt.Errorf("dial %s/admin: %w", url, err)
	}
	return &Admin{c: c}, nil
}

// Close closes the connection.
func (a *Admin) Close() { a.c.Close() }

// Membership returns the raft configuration.
func (a *Admin) Membership(ctx context.Context) (*Membership, error) {
	var m Membership
	err := a.c.CallContext(ctx, &m, "admin_clusterMembership")
	return &m, err
}

// Leader returns the leader as a member.
func (a *Admin) Leader(ctx context.Context) (*Member, error) {
	var m Member
	err := a.c.CallContext(ctx, &m, "admin_leader")
	return &m, err
}

// AddVoter adds (or promotes) server id at its raft address as a voter.
// prevIndex, when not 0, makes the change conditional on the configuration
// index (Membership.Index).
func (a *Admin) AddVoter(ctx context.Context, id, addr string, prevIndex uint64) error {
	return a.c.CallContext(ctx, nil, "admin_addVoter", id, addr, hexutil.Uint64(prevIndex))
}

// AddNonvoter adds server id as a non-voter (it replicates, never votes).
func (a *Admin) AddNonvoter(ctx context.Context, id, addr string, prevIndex uint64) error {
	return a.c.CallContext(ctx, nil, "admin_addNonvoter", id, addr, hexutil.Uint64(prevIndex))
}

// RemoveServer removes server id from the cluster.
func (a *Admin) RemoveServer(ctx context.Context, id string, prevIndex uint64) error {
	return a.c.CallContext(ctx, nil, "admin_removeServer", id, hexutil.Uint64(prevIndex))
}

// TransferLeader hands leadership to server id ("" lets raft pick).
func (a *Admin) TransferLeader(ctx context.Context, id string) error {
	return a.c.CallContext(ctx, nil, "admin_transferLeader", id)
}

// Pause stops block production on the leader (transactions are refused
// with "sequencing is paused"); Resume restarts it.
func (a *Admin) Pause(ctx context.Context) error { return a.c.CallContext(ctx, nil, "admin_pause") }

// Resume restarts block production.
func (a *Admin) Resume(ctx context.Context) error { return a.c.CallContext(ctx, nil, "admin_resume") }
