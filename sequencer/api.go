package sequencer

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/golang-jwt/jwt/v4"
	"github.com/hashicorp/raft"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/rollup"
	"github.com/trainrollup/trainrollup/sequencer/mempool"
	"github.com/trainrollup/trainrollup/state"
)

// MaxSendBatch caps the transactions of one train_sendRawTransactions call.
const MaxSendBatch = 4096

// JSON-RPC error codes of the train_ and admin_ namespaces.
const (
	codeInvalidParams = -32602
	codeRejected      = -32000 // the mempool or the sequencer refused it
	codeNotFound      = -32001
	codeUnavailable   = -32002 // no leader, paused, stopped, not confirmed
	codeInternal      = -32603
)

// rpcError is an error with a JSON-RPC code.
type rpcError struct {
	code int
	err  error
}

func (e *rpcError) Error() string  { return e.err.Error() }
func (e *rpcError) ErrorCode() int { return e.code }
func (e *rpcError) Unwrap() error  { return e.err }

// asRPC gives err the code its cause deserves.
func asRPC(err error) error {
	if err == nil {
		return nil
	}
	var re rpc.Error
	if errors.As(err, &re) {
		return err // already coded (e.g. forwarded from the leader)
	}
	code := codeInternal
	switch {
	case errors.Is(err, chain.ErrDecode):
		code = codeInvalidParams
	case fault.IsRejected(err):
		code = codeRejected
	case errors.Is(err, ErrNotFound):
		code = codeNotFound
	case errors.Is(err, ErrNotLeader), errors.Is(err, ErrPaused), errors.Is(err, ErrStopped), errors.Is(err, ErrForward),
		errors.Is(err, ErrNotSequenced), errors.Is(err, ErrUnconfirmed), errors.Is(err, raft.ErrNotLeader),
		errors.Is(err, raft.ErrLeadershipLost), errors.Is(err, raft.ErrEnqueueTimeout), errors.Is(err, raft.ErrRaftShutdown),
		errors.Is(err, raft.ErrLeadershipTransferInProgress), errors.Is(err, mempool.ErrClosed):
		code = codeUnavailable
	}
	return &rpcError{code: code, err: err}
}

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
		sr, dg := common.Hash(h.StateRoot), common.Hash(h.Digest)
		b.Executed, b.Hash, b.ParentHash, b.TxRoot, b.StateRoot, b.Digest = true, &hash, &parent, &txr, &sr, &dg
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
		StepsDone: hexutil.Uint64(j.StepsDone), StepsSequenced: hexutil.Uint64(j.StepsDone),
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

// SyncStatus returns the node's heads.
func (a *trainAPI) SyncStatus() client.SyncStatus {
	_, id := a.n.raft.LeaderWithID()
	return client.SyncStatus{Sequenced: hexutil.Uint64(a.n.chain.Head()), Executed: hexutil.Uint64(a.n.executed.Load()),
		Posted: hexutil.Uint64(a.n.posted.Load()), Proven: hexutil.Uint64(a.n.proven.Load()), Finalized: hexutil.Uint64(a.n.finalized.Load()),
		Leader: string(id), IsLeader: a.n.IsLeader()}
}

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

// sendResult is one transaction's outcome on the leader.
type sendResult struct {
	hash  common.Hash
	block uint64
	err   error
}

