package sequencer

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// rpcCode returns the JSON-RPC error code of err (0 when it has none).
func rpcCode(err error) int {
	var re rpc.Error
	if errors.As(err, &re) {
		return re.ErrorCode()
	}
	return 0
}

// TestRejections sends every kind of bad transaction through a follower
// (forwarded to the leader) and checks each is refused with a clear,
// coded error and changes nothing.
func TestRejections(t *testing.T) {
	c := newCluster(t, 3)
	l := c.leader(10 * time.Second)
	cl := c.dial((l + 1) % 3)
	ctx := context.Background()
	a, b := newAccount(t), newAccount(t)
	create := c.createTx(a, 1, 100)
	if _, _, err := cl.SendRawTransaction(ctx, create); err != nil {
		t.Fatal(err)
	}
	good := stepTx(t, a, 1, 0)

	tamper := func(raw []byte, f func(tx *chain.Tx)) []byte {
		var tx chain.Tx
		if err := tx.UnmarshalBinary(raw); err != nil {
			t.Fatal(err)
		}
		f(&tx)
		out, err := tx.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	wrongChain := func() []byte {
		tx := &chain.Tx{Type: chain.TxTrainStep, ChainID: testChainID + 1, Nonce: 1, Job: 1, Indices: make([]uint64, 8)}
		if err := tx.Sign(a.key); err != nil {
			t.Fatal(err)
		}
		raw, _ := tx.MarshalBinary()
		return raw
	}()
	spec, _ := model.Parse("4-8-3")
	badParams := c.env.Params(t, spec, 8, 3277, 1, 100)
	badParams.InitWeights = state.EmptyRoot() // not the seed's weights
	pp, _ := chain.ParamsOf(badParams)
	badCreate := b.sign(t, &chain.Tx{Type: chain.TxCreateJob, Job: 2, Params: pp})
	b.nonce = 0
	highS := tamper(good, func(tx *chain.Tx) { tx.S = new(big.Int).Sub(crypto.S256().Params().N, tx.S) })
	l1msg := func() []byte {
		p, _ := chain.ParamsOf(c.env.Params(t, spec, 8, 3277, 1, 100))
		raw, _ := (&chain.Tx{Type: chain.TxL1Message, QueueIndex: 0, Job: 1 << 31, Owner: a.addr(), Params: p}).MarshalBinary()
		return raw
	}()

	for _, tc := range []struct {
		name string
		raw  []byte
		code int
		msg  string
	}{
		{"garbage", []byte{2, 0xc0}, codeInvalidParams, "malformed transaction"},
		{"oversize", append([]byte{2}, make([]byte, chain.MaxTxSize)...), codeInvalidParams, "malformed transaction"},
		{"bad signature", tamper(good, func(tx *chain.Tx) { tx.R = big.NewInt(0) }), codeRejected, "invalid signature"},
		{"high s", highS, codeRejected, "invalid signature"},
		{"wrong chain id", wrongChain, codeRejected, "wrong chain id"},
		{"replayed nonce", create, codeRejected, ""}, // answered with its block, see below
		{"nonce too far ahead", func() []byte { a.nonce = 500; defer func() { a.nonce = 1 }(); return stepTx(t, a, 1, 0) }(), codeRejected, "nonce too far ahead"},
		{"not the owner", stepTx(t, b, 1, 0), codeRejected, "only the job's owner"},
		{"no such job", func() []byte { b.nonce = 0; return stepTx(t, b, 77, 0) }(), codeRejected, "no such job"},
		{"bad indices", func() []byte {
			a.nonce = 1
			return a.sign(t, &chain.Tx{Type: chain.TxTrainStep, Job: 1, Indices: []uint64{0, 1, 2, 3, 4, 5, 6, 120}})
		}(), codeRejected, "invalid sample indices"},
		{"bad parameters", badCreate, codeRejected, "invalid job parameters"},
		{"L1 message from a client", l1msg, codeRejected, "L1 messages come from the bridge"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, blk, err := cl.SendRawTransaction(ctx, tc.raw)
			if tc.name == "replayed nonce" {
				// Sending a sequenced transaction again is idempotent.
				if err != nil || blk == 0 {
					t.Fatalf("resending a sequenced transaction: block %d, %v", blk, err)
				}
				return
			}
			if err == nil {
				t.Fatal("accepted")
			}
			if rpcCode(err) != tc.code || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("error %q (code %d), want code %d containing %q", err, rpcCode(err), tc.code, tc.msg)
			}
		})
	}
	// A call forwarded to a node that does not lead is refused, not
	// forwarded again.
	hop, err := rpc.DialOptions(ctx, c.node((l+1)%3).RPCURL(), rpc.WithHeader("User-Agent", forwardAgent))
	if err != nil {
		t.Fatal(err)
	}
	defer hop.Close()
	var res client.SendResult
	if err := hop.CallContext(ctx, &res, "train_sendRawTransaction", hexutil.Bytes(good)); err == nil || !strings.Contains(err.Error(), "does not lead") {
		t.Fatalf("a forwarded call on a follower: %v", err)
	}

	// Nothing above reached the chain: the next step of a is nonce 1.
	a.nonce = 1
	if _, _, err := cl.SendRawTransaction(ctx, stepTx(t, a, 1, 0)); err != nil {
		t.Fatalf("a valid step after the rejections: %v", err)
	}
	c.converge(2, 10*time.Second)
	if j, err := cl.Job(ctx, 1); err != nil || j.StepsDone != 1 {
		t.Fatalf("job: %+v, %v", j, err)
	}
}

