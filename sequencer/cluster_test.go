package sequencer

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/hashicorp/raft"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/da/datest"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/datastore"
	"github.com/trainrollup/trainrollup/executor/gpu"
	"github.com/trainrollup/trainrollup/executor/gpu/kernels/emu"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/internal/wait"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

const testChainID = 4242

var testSecret = [32]byte{1, 2, 3}

// cluster is the package's Cluster of in-process nodes on loopback TCP,
// each with its own data directory, so that nodes can be stopped and
// started again; its methods fail the test instead of returning errors.
type cluster struct {
	t *testing.T
	*Cluster[*Node]
	// cfgs are read at every start: a test may change one between a
	// stop and a start.
	cfgs []Config
	data *dataset.Dataset
	env  *testjob.Env
	// pub is data published to a local DA, which every node reads through
	// its own switch (das[i]), and registered at the start by publisher.
	pub       *testjob.Publication
	das       []*datest.Faulty
	publisher *account
	// noData names nodes started without a local copy of the dataset:
	// they fetch it from DA.
	noData map[int]bool
}

// freeAddr returns a loopback address with a port that was free a moment
// ago (raft's configuration needs every address before the nodes start).
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func testConfig(t *testing.T, id string) Config {
	cfg := DefaultConfig()
	cfg.ID = id
	cfg.DataDir = filepath.Join(t.TempDir(), id)
	cfg.RaftAddr = freeAddr(t)
	cfg.RPCAddr = freeAddr(t)
	cfg.AdminSecret = testSecret
	cfg.ChainID = testChainID
	cfg.GenesisTime = 1_700_000_000
	cfg.ConfirmTimeout = 3 * time.Second
	return cfg
}

// newCluster starts size nodes, each configured by testConfig and then
// opts, and registers the dataset.
func newCluster(t *testing.T, size int, opts ...func(*Config)) *cluster {
	t.Helper()
	d := testjob.Iris(t)
	c := &cluster{t: t, data: d, env: testjob.NewEnv(t, d), pub: testjob.Publish(t, d), publisher: newAccount(t)}
	// Node n1 executes on the GPU backend, over the emulator of its
	// kernels: every check that the nodes agree (sameChain compares the
	// headers each node made, state roots included) holds a GPU executor
	// to the CPU's bits. Closed after the nodes (cleanups run last first).
	dev := gpu.NewBackend(emu.NewSim())
	t.Cleanup(func() { dev.Close() })
	var peers []Peer
	for i := range size {
		cfg := testConfig(t, fmt.Sprintf("n%d", i))
		cfg.Bootstrap = true
		if i == 1 {
			cfg.Backend = dev
		}
		c.das = append(c.das, &datest.Faulty{Layer: c.pub.DA})
		cfg.DA = c.das[i]
		for _, o := range opts {
			o(&cfg)
		}
		peers = append(peers, Peer{ID: cfg.ID, Addr: cfg.RaftAddr})
		c.cfgs = append(c.cfgs, cfg)
	}
	for i := range c.cfgs {
		c.cfgs[i].Peers = peers
	}
	var err error
	c.Cluster, err = NewCluster(ClusterConfig[*Node]{Size: size, New: func(i int) (*Node, error) {
		if c.noData[i] {
			return New(c.cfgs[i])
		}
		return New(c.cfgs[i], c.data)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := c.Stop(ctx); err != nil {
			t.Errorf("stop the cluster: %v", err)
		}
	})
	c.register()
	return c
}

// register registers the cluster's dataset through the leader and waits
// until every node executed the registration.
func (c *cluster) register() {
	c.t.Helper()
	l := c.leader(10 * time.Second)
	cl := c.dial(l)
	_, b, err := cl.SendRawTransaction(context.Background(), c.publisher.sign(c.t, &chain.Tx{Type: chain.TxRegisterDataset, Manifest: c.pub.Raw}))
	if err != nil {
		c.t.Fatalf("register the dataset: %v", err)
	}
	c.converge(b, 30*time.Second)
}

// node is node i, nil while it is stopped.
func (c *cluster) node(i int) *Node {
	n, _ := c.Member(i)
	return n
}

// add makes room for a node with cfg, not started (see Cluster.Add).
func (c *cluster) add(cfg Config) int {
	c.cfgs = append(c.cfgs, cfg)
	return c.Add()
}

func (c *cluster) start(i int) *Node {
	c.t.Helper()
	n, err := c.StartMember(context.Background(), i)
	if err != nil {
		c.t.Fatal(err)
	}
	return n
}

func (c *cluster) stop(i int) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.StopMember(ctx, i); err != nil {
		c.t.Errorf("stop %s: %v", c.cfgs[i].ID, err)
	}
}

