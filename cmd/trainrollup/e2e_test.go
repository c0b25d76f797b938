package main

import (
	"encoding/hex"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/internal/wait"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// TestProcessDevnet runs the rollup as separate processes on real parts:
// geth --dev as L1 (the bridge with the committed verifier, a classifier,
// a staked operator), the DA server process, three node processes that
// follow the bridge, and an operator process (batcher and prover). A
// requester runs trainrollup job request: requestTraining with a bounty
// queues a seeded Iris job of 15 steps, the leader creates it from the
// queue and schedules its steps (one a block), and is SIGKILLed in the
// middle; the next leader goes on from the step where it was. The job
// finalizes on L1 with a real recursive proof (two L1 proofs), the bounty
// is credited to the operator, the model L1 publishes is the nodes' and
// the local training's, the classifier answers as the executor, and the
// nodes report the heads.
func TestProcessDevnet(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("proves a job with the recursive chain in several processes: not in -short or under -race (make test runs it without)")
	}
	ctx := t.Context()
	user, _ := crypto.GenerateKey()
	const chainID = 77
	l := startL1(t, nil, user) // the committed verifier: real proofs only
	eth, opKey, txm, dep, bridge := l.eth, l.op, l.txm, l.dep, l.bridge
	spec, _ := model.Parse("4-8-3")
	clsAddr, err := l1.DeployClassifier(ctx, txm, dep.Bridge, spec)
	if err != nil {
		t.Fatal(err)
	}
	daAddr, tokenFile := startDAServer(t)
	// One seeded step a block, a block at most every 300 ms: the job's
	// training lasts seconds, so that the leader dies in its middle.
	c := newProcCluster(t, 3, "--l1", eth.URL, "--bridge", dep.Bridge.Hex(), "--l1-from-block", fmt.Sprint(dep.Block), "--max-block-txs", "8",
		"--job-shape", "4-8-3/b8/d7", "--seeded-steps-per-block", "1", "--block-time", "300ms")
	cls := make([]*client.Client, 3)
	for i := range cls {
		cls[i] = c.dial(i)
		defer cls[i].Close()
	}
	leader := c.leader(firstElection)

	// The operator process.
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "operator.hex")
	if err := os.WriteFile(keyFile, []byte(hex.EncodeToString(crypto.FromECDSA(opKey))), 0o600); err != nil {
		t.Fatal(err)
	}
	urls := make([]string, 3)
	for i := range urls {
		urls[i] = "http://" + c.rpc[i]
	}
	// A post interval of 3 s lets each batch fill its 8 transitions (the
	// leader schedules them within a few seconds): two L1 proofs, not three.
	op := startBackground(t, "operator", "operator", "--rpc", strings.Join(urls, ","), "--l1", eth.URL, "--bridge", dep.Bridge.Hex(),
		"--l1-from-block", fmt.Sprint(dep.Block), "--da", "http://"+daAddr, "--da-token-file", tokenFile, "--chain-id", fmt.Sprint(chainID),
		"--data", iris, "--key", "@"+keyFile, "--datadir", filepath.Join(dir, "op"), "--post-interval", "3s")

	// A job the chain's prover cannot prove (batch 4) is refused.
	d, err := dataset.LoadCSV("../../testdata/iris.csv")
	if err != nil {
		t.Fatal(err)
	}
	train, test := d.Split(5)
	const steps = 15
	sp := testjob.NewEnv(t, train).Params(t, spec, 8, 3277, 2, steps)
	sp.Order = state.OrderSeeded
	p4 := sp
	p4.Batch = 4
	cp4, err := chain.ParamsOf(p4)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := cls[leader].SendRawTransaction(ctx, testjob.Sign(t, chainID, user, &chain.Tx{Type: chain.TxCreateJob, Job: 2, Params: cp4})); err == nil ||
		!strings.Contains(err.Error(), "proves jobs of shape 4-8-3/b8/d7/k1 only") {
		t.Fatalf("a batch-4 job on a chain proving batch 8: %v", err)
	}
	opCredits, err := bridge.Credits(ctx, crypto.PubkeyToAddress(opKey.PublicKey))
	if err != nil {
		t.Fatal(err)
	}

	// The request, followed through a node that stays up.
	userFile := filepath.Join(dir, "user.hex")
	if err := os.WriteFile(userFile, []byte(hex.EncodeToString(crypto.FromECDSA(user))), 0o600); err != nil {
		t.Fatal(err)
	}
	follow := (leader + 1) % 3
	requested := time.Now()
	req := startBackground(t, "request", "job", "request", "--rpc", "ws://"+c.rpc[follow], "--l1", eth.URL, "--bridge", dep.Bridge.Hex(),
		"--key", "@"+userFile, "--data", iris, "--model", "4-8-3", "--batch", "8", "--lr", "0.05", "--seed", "2", "--steps", fmt.Sprint(steps),
		"--bounty", "0.01", "--deadline", "2h")
	id := state.JobID(1 << 31)
	wait.NoError(t, 2*time.Minute, "the L1 job to be under way", func() error {
		select {
		case err := <-req.exited:
			req.exited <- err
			t.Fatalf("job request exited: %v", err)
		default:
		}
		j, err := cls[leader].Job(ctx, id)
		if err != nil {
			return err
		}
		if j.StepsDone < 3 {
			return fmt.Errorf("%d steps done", j.StepsDone)
		}
		if j.StepsSequenced >= steps {
			t.Fatalf("the job was sequenced whole (%d steps) before the leader died", j.StepsSequenced)
		}
		return nil
	})
	c.kill(leader)
	t.Logf("leader %s killed %v after the request", c.ids[leader], time.Since(requested).Round(time.Millisecond))

	// job request returns once L1 finalized the job and paid.
	var reqErr error
	select {
	case reqErr = <-req.exited:
		req.exited <- reqErr
	case <-time.After(25 * time.Minute):
		t.Fatal("job request still following 25 minutes after the request")
	}
	select {
	case err := <-op.exited:
		t.Fatalf("operator exited: %v", err)
	default:
	}
	out, _ := os.ReadFile(req.log)
	if reqErr != nil || !strings.Contains(string(out), fmt.Sprintf("L1 job %d created on the rollup", id)) ||
		!strings.Contains(string(out), fmt.Sprintf("L1 job %d completed on L1", id)) {
		t.Fatalf("job request: %v\n%s", reqErr, out)
	}
	t.Logf("L1 job %d (%d steps) finalized and paid %v after job request started", id, steps, time.Since(requested).Round(time.Second))
	mc, err := bridge.ModelCommitment(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	after, err := bridge.Credits(ctx, crypto.PubkeyToAddress(opKey.PublicKey))
	if err != nil || new(big.Int).Sub(after, opCredits).Cmp(big.NewInt(1e16)) != 0 {
		t.Fatalf("operator credits %v -> %v (%v): want the 0.01 ETH bounty more", opCredits, after, err)
	}
	survivor := cls[follow]
	m, err := survivor.Model(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	local := testjob.NewEnv(t, train).TrainSeeded(t, id, crypto.PubkeyToAddress(user.PublicKey), sp)
	if uint64(m.StepsDone) != steps || common.BigToHash(mc) != m.Commitment || m.Commitment != common.Hash(local.Weights.Bytes()) {
		t.Fatalf("L1 published %x; the node's model has %d steps, commitment %s; local training %s", mc, m.StepsDone, m.Commitment, common.Hash(local.Weights.Bytes()))
	}
	j, err := survivor.Job(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	wait.NoError(t, 10*time.Second, fmt.Sprintf("the node's heads to reach the job's block %d, finalized on L1", uint64(j.Block)), func() error {
		st, err := survivor.SyncStatus(ctx)
		if err != nil || uint64(st.Posted) < uint64(j.Block) || uint64(st.Finalized) < uint64(j.Block) {
			return fmt.Errorf("node heads %+v (%v)", st, err)
		}
		return nil
	})

	// The classifier, loaded through the CLI's path, answers as the
	// executor on the held-out samples.
	utx, err := l1.NewTxManager(ctx, eth.Client, user, l1.TxConfig{PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	lp, err := l1.ParamsOf(sp)
	if err != nil {
		t.Fatal(err)
	}
	cl := l1.NewClassifier(clsAddr, utx)
	packed := l1.Packed(m.Weights)
	if err := cl.Load(ctx, id, lp, packed); err != nil {
		t.Fatal(err)
	}
	w, err := model.FromFlat(spec, m.Weights)
	if err != nil {
		t.Fatal(err)
	}
	want := executor.Predict(w, test.X, 1)
	for i := range test.Len() {
		x, _ := test.Sample(i)
		got, err := cl.Predict(ctx, id, packed, x)
		if err != nil || got != want[i] {
			t.Fatalf("sample %d: the classifier answers %d (%v), the executor %d", i, got, err, want[i])
		}
	}
}
