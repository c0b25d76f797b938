package l1_test

import (
	"fmt"
	"math/big"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/internal/evmtest"
	"github.com/trainrollup/trainrollup/internal/gethdev"
	"github.com/trainrollup/trainrollup/internal/wait"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/l1/bindings"
)

// TestBridgeOnGethDev runs the bridge's whole flow through the l1
// package's transaction manager and watcher against a real node, geth
// --dev: deploy, a job requested on L1 and seen by the watcher, an
// operator staked, a batch consuming it committed and proven, the job
// finalized with its Merkle path, the classifier answering like the
// executor.
func TestBridgeOnGethDev(t *testing.T) {
	if testing.Short() {
		t.Skip("starts geth --dev (built by go tool geth): not in -short")
	}
	node := gethdev.Start(t)
	bridgeFlow(t, node.Client, func(a common.Address) { node.Fund(t, a, new(big.Int).Lsh(big.NewInt(1), 80)) })
}

// TestBridgeOnSimulated is the same flow on the embedded L1, mining every
// 10 ms.
func TestBridgeOnSimulated(t *testing.T) {
	c := newChain(t, 10*time.Millisecond)
	m := c.txm(t, l1.TxConfig{})
	bridgeFlow(t, c.sim.Client(), func(a common.Address) {
		if _, err := m.Send(t.Context(), l1.Candidate{To: &a, Value: new(big.Int).Lsh(big.NewInt(1), 80)}); err != nil {
			t.Fatal(err)
		}
	})
}