// TestQueries checks receipts, blocks, jobs, models, the sync status and
// both subscriptions against what the executor computes on its own.
func TestQueries(t *testing.T) {
	c := newCluster(t, 1)
	c.leader(10 * time.Second)
	ctx := context.Background()
	httpc := c.dial(0)
	ws, err := client.Dial(ctx, strings.Replace(c.node(0).RPCURL(), "http", "ws", 1))
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	heads := make(chan *client.Head, 100)
	hsub, err := ws.SubscribeNewHeads(ctx, heads)
	if err != nil {
		t.Fatal(err)
	}
	defer hsub.Unsubscribe()
	jobs := make(chan *client.Job, 100)
	jsub, err := ws.SubscribeJob(ctx, 6, jobs)
	if err != nil {
		t.Fatal(err)
	}
	defer jsub.Unsubscribe()
	if _, err := httpc.SubscribeNewHeads(ctx, heads); err == nil {
		t.Fatal("a subscription over HTTP was accepted")
	}

	a := newAccount(t)
	var raws [][]byte
	raws = append(raws, c.createTx(a, 6, 5))
	for k := range uint64(5) {
		raws = append(raws, stepTx(t, a, 6, k))
	}
	raws = append(raws, stepTx(t, a, 6, 5)) // a sixth step: the job is done
	rs, err := ws.SendRawTransactions(ctx, raws)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rs[:6] {
		if r.Error != "" || r.Block == 0 {
			t.Fatalf("tx %d: %+v", i, r)
		}
	}
	if rs[6].Error == "" || !strings.Contains(rs[6].Error, "no steps left") {
		t.Fatalf("the step beyond the job's steps: %+v", rs[6])
	}
	head := c.converge(uint64(rs[5].Block), 10*time.Second)

	// The executor alone, same transactions: same roots and weights.
	ex := c.env.Exec
	var p state.Params
	{
		var tx chain.Tx
		if err := tx.UnmarshalBinary(raws[0]); err != nil {
			t.Fatal(err)
		}
		if p, err = tx.Params.State(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ex.CreateJob(6, a.addr(), p); err != nil {
		t.Fatal(err)
	}
	for k := range uint64(5) {
		var tx chain.Tx
		if err := tx.UnmarshalBinary(raws[1+k]); err != nil {
			t.Fatal(err)
		}
		if _, err := ex.ApplyStep(executor.Step{Job: 6, Indices: tx.Indices}); err != nil {
			t.Fatal(err)
		}
	}
	wantRoot, _ := ex.Root()
	hdr, err := c.node(0).header(head)
	if err != nil {
		t.Fatal(err)
	}
	if hdr.StateRoot != wantRoot.Bytes() {
		t.Fatal("the chain's state root differs from the executor's")
	}

	for i, raw := range raws[:6] {
		r, err := httpc.Receipt(ctx, crypto.Keccak256Hash(raw))
		if err != nil || r.Status != client.StatusApplied || r.From != a.addr() || uint64(r.Job) != 6 {
			t.Fatalf("receipt %d: %+v, %v", i, r, err)
		}
	}
	if _, err := httpc.Receipt(ctx, common.Hash{1}); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("receipt of an unknown transaction: %v", err)
	}
	blk, err := httpc.BlockByNumber(ctx, nil, true)
	if err != nil || uint64(blk.Number) != head || !blk.Executed || *blk.StateRoot != common.Hash(wantRoot.Bytes()) || len(blk.Txs) != len(blk.TxHashes) {
		t.Fatalf("latest block: %+v, %v", blk, err)
	}
	var txs []*chain.Tx
	for _, raw := range blk.Txs {
		var tx chain.Tx
		if err := tx.UnmarshalBinary(raw); err != nil {
			t.Fatal(err)
		}
		txs = append(txs, &tx)
	}
	if root, _ := chain.TxRoot(txs); root != *blk.TxRoot {
		t.Fatal("block's transactions root is not its transactions'")
	}
	zero := uint64(0)
	if g, err := httpc.BlockByNumber(ctx, &zero, false); err != nil || *g.Hash != chain.Genesis(c.cfgs[0].GenesisTime).Header.Hash() {
		t.Fatalf("genesis: %+v, %v", g, err)
	}
	far := head + 100
	if _, err := httpc.BlockByNumber(ctx, &far, false); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("block beyond the head: %v", err)
	}

	job, err := httpc.Job(ctx, 6)
	if err != nil || job.Status != "completed" || job.StepsDone != 5 || job.StepsSequenced != 5 || job.Owner != a.addr() {
		t.Fatalf("job: %+v, %v", job, err)
	}
	if _, err := httpc.Job(ctx, 7); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("unknown job: %v", err)
	}
	m, err := httpc.Model(ctx, 6)
	if err != nil {
		t.Fatal(err)
	}
	w, err := model.FromFlat(p.Model, m.Weights)
	if err != nil {
		t.Fatal(err)
	}
	if c := w.Commitment(); common.Hash(c.Bytes()) != job.Weights || m.Commitment != job.Weights {
		t.Fatal("model weights do not hash to the job's commitment")
	}
	st, err := httpc.SyncStatus(ctx)
	if err != nil || uint64(st.Sequenced) != head || uint64(st.Executed) != head || !st.IsLeader || st.Leader != "n0" {
		t.Fatalf("sync status: %+v, %v", st, err)
	}

	// Subscriptions: heads up to the head, in order (from the one after
	// the dataset's registration, executed before the subscription); the
	// job's updates end completed.
	last := uint64(1)
	timeout := time.After(10 * time.Second)
	for last < head {
		select {
		case h := <-heads:
			if uint64(h.Number) != last+1 {
				t.Fatalf("head %d after %d", h.Number, last)
			}
			last = uint64(h.Number)
		case err := <-hsub.Err():
			t.Fatal(err)
		case <-timeout:
			t.Fatalf("heads stopped at %d of %d", last, head)
		}
	}
	for done := false; !done; {
		select {
		case j := <-jobs:
			done = j.Status == "completed"
		case err := <-jsub.Err():
			t.Fatal(err)
		case <-timeout:
			t.Fatal("no completed job update")
		}
	}

	// Malformed parameters are refused by the RPC layer, not the node.
	var out any
	for _, call := range []struct {
		method string
		args   []any
	}{
		{"train_getJob", []any{"0x1ffffffff"}},
		{"train_getJob", []any{"seven"}},
		{"train_getBlockByNumber", []any{"0xzz", false}},
		{"train_sendRawTransaction", []any{"0x"}},
		{"train_sendRawTransactions", []any{make([]hexutil.Bytes, MaxSendBatch+1)}},
	} {
		if err := httpc.RPC().CallContext(ctx, &out, call.method, call.args...); err == nil {
			t.Errorf("%s%v accepted", call.method, call.args)
		}
	}
}

