package main

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/internal/testnode"
	"github.com/trainrollup/trainrollup/internal/wait"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/sequencer"
	"github.com/trainrollup/trainrollup/state"
)

// procCluster is a sequencer.Cluster of trainrollup node processes (this
// test binary acting as the trainrollup binary) on loopback, with static
// peers; its methods fail the test instead of returning errors.
type procCluster struct {
	t *testing.T
	*sequencer.Cluster[*procNode]
	extra   []string // more flags for every node
	noData  bool     // started without --data (they fetch from their --da)
	ids     []string
	raft    []string
	rpc     []string
	dirs    []string
	peers   string
	secret  string
	chainID uint64
}

// procNode is one node process. Its Stop is a crash: SIGKILL, no cleanup
// of any kind.
type procNode struct {
	c   *procCluster
	i   int
	cmd *exec.Cmd
	log *os.File
	cl  *client.Client
}

func freePort(t *testing.T) string {
	return freePorts(t, 1)[0]
}

// freePorts returns n distinct loopback addresses that were free: every
// listener stays open until all are chosen, so no two are the same.
func freePorts(t *testing.T, n int) []string {
	t.Helper()
	addrs := make([]string, n)
	for i := range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		addrs[i] = ln.Addr().String()
	}
	return addrs
}

func newProcCluster(t *testing.T, size int, extra ...string) *procCluster {
	return startProcCluster(t, size, false, extra...)
}

// startProcCluster starts size node processes; with noData they hold no
// local copy of iris, which the test registers (from a DA it gives them
// in extra), else they hold it and the chain registers it at block 1.
func startProcCluster(t *testing.T, size int, noData bool, extra ...string) *procCluster {
	root := t.TempDir()
	c := &procCluster{t: t, secret: filepath.Join(root, "secret"), chainID: 77, extra: extra, noData: noData}
	var peers []string
	ports := freePorts(t, 2*size)
	for i := range size {
		c.ids = append(c.ids, fmt.Sprintf("p%d", i))
		c.raft = append(c.raft, ports[2*i])
		c.rpc = append(c.rpc, ports[2*i+1])
		c.dirs = append(c.dirs, filepath.Join(root, c.ids[i]))
		peers = append(peers, c.ids[i]+"="+c.raft[i])
	}
	c.peers = strings.Join(peers, ",")
	var err error
	c.Cluster, err = sequencer.NewCluster(sequencer.ClusterConfig[*procNode]{Size: size, Poll: 20 * time.Millisecond,
		New: func(i int) (*procNode, error) { return &procNode{c: c, i: i}, nil }})
	if err != nil {
		t.Fatal(err)
	}
	// After the kills below (cleanups run last first): whole logs.
	t.Cleanup(func() {
		if t.Failed() {
			c.dumpLogs()
		}
	})
	t.Cleanup(func() { c.Stop(context.Background()) })
	if err := c.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if noData {
		return c
	}
	// The nodes hold iris (--data) as a local copy; the chain registers
	// it (block 1).
	d, err := dataset.LoadCSV(iris[len("csv:"):])
	if err != nil {
		t.Fatal(err)
	}
	train, _ := d.Split(5)
	cl := c.dial(0)
	defer cl.Close()
	c.leader(firstElection)
	testnode.Register(t, cl, c.chainID, train)
	return c
}

// logPath is where node i's output goes, across its restarts.
func (c *procCluster) logPath(i int) string {
	return filepath.Join(filepath.Dir(c.dirs[i]), c.ids[i]+".log")
}

// Start starts the node process; it does not wait for it to answer.
func (p *procNode) Start(context.Context) error {
	c, i := p.c, p.i
	logf, err := os.OpenFile(c.logPath(i), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(os.Args[0], "node", "--id", c.ids[i], "--datadir", c.dirs[i], "--raft-addr", c.raft[i],
		"--rpc-addr", c.rpc[i], "--bootstrap", "--peers", c.peers, "--admin-secret", c.secret,
		"--chain-id", fmt.Sprint(c.chainID), "--log-level", "warn")
	if !c.noData {
		cmd.Args = append(cmd.Args, "--data", iris)
	}
	cmd.Args = append(cmd.Args, c.extra...)
	cmd.Env = append(os.Environ(), "TRAINROLLUP_TEST_AS_MAIN=1")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return err
	}
	if p.cl, err = client.Dial(context.Background(), "http://"+c.rpc[i]); err != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		logf.Close()
		return err
	}
	p.cmd, p.log = cmd, logf
	return nil
}