func bridgeFlow(t *testing.T, client l1.Client, fund func(common.Address)) {
	ctx := t.Context()
	op, alice := newAccount(), newAccount()
	fund(op.addr)
	fund(alice.addr)
	cfg := l1.TxConfig{PollInterval: 20 * time.Millisecond, Confirmations: 1}
	opTx, err := l1.NewTxManager(ctx, client, op.key, cfg)
	if err != nil {
		t.Fatal(err)
	}
	aliceTx, err := l1.NewTxManager(ctx, client, alice.key, cfg)
	if err != nil {
		t.Fatal(err)
	}
	bc := l1.DefaultBridgeConfig(rollupChainID)
	d, err := l1.Deploy(ctx, opTx, evmtest.TestContracts(t)["ClaimVerifier"].Bin, bc)
	if err != nil {
		t.Fatal(err)
	}
	asOp, asAlice := l1.NewBridge(d.Bridge, opTx), l1.NewBridge(d.Bridge, aliceTx)
	// A node's head follower, reading the heads as a node does.
	var followed atomic.Pointer[[2]uint64]
	fcfg := l1.DefaultHeadFollowerConfig()
	fcfg.FromBlock, fcfg.Interval = d.Block, 20*time.Millisecond
	follower, err := l1.NewHeadFollower(l1.NewBridgeReader(d.Bridge, client), fcfg, func(posted, final uint64) {
		followed.Store(&[2]uint64{posted, final})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := follower.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer follower.Stop(ctx)
	follows := func(posted, final uint64) {
		t.Helper()
		wait.NoError(t, 30*time.Second, fmt.Sprintf("the head follower to have posted %d, finalized %d", posted, final), func() error {
			if h := followed.Load(); h == nil || h[0] != posted || h[1] != final {
				return fmt.Errorf("it has %v", h)
			}
			return nil
		})
	}
	follows(0, 0)

	tr := newTrainer(t)
	p := tr.params(40, 3)
	id, err := asAlice.RequestTraining(ctx, jobParams(t, p), time.Now().Add(24*time.Hour), big.NewInt(1e17))
	if err != nil {
		t.Fatal(err)
	}
	if id != l1.L1JobIDBase {
		t.Fatalf("job id %d", id)
	}
	// The operator learns of the request from the watcher.
	w := newWatcher(t, client, l1.WatcherConfig{Bridge: d.Bridge, Confirmations: 1}, l1.Cursor{Block: d.Block})
	var rec recorder
	wait.For(t, 30*time.Second, "the watcher to see the request", func() bool {
		if err := w.Poll(ctx, &rec); err != nil {
			t.Fatal(err)
		}
		return len(rec.ms) > 0
	})
	msg := rec.ms[0]
	if msg.JobID != id || msg.Owner != alice.addr || msg.Params.Steps != 40 {
		t.Fatalf("message %+v", msg)
	}

	if err := asOp.Stake(ctx, bc.MinStake); err != nil {
		t.Fatal(err)
	}
	j, w8 := tr.train(msg.JobID, msg.Owner, p)
	genesis := l1.GenesisHeader(bc.GenesisRoot)
	b1, err := asOp.CommitBatch(ctx, genesis, l1.BatchInput{LastBlock: 4, DaHeight: 1, TxDigest: element(commit.FromUint64(1)),
		StateRoot: element(tr.root()), L1MessagesConsumed: 1, L1QueueHash: msg.QueueHash})
	if err != nil {
		t.Fatal(err)
	}
	if b1.Index != 1 || b1.Committer != op.addr {
		t.Fatalf("batch 1: %+v", b1)
	}
	if posted, final, err := asOp.Heads(ctx, d.Block); err != nil || posted != 4 || final != 0 {
		t.Fatalf("heads after a commit: posted %d, finalized %d (%v)", posted, final, err)
	}
	follows(4, 0)
	if _, err := asOp.ProveBatches(ctx, genesis, b1, proof(genesis, b1)); err != nil {
		t.Fatal(err)
	}
	if posted, final, err := asOp.Heads(ctx, d.Block); err != nil || posted != 4 || final != 4 {
		t.Fatalf("heads after the proof: posted %d, finalized %d (%v)", posted, final, err)
	}
	follows(4, 4)
	if err := follower.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := follower.Start(ctx); err == nil {
		t.Fatal("a stopped head follower started again")
	}
	if _, err := l1.NewHeadFollower(asOp, l1.HeadFollowerConfig{}, nil); err == nil {
		t.Fatal("a head follower without an interval")
	}
	if lp, err := asOp.LastProven(ctx); err != nil || lp != 1 {
		t.Fatalf("last proven %d (%v)", lp, err)
	}
	if _, err := asAlice.FinalizeJob(ctx, b1, l1.LeafOf(j), tr.path(j.ID), l1.PriorOf(genesis, j.ID, nil, l1.EmptyPath())); err != nil {
		t.Fatal(err)
	}
	mc, err := asAlice.ModelCommitment(ctx, id)
	if err != nil || mc.Cmp(element(w8.Commitment())) != 0 {
		t.Fatalf("model commitment %v (%v)", mc, err)
	}
	if s, err := asAlice.JobState(ctx, id); err != nil || s != l1.JobCompleted {
		t.Fatalf("job state %v (%v)", s, err)
	}

	// The classifier answers as the executor.
	caddr, err := l1.DeployClassifier(ctx, aliceTx, d.Bridge, tr.spec)
	if err != nil {
		t.Fatal(err)
	}
	abiC := bindings.NewOnchainClassifier()
	packed := l1.Siblings(commit.Pack(w8.Flat))
	if _, err := aliceTx.Send(ctx, l1.Candidate{To: &caddr, Data: abiC.PackLoad(uint32(id), jobParams(t, p), packed)}); err != nil {
		t.Fatal(err)
	}
	want := executor.Predict(w8, tr.d.X, 1)
	for i := range 10 {
		x, _ := tr.d.Sample(i)
		out, err := client.CallContract(ctx, ethereum.CallMsg{To: &caddr, Data: abiC.PackPredict(uint32(id), packed, ints(x))}, nil)
		if err != nil {
			t.Fatal(l1.DecodeRevert(err))
		}
		got, _ := abiC.UnpackPredict(out)
		if got.Int64() != int64(want[i]) {
			t.Fatalf("sample %d: classifier %v, executor %d", i, got, want[i])
		}
	}
}