// TestAdminAuth checks that the admin endpoint refuses requests without a
// token, with another secret's token or with a stale one, and that pause
// stops sequencing until resume.
func TestAdminAuth(t *testing.T) {
	c := newCluster(t, 1)
	c.leader(10 * time.Second)
	ctx := context.Background()
	url := c.node(0).RPCURL()
	body := `{"jsonrpc":"2.0","id":1,"method":"admin_leader","params":[]}`
	for _, auth := range []string{"", "Bearer nonsense", "Basic abc"} {
		req, _ := http.NewRequest("POST", url+"/admin", bytes.NewBufferString(body))
		req.Header.Set("Content-Type", "application/json")
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("auth %q: status %d", auth, resp.StatusCode)
		}
	}
	wrong, err := client.DialAdmin(ctx, url, [32]byte{9})
	if err != nil {
		t.Fatal(err)
	}
	defer wrong.Close()
	if _, err := wrong.Leader(ctx); err == nil {
		t.Fatal("a token of another secret was accepted")
	}
	adm, err := client.DialAdmin(ctx, url, testSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer adm.Close()
	if ld, err := adm.Leader(ctx); err != nil || ld.ID != "n0" {
		t.Fatalf("leader: %+v, %v", ld, err)
	}
	// The train_ endpoint does not serve admin_.
	var out any
	if err := c.dial(0).RPC().CallContext(ctx, &out, "admin_pause"); err == nil {
		t.Fatal("admin_pause served without auth on the public endpoint")
	}

	cl := c.dial(0)
	a := newAccount(t)
	if err := adm.Pause(ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := cl.SendRawTransaction(ctx, c.createTx(a, 1, 10)); err == nil || !strings.Contains(err.Error(), "paused") {
		t.Fatalf("write while paused: %v", err)
	}
	if err := adm.Resume(ctx); err != nil {
		t.Fatal(err)
	}
	a.nonce = 0
	if _, _, err := cl.SendRawTransaction(ctx, c.createTx(a, 1, 10)); err != nil {
		t.Fatalf("write after resume: %v", err)
	}
}