// send admits raws to the pool and waits until each is sequenced, refused
// or out of time. Waiters are registered before admission, so a block
// applied in between is not missed.
func (n *Node) send(ctx context.Context, raws [][]byte) ([]sendResult, error) {
	pool := n.pool.Load()
	if pool == nil {
		return nil, ErrNotLeader
	}
	if n.paused.Load() {
		return nil, ErrPaused
	}
	out := make([]sendResult, len(raws))
	chans := make([]chan waitResult, len(raws))
	for i, raw := range raws {
		out[i].hash = crypto.Keccak256Hash(raw)
		chans[i] = n.wait(out[i].hash)
		_, err := pool.AddRaw(raw)
		switch {
		case err == nil, errors.Is(err, mempool.ErrKnown):
		case errors.Is(err, mempool.ErrNonceTooLow) && n.inFlight(raw):
			// Sent again while its block is proposed and not yet applied:
			// keep waiting for that block.
		case errors.Is(err, mempool.ErrNonceTooLow):
			// Sent again after it was sequenced: answer with its block.
			n.unwait(out[i].hash, chans[i])
			chans[i] = nil
			if num, _, lerr := n.chain.txLocation(out[i].hash); lerr == nil {
				out[i].block = num
			} else {
				out[i].err = err
			}
		case errors.Is(err, mempool.ErrClosed):
			n.unwait(out[i].hash, chans[i])
			chans[i], out[i].err = nil, ErrNotSequenced
		default:
			n.unwait(out[i].hash, chans[i])
			chans[i], out[i].err = nil, err
		}
	}
	select {
	case n.poolWake <- struct{}{}:
	default:
	}
	timeout := time.NewTimer(n.cfg.ConfirmTimeout)
	defer timeout.Stop()
	expired := false
	for i, ch := range chans {
		if ch == nil {
			continue
		}
		if !expired {
			select {
			case r := <-ch:
				out[i].block, out[i].err = r.block, r.err
				continue
			case <-timeout.C:
			case <-ctx.Done():
			case <-n.ctx.Done():
			}
			expired = true
		}
		// Out of time (or the caller or the node left): the rest are
		// unconfirmed unless already told or in the chain.
		n.unwait(out[i].hash, ch)
		select {
		case r := <-ch:
			out[i].block, out[i].err = r.block, r.err
			continue
		default:
		}
		if num, _, err := n.chain.txLocation(out[i].hash); err == nil {
			out[i].block = num
		} else {
			out[i].err = ErrUnconfirmed
		}
	}
	return out, nil
}

// inFlight reports whether raw, refused by the pool as too low a nonce, has
// a nonce the committed chain has not reached: a proposed block holds it
// (or another transaction of that nonce).
func (n *Node) inFlight(raw []byte) bool {
	var tx chain.Tx
	if err := tx.UnmarshalBinary(raw); err != nil {
		return false
	}
	from, err := tx.Sender(n.cfg.ChainID)
	if err != nil {
		return false
	}
	committed, _ := (committedView{n.chain}).Nonce(from)
	return tx.Nonce >= committed
}

// forwardAgent is the User-Agent of forwarded calls: a node that receives
// one and does not lead refuses it rather than forwarding it again, so two
// nodes with stale views of the leader never bounce a call between them.
const forwardAgent = "trainrollup-forward/1"

// forwarded reports whether the call in ctx came from another node.
func forwarded(ctx context.Context) bool {
	return rpc.PeerInfoFromContext(ctx).HTTP.UserAgent == forwardAgent
}

// forward sends a train_ write to the leader.
func (n *Node) forward(ctx context.Context, result any, method string, args ...any) error {
	if forwarded(ctx) {
		return fmt.Errorf("%w: forwarded here, but this node does not lead", ErrNotLeader)
	}
	c, err := n.leaderClient(ctx, false)
	if err != nil {
		return err
	}
	return forwardErr(c.CallContext(ctx, result, method, args...))
}

// forwardErr keeps the leader's coded errors and marks transport failures
// (the leader went away mid-call) as ErrForward.
func forwardErr(err error) error {
	var re rpc.Error
	if err == nil || errors.As(err, &re) {
		return err
	}
	return fmt.Errorf("%w: %v", ErrForward, err)
}

// leaderClient returns a client of the leader's train_ (or admin_)
// endpoint, cached per address. During an election, or before the new
// leader's address reached this node, it waits up to leaderWait.
func (n *Node) leaderClient(ctx context.Context, admin bool) (*rpc.Client, error) {
	url, err := n.leaderURL(ctx)
	if err != nil {
		return nil, err
	}
	if admin {
		url += "/admin"
	}
	n.rpc.mu.Lock()
	defer n.rpc.mu.Unlock()
	if c, ok := n.rpc.clients[url]; ok {
		return c, nil
	}
	opts := []rpc.ClientOption{rpc.WithHeader("User-Agent", forwardAgent)}
	if admin {
		opts = append(opts, rpc.WithHTTPAuth(node.NewJWTAuth(n.cfg.AdminSecret)))
	}
	c, err := rpc.DialOptions(ctx, url, opts...)
	if err != nil {
		return nil, err
	}
	n.rpc.clients[url] = c
	return c, nil
}