// Stop kills the process with SIGKILL.
func (p *procNode) Stop(context.Context) error {
	if p.cmd == nil {
		return nil
	}
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	_ = p.cmd.Wait()
	p.cl.Close()
	p.cmd = nil
	return p.log.Close()
}

func (p *procNode) Status(ctx context.Context) (client.SyncStatus, error) {
	st, err := p.cl.SyncStatus(ctx)
	if err != nil {
		return client.SyncStatus{}, err
	}
	return *st, nil
}

func (p *procNode) BlockHash(ctx context.Context, num uint64) (common.Hash, error) {
	blk, err := p.cl.BlockByNumber(ctx, &num, false)
	if err != nil {
		return common.Hash{}, err
	}
	if blk.Hash == nil {
		return common.Hash{}, fmt.Errorf("block %d has no hash yet", num)
	}
	return *blk.Hash, nil
}

// start starts node i again after a kill.
func (c *procCluster) start(i int) {
	c.t.Helper()
	if _, err := c.StartMember(context.Background(), i); err != nil {
		c.t.Fatal(err)
	}
}

// kill ends node i with SIGKILL.
func (c *procCluster) kill(i int) {
	c.t.Helper()
	if err := c.StopMember(context.Background(), i); err != nil {
		c.t.Fatal(err)
	}
}

func (c *procCluster) dumpLogs() {
	for i := range c.ids {
		f, err := os.Open(c.logPath(i))
		if err != nil {
			continue
		}
		s := bufio.NewScanner(f)
		for s.Scan() {
			c.t.Logf("%s: %s", c.ids[i], s.Text())
		}
		f.Close()
	}
}

// dial connects to node i once it answers.
func (c *procCluster) dial(i int) *client.Client {
	c.t.Helper()
	var cl *client.Client
	wait.NoError(c.t, 30*time.Second, fmt.Sprintf("node %s to answer", c.ids[i]), func() error {
		var err error
		if cl, err = client.Dial(context.Background(), "http://"+c.rpc[i]); err != nil {
			return err
		}
		if _, err = cl.BlockNumber(context.Background()); err != nil {
			cl.Close()
			return err
		}
		return nil
	})
	return cl
}

// firstElection bounds the wait for a cluster's first leader: the nodes
// are race-built copies of this test binary, started beside other test
// binaries on a busy runner, and each must be up before it can vote.
const firstElection = 60 * time.Second

// leader waits until exactly one running node says it leads.
func (c *procCluster) leader(within time.Duration) int {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	l, err := c.Leader(ctx)
	if err != nil {
		c.t.Fatal(err)
	}
	return l
}

// headers reads every block hash of node i up to head, once executed.
func headers(t *testing.T, cl *client.Client, head uint64) []common.Hash {
	t.Helper()
	ctx := context.Background()
	wait.NoError(t, 60*time.Second, fmt.Sprintf("the node to execute up to %d", head), func() error {
		st, err := cl.SyncStatus(ctx)
		if err != nil || uint64(st.Executed) < head {
			return fmt.Errorf("%+v, %v", st, err)
		}
		return nil
	})
	var hs []common.Hash
	for b := uint64(0); b <= head; b++ {
		blk, err := cl.BlockByNumber(ctx, &b, false)
		if err != nil || blk.Hash == nil {
			t.Fatalf("block %d: %+v, %v", b, blk, err)
		}
		hs = append(hs, *blk.Hash)
	}
	return hs
}

