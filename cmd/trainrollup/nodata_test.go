package main

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/internal/evmtest"
	"github.com/trainrollup/trainrollup/internal/mnistdir"
	"github.com/trainrollup/trainrollup/internal/wait"
	"github.com/trainrollup/trainrollup/state"
)

// TestProcessWithoutData runs a rollup in which no process holds a dataset
// file: three node processes and an operator process (the batcher)
// started without --data, the DA server process, geth --dev with the
// bridge. job submit publishes Iris to DA and registers it (the chain does
// not know it); dataset publish publishes MNIST 14x14 (60,000 training
// samples). The nodes fetch both from DA and train a job on each to the
// weights commitments that train computes locally and to the state root
// that those weights give; verify, with no --data either, re-derives the
// chain from L1 and DA to the same root.
func TestProcessWithoutData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("fetches MNIST in four processes: not in -short or under -race (make test runs it without)")
	}
	ctx := t.Context()
	l := startL1(t, evmtest.TestContracts(t)["ClaimVerifier"].Bin)
	eth, opKey, dep, bridge := l.eth, l.op, l.dep, l.bridge

	daAddr, tokenFile := startDAServer(t)
	daURL := "http://" + daAddr
	daFlags := []string{"--da", daURL, "--da-token-file", tokenFile}
	c := startProcCluster(t, 3, true, daFlags...)
	leader := c.leader(firstElection)
	cl := c.dial(leader)
	defer cl.Close()
	url := "http://" + c.rpc[leader]
	chainID := fmt.Sprint(c.chainID)

	dir := t.TempDir()
	opFile, userFile := filepath.Join(dir, "operator.hex"), filepath.Join(dir, "user.hex")
	if err := os.WriteFile(opFile, []byte(hex.EncodeToString(crypto.FromECDSA(opKey))), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "key", "new", userFile)
	user, err := loadKey("@" + userFile)
	if err != nil {
		t.Fatal(err)
	}
	urls := make([]string, 3)
	for i := range urls {
		urls[i] = "http://" + c.rpc[i]
	}
	op := startBackground(t, "operator", append([]string{"operator", "--rpc", strings.Join(urls, ","), "--l1", eth.URL,
		"--bridge", dep.Bridge.Hex(), "--l1-from-block", fmt.Sprint(dep.Block), "--chain-id", chainID, "--key", "@" + opFile,
		"--datadir", filepath.Join(dir, "op"), "--no-prover", "--post-interval", "1s"}, daFlags...)...)

	mnist := "mnist:" + mnistdir.Dir(t)
	type job struct {
		id                           state.JobID
		data, model, batch, lr, seed string
		steps                        uint64
	}
	jobs := []job{
		{id: 1, data: iris, model: "4-8-3", batch: "8", lr: "0.05", steps: 40, seed: "1"},
		{id: 2, data: mnist, model: "196-16-10", batch: "32", lr: "0.1", steps: 12, seed: "2"},
	}
	hyper := func(j job) []string {
		return []string{"--data", j.data, "--model", j.model, "--batch", j.batch, "--lr", j.lr, "--seed", j.seed, "--steps", fmt.Sprint(j.steps)}
	}

	// Without --da, a job over a dataset the chain does not know is
	// refused before anything is sent.
	code, _, errOut := runCLI(t, append([]string{"job", "create", "--rpc", url, "--key", "@" + userFile, "--chain-id", chainID, "--job-id", "9"}, hyper(jobs[0])...)...)
	if code == 0 || !strings.Contains(errOut, "is not registered on the chain") {
		t.Fatalf("job create over an unregistered dataset, without --da: exit %d, %s", code, errOut)
	}
	// MNIST by dataset publish; Iris by job submit, which publishes and
	// registers it first.
	var pub publishOutput
	out := mustRun(t, "dataset", "publish", "--data", "mnist14:"+mnistdir.Dir(t), "--rpc", url, "--da", daURL, "--da-token-file", tokenFile,
		"--key", "@"+userFile, "--chain-id", chainID, "--journal-dir", t.TempDir(), "--json")
	if err := json.Unmarshal([]byte(out), &pub); err != nil || pub.Samples != 60000 || pub.Chunks != 10 || pub.Existing {
		t.Fatalf("publish MNIST: %+v, %v: %s", pub, err, out)
	}
	t.Logf("MNIST: %d chunks, %d bytes on DA", pub.Chunks, pub.Bytes)
	for _, j := range jobs {
		out := mustRun(t, append([]string{"job", "submit", "--rpc", url, "--key", "@" + userFile, "--chain-id", chainID, "--job-id", fmt.Sprint(j.id),
			"--per-call", "8", "--journal-dir", t.TempDir()}, append(hyper(j), daFlags...)...)...)
		if published := strings.Contains(out, "published"); published != (j.data == iris) {
			t.Fatalf("job submit %d (dataset registered before: %v): %s", j.id, j.data != iris, out)
		}
	}

	// Every node trains both jobs to the weights train computes, and its
	// head's state root is the root of those two jobs (spec/state.md).
	leaves := map[state.JobID]commit.Element{}
	for _, j := range jobs {
		var tr struct {
			Weights string `json:"weights_commitment"`
		}
		if err := json.Unmarshal([]byte(mustRun(t, append([]string{"train", "--json", "--no-reference"}, hyper(j)...)...)), &tr); err != nil {
			t.Fatal(err)
		}
		var in inspectOutput
		if err := json.Unmarshal([]byte(mustRun(t, append([]string{"job", "inspect", "--json", "--job-id", fmt.Sprint(j.id),
			"--owner", crypto.PubkeyToAddress(user.PublicKey).Hex()}, hyper(j)...)...)), &in); err != nil {
			t.Fatal(err)
		}
		var w, ph commit.Element
		w.SetBytes(common.HexToHash(tr.Weights).Bytes())
		ph.SetBytes(common.HexToHash(in.ParamsHash).Bytes())
		done := state.Job{ID: j.id, Owner: crypto.PubkeyToAddress(user.PublicKey), Weights: w, StepsDone: j.steps, Status: state.StatusCompleted}
		leaves[j.id] = done.LeafWith(ph)
		for i := range 3 {
			ncl := c.dial(i)
			wait.NoError(t, 5*time.Minute, fmt.Sprintf("node %d to complete job %d", i, j.id), func() error {
				got, err := ncl.Job(ctx, j.id)
				if err != nil {
					return err
				}
				if uint64(got.StepsDone) != j.steps {
					return fmt.Errorf("%d of %d steps done", got.StepsDone, j.steps)
				}
				return nil
			})
			got, err := ncl.Job(ctx, j.id)
			ncl.Close()
			if err != nil {
				t.Fatal(err)
			}
			if got.Weights.Hex() != tr.Weights || got.Leaf.Hex() != commit.Hex(leaves[j.id]) {
				t.Fatalf("node %d, job %d: weights %s leaf %s; train gives weights %s, leaf %s",
					i, j.id, got.Weights.Hex(), got.Leaf.Hex(), tr.Weights, commit.Hex(leaves[j.id]))
			}
		}
	}
	want := rootOfLeaves(leaves)
	wantHex := commit.Hex(want)
	head, err := cl.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c.SameChain(ctx, head)
	b, err := cl.BlockByNumber(ctx, &head, false)
	if err != nil || b.StateRoot == nil || b.StateRoot.Hex() != wantHex {
		t.Fatalf("head %d: state root %v (%v), the two trained jobs give %s", head, b.StateRoot, err, wantHex)
	}

	// The operator posts every block (the bridge says so); verify
	// re-derives them from L1 and DA, fetching both datasets itself.
	wait.NoError(t, 3*time.Minute, "the operator to post every block", func() error {
		select {
		case err := <-op.exited:
			t.Fatalf("operator exited: %v", err)
		default:
		}
		posted, _, err := bridge.Heads(ctx, dep.Block)
		if err != nil {
			return err
		}
		if posted < head {
			return fmt.Errorf("posted %d of %d", posted, head)
		}
		return nil
	})
	stdout := mustRun(t, "verify", "--l1", eth.URL, "--bridge", dep.Bridge.Hex(), "--l1-from-block", fmt.Sprint(dep.Block),
		"--da", daURL, "--da-token-file", tokenFile, "--chain-id", chainID, "--dataset-cache", t.TempDir(), "--rpc", url)
	if !strings.Contains(stdout, fmt.Sprintf("%d blocks", head)) || !strings.Contains(stdout, "state root "+wantHex[2:]) {
		t.Fatalf("verify (head %d, state root %s):\n%s", head, wantHex, stdout)
	}
}

// rootOfLeaves is the state root of a tree holding leaves and nothing
// else (spec/state.md#tree): a node's children, or the empty subtree's
// hash where a child holds nothing.
func rootOfLeaves(leaves map[state.JobID]commit.Element) commit.Element {
	level := map[uint64]commit.Element{}
	for id, l := range leaves {
		level[uint64(id)] = l
	}
	for h := range state.Depth {
		up := map[uint64]commit.Element{}
		for i := range level {
			if _, ok := up[i>>1]; ok {
				continue
			}
			l, ok := level[i&^1]
			if !ok {
				l = state.EmptyHash(h)
			}
			r, ok := level[i|1]
			if !ok {
				r = state.EmptyHash(h)
			}
			up[i>>1] = commit.Compress(l, r)
		}
		level = up
	}
	return level[0]
}
