package main

import (
	"context"
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
// read their heads from L1, and an operator process (batcher and prover).
// An Iris job's creation and first steps go to the leader, which is then
// SIGKILLed; the rest go to the survivors. The job still finalizes on L1
// with a real recursive proof: every acknowledged transaction is in the
// chain at its acknowledged block, the model L1 publishes is the nodes',
// the classifier answers as the executor and the nodes report the heads.
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
	c := newProcCluster(t, 3, "--l1", eth.URL, "--bridge", dep.Bridge.Hex(), "--l1-from-block", fmt.Sprint(dep.Block), "--max-block-txs", "8",
		"--job-shape", "4-8-3/b8/d7")
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
	// test sends them within a second or two): two L1 proofs, not three.
	op := startBackground(t, "operator", "operator", "--rpc", strings.Join(urls, ","), "--l1", eth.URL, "--bridge", dep.Bridge.Hex(),
		"--l1-from-block", fmt.Sprint(dep.Block), "--da", "http://"+daAddr, "--da-token-file", tokenFile, "--chain-id", fmt.Sprint(chainID),
		"--data", iris, "--key", "@"+keyFile, "--datadir", filepath.Join(dir, "op"), "--post-interval", "3s")

	// The job: its creation and 7 steps to the leader, then the leader
	// killed, then 8 more steps through the others (16 transitions: two L1
	// proofs).
	d, err := dataset.LoadCSV("../../testdata/iris.csv")
	if err != nil {
		t.Fatal(err)
	}
	train, test := d.Split(5)
	const id, steps = state.JobID(1), 15
	sp := testjob.NewEnv(t, train).Params(t, spec, 8, 13107, 2, steps)
	raws := testjob.SignedJob(t, chainID, user, id, sp)
	// A job the chain's prover cannot prove (batch 4) is refused.
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
	acked := map[common.Hash]uint64{}
	send := func(raws [][]byte, from int) {
		for _, raw := range raws {
			deadline := time.Now().Add(time.Minute)
			for i := from; ; i++ {
				if time.Now().After(deadline) {
					t.Fatal("a transaction not acknowledged by any node in a minute")
				}
				if !c.running(i % 3) {
					continue
				}
				sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
				h, b, err := cls[i%3].SendRawTransaction(sctx, raw)
				cancel()
				if err == nil {
					acked[h] = b
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
		}
	}
	send(raws[:8], leader)
	c.kill(leader)
	killedAt := time.Now()
	send(raws[8:], leader+1)
	t.Logf("leader %s killed; the other 8 steps acknowledged %v later", c.ids[leader], time.Since(killedAt).Round(time.Millisecond))

	// L1 finalizes the job.
	var mc *big.Int
	deadline := time.Now().Add(20 * time.Minute)
	for {
		select {
		case err := <-op.exited:
			t.Fatalf("operator exited: %v", err)
		default:
		}
		if mc, err = bridge.ModelCommitment(ctx, id); err != nil {
			t.Fatal(err)
		}
		if mc.Sign() != 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("job not finalized on L1 in 20 minutes")
		}
		time.Sleep(time.Second)
	}
	survivor := cls[(leader+1)%3]
	for h, b := range acked {
		r, err := survivor.Receipt(ctx, h)
		if err != nil || uint64(r.Block) != b || r.Status != client.StatusApplied {
			t.Fatalf("acknowledged tx %s (block %d): receipt %+v, %v", h, b, r, err)
		}
	}
	m, err := survivor.Model(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if uint64(m.StepsDone) != steps || common.BigToHash(mc) != m.Commitment {
		t.Fatalf("L1 published %x; the node's model has %d steps, commitment %s", mc, m.StepsDone, m.Commitment)
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
