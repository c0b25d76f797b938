package batcher_test

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/batcher"
	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/da/datest"
	"github.com/trainrollup/trainrollup/da/local"
	"github.com/trainrollup/trainrollup/derive"
	"github.com/trainrollup/trainrollup/internal/evmtest"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/internal/testnode"
	"github.com/trainrollup/trainrollup/internal/wait"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/rollup"
	"github.com/trainrollup/trainrollup/sequencer"
	"github.com/trainrollup/trainrollup/state"
)

const chainID = 4243

// rig is a one-node sequencer, the local DA, the simulated L1 with the
// bridge (stand-in verifier) and a staked operator.
type rig struct {
	t      testing.TB
	node   *sequencer.Node
	cl     *client.Client
	layer  *datest.Faulty
	bridge *flakyBridge
	deploy *l1.Deployment
	ns     da.Namespace
	env    *testjob.Env
	key    *ecdsa.PrivateKey
	nonce  uint64
	dir    string
}

func newRig(t testing.TB) *rig {
	t.Helper()
	ctx := t.Context()
	opKey, _ := crypto.GenerateKey()
	sim := l1.StartSimulated(types.GenesisAlloc{crypto.PubkeyToAddress(opKey.PublicKey): {Balance: new(big.Int).Lsh(big.NewInt(1), 100)}}, 10*time.Millisecond)
	t.Cleanup(func() { sim.Close() })
	txm, err := l1.NewTxManager(ctx, sim.Client(), opKey, l1.TxConfig{PollInterval: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	bc := l1.DefaultBridgeConfig(chainID)
	d, err := l1.Deploy(ctx, txm, evmtest.TestContracts(t)["ClaimVerifier"].Bin, bc)
	if err != nil {
		t.Fatal(err)
	}
	br := l1.NewBridge(d.Bridge, txm)
	if err := br.Stake(ctx, bc.MinStake); err != nil {
		t.Fatal(err)
	}
	data := testjob.Iris(t)
	node, cl := testnode.Start(t, chainID, data)
	l, err := local.Open(t.TempDir(), local.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	ns, err := da.NewNamespace([]byte("trainrl"))
	if err != nil {
		t.Fatal(err)
	}
	key, _ := crypto.GenerateKey()
	return &rig{t: t, node: node, cl: cl, layer: &datest.Faulty{Layer: l}, bridge: &flakyBridge{Bridge: br}, deploy: d, ns: ns,
		env: testjob.NewEnv(t, data), key: key, dir: t.TempDir()}
}

func (r *rig) config() batcher.Config {
	cfg := batcher.DefaultConfig(r.ns, l1.GenesisHeader(state.EmptyRoot()))
	cfg.FromBlock, cfg.Interval, cfg.RetryMin, cfg.RetryMax = r.deploy.Block, 50*time.Millisecond, 10*time.Millisecond, 100*time.Millisecond
	return cfg
}

func (r *rig) batcher(cfg batcher.Config) *batcher.Batcher {
	r.t.Helper()
	b, err := batcher.New(cfg, r.node, r.layer, r.bridge, r.dir)
	if err != nil {
		r.t.Fatal(err)
	}
	return b
}

func (r *rig) send(tx *chain.Tx) {
	r.t.Helper()
	tx.ChainID, tx.Nonce = chainID, r.nonce
	r.nonce++
	if err := tx.Sign(r.key); err != nil {
		r.t.Fatal(err)
	}
	if _, _, err := r.cl.SendTransaction(r.t.Context(), tx); err != nil {
		r.t.Fatal(err)
	}
}

// traffic creates a job and sends n of its steps.
func (r *rig) traffic(id state.JobID, n int) {
	spec, _ := model.Parse("4-8-3")
	p, err := chain.ParamsOf(r.env.Params(r.t, spec, 8, 3277, uint64(id), 1000))
	if err != nil {
		r.t.Fatal(err)
	}
	r.send(&chain.Tx{Type: chain.TxCreateJob, Job: id, Params: p})
	r.steps(id, 0, n)
}

func (r *rig) steps(id state.JobID, from, n int) {
	for k := from; k < from+n; k++ {
		ix := make([]uint64, 8)
		for i := range ix {
			ix[i] = uint64(k*8+i) % 120
		}
		r.send(&chain.Tx{Type: chain.TxTrainStep, Job: id, Indices: ix})
	}
}

// waitExecuted waits until the node executed its whole chain.
func (r *rig) waitExecuted() uint64 {
	r.t.Helper()
	var head uint64
	wait.NoError(r.t, 20*time.Second, "the node to execute its chain", func() error {
		head = r.node.Head()
		if ex := r.node.Executed(); ex != head {
			return fmt.Errorf("executed %d of %d blocks", ex, head)
		}
		return nil
	})
	return head
}

// waitPosted waits until b posted every block up to head.
func (r *rig) waitPosted(b *batcher.Batcher, head uint64) {
	r.t.Helper()
	wait.NoError(r.t, 20*time.Second, "the batcher to post every block", func() error {
		if got := b.Posted(); got < head {
			return fmt.Errorf("posted %d of %d blocks", got, head)
		}
		return nil
	})
}

// derive rebuilds the chain from L1 and DA on a fresh replayer.
func (r *rig) derive(ref derive.Reference) (*derive.Report, error) {
	rp, err := rollup.NewReplayer("", chainID, 0, testjob.Copies(r.t, r.env.Data))
	if err != nil {
		r.t.Fatal(err)
	}
	defer rp.Close()
	return derive.Run(r.t.Context(), derive.Config{Namespace: r.ns, FromBlock: r.deploy.Block}, r.bridge, r.layer.Layer, rp, ref, nil)
}

// flakyBridge crashes the batcher's process at a chosen point of the
// commit: failCommit makes CommitBatch fail before sending (a crash after
// the DA submission), commitThenFail sends it and then fails (a crash after
// the L1 commit, before the batcher learned of it).
type flakyBridge struct {
	*l1.Bridge
	failCommit     atomic.Bool
	commitThenFail atomic.Bool
}

func (f *flakyBridge) CommitBatch(ctx context.Context, parent l1.BatchHeader, in l1.BatchInput) (l1.BatchHeader, error) {
	if f.failCommit.Load() {
		return l1.BatchHeader{}, errors.New("crash before the L1 commit")
	}
	h, err := f.Bridge.CommitBatch(ctx, parent, in)
	if err == nil && f.commitThenFail.Load() {
		return l1.BatchHeader{}, errors.New("crash after the L1 commit")
	}
	return h, err
}

// TestPostAndDerive: the batcher posts the whole chain, the node reports
// it posted, and a fresh replayer derives the same chain from L1 and DA
// alone (checked block by block against the node).
func TestPostAndDerive(t *testing.T) {
	r := newRig(t)
	b := r.batcher(r.config())
	defer b.Stop(context.Background())
	if err := b.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	r.traffic(1, 30)
	r.traffic(2, 10)
	head := r.waitExecuted()
	r.waitPosted(b, head)
	if err := b.Stop(t.Context()); err != nil {
		t.Fatal(err)
	}
	st, err := r.cl.SyncStatus(t.Context())
	if err != nil || uint64(st.Posted) != head {
		t.Fatalf("sync status: %+v, %v", st, err)
	}
	rep, err := r.derive(r.node)
	if err != nil {
		t.Fatal(err)
	}
	hd, _, _ := r.node.Block(head)
	if rep.Blocks != head || rep.StateRoot != hd.StateRoot || rep.Transactions != 42+1 { // and the dataset's registration
		t.Fatalf("derived %+v, the node is at block %d", rep, head)
	}
	t.Logf("derived %d batches, %d blocks, %d transactions from %d DA bytes (%.1f per transaction)",
		rep.Batches, rep.Blocks, rep.Transactions, rep.DABytes, float64(rep.DABytes)/float64(rep.Transactions))
}

// TestCrashes: a batcher that crashes between the DA submission and the L1
// commit commits the same blob after restart (no second submission); one
// that crashes after the L1 commit recognises it; DA down stalls posting
// without losing anything and it resumes by itself; every block is posted
// once and derivation agrees.
func TestCrashes(t *testing.T) {
	r := newRig(t)
	cfg := r.config()
	cfg.Interval = 5 * time.Millisecond
	ctx := t.Context()
	// step runs rounds until one commits or fails (the first round of a
	// batch only starts its wait of Interval).
	step := func(b *batcher.Batcher) (bool, error) {
		for range 100 {
			ok, err := b.Step(ctx)
			if ok || err != nil {
				return ok, err
			}
			time.Sleep(cfg.Interval)
		}
		return false, nil
	}
	r.traffic(1, 5)
	r.waitExecuted()

	// Crash mid-batch: the blob reached DA, the batcher never learned it.
	// The restarted batcher posts the blocks again (a second blob on DA,
	// harmless) and L1 gets them once.
	r.layer.Lost.Store(true)
	b := r.batcher(cfg)
	if _, err := step(b); err == nil {
		t.Fatal("the crashing submission succeeded")
	}
	b.Stop(ctx)
	r.layer.Lost.Store(false)
	if hs, _ := r.bridge.Batches(ctx, r.deploy.Block); len(hs) != 0 {
		t.Fatal("a batch reached L1 although its submission failed")
	}

	// Crash after the DA submission, before the L1 commit.
	r.bridge.failCommit.Store(true)
	b = r.batcher(cfg)
	if _, err := step(b); err == nil {
		t.Fatal("the crashing commit succeeded")
	}
	b.Stop(ctx)
	submitted := r.layer.Submits.Load()
	r.bridge.failCommit.Store(false)
	b = r.batcher(cfg)
	if ok, err := step(b); err != nil || !ok {
		t.Fatalf("restart after the crash: %v, %v", ok, err)
	}
	if r.layer.Submits.Load() != submitted {
		t.Fatal("the restarted batcher submitted the blob again")
	}
	b.Stop(ctx)

	// Crash after the L1 commit.
	r.steps(1, 5, 5)
	r.waitExecuted()
	r.bridge.commitThenFail.Store(true)
	b = r.batcher(cfg)
	if _, err := step(b); err == nil {
		t.Fatal("the crashing commit reported success")
	}
	b.Stop(ctx)
	r.bridge.commitThenFail.Store(false)
	b = r.batcher(cfg)
	if ok, err := b.Step(ctx); err != nil || ok {
		t.Fatalf("restart after a commit that landed: committed %v, %v", ok, err)
	}
	hs, err := r.bridge.Batches(ctx, r.deploy.Block)
	if err != nil || len(hs) != 2 {
		t.Fatalf("%d batches on L1 after two rounds: %v", len(hs), err)
	}

	// DA down: posting stalls, nothing is lost, it resumes by itself.
	r.layer.Down.Store(true)
	if err := b.Start(ctx); err != nil {
		t.Fatal(err)
	}
	r.steps(1, 10, 5)
	head := r.waitExecuted()
	// The rounds that began after the head was executed tried to post it:
	// the next refused one may have begun before, the one after did not.
	refused := r.layer.Refused.Load()
	wait.For(t, 20*time.Second, "two more submissions refused by the DA that is down", func() bool {
		return r.layer.Refused.Load() >= refused+2
	})
	if b.Posted() >= head {
		t.Fatal("posted while DA was down")
	}
	r.layer.Down.Store(false)
	r.waitPosted(b, head)
	if err := b.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	hs, _ = r.bridge.Batches(ctx, r.deploy.Block)
	for i, h := range hs {
		if i > 0 && h.FirstBlock != hs[i-1].LastBlock+1 {
			t.Fatalf("batch %d starts at %d after %d", h.Index, h.FirstBlock, hs[i-1].LastBlock)
		}
	}
	if rep, err := r.derive(r.node); err != nil || rep.Blocks != head {
		t.Fatalf("derivation after the faults: %+v, %v", rep, err)
	}
}

// TestTamperedBatch: an operator commits a batch whose blob differs from
// the chain (one step's samples changed, re-signed) with the honest state
// root: derivation reports the batch, and against the node the block and
// transaction.
func TestTamperedBatch(t *testing.T) {
	r := newRig(t)
	ctx := t.Context()
	r.traffic(1, 6)
	head := r.waitExecuted()
	var batch chain.Batch
	batch.First = 1
	for n := uint64(1); n <= head; n++ {
		h, txs, err := r.node.Block(n)
		if err != nil {
			t.Fatal(err)
		}
		batch.Blocks = append(batch.Blocks, chain.BatchBlock{Time: h.Time, L1Messages: h.L1Messages, Txs: txs})
	}
	// Change the samples of the last step and sign it again.
	lastBlk := &batch.Blocks[len(batch.Blocks)-1]
	var tx chain.Tx
	if err := tx.UnmarshalBinary(lastBlk.Txs[len(lastBlk.Txs)-1]); err != nil {
		t.Fatal(err)
	}
	tx.Indices[0] = (tx.Indices[0] + 1) % 120
	if err := tx.Sign(r.key); err != nil {
		t.Fatal(err)
	}
	lastBlk.Txs[len(lastBlk.Txs)-1], _ = tx.MarshalBinary()
	data, err := batch.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	blob, _ := da.NewBlob(r.ns, data)
	height, err := r.layer.Submit(ctx, []*da.Blob{blob})
	if err != nil {
		t.Fatal(err)
	}
	hd, _, _ := r.node.Block(head)
	qh, _ := r.bridge.L1QueueHash(ctx, 0)
	if _, err := r.bridge.CommitBatch(ctx, l1.GenesisHeader(state.EmptyRoot()), l1.BatchInput{LastBlock: head, DaHeight: height,
		DaCommitment: [32]byte(blob.Commitment), TxDigest: new(big.Int).SetBytes(hd.Digest[:]),
		StateRoot: new(big.Int).SetBytes(hd.StateRoot[:]), L1QueueHash: qh}); err != nil {
		t.Fatal(err)
	}
	_, err = r.derive(nil)
	var m *derive.Mismatch
	if !errors.As(err, &m) || m.Batch != 1 {
		t.Fatalf("derivation of the tampered batch: %v", err)
	}
	t.Logf("without a reference: %v", err)
	_, err = r.derive(r.node)
	if !errors.As(err, &m) || m.Block != head || m.Tx != len(lastBlk.Txs)-1 {
		t.Fatalf("derivation against the node: %v", err)
	}
	t.Logf("against the node: %v", err)
}

// TestFollow derives incrementally, as `trainrollup verify --follow` does:
// a second run on the same replayer derives only the new batches.
func TestFollow(t *testing.T) {
	r := newRig(t)
	ctx := t.Context()
	b := r.batcher(r.config())
	defer b.Stop(context.Background())
	post := func() uint64 {
		head := r.waitExecuted()
		wait.NoError(t, 20*time.Second, "the rounds to post every block", func() error {
			if b.Posted() >= head {
				return nil
			}
			if _, err := b.Step(ctx); err != nil {
				t.Fatal(err)
			}
			return fmt.Errorf("posted %d of %d", b.Posted(), head)
		})
		return head
	}
	rp, err := rollup.NewReplayer("", chainID, 0, testjob.Copies(r.t, r.env.Data))
	if err != nil {
		t.Fatal(err)
	}
	defer rp.Close()
	run := func() *derive.Report {
		rep, err := derive.Run(ctx, derive.Config{Namespace: r.ns, FromBlock: r.deploy.Block}, r.bridge, r.layer.Layer, rp, r.node, nil)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	r.traffic(1, 5)
	first := post()
	if rep := run(); rep.Blocks != first {
		t.Fatalf("first run: %+v, head %d", rep, first)
	}
	r.steps(1, 5, 7)
	second := post()
	rep := run()
	if rep.Blocks != second-first || rp.Head().Number != second {
		t.Fatalf("second run derived %d blocks (to %d), want %d to %d", rep.Blocks, rp.Head().Number, second-first, second)
	}
	if rep := run(); rep.Blocks != 0 {
		t.Fatalf("a run with nothing new derived %d blocks", rep.Blocks)
	}
}

// TestMaxTransitions: with MaxTransitions, no batch holds more transitions
// than an L1 proof covers (each transaction here is its own block), the
// chain still derives, and a block that alone exceeds the cap stops the
// batcher with an error naming it instead of posting an unprovable batch.
func TestMaxTransitions(t *testing.T) {
	r := newRig(t)
	cfg := r.config()
	cfg.MaxTransitions = 3
	b := r.batcher(cfg)
	defer b.Stop(context.Background())
	r.traffic(1, 9) // 10 transactions, one block each
	head := r.waitExecuted()
	for b.Posted() < head {
		if _, err := b.Step(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	headers, err := r.bridge.Batches(t.Context(), r.deploy.Block)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range headers {
		var n uint64
		for num := h.FirstBlock; num <= h.LastBlock && h.Index > 0; num++ {
			blk, err := r.cl.BlockByNumber(t.Context(), &num, true)
			if err != nil {
				t.Fatal(err)
			}
			for _, raw := range blk.Txs {
				k, err := chain.Transitions(raw)
				if err != nil {
					t.Fatal(err)
				}
				n += k
			}
		}
		if n > 3 {
			t.Fatalf("batch %d makes %d transitions, over MaxTransitions 3", h.Index, n)
		}
	}
	if len(headers) < 4 {
		t.Fatalf("%d batches for 10 transactions of at most 3 each", len(headers))
	}
	if rep, err := r.derive(r.node); err != nil || rep.Transactions != 10+1 { // and the dataset's registration
		t.Fatalf("derived %+v (%v)", rep, err)
	}

	// Four steps in one block.
	raws := make([][]byte, 4)
	for k := range raws {
		tx := &chain.Tx{Type: chain.TxTrainStep, ChainID: chainID, Nonce: r.nonce, Job: 1, Indices: []uint64{0, 1, 2, 3, 4, 5, 6, 7}}
		r.nonce++
		if err := tx.Sign(r.key); err != nil {
			t.Fatal(err)
		}
		raws[k], _ = tx.MarshalBinary()
	}
	res, err := r.cl.SendRawTransactions(t.Context(), raws)
	if err != nil || res[0].Block != res[3].Block {
		t.Fatalf("four steps in blocks %v (%v): want one block", res, err)
	}
	r.waitExecuted()
	if _, err := b.Step(t.Context()); err == nil || !strings.Contains(err.Error(), "MaxTransitions") {
		t.Fatalf("a block of 4 transitions with MaxTransitions 3: %v", err)
	}
}

// TestSeededTransitions: a SeededSteps counts one transition per step: a
// block whose seeded job's 4 steps are scheduled at once is over a cap of
// 3, and within a cap of 4.
func TestSeededTransitions(t *testing.T) {
	r := newRig(t)
	spec, _ := model.Parse("4-8-3")
	sp := r.env.Params(t, spec, 8, 3277, 5, 4)
	sp.Order = state.OrderSeeded
	p, err := chain.ParamsOf(sp)
	if err != nil {
		t.Fatal(err)
	}
	r.send(&chain.Tx{Type: chain.TxCreateJob, Job: 1, Params: p})
	wait.NoError(t, 20*time.Second, "the seeded job's steps", func() error {
		j, err := r.cl.Job(t.Context(), 1)
		if err != nil || j.StepsDone != 4 {
			return fmt.Errorf("%+v, %v", j, err)
		}
		return nil
	})
	head := r.waitExecuted()
	blk, err := r.cl.BlockByNumber(t.Context(), &head, true)
	if err != nil || len(blk.Txs) != 1 {
		t.Fatalf("block %d: %+v, %v", head, blk, err)
	}
	if k, err := chain.Transitions(blk.Txs[0]); err != nil || k != 4 {
		t.Fatalf("the seeded steps make %d transitions (%v), want 4", k, err)
	}
	cfg := r.config()
	cfg.MaxTransitions = 3
	b := r.batcher(cfg)
	for b.Posted() < head-1 {
		if _, err := b.Step(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Step(t.Context()); err == nil || !strings.Contains(err.Error(), "makes 4 transitions, over the 3") {
		t.Fatalf("4 seeded steps with MaxTransitions 3: %v", err)
	}
	b.Stop(context.Background())
	cfg.MaxTransitions = 4
	b = r.batcher(cfg)
	defer b.Stop(context.Background())
	wait.NoError(t, 20*time.Second, "the seeded steps posted with MaxTransitions 4", func() error {
		if _, err := b.Step(t.Context()); err != nil {
			t.Fatal(err)
		}
		if b.Posted() < head {
			return fmt.Errorf("posted %d of %d", b.Posted(), head)
		}
		return nil
	})
}
