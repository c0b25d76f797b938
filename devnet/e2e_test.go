package devnet_test

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/devnet"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/internal/wait"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// testWriter sends a devnet's log lines to the test's log.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

// TestDevnetEndToEnd runs the devnet in process (one node, the local DA,
// the embedded L1 with the committed verifier, the batcher and the
// prover), creates an Iris job and sends its steps over JSON-RPC, and
// waits until L1 finalizes it with a real recursive proof of its creation
// and every step: the model L1 publishes is the node's, the classifier
// loaded with it answers as the executor does on every sample, and every
// head of train_syncStatus reaches the job's last block.
func TestDevnetEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("proves a job on the recursive chain: not in -short")
	}
	ctx := t.Context()
	iris := testjob.Iris(t)
	cfg := devnet.DefaultConfig(t.TempDir(), iris)
	cfg.RPCPort, cfg.RaftPort, cfg.L1Port, cfg.DAPort = 0, 0, 0, 0
	cfg.BlockTime, cfg.PostInterval = 50*time.Millisecond, 300*time.Millisecond
	cfg.Log = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelInfo}))
	start := time.Now()
	d, err := startDevnet(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := d.Stop(context.Background()); err != nil {
			t.Error(err)
		}
	}()
	t.Logf("devnet up in %v: node %s, L1 %s, DA %s", time.Since(start).Round(time.Millisecond), d.Nodes[0].RPCURL(), d.L1URL(), d.DAURL())

	cl, err := client.Dial(ctx, d.Nodes[0].RPCURL())
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	const id, steps = state.JobID(1), 7 // the creation and 7 steps: 8 transitions, one L1 proof
	user := devnet.DevKey(1)

	// A job the proof chain cannot prove (another batch size) is refused,
	// so that it never blocks the proofs of the others.
	other, err := chain.ParamsOf(testjob.NewEnv(t, iris).Params(t, iris4x83(t), 4, 3277, 1, 3))
	if err != nil {
		t.Fatal(err)
	}
	bad := testjob.Sign(t, d.Record.ChainID, devnet.DevKey(2), &chain.Tx{Type: chain.TxCreateJob, Job: 99, Params: other})
	if _, _, err := cl.SendRawTransaction(ctx, bad); err == nil || !strings.Contains(err.Error(), "proves jobs of shape") {
		t.Fatalf("a job of batch 4 on a chain proving batch 8: %v", err)
	}
	p, txs := irisJob(t, iris, d.Record.ChainID, user, id, steps)
	if _, _, err := cl.SendRawTransaction(ctx, txs[0]); err != nil {
		t.Fatal(err)
	}
	res, err := cl.SendRawTransactions(ctx, txs[1:])
	if err != nil {
		t.Fatal(err)
	}
	var lastBlock uint64
	for i, r := range res {
		if r.Error != "" {
			t.Fatalf("step %d: %s", i, r.Error)
		}
		lastBlock = max(lastBlock, uint64(r.Block))
	}

	// L1 finalizes the job once the prover's proof of it lands.
	deadline := time.Now().Add(25 * time.Minute)
	var mc *big.Int
	for {
		if err := d.ProverErr(); err != nil {
			t.Fatalf("prover: %v", err)
		}
		if mc, err = d.Bridge.ModelCommitment(ctx, id); err != nil {
			t.Fatal(err)
		}
		if mc.Sign() != 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("job not finalized on L1 in 25 minutes")
		}
		time.Sleep(time.Second)
	}
	t.Logf("job %d finalized on L1 %v after the devnet started", id, time.Since(start).Round(time.Second))
	m, err := cl.Model(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if uint64(m.StepsDone) != steps || common.BigToHash(mc) != m.Commitment {
		t.Fatalf("L1 published %x; the node's model has %d steps and commitment %s", mc, m.StepsDone, m.Commitment)
	}
	proven, err := d.Bridge.LastProven(ctx)
	if err != nil || proven == 0 {
		t.Fatalf("last proven batch %d (%v)", proven, err)
	}
	st, err := cl.SyncStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if uint64(st.Executed) < lastBlock || uint64(st.Posted) < lastBlock || uint64(st.Proven) < lastBlock || uint64(st.Finalized) < lastBlock {
		t.Fatalf("heads %+v; the job's last block is %d", st, lastBlock)
	}

	// Prometheus metrics at /metrics: the heads, the proofs, their times.
	resp, err := http.Get(d.Nodes[0].RPCURL() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		fmt.Sprintf(`trainrollup_head{head="finalized",node="node0"} %d`, st.Finalized),
		`trainrollup_leader{node="node0"} 1`, `trainrollup_raft_state{node="node0"} 2`,
		"trainrollup_l1_proofs_total 1", "trainrollup_jobs_finalized_total 1",
		`trainrollup_proof_seconds_count{kind="step"} 8`, `trainrollup_proof_seconds_count{kind="wrap"} 1`,
		`trainrollup_proving_tasks{state="done"} 10`, "go_goroutines",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}

	// The on-chain classifier, loaded with the published model, answers as
	// the executor.
	txm, err := l1.NewTxManager(ctx, d.L1, user, l1.TxConfig{PollInterval: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	cls := l1.NewClassifier(d.Record.Classifier, txm)
	lp, err := l1.ParamsOf(p)
	if err != nil {
		t.Fatal(err)
	}
	packed := l1.Packed(m.Weights)
	if err := cls.Load(ctx, id, lp, packed); err != nil {
		t.Fatal(err)
	}
	w, err := model.FromFlat(p.Model, m.Weights)
	if err != nil {
		t.Fatal(err)
	}
	want := executor.Predict(w, iris.X, 1)
	for i := range iris.Len() {
		x, _ := iris.Sample(i)
		got, err := cls.Predict(ctx, id, packed, x)
		if err != nil {
			t.Fatal(err)
		}
		if got != want[i] {
			t.Fatalf("sample %d: the classifier answers %d, the executor %d", i, got, want[i])
		}
	}
	tampered := append([]int32(nil), m.Weights...)
	tampered[0]++
	if err := cls.Load(ctx, id, lp, l1.Packed(tampered)); err == nil {
		t.Fatal("the classifier loaded weights L1 did not finalize")
	}

	// A job requested on L1 with a bounty: created from the bridge's
	// queue, trained with nobody sending steps (its creation and 7 seeded
	// steps: one more L1 proof), finalized, the bounty credited to the
	// operator, the classifier answering with its weights.
	requested := time.Now()
	requester := requesterBridge(t, d, devnet.DevKey(2))
	rp := testjob.NewEnv(t, iris).Params(t, iris4x83(t), 8, 3277, 9, 7)
	rp.Order = state.OrderSeeded
	rjp, err := l1.ParamsOf(rp)
	if err != nil {
		t.Fatal(err)
	}
	operator := d.Operator.From()
	creditBefore, err := d.Bridge.Credits(ctx, operator)
	if err != nil {
		t.Fatal(err)
	}
	bounty := big.NewInt(1e16)
	req, err := requester.Request(ctx, rjp, time.Now().Add(time.Hour), bounty)
	if err != nil {
		t.Fatal(err)
	}
	rid := req.Message.JobID
	deadline = time.Now().Add(25 * time.Minute)
	for {
		if err := d.ProverErr(); err != nil {
			t.Fatalf("prover: %v", err)
		}
		s, err := d.Bridge.JobState(ctx, rid)
		if err != nil {
			t.Fatal(err)
		}
		if s == l1.JobCompleted {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("L1 job %d is %s 25 minutes after its request", rid, s)
		}
		time.Sleep(time.Second)
	}
	t.Logf("L1 job %d (7 steps) finalized %v after requestTraining", rid, time.Since(requested).Round(time.Second))
	rm, err := cl.Model(ctx, rid)
	if err != nil {
		t.Fatal(err)
	}
	if rmc, err := d.Bridge.ModelCommitment(ctx, rid); err != nil || common.BigToHash(rmc) != rm.Commitment || uint64(rm.StepsDone) != 7 {
		t.Fatalf("L1 published %v (%v); the node's model has %d steps, commitment %s", rmc, err, rm.StepsDone, rm.Commitment)
	}
	if after, err := d.Bridge.Credits(ctx, operator); err != nil || new(big.Int).Sub(after, creditBefore).Cmp(bounty) != 0 {
		t.Fatalf("operator credits %v -> %v (%v): want the bounty %v more", creditBefore, after, err, bounty)
	}
	rpacked := l1.Packed(rm.Weights)
	if err := cls.Load(ctx, rid, rjp, rpacked); err != nil {
		t.Fatal(err)
	}
	rw, err := model.FromFlat(rp.Model, rm.Weights)
	if err != nil {
		t.Fatal(err)
	}
	rwant := executor.Predict(rw, iris.X, 1)
	for i := range iris.Len() {
		x, _ := iris.Sample(i)
		if got, err := cls.Predict(ctx, rid, rpacked, x); err != nil || got != rwant[i] {
			t.Fatalf("L1 job, sample %d: the classifier answers %d (%v), the executor %d", i, got, err, rwant[i])
		}
	}
}

// requesterBridge is the devnet's bridge as key's account sends to it.
func requesterBridge(t *testing.T, d *devnet.Devnet, key *ecdsa.PrivateKey) *l1.Bridge {
	t.Helper()
	txm, err := l1.NewTxManager(t.Context(), d.L1, key, l1.TxConfig{PollInterval: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return l1.NewBridge(d.Record.Bridge, txm)
}

// TestDevnetRefund (no prover; a bridge with a 2 s proof window): a
// request the rollup rejects (a dataset it never registered) is consumed
// and rejected with its reason and gets no steps; a request made while
// the sequencer is paused is not trained. Both are refunded to their
// requester after the deadline and the proof window, and withdrawn.
func TestDevnetRefund(t *testing.T) {
	ctx := t.Context()
	iris := testjob.Iris(t)
	cfg := devnet.DefaultConfig(t.TempDir(), iris)
	cfg.RPCPort, cfg.RaftPort, cfg.L1Port, cfg.DAPort = 0, 0, 0, 0
	cfg.BlockTime, cfg.PostInterval, cfg.NoProver, cfg.ProofWindow = 20*time.Millisecond, 100*time.Millisecond, true, 2*time.Second
	d, err := startDevnet(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Stop(context.Background())
	cl, err := client.Dial(ctx, d.Nodes[0].RPCURL())
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	key := devnet.DevKey(3)
	requester := requesterBridge(t, d, key)
	from := crypto.PubkeyToAddress(key.PublicKey)
	params := func(seed uint64) l1.JobParams {
		p := testjob.NewEnv(t, iris).Params(t, iris4x83(t), 8, 3277, seed, 5)
		p.Order = state.OrderSeeded
		if seed == 1 {
			p.DatasetRoot = commit.Compress(p.DatasetRoot, p.DatasetRoot) // registered nowhere
		}
		jp, err := l1.ParamsOf(p)
		if err != nil {
			t.Fatal(err)
		}
		return jp
	}
	bounty := big.NewInt(3e15)
	// The dev L1's clock runs ahead of the wall clock when it mines many
	// blocks in a second (each a second after its parent): the deadline
	// counts from its head.
	hd, err := d.L1.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Unix(int64(hd.Time), 0).Add(6 * time.Second)
	rejected, err := requester.Request(ctx, params(1), deadline, bounty)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := rejected.Message.Tx()
	if err != nil {
		t.Fatal(err)
	}
	h, _ := tx.Hash()
	var rec *client.Receipt
	wait.NoError(t, 30*time.Second, "the rejected request's creation to be executed", func() error {
		rec, err = cl.ExecutedReceipt(ctx, h)
		return err
	})
	if rec.Status != client.StatusRejected || !strings.Contains(rec.Error, "not registered") {
		t.Fatalf("the request over an unregistered dataset: %+v", rec)
	}
	if _, err := cl.Job(ctx, rejected.Message.JobID); err == nil {
		t.Fatal("a rejected request made a job")
	}

	d.Leader().SetPaused(true)
	paused, err := requester.Request(ctx, params(2), deadline, bounty)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []state.JobID{rejected.Message.JobID, paused.Message.JobID} {
		if err := requester.Refund(ctx, id); err == nil {
			t.Fatalf("L1 job %d refunded before its deadline", id)
		}
	}
	// The dev L1 mines only on transactions: a transfer now and then moves
	// its clock past the deadline and the proof window.
	wait.NoError(t, 30*time.Second, "L1 time past the deadline and the proof window", func() error {
		if _, err := d.Operator.Send(ctx, l1.Candidate{To: &from, Value: big.NewInt(1)}); err != nil {
			return err
		}
		hd, err := d.L1.HeaderByNumber(ctx, nil)
		if err != nil {
			return err
		}
		if at := uint64(deadline.Unix()) + uint64(cfg.ProofWindow/time.Second); hd.Time <= at {
			time.Sleep(200 * time.Millisecond)
			return fmt.Errorf("L1 block time %d, refundable after %d", hd.Time, at)
		}
		return nil
	})
	if _, err := cl.Job(ctx, paused.Message.JobID); err == nil {
		t.Fatal("a request made while the sequencer is paused was created")
	}
	before, err := d.L1.BalanceAt(ctx, from, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []state.JobID{rejected.Message.JobID, paused.Message.JobID} {
		if err := requester.Refund(ctx, id); err != nil {
			t.Fatalf("refund L1 job %d: %v", id, err)
		}
		if s, err := requester.JobState(ctx, id); err != nil || s != l1.JobRefunded {
			t.Fatalf("L1 job %d after its refund: %s (%v)", id, s, err)
		}
		if err := requester.Refund(ctx, id); err == nil {
			t.Fatalf("L1 job %d refunded twice", id)
		}
	}
	if c, err := requester.Credits(ctx, from); err != nil || c.Cmp(new(big.Int).Mul(bounty, big.NewInt(2))) != 0 {
		t.Fatalf("requester credits %v (%v), want both bounties", c, err)
	}
	if err := requester.Withdraw(ctx); err != nil {
		t.Fatal(err)
	}
	after, err := d.L1.BalanceAt(ctx, from, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Back but for the gas of the four transactions.
	if gain := new(big.Int).Sub(after, before); gain.Cmp(bounty) <= 0 {
		t.Fatalf("balance %v -> %v after withdrawing two bounties of %v", before, after, bounty)
	}
	d.Leader().SetPaused(false)
}

func iris4x83(t *testing.T) model.Spec {
	t.Helper()
	spec, err := model.Parse("4-8-3")
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

// irisJob returns the parameters of an Iris job (4-8-3, batch 8, seed 1,
// lr 0.05) of the given steps and its signed transactions: the creation,
// then every step in the job's seeded sample order.
func irisJob(t *testing.T, iris *dataset.Dataset, chainID uint64, key *ecdsa.PrivateKey, id state.JobID, steps int) (state.Params, [][]byte) {
	t.Helper()
	p := testjob.NewEnv(t, iris).Params(t, iris4x83(t), 8, 3277, 1, uint64(steps))
	return p, testjob.SignedJob(t, chainID, key, id, p)
}

// TestDevnetResume stops a devnet (no prover) and starts it again on the
// same directory: the embedded L1 keeps the bridge and its batches, the
// node its chain and jobs, the record its addresses; sequencing and
// posting go on from there.
func TestDevnetResume(t *testing.T) {
	ctx := t.Context()
	iris := testjob.Iris(t)
	cfg := devnet.DefaultConfig(t.TempDir(), iris)
	cfg.RPCPort, cfg.L1Port, cfg.DAPort = 0, 0, 0
	ln, err := net.Listen("tcp", "127.0.0.1:0") // a raft address must survive the restart: a fixed, free port
	if err != nil {
		t.Fatal(err)
	}
	cfg.RaftPort = ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cfg.BlockTime, cfg.PostInterval, cfg.NoProver = 20*time.Millisecond, 100*time.Millisecond, true
	user := devnet.DevKey(2)
	const id = state.JobID(5)
	_, txs := irisJob(t, iris, cfg.ChainID, user, id, 12)

	posted := func(d *devnet.Devnet, cl *client.Client, block uint64) {
		t.Helper()
		wait.NoError(t, 30*time.Second, fmt.Sprintf("block %d to be posted", block), func() error {
			st, err := cl.SyncStatus(ctx)
			if err != nil || uint64(st.Posted) < block {
				return fmt.Errorf("%+v (%v)", st, err)
			}
			return nil
		})
	}
	d, err := startDevnet(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	cl, err := client.Dial(ctx, d.Nodes[0].RPCURL())
	if err != nil {
		t.Fatal(err)
	}
	res, err := cl.SendRawTransactions(ctx, txs[:7])
	if err != nil || res[6].Error != "" {
		t.Fatalf("first half: %v %v", res, err)
	}
	posted(d, cl, uint64(res[6].Block))
	rec := d.Record
	before, err := d.Bridge.Batches(ctx, rec.DeployBlock)
	if err != nil || len(before) == 0 {
		t.Fatalf("batches before the restart: %d (%v)", len(before), err)
	}
	cl.Close()
	if err := d.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}

	d, err = startDevnet(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Stop(context.Background())
	if d.Record != rec {
		t.Fatalf("record after the restart %+v, was %+v", d.Record, rec)
	}
	cl, err = client.Dial(ctx, d.Nodes[0].RPCURL())
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	after, err := d.Bridge.Batches(ctx, rec.DeployBlock)
	if err != nil || len(after) != len(before) || after[len(after)-1].StateRoot.Cmp(before[len(before)-1].StateRoot) != 0 {
		t.Fatalf("batches after the restart: %d (%v), before: %d", len(after), err, len(before))
	}
	j, err := cl.Job(ctx, id)
	if err != nil || uint64(j.StepsDone) != 6 {
		t.Fatalf("job after the restart: %+v (%v)", j, err)
	}
	res, err = cl.SendRawTransactions(ctx, txs[7:])
	if err != nil || res[len(res)-1].Error != "" {
		t.Fatalf("second half: %v %v", res, err)
	}
	posted(d, cl, uint64(res[len(res)-1].Block))
	if j, err = cl.Job(ctx, id); err != nil || j.Status != state.StatusCompleted.String() {
		t.Fatalf("job after the second half: %+v (%v)", j, err)
	}
}

// TestDevnetThreeNodes starts a devnet of three raft nodes (no prover):
// node 0 bootstraps, the others join as voters; transactions sent to a
// follower are forwarded, and every node executes the same chain, which
// the batcher posts.
func TestDevnetThreeNodes(t *testing.T) {
	ctx := t.Context()
	iris := testjob.Iris(t)
	cfg := devnet.DefaultConfig(t.TempDir(), iris)
	cfg.Nodes = 3
	cfg.RPCPort, cfg.RaftPort, cfg.L1Port, cfg.DAPort = 0, 0, 0, 0
	cfg.BlockTime, cfg.PostInterval, cfg.NoProver = 20*time.Millisecond, 100*time.Millisecond, true
	d, err := startDevnet(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Stop(context.Background())
	if len(d.Nodes) != 3 || d.Leader() != d.Nodes[0] {
		t.Fatalf("%d nodes, leader %v", len(d.Nodes), d.Leader())
	}
	cl, err := client.Dial(ctx, d.Nodes[2].RPCURL()) // a follower
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	_, txs := irisJob(t, iris, cfg.ChainID, devnet.DevKey(3), 9, 7)
	res, err := cl.SendRawTransactions(ctx, txs)
	if err != nil || res[len(res)-1].Error != "" {
		t.Fatalf("through a follower: %v %v", res, err)
	}
	last := uint64(res[len(res)-1].Block)
	wait.For(t, 30*time.Second, fmt.Sprintf("every node to execute and post block %d", last), func() bool {
		st, err := cl.SyncStatus(ctx)
		done := err == nil && uint64(st.Posted) >= last
		for _, n := range d.Nodes {
			done = done && n.Executed() >= last
		}
		return done
	})
	var roots [3][32]byte
	for i, n := range d.Nodes {
		h, _, err := n.Block(last)
		if err != nil {
			t.Fatal(err)
		}
		roots[i] = h.StateRoot
	}
	if roots[0] != roots[1] || roots[1] != roots[2] {
		t.Fatalf("state roots at block %d differ across nodes: %x", last, roots)
	}
}

// startDevnet is New and Start.
func startDevnet(ctx context.Context, cfg devnet.Config) (*devnet.Devnet, error) {
	d, err := devnet.New(cfg)
	if err != nil {
		return nil, err
	}
	return d, d.Start(ctx)
}

// TestConfigCheck breaks one field of a valid configuration at a time:
// New refuses each before it touches anything.
func TestConfigCheck(t *testing.T) {
	iris := testjob.Iris(t)
	valid := func() devnet.Config { return devnet.DefaultConfig(t.TempDir(), iris) }
	if err := valid().Check(); err != nil {
		t.Fatalf("the default config: %v", err)
	}
	noProver := valid()
	noProver.NoProver, noProver.Shape.Batch = true, 16 // any provable shape without the prover
	if err := noProver.Check(); err != nil {
		t.Fatalf("another shape without the prover: %v", err)
	}
	for _, tc := range []struct {
		name, want string
		edit       func(*devnet.Config)
	}{
		{"no data dir", "DataDir", func(c *devnet.Config) { c.DataDir = "" }},
		{"two nodes", "nodes", func(c *devnet.Config) { c.Nodes = 2 }},
		{"no chain id", "ChainID", func(c *devnet.Config) { c.ChainID = 0 }},
		{"no host", "Host", func(c *devnet.Config) { c.Host = "" }},
		{"no dataset", "dataset", func(c *devnet.Config) { c.Datasets = nil }},
		{"no slots", "slots", func(c *devnet.Config) { c.Slots = 0 }},
		{"external L1 without a key", "operator's key", func(c *devnet.Config) { c.L1RPC = "http://127.0.0.1:1" }},
		{"negative block time", "block time", func(c *devnet.Config) { c.BlockTime = -time.Second }},
		{"port out of range", "RPCPort", func(c *devnet.Config) { c.RPCPort = 70000 }},
		{"bad shape", "shape", func(c *devnet.Config) { c.Shape.Batch = 3 }},
		{"a shape the verifier does not prove", "L1 verifier", func(c *devnet.Config) { c.Shape.Batch = 16 }},
	} {
		c := valid()
		tc.edit(&c)
		err := c.Check()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error naming %q", tc.name, err, tc.want)
		}
		if _, nerr := devnet.New(c); nerr == nil {
			t.Errorf("%s: New accepted it", tc.name)
		}
	}
}