// leader waits until exactly one running node leads and returns it.
func (c *cluster) leader(within time.Duration) int {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	l, err := c.Leader(ctx)
	if err != nil {
		c.t.Fatal(err)
	}
	return l
}

// converge waits until every running node executed the same head, at
// least min, and checks that their headers agree block by block.
func (c *cluster) converge(min uint64, within time.Duration) uint64 {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	head, err := c.Converge(ctx, min)
	if err != nil {
		c.t.Fatal(err)
	}
	return head
}

func (c *cluster) dial(i int) *client.Client {
	c.t.Helper()
	cl, err := client.Dial(context.Background(), c.node(i).RPCURL())
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(cl.Close)
	return cl
}

// account signs a sender's transactions with consecutive nonces.
type account struct {
	key   *ecdsa.PrivateKey
	nonce uint64
}

func newAccount(t *testing.T) *account {
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return &account{key: k}
}

func (a *account) addr() common.Address { return crypto.PubkeyToAddress(a.key.PublicKey) }

func (a *account) sign(t testing.TB, tx *chain.Tx) []byte {
	t.Helper()
	tx.ChainID, tx.Nonce = testChainID, a.nonce
	a.nonce++
	if err := tx.Sign(a.key); err != nil {
		t.Fatal(err)
	}
	raw, err := tx.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// createTx is a CreateJob of an Iris 4-8-3 job with steps steps.
func (c *cluster) createTx(a *account, id state.JobID, steps uint64) []byte {
	spec, _ := model.Parse("4-8-3")
	p, err := chain.ParamsOf(c.env.Params(c.t, spec, 8, 3277, uint64(id), steps))
	if err != nil {
		c.t.Fatal(err)
	}
	return a.sign(c.t, &chain.Tx{Type: chain.TxCreateJob, Job: id, Params: p})
}

func stepTx(t testing.TB, a *account, id state.JobID, k uint64) []byte {
	ix := make([]uint64, 8)
	for i := range ix {
		ix[i] = (k*8 + uint64(i)) % 120
	}
	return a.sign(t, &chain.Tx{Type: chain.TxTrainStep, Job: id, Indices: ix})
}

// sendUntilAcked sends raw through the clients, moving to the next on
// failure, until one acknowledges it or the deadline passes.
func sendUntilAcked(ctx context.Context, cls []*client.Client, start int, raw []byte) (common.Hash, uint64, error) {
	var last error
	for i := start; ctx.Err() == nil; i++ {
		h, b, err := cls[i%len(cls)].SendRawTransaction(ctx, raw)
		if err == nil {
			return h, b, nil
		}
		last = err
		time.Sleep(20 * time.Millisecond)
	}
	return common.Hash{}, 0, fmt.Errorf("not acknowledged: %w", errors.Join(last, ctx.Err()))
}

// TestClusterFailover streams transactions from several senders through
// every node while the leader is stopped: a new leader is elected within
// 2 s, every acknowledged transaction is in the chain exactly once, and
// the survivors, then the restarted node, hold one chain.
func TestClusterFailover(t *testing.T) {
	c := newCluster(t, 3)
	first := c.leader(10 * time.Second)
	var cls []*client.Client
	for i := range c.Size() {
		cls = append(cls, c.dial(i))
	}

	const senders = 4
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		mu    sync.Mutex
		acked = map[common.Hash]uint64{}
		wg    sync.WaitGroup
		errs  = make(chan error, senders)
	)
	for s := range senders {
		a := newAccount(t)
		id := state.JobID(s + 1)
		create := c.createTx(a, id, 1<<20)
		wg.Add(1)
		go func() {
			defer wg.Done()
			raw := create
			for k := uint64(0); ctx.Err() == nil; k++ {
				sctx, scancel := context.WithTimeout(ctx, 15*time.Second)
				h, b, err := sendUntilAcked(sctx, cls, s+int(k), raw)
				scancel()
				if err != nil {
					if ctx.Err() == nil {
						errs <- fmt.Errorf("sender %d tx %d: %w", s, k, err)
					}
					return
				}
				mu.Lock()
				acked[h] = b
				mu.Unlock()
				raw = stepTx(t, a, id, k)
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
		wait.NoError(t, 30*time.Second, fmt.Sprintf("%d acknowledged transactions", n), func() error {
			if got := count(); got < n {
				return fmt.Errorf("only %d acknowledged", got)
			}
			return nil
		})
	}
	waitCount(100)

	killed := time.Now()
	c.stop(first)
	next := c.leader(5 * time.Second)
	failover := time.Since(killed)
	t.Logf("leader %s stopped; %s leads after %v", c.cfgs[first].ID, c.cfgs[next].ID, failover)
	// The 2 s goal is asserted by the process test and measured by
	// trainrollup bench sequencer; here three nodes share two cores with
	// the race detector and other test packages, so only a regression
	// beyond any scheduling noise fails.
	if failover > 5*time.Second {
		t.Errorf("failover took %v", failover)
	}
	waitCount(count() + 100)
	cancel()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	head := c.converge(1, 30*time.Second)
	checkExactlyOnce(t, c.node(next), acked, head)

	// The stopped node comes back and catches up on the same chain.
	c.start(first)
	c.converge(head, 30*time.Second)
}

// checkExactlyOnce scans the chain of n up to head: every acknowledged
// transaction is in it once, in the block it was acknowledged with.
func checkExactlyOnce(t *testing.T, n *Node, acked map[common.Hash]uint64, head uint64) {
	t.Helper()
	seen := map[common.Hash]int{}
	for b := uint64(1); b <= head; b++ {
		sb, err := n.chain.block(b)
		if err != nil {
			t.Fatal(err)
		}
		for _, raw := range sb.Txs {
			h := crypto.Keccak256Hash(raw)
			seen[h]++
			if seen[h] > 1 {
				t.Fatalf("transaction %s twice in the chain (again in block %d)", h, b)
			}
			if ab, ok := acked[h]; ok && ab != b {
				t.Fatalf("transaction %s acknowledged in block %d, found in %d", h, ab, b)
			}
		}
	}
	api := &trainAPI{n}
	for h, b := range acked {
		if seen[h] != 1 {
			t.Fatalf("acknowledged transaction %s (block %d) is not in the chain", h, b)
		}
		r, err := api.GetTransactionReceipt(h)
		if err != nil || r == nil || r.Status != client.StatusApplied {
			t.Fatalf("receipt of %s: %+v, %v", h, r, err)
		}
	}
	t.Logf("%d acknowledged transactions, each once in %d blocks", len(acked), head)
}

// TestClusterRestart stops every node, starts them again from their data
// directories: the chain, every header (so every state root) and the jobs
// are the same, and sequencing goes on from there.
func TestClusterRestart(t *testing.T) {
	c := newCluster(t, 3)
	c.cfgs[0].SnapshotThreshold = 16 // snapshots and log compaction during the run
	l := c.leader(10 * time.Second)
	cl := c.dial(l)
	ctx := context.Background()
	a := newAccount(t)
	if _, _, err := cl.SendRawTransaction(ctx, c.createTx(a, 9, 1000)); err != nil {
		t.Fatal(err)
	}
	for k := range uint64(40) {
		if _, _, err := cl.SendRawTransaction(ctx, stepTx(t, a, 9, k)); err != nil {
			t.Fatal(err)
		}
	}
	head := c.converge(2, 30*time.Second)
	before := map[uint64]common.Hash{}
	for b := uint64(0); b <= head; b++ {
		h, err := c.node(0).header(b)
		if err != nil {
			t.Fatal(err)
		}
		before[b] = h.Hash()
	}
	job, err := cl.Job(ctx, 9)
	if err != nil || job.StepsDone != 40 {
		t.Fatalf("job before restart: %+v, %v", job, err)
	}
	for i := range c.Size() {
		c.stop(i)
	}
	for i := range c.Size() {
		c.start(i)
	}
	l = c.leader(10 * time.Second)
	if got := c.converge(head, 30*time.Second); got != head {
		t.Fatalf("head %d after restart, was %d", got, head)
	}
	for b, want := range before {
		for _, n := range c.Members() {
			h, err := n.header(b)
			if err != nil || h.Hash() != want {
				t.Fatalf("%s block %d after restart: %v, %v", n.cfg.ID, b, h, err)
			}
		}
	}
	cl = c.dial(l)
	job2, err := cl.Job(ctx, 9)
	if err != nil || job2.Weights != job.Weights || job2.Leaf != job.Leaf {
		t.Fatalf("job after restart: %+v, %v", job2, err)
	}
	if _, _, err := cl.SendRawTransaction(ctx, stepTx(t, a, 9, 40)); err != nil {
		t.Fatalf("sequencing after restart: %v", err)
	}
	c.converge(head+1, 30*time.Second)
}

// TestMembership adds a fourth node as a non-voter, promotes it, transfers
// leadership to it, removes a founding member, all live and through the
// admin API of a follower (which forwards to the leader); the new node holds
// the whole chain.
func TestMembership(t *testing.T) {
	c := newCluster(t, 3)
	l := c.leader(10 * time.Second)
	follower := (l + 1) % 3
	cl := c.dial(follower)
	ctx := context.Background()
	a := newAccount(t)
	if _, _, err := cl.SendRawTransaction(ctx, c.createTx(a, 3, 100)); err != nil {
		t.Fatal(err)
	}
	for k := range uint64(10) {
		if _, _, err := cl.SendRawTransaction(ctx, stepTx(t, a, 3, k)); err != nil {
			t.Fatal(err)
		}
	}
	adm, err := client.DialAdmin(ctx, c.node(follower).RPCURL(), testSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer adm.Close()

	cfg := testConfig(t, "n3")
	c.start(c.add(cfg))
	m, err := adm.Membership(ctx)
	if err != nil || len(m.Members) != 3 {
		t.Fatalf("membership: %+v, %v", m, err)
	}
	t.Logf("configuration index %d", m.Index)
	if err := adm.AddNonvoter(ctx, "n3", cfg.RaftAddr, uint64(m.Index)); err != nil {
		t.Fatalf("add non-voter: %v", err)
	}
	// A stale configuration index is refused.
	if err := adm.AddVoter(ctx, "n3", cfg.RaftAddr, uint64(m.Index)); err == nil {
		t.Fatal("a change at a stale configuration index was accepted")
	}
	if err := adm.AddVoter(ctx, "n3", cfg.RaftAddr, 0); err != nil {
		t.Fatalf("promote: %v", err)
	}
	if m, err = adm.Membership(ctx); err != nil || len(m.Members) != 4 || m.Members[3].Suffrage != "Voter" {
		t.Fatalf("membership after the promotion: %+v, %v", m, err)
	}
	head := c.converge(2, 30*time.Second)

	start := time.Now()
	if err := adm.TransferLeader(ctx, "n3"); err != nil {
		t.Fatalf("transfer: %v", err)
	}
	if got := c.leader(5 * time.Second); got != 3 {
		t.Fatalf("leader after the transfer is %s", c.cfgs[got].ID)
	}
	t.Logf("leadership transferred in %v", time.Since(start))
	if ld, err := adm.Leader(ctx); err != nil || ld.ID != "n3" {
		t.Fatalf("admin_leader: %+v, %v", ld, err)
	}

	// Remove a founding follower (not the one the admin client talks to).
	victim := 3 - follower
	if victim == follower || victim == 3 {
		victim = (follower + 1) % 3
	}
	if err := adm.RemoveServer(ctx, c.cfgs[victim].ID, 0); err != nil {
		t.Fatalf("remove %s: %v", c.cfgs[victim].ID, err)
	}
	c.stop(victim)
	if m, err = adm.Membership(ctx); err != nil || len(m.Members) != 3 {
		t.Fatalf("membership after the removal: %+v, %v", m, err)
	}
	// The cluster still sequences, through the new leader.
	for k := uint64(10); k < 15; k++ {
		if _, _, err := cl.SendRawTransaction(ctx, stepTx(t, a, 3, k)); err != nil {
			t.Fatal(err)
		}
	}
	c.converge(head+1, 30*time.Second)
	j, err := c.dial(3).Job(ctx, 3)
	if err != nil || j.StepsDone != 15 {
		t.Fatalf("job on the new node: %+v, %v", j, err)
	}
}

// TestSnapshots takes raft snapshots (with the log compacted behind them)
// and checks the two ways a chain comes back from one: a new member that
// joins after the compaction receives the snapshot (FSM.Restore) and
// executes every block from it; a member whose chain database is lost
// restores its own latest snapshot at start and replays the log after it.
func TestSnapshots(t *testing.T) {
	c := newCluster(t, 3)
	for i := range c.cfgs {
		c.cfgs[i].TrailingLogs = 4
	}
	// Restart with the small trailing log (configuration is read at start).
	for i := range c.Size() {
		c.stop(i)
		c.start(i)
	}
	l := c.leader(10 * time.Second)
	cl := c.dial(l)
	ctx := context.Background()
	a := newAccount(t)
	if _, _, err := cl.SendRawTransaction(ctx, c.createTx(a, 4, 1000)); err != nil {
		t.Fatal(err)
	}
	k := uint64(0)
	send := func(n int) {
		for range n {
			if _, _, err := cl.SendRawTransaction(ctx, stepTx(t, a, 4, k)); err != nil {
				t.Fatal(err)
			}
			k++
		}
	}
	send(30)
	c.converge(2, 30*time.Second)
	for _, n := range c.Members() {
		if err := n.Raft().Snapshot().Error(); err != nil {
			t.Fatalf("snapshot on %s: %v", n.cfg.ID, err)
		}
	}
	send(10)
	head := c.converge(2, 30*time.Second)
	for _, n := range c.Members() {
		if err := n.Raft().Snapshot().Error(); err != nil {
			t.Fatalf("second snapshot on %s: %v", n.cfg.ID, err)
		}
		if first, _ := n.logs.FirstIndex(); first <= 1 {
			t.Fatalf("%s kept its whole log (first index %d)", n.cfg.ID, first)
		}
	}

	// A new member gets the snapshot.
	cfg := testConfig(t, "n3")
	var newLog syncBuffer
	cfg.Log = slog.New(slog.NewTextHandler(&newLog, nil))
	c.start(c.add(cfg))
	if err := c.node(l).Raft().AddVoter("n3", raft.ServerAddress(cfg.RaftAddr), 0, 10*time.Second).Error(); err != nil {
		t.Fatal(err)
	}
	c.converge(head, 30*time.Second)
	if !strings.Contains(newLog.String(), "restoring chain from snapshot") {
		t.Fatalf("the new member did not restore a snapshot:\n%s", newLog.String())
	}

	// A member loses its chain database.
	victim := (l + 1) % 3
	var victimLog syncBuffer
	c.cfgs[victim].Log = slog.New(slog.NewTextHandler(&victimLog, nil))
	c.stop(victim)
	if err := os.RemoveAll(filepath.Join(c.cfgs[victim].DataDir, "chain")); err != nil {
		t.Fatal(err)
	}
	c.start(victim)
	send(5)
	c.converge(head+1, 30*time.Second)
	if j, err := c.dial(victim).Job(ctx, 4); err != nil || j.StepsDone != 45 {
		t.Fatalf("job on the recovered member: %+v, %v", j, err)
	}
	if !strings.Contains(victimLog.String(), "chain behind raft's snapshot, restoring it") {
		t.Fatalf("the member without a chain did not restore its snapshot:\n%s", victimLog.String())
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestDatasets: a job over a root the chain has not registered is refused
// with that reason by every node, and the chain goes on; a registration
// whose chunks do not reproduce its root is refused and never registered;
// a second registration of a root changes nothing; a node without a copy
// whose DA is down when a registered dataset is needed stops executing at
// that block while the others go on, never forks, and catches up to the
// same chain when its DA is back.
func TestDatasets(t *testing.T) {
	c := newCluster(t, 3)
	l := c.leader(10 * time.Second)
	lame := (l + 1) % 3
	c.noData = map[int]bool{lame: true}
	c.stop(lame)
	c.start(lame)
	ctx := context.Background()
	a := newAccount(t)

	// The other dataset: Iris's held-out split, published, not yet
	// registered.
	_, test := c.data.Split(5)
	other := testjob.PublishTo(t, c.pub.DA, test)
	spec, _ := model.Parse("4-8-3")
	otherEnv := testjob.NewEnv(t, test)
	p, err := chain.ParamsOf(otherEnv.Params(t, spec, 2, 3277, 1, 3))
	if err != nil {
		t.Fatal(err)
	}
	create := a.sign(t, &chain.Tx{Type: chain.TxCreateJob, Job: 2, Params: p})
	for i := range 3 {
		_, _, err := c.dial(i).SendRawTransaction(ctx, create)
		if rpcCode(err) != codeRejected || !strings.Contains(err.Error(), "not registered") {
			t.Fatalf("node %d: a job over an unregistered root: %v", i, err)
		}
	}
	// Refused by the pool, create's nonce is a's next still: it is sent
	// again below.

	// A forged registration: a chunk changed before it was posted (its
	// commitment is right, the root is not).
	blobs, _, err := datastore.Chunks(other.Manifest, test, testjob.Namespace)
	if err != nil {
		t.Fatal(err)
	}
	bad := append([]byte(nil), blobs[0]...)
	bad[len(bad)-1] ^= 2
	blob, _ := da.NewBlob(testjob.Namespace, bad)
	h, err := c.pub.DA.Submit(ctx, []*da.Blob{blob})
	if err != nil {
		t.Fatal(err)
	}
	forged := *other.Manifest
	forged.Chunks = []dataset.ChunkRef{{Height: h, Commitment: blob.Commitment, Count: other.Manifest.Chunks[0].Count}}
	raw, _ := forged.MarshalBinary()
	cl := c.dial(l)
	if _, _, err := cl.SendRawTransaction(ctx, c.publisher.sign(t, &chain.Tx{Type: chain.TxRegisterDataset, Manifest: raw})); rpcCode(err) != codeRejected || !strings.Contains(err.Error(), "reproduce root") {
		t.Fatalf("a forged registration: %v", err)
	}
	c.publisher.nonce--

	// The lame node's DA answers with tampered chunks (then goes down);
	// the dataset is registered (the leader's DA checks it) and trained
	// on. The lame node stops at the registration; the others go on.
	c.das[lame].Tamper.Store(true)
	getsBefore := c.das[lame].Gets.Load()
	_, regBlock, err := cl.SendRawTransaction(ctx, c.publisher.sign(t, &chain.Tx{Type: chain.TxRegisterDataset, Manifest: other.Raw}))
	if err != nil {
		t.Fatal(err)
	}
	wait.For(t, 10*time.Second, "the leader to execute the registration", func() bool { return c.node(l).Executed() >= regBlock })
	if _, _, err := cl.SendRawTransaction(ctx, create); err != nil {
		t.Fatalf("the job once its dataset is registered: %v", err)
	}
	for k := range uint64(3) {
		ix := []uint64{k % 30, (k + 7) % 30}
		if _, _, err := cl.SendRawTransaction(ctx, a.sign(t, &chain.Tx{Type: chain.TxTrainStep, Job: 2, Indices: ix})); err != nil {
			t.Fatal(err)
		}
	}
	// Registered again: applied, the registry keeps the first.
	_, again, err := cl.SendRawTransaction(ctx, c.publisher.sign(t, &chain.Tx{Type: chain.TxRegisterDataset, Manifest: other.Raw}))
	if err != nil {
		t.Fatalf("a second registration of the root: %v", err)
	}
	wait.For(t, 10*time.Second, "the leader to execute its chain", func() bool { return c.node(l).Executed() >= again })
	if rec, err := c.node(l).state.Dataset(other.Manifest.Root); err != nil || rec.Block != regBlock {
		t.Fatalf("the registry after a second registration: %+v, %v", rec, err)
	}
	for _, fault := range []string{"tampers with chunks", "is down"} {
		if fault == "is down" {
			gets := c.das[lame].Gets.Load()
			c.das[lame].Tamper.Store(false)
			c.das[lame].Down.Store(true)
			if gets == getsBefore {
				t.Fatal("the lame node never asked its tampering DA for a chunk")
			}
		}
		time.Sleep(300 * time.Millisecond)
		if got := c.node(lame).Executed(); got != regBlock-1 || c.node(lame).Head() != c.node(l).Head() {
			t.Fatalf("the node whose DA %s executed up to %d (sequenced %d of %d), want %d: it must stop at the registration",
				fault, got, c.node(lame).Head(), c.node(l).Head(), regBlock-1)
		}
	}
	// DA back: it catches up to the same chain.
	c.das[lame].Down.Store(false)
	c.converge(again, 30*time.Second)
	if j, err := c.dial(lame).Job(ctx, 2); err != nil || j.StepsDone != 3 {
		t.Fatalf("the job on the node that caught up: %+v, %v", j, err)
	}
	if _, err := c.node(lame).state.Dataset(forged.Root); err != nil {
		t.Fatalf("the registered root on the node that caught up: %v", err)
	}
}

// TestBackPressure: with MaxUnposted blocks waiting for the batcher, the
// leader stops producing (a transaction waits) until SetPosted catches up.
func TestBackPressure(t *testing.T) {
	c := newCluster(t, 1)
	c.cfgs[0].MaxUnposted = 2
	c.stop(0)
	c.start(0)
	c.leader(10 * time.Second)
	n := c.node(0)
	n.SetPosted(1) // the dataset's registration
	cl := c.dial(0)
	ctx := context.Background()
	a := newAccount(t)
	if _, _, err := cl.SendRawTransaction(ctx, c.createTx(a, 1, 100)); err != nil {
		t.Fatal(err)
	}
	for k := range uint64(2) {
		if _, _, err := cl.SendRawTransaction(ctx, stepTx(t, a, 1, k)); err != nil {
			t.Fatal(err)
		}
	}
	if n.Head() != 4 {
		t.Fatalf("head %d, want 4 blocks", n.Head())
	}
	done := make(chan error, 1)
	go func() {
		_, _, err := cl.SendRawTransaction(ctx, stepTx(t, a, 1, 2))
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("a block was made with 3 blocks unposted and a limit of 2: %v", err)
	case <-time.After(500 * time.Millisecond):
	}
	n.SetPosted(3)
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("production did not resume after SetPosted")
	}
	if st, err := cl.SyncStatus(ctx); err != nil || st.Posted != 3 || st.Sequenced != 5 {
		t.Fatalf("sync status: %+v, %v", st, err)
	}
}