// leaderWait bounds how long a forwarded call waits for a leader: about
// one election.
const leaderWait = 3 * time.Second

// leaderURL returns the JSON-RPC URL of the leader, waiting for one.
func (n *Node) leaderURL(ctx context.Context) (string, error) {
	deadline := time.Now().Add(leaderWait)
	for {
		var err error
		_, id := n.raft.LeaderWithID()
		switch url, ok := n.chain.member(string(id)); {
		case id == "":
			err = ErrNotLeader
		case id == raft.ServerID(n.cfg.ID):
			err = fmt.Errorf("%w: this node was just elected and is not sequencing yet", ErrNotLeader)
		case !ok:
			err = fmt.Errorf("%w: leader %s has not announced its RPC address yet", ErrNotLeader, id)
		default:
			return url, nil
		}
		if time.Now().After(deadline) {
			return "", err
		}
		select {
		case <-ctx.Done():
			return "", errors.Join(err, ctx.Err())
		case <-n.ctx.Done():
			return "", ErrStopped
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// newRPCServer listens on cfg.RPCAddr and serves train_ at / and admin_ at
// /admin (JWT), each over HTTP and WebSocket.
func newRPCServer(n *Node) (*rpcServer, error) {
	ln, err := net.Listen("tcp", n.cfg.RPCAddr)
	if err != nil {
		return nil, fmt.Errorf("JSON-RPC listener on %s: %w", n.cfg.RPCAddr, err)
	}
	train := rpc.NewServer()
	if err := train.RegisterName("train", &trainAPI{n}); err != nil {
		ln.Close()
		return nil, err
	}
	admin := rpc.NewServer()
	if err := admin.RegisterName("admin", &adminAPI{n}); err != nil {
		ln.Close()
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/", httpOrWS(train))
	mux.Handle("/admin", jwtHandler(n.cfg.AdminSecret, httpOrWS(admin)))
	if n.cfg.Metrics != nil {
		mux.Handle("/metrics", promhttp.HandlerFor(n.cfg.Metrics, promhttp.HandlerOpts{}))
	}
	s := &rpcServer{ln: ln, http: &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}, rpcClients: rpcClients{clients: map[string]*rpc.Client{}}}
	s.stop = func() {
		train.Stop()
		admin.Stop()
		s.mu.Lock()
		for _, c := range s.clients {
			c.Close()
		}
		s.mu.Unlock()
	}
	go s.http.Serve(ln)
	return s, nil
}

func httpOrWS(s *rpc.Server) http.Handler {
	ws := s.WebsocketHandler([]string{"*"})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
			ws.ServeHTTP(w, r)
			return
		}
		s.ServeHTTP(w, r)
	})
}

// jwtTolerance is how far a token's iat may be from now (the engine API's
// rule).
const jwtTolerance = 60 * time.Second

// jwtHandler admits requests that carry an HS256 JWT made with secret and
// issued within jwtTolerance of now.
func jwtHandler(secret [32]byte, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		if len(auth) < 7 || !strings.EqualFold(auth[:7], "bearer ") {
			http.Error(w, "missing bearer token", http.StatusUnauthorized)
			return
		}
		var claims jwt.RegisteredClaims
		tok, err := jwt.ParseWithClaims(auth[7:], &claims, func(*jwt.Token) (any, error) { return secret[:], nil },
			jwt.WithValidMethods([]string{"HS256"}), jwt.WithoutClaimsValidation())
		switch {
		case err != nil:
			http.Error(w, "invalid token: "+err.Error(), http.StatusUnauthorized)
		case !tok.Valid:
			http.Error(w, "invalid token", http.StatusUnauthorized)
		case claims.IssuedAt == nil:
			http.Error(w, "token without iat", http.StatusUnauthorized)
		case time.Since(claims.IssuedAt.Time) > jwtTolerance || time.Until(claims.IssuedAt.Time) > jwtTolerance:
			http.Error(w, "token issued too far from now", http.StatusUnauthorized)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// rpcServerState is embedded in rpcServer: cached clients of the leader.
type rpcClients struct {
	mu      sync.Mutex
	clients map[string]*rpc.Client
}