// TestProcessCluster runs three node processes: a stream of signed steps
// from several senders through all of them while the leader is killed with
// SIGKILL; a new leader within 2 s; every acknowledged transaction in the
// chain once; then every node killed with SIGKILL and restarted: the same
// chain, block hashes (so state roots) and jobs, and sequencing goes on.
func TestProcessCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("starts three node processes")
	}
	c := newProcCluster(t, 3)
	cls := make([]*client.Client, 3)
	for i := range cls {
		cls[i] = c.dial(i)
		defer cls[i].Close()
	}
	first := c.leader(firstElection)

	d, err := dataset.LoadCSV("../../testdata/iris.csv")
	if err != nil {
		t.Fatal(err)
	}
	train, _ := d.Split(5)
	tree, err := dataset.NewTree(train)
	if err != nil {
		t.Fatal(err)
	}
	spec, _ := model.Parse("4-8-3")
	sign := func(key *ecdsa.PrivateKey, tx *chain.Tx) []byte {
		tx.ChainID = c.chainID
		if err := tx.Sign(key); err != nil {
			t.Fatal(err)
		}
		raw, _ := tx.MarshalBinary()
		return raw
	}

	const senders = 3
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		mu    sync.Mutex
		acked = map[common.Hash]uint64{}
		wg    sync.WaitGroup
	)
	for s := range senders {
		key, _ := crypto.GenerateKey()
		id := state.JobID(s + 1)
		w, _ := model.Init(spec, uint64(s))
		p, err := chain.ParamsOf(state.Params{Model: spec, DatasetRoot: tree.Root(), DatasetSize: uint64(train.Len()),
			LearningRate: 3277, Batch: 8, Seed: uint64(s), InitWeights: w.Commitment(), Steps: 1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			order := dataset.NewOrder(uint64(s), uint64(train.Len()))
			raw := sign(key, &chain.Tx{Type: chain.TxCreateJob, Job: id, Params: p})
			for nonce := uint64(1); ctx.Err() == nil; nonce++ {
				for i := s; ; i++ {
					if ctx.Err() != nil {
						return
					}
					cl := cls[i%3]
					sctx, scancel := context.WithTimeout(ctx, 5*time.Second)
					h, b, err := cl.SendRawTransaction(sctx, raw)
					scancel()
					if err == nil {
						mu.Lock()
						acked[h] = b
						mu.Unlock()
						break
					}
					time.Sleep(20 * time.Millisecond)
				}
				raw = sign(key, &chain.Tx{Type: chain.TxTrainStep, Nonce: nonce, Job: id, Indices: order.Step(nonce-1, 8)})
			}
		}()
	}
	count := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(acked)
	}
	waitCount := func(n int) {
		t.Helper()
		wait.NoError(t, 60*time.Second, fmt.Sprintf("%d acknowledged transactions", n), func() error {
			if got := count(); got < n {
				return fmt.Errorf("%d acknowledged", got)
			}
			return nil
		})
	}
	waitCount(60)
	killed := time.Now()
	c.kill(first)
	next := c.leader(10 * time.Second)
	failover := time.Since(killed)
	t.Logf("leader %s killed; %s leads after %v", c.ids[first], c.ids[next], failover)
	if failover > 2*time.Second {
		t.Errorf("failover took %v, want <= 2s", failover)
	}
	waitCount(count() + 60)
	cancel()
	wg.Wait()

	head, err := cls[next].BlockNumber(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ref := headers(t, cls[next], head)
	seen := map[common.Hash]int{}
	for b := uint64(1); b <= head; b++ {
		blk, err := cls[next].BlockByNumber(context.Background(), &b, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range blk.TxHashes {
			seen[h]++
		}
	}
	for h := range acked {
		if seen[h] != 1 {
			t.Fatalf("acknowledged transaction %s appears %d times", h, seen[h])
		}
	}
	t.Logf("%d acknowledged transactions in %d blocks, each once", len(acked), head)
	jobBefore, err := cls[next].Job(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}

	// kill -9 everything, restart everything.
	for i := range c.Size() {
		c.kill(i)
	}
	for i := range c.Size() {
		cls[i].Close()
		c.start(i)
	}
	for i := range cls {
		cls[i] = c.dial(i)
	}
	l := c.leader(firstElection)
	for i := range cls {
		got := headers(t, cls[i], head)
		for b := range got {
			if got[b] != ref[b] {
				t.Fatalf("%s block %d after the restart: %s, was %s", c.ids[i], b, got[b], ref[b])
			}
		}
	}
	jobAfter, err := cls[l].Job(context.Background(), 1)
	if err != nil || jobAfter.StepsDone < jobBefore.StepsDone {
		t.Fatalf("job 1 after the restart: %+v, %v (before: %+v)", jobAfter, err, jobBefore)
	}
	// Sequencing goes on: the old stream's next step.
	nonce, err := cls[l].Nonce(context.Background(), jobAfter.Owner)
	if err != nil || nonce == 0 {
		t.Fatalf("nonce after the restart: %d, %v", nonce, err)
	}
	key, _ := crypto.GenerateKey()
	w, _ := model.Init(spec, 9)
	p, _ := chain.ParamsOf(state.Params{Model: spec, DatasetRoot: tree.Root(), DatasetSize: uint64(train.Len()),
		LearningRate: 3277, Batch: 8, Seed: 9, InitWeights: w.Commitment(), Steps: 4})
	if _, b, err := cls[(l+1)%3].SendRawTransaction(context.Background(), sign(key, &chain.Tx{Type: chain.TxCreateJob, Job: 99, Params: p})); err != nil || b <= head {
		t.Fatalf("sequencing after the restart: block %d, %v", b, err)
	}
}

// TestJobCommands runs the README's client flow against a node process:
// key new, job create, job step, job status, job watch; the job's final
// weights commitment is the one trainrollup train computes locally with
// the same parameters.
func TestJobCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a node process")
	}
	c := newProcCluster(t, 1)
	cl := c.dial(0)
	defer cl.Close()
	c.leader(firstElection)
	url := "http://" + c.rpc[0]
	key := filepath.Join(t.TempDir(), "key.hex")
	addr := strings.TrimSpace(mustRun(t, "key", "new", key))
	if code, _, errOut := runCLI(t, "key", "new", key); code == 0 || !strings.Contains(errOut, "exists") {
		t.Fatalf("key new over an existing file: exit %d, %s", code, errOut)
	}
	chainID := fmt.Sprint(c.chainID)
	out := mustRun(t, "job", "create", "--rpc", url, "--key", "@"+key, "--chain-id", chainID, "--job-id", "1",
		"--data", iris, "--model", "4-8-3", "--batch", "8", "--lr", "0.05", "--seed", "3", "--steps", "40")
	if !strings.Contains(out, "job 1 created by "+addr) {
		t.Fatalf("create: %s", out)
	}
	if code, _, errOut := runCLI(t, "job", "create", "--rpc", url, "--key", "@"+key, "--chain-id", chainID, "--job-id", "1",
		"--data", iris, "--model", "4-8-3", "--steps", "40"); code == 0 || !strings.Contains(errOut, "job already exists") {
		t.Fatalf("second create of job 1: exit %d, %s", code, errOut)
	}
	mustRun(t, "job", "step", "--rpc", url, "--key", "@"+key, "--chain-id", chainID, "--job-id", "1", "--count", "15", "--per-call", "4")
	mustRun(t, "job", "step", "--rpc", url, "--key", "@"+key, "--chain-id", chainID, "--job-id", "1")
	watch := mustRun(t, "job", "watch", "--rpc", "ws://"+c.rpc[0], "--job-id", "1", "--until", "completed")
	if !strings.Contains(watch, "40 executed, 40 sequenced, of 40") {
		t.Fatalf("watch: %s", watch)
	}
	status := mustRun(t, "job", "status", "--rpc", url, "--job-id", "1", "--json")
	var j client.Job
	if err := json.Unmarshal([]byte(status), &j); err != nil || j.Status != "completed" {
		t.Fatalf("status: %s (%v)", status, err)
	}
	local := mustRun(t, "train", "--data", iris, "--model", "4-8-3", "--batch", "8", "--lr", "0.05", "--seed", "3", "--steps", "40", "--json", "--no-reference")
	var tr struct {
		Weights string `json:"weights_commitment"`
	}
	if err := json.Unmarshal([]byte(local), &tr); err != nil {
		t.Fatal(err)
	}
	if tr.Weights != j.Weights.Hex() {
		t.Fatalf("the chain trained to %s, local training to %s", j.Weights.Hex(), tr.Weights)
	}

	// submit: the creation and the steps in one stream; watch with the
	// data shows the model's training loss.
	sub := mustRun(t, "job", "submit", "--rpc", url, "--key", "@"+key, "--chain-id", chainID, "--job-id", "2",
		"--data", iris, "--model", "4-8-3", "--batch", "8", "--lr", "0.05", "--seed", "3", "--steps", "40", "--per-call", "16")
	if !strings.Contains(sub, "job 2 created by "+addr) || !strings.Contains(sub, "40 steps sequenced") {
		t.Fatalf("submit: %s", sub)
	}
	watch = mustRun(t, "job", "watch", "--rpc", "ws://"+c.rpc[0], "--job-id", "2", "--until", "completed", "--data", iris)
	if !strings.Contains(watch, "completed, 40/40 steps") || !strings.Contains(watch, "| loss 0.") {
		t.Fatalf("watch of a submitted job: %s", watch)
	}
	if err := json.Unmarshal([]byte(mustRun(t, "job", "status", "--rpc", url, "--job-id", "2", "--json")), &j); err != nil || j.Weights.Hex() != tr.Weights {
		t.Fatalf("submitted job trained to %s (%v), local training to %s", j.Weights.Hex(), err, tr.Weights)
	}
	if code, _, errOut := runCLI(t, "job", "watch", "--rpc", "ws://"+c.rpc[0], "--job-id", "2", "--until", "soon"); code == 0 || !strings.Contains(errOut, "--until") {
		t.Fatalf("watch --until soon: exit %d, %s", code, errOut)
	}

	// A seeded job: submit only creates it, the sequencer schedules its
	// steps (nobody may send them), and it trains to the same bits (the
	// CLI sends a given job's steps in the protocol's order too).
	sub = mustRun(t, "job", "submit", "--rpc", url, "--key", "@"+key, "--chain-id", chainID, "--job-id", "4", "--order", "seeded",
		"--data", iris, "--model", "4-8-3", "--batch", "8", "--lr", "0.05", "--seed", "3", "--steps", "40")
	if !strings.Contains(sub, "job 4 created by "+addr) || !strings.Contains(sub, "the sequencer schedules its 40 steps") {
		t.Fatalf("submit --order seeded: %s", sub)
	}
	if code, _, errOut := runCLI(t, "job", "step", "--rpc", url, "--key", "@"+key, "--chain-id", chainID, "--job-id", "4"); code == 0 || !strings.Contains(errOut, "job 4 is seeded") {
		t.Fatalf("job step of a seeded job: exit %d, %s", code, errOut)
	}
	watch = mustRun(t, "job", "watch", "--rpc", "ws://"+c.rpc[0], "--job-id", "4", "--until", "completed")
	if !strings.Contains(watch, "completed, 40/40 steps") {
		t.Fatalf("watch of a seeded job: %s", watch)
	}
	if err := json.Unmarshal([]byte(mustRun(t, "job", "status", "--rpc", url, "--job-id", "4", "--json")), &j); err != nil || j.Weights.Hex() != tr.Weights || j.Order != "seeded" {
		t.Fatalf("seeded job: order %s, trained to %s (%v), local training to %s", j.Order, j.Weights.Hex(), err, tr.Weights)
	}

	// admin: membership, pause and resume with the cluster's secret.
	var m client.Membership
	if err := json.Unmarshal([]byte(mustRun(t, "admin", "members", "--rpc", url, "--admin-secret", c.secret)), &m); err != nil ||
		len(m.Members) != 1 || m.Members[0].ID != c.ids[0] || !m.Members[0].Leader {
		t.Fatalf("admin members: %+v (%v)", m, err)
	}
	mustRun(t, "admin", "pause", "--rpc", url, "--admin-secret", c.secret)
	if code, _, errOut := runCLI(t, "job", "create", "--rpc", url, "--key", "@"+key, "--chain-id", chainID, "--job-id", "3",
		"--data", iris, "--model", "4-8-3", "--steps", "4"); code == 0 || !strings.Contains(errOut, "paused") {
		t.Fatalf("a transaction while paused: exit %d, %s", code, errOut)
	}
	mustRun(t, "admin", "resume", "--rpc", url, "--admin-secret", c.secret)
	if code, _, errOut := runCLI(t, "admin", "members", "--rpc", url, "--admin-secret", filepath.Join(t.TempDir(), "none")); code == 0 || !strings.Contains(errOut, "no such file") {
		t.Fatalf("admin with a missing secret file: exit %d, %s", code, errOut)
	}
}

// bgProc is a trainrollup process (this test binary acting as the
// trainrollup binary) that runs until the test ends, when it is killed;
// its output goes to a log that dump prints.
type bgProc struct {
	t      *testing.T
	exited chan error
	log    string
}

// startBackground starts trainrollup with args, its output in
// name.log under a temporary directory.
func startBackground(t *testing.T, name string, args ...string) *bgProc {
	t.Helper()
	p := &bgProc{t: t, exited: make(chan error, 1), log: filepath.Join(t.TempDir(), name+".log")}
	logf, err := os.Create(p.log)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "TRAINROLLUP_TEST_AS_MAIN=1")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		t.Fatal(err)
	}
	go func() { p.exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGKILL)
		<-p.exited
		logf.Close()
		if t.Failed() {
			p.dump()
		}
	})
	return p
}

// dump logs the process's output.
func (p *bgProc) dump() {
	b, _ := os.ReadFile(p.log)
	p.t.Logf("%s:\n%s", filepath.Base(p.log), b)
}
