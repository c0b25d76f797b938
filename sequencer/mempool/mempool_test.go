package mempool

import (
	"crypto/ecdsa"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// chainState is a real executor on an in-memory store with nonces beside
// it: what the sequencer's state offers the pool.
type chainState struct {
	*executor.Executor
	st     *state.Store
	mu     sync.Mutex
	nonces map[common.Address]uint64
}

func (c *chainState) Nonce(a common.Address) uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.nonces[a]
}

func (c *chainState) Job(id state.JobID) (*state.Job, error) { return c.st.Job(id) }

func (c *chainState) setNonce(a common.Address, n uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.nonces[a] = n
}

type fixture struct {
	t      *testing.T
	cs     *chainState
	pool   *Pool
	params state.Params
	alice  *ecdsa.PrivateKey
	bob    *ecdsa.PrivateKey
}

const chainID = 1337

func newFixture(t *testing.T, cfg Config) *fixture {
	t.Helper()
	env := testjob.NewEnv(t, testjob.Iris(t))
	spec, _ := model.Parse("4-8-3")
	f := &fixture{t: t, cs: &chainState{Executor: env.Exec, st: env.Store, nonces: map[common.Address]uint64{}}}
	f.params = env.Params(t, spec, 8, 3277, 3, 3)
	f.alice, _ = crypto.GenerateKey()
	f.bob, _ = crypto.GenerateKey()
	cfg.ChainID = chainID
	var err error
	if f.pool, err = New(cfg, f.cs); err != nil {
		t.Fatal(err)
	}
	return f
}

func addr(k *ecdsa.PrivateKey) common.Address { return crypto.PubkeyToAddress(k.PublicKey) }

func (f *fixture) sign(key *ecdsa.PrivateKey, tx *chain.Tx) *chain.Tx {
	f.t.Helper()
	if tx.ChainID == 0 {
		tx.ChainID = chainID
	}
	if err := tx.Sign(key); err != nil {
		f.t.Fatal(err)
	}
	return tx
}

func (f *fixture) create(key *ecdsa.PrivateKey, nonce uint64, id state.JobID) *chain.Tx {
	f.t.Helper()
	p, err := chain.ParamsOf(f.params)
	if err != nil {
		f.t.Fatal(err)
	}
	return f.sign(key, &chain.Tx{Type: chain.TxCreateJob, Nonce: nonce, Job: id, Params: p})
}

func (f *fixture) step(key *ecdsa.PrivateKey, nonce uint64, id state.JobID) *chain.Tx {
	return f.stepIdx(key, nonce, id, 0, 1, 2, 3, 4, 5, 6, 7)
}

func (f *fixture) stepIdx(key *ecdsa.PrivateKey, nonce uint64, id state.JobID, ix ...uint64) *chain.Tx {
	return f.sign(key, &chain.Tx{Type: chain.TxTrainStep, Nonce: nonce, Job: id, Indices: ix})
}

func (f *fixture) mustAdd(tx *chain.Tx) {
	f.t.Helper()
	if _, err := f.pool.Add(tx); err != nil {
		f.t.Fatalf("%s nonce %d: %v", tx.Type, tx.Nonce, err)
	}
}

func want(t *testing.T, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("got %v, want %v", err, target)
	}
}

// TestRejections: every rule of spec/transactions.md that the pool checks
// answers with its error.
func TestRejections(t *testing.T) {
	f := newFixture(t, Config{MaxPerSender: 4, MaxNonceGap: 4})
	a := addr(f.alice)
	f.mustAdd(f.create(f.alice, 0, 7))
	// Steps of a job whose creation is pending, from its creator.
	f.mustAdd(f.step(f.alice, 1, 7))

	cases := map[string]struct {
		tx  *chain.Tx
		err error
	}{
		"duplicate":          {f.create(f.alice, 0, 7), ErrKnown},
		"same nonce":         {f.stepIdx(f.alice, 1, 7, 7, 6, 5, 4, 3, 2, 1, 0), ErrReplaced},
		"nonce too far":      {f.step(f.alice, 6, 7), ErrNonceTooHigh},
		"pending job id":     {f.create(f.bob, 0, 7), ErrJobExists},
		"L1 id":              {f.create(f.bob, 0, 1<<31), ErrJobID},
		"not the owner":      {f.step(f.bob, 0, 7), ErrNotOwner},
		"no such job":        {f.step(f.bob, 0, 8), ErrJobNotFound},
		"short batch":        {f.stepIdx(f.alice, 2, 7, 1, 2, 3), ErrIndices},
		"index out of range": {f.stepIdx(f.alice, 2, 7, 0, 1, 2, 3, 4, 5, 6, 120), ErrIndices},
		"other chain":        {f.sign(f.bob, &chain.Tx{Type: chain.TxTrainStep, ChainID: 1, Job: 7}), chain.ErrChainID},
		"L1 message":         {&chain.Tx{Type: chain.TxL1Message, Job: 1 << 31}, ErrL1Message},
		"seeded steps":       {&chain.Tx{Type: chain.TxSeededSteps, Job: 7, Count: 1}, ErrSeededSteps},
	}
	bad := f.create(f.bob, 0, 9)
	bad.Params.Seed++ // initial weights no longer those of the seed
	cases["wrong initial weights"] = struct {
		tx  *chain.Tx
		err error
	}{f.sign(f.bob, bad), ErrInvalidParams}
	unsigned := f.step(f.alice, 2, 7)
	unsigned.R = nil
	cases["unsigned"] = struct {
		tx  *chain.Tx
		err error
	}{unsigned, chain.ErrSignature}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := f.pool.Add(c.tx)
			want(t, err, c.err)
		})
	}
	// Undecodable and oversize bytes.
	_, err := f.pool.AddRaw([]byte{2, 0xc0, 0x01})
	want(t, err, chain.ErrDecode)
	_, err = f.pool.AddRaw(make([]byte, chain.MaxTxSize+1))
	want(t, err, chain.ErrDecode)

	// Steps beyond the job's total (3 steps; one pending).
	f.mustAdd(f.step(f.alice, 2, 7))
	f.mustAdd(f.step(f.alice, 3, 7))
	_, err = f.pool.Add(f.step(f.alice, 4, 7))
	want(t, err, ErrSenderFull) // the per-sender limit (4) comes first
	// A block includes the creation.
	if _, err := f.cs.CreateJob(7, a, f.params); err != nil {
		t.Fatal(err)
	}
	f.cs.setNonce(a, 1)
	f.pool.Reset()
	_, err = f.pool.Add(f.step(f.alice, 4, 7))
	want(t, err, ErrJobDone)
	_, err = f.pool.Add(f.step(f.alice, 0, 7))
	want(t, err, ErrNonceTooLow)
	if f.pool.Len() != 3 {
		t.Fatalf("%d transactions after the reset, want 3", f.pool.Len())
	}
}

// TestSeededJobSteps: nobody sends a seeded job's steps, its owner
// included (spec/transactions.md#validity), whether its creation is
// pending or included.
func TestSeededJobSteps(t *testing.T) {
	f := newFixture(t, Config{MaxPerSender: 4, MaxNonceGap: 4})
	create := f.create(f.alice, 0, 11)
	create.Params.Order = uint8(state.OrderSeeded)
	f.mustAdd(f.sign(f.alice, create))
	_, err := f.pool.Add(f.step(f.alice, 1, 11))
	want(t, err, ErrSeededJob)
	p := f.params
	p.Order = state.OrderSeeded
	if _, err := f.cs.CreateJob(12, addr(f.bob), p); err != nil {
		t.Fatal(err)
	}
	_, err = f.pool.Add(f.step(f.bob, 0, 12))
	want(t, err, ErrSeededJob)
}

// TestPendingOrder: per sender by nonce from the next one, stopping at a
// gap, senders interleaved by arrival; Reset drops what blocks included.
func TestPendingOrder(t *testing.T) {
	f := newFixture(t, Config{})
	a, b := addr(f.alice), addr(f.bob)
	f.mustAdd(f.create(f.alice, 0, 1))
	f.mustAdd(f.create(f.bob, 0, 2))
	f.mustAdd(f.step(f.alice, 2, 1)) // behind a gap (nonce 1 missing)
	f.mustAdd(f.step(f.bob, 1, 2))
	got := f.pool.Pending(10)
	if len(got) != 3 || got[0].Tx.Job != 1 || got[1].Tx.Job != 2 || got[2].Tx.Job != 2 || got[2].Tx.Nonce != 1 || got[0].Sender != a {
		t.Fatalf("pending %v", jobsOf(got))
	}
	f.mustAdd(f.step(f.alice, 1, 1)) // fills the gap
	got = f.pool.Pending(10)
	if len(got) != 5 {
		t.Fatalf("pending %v", jobsOf(got))
	}
	if got = f.pool.Pending(2); len(got) != 2 {
		t.Fatalf("Pending(2) gave %d", len(got))
	}
	// A block includes alice's 0..1 and bob's 0.
	f.cs.setNonce(a, 2)
	f.cs.setNonce(b, 1)
	f.pool.Reset()
	got = f.pool.Pending(10)
	if len(got) != 2 || f.pool.Len() != 2 {
		t.Fatalf("after the block: pending %v, held %d", jobsOf(got), f.pool.Len())
	}
	// A transaction the producer refuses leaves the pool.
	if !f.pool.Remove(got[0].Hash) || f.pool.Remove(got[0].Hash) || f.pool.Len() != 1 || len(f.pool.Hashes()) != 1 {
		t.Fatalf("remove: %d held", f.pool.Len())
	}
}

func jobsOf(txs []Pending) [][2]uint64 {
	var out [][2]uint64
	for _, p := range txs {
		out = append(out, [2]uint64{uint64(p.Tx.Job), p.Tx.Nonce})
	}
	return out
}

// TestLimitsAndEviction: a full pool refuses a transaction that cannot run
// now and makes room for one that can by dropping the oldest gapped one;
// gapped transactions expire after FutureTTL.
func TestLimitsAndEviction(t *testing.T) {
	f := newFixture(t, Config{MaxTotal: 3, FutureTTL: time.Minute})
	now := time.Unix(1_700_000_000, 0)
	f.pool.now = func() time.Time { return now }
	f.mustAdd(f.create(f.alice, 0, 1))
	f.mustAdd(f.step(f.alice, 2, 1))            // gapped
	f.mustAdd(f.step(f.alice, 3, 1))            // gapped
	_, err := f.pool.Add(f.create(f.bob, 1, 2)) // gapped too: refused
	want(t, err, ErrPoolFull)
	var dropped []error
	f.pool.OnDrop(func(_ common.Hash, why error) { dropped = append(dropped, why) })
	f.mustAdd(f.create(f.bob, 0, 2)) // runs now: evicts alice's nonce 2
	if len(dropped) != 1 || !errors.Is(dropped[0], ErrEvicted) {
		t.Fatalf("eviction reported %v", dropped)
	}
	if f.pool.Len() != 3 {
		t.Fatalf("%d held", f.pool.Len())
	}
	for _, p := range f.pool.Pending(10) {
		if p.Tx.Nonce == 2 {
			t.Fatal("the evicted transaction is still pending")
		}
	}
	now = now.Add(2 * time.Minute)
	f.pool.Reset()
	if f.pool.Len() != 2 { // alice's nonce 3 expired
		t.Fatalf("%d held after the TTL", f.pool.Len())
	}
	if len(dropped) != 2 || !errors.Is(dropped[1], ErrExpired) {
		t.Fatalf("expiry reported %v", dropped)
	}
}

// TestConcurrentAdds: many senders adding at once keep every limit and
// lose nothing (run with -race).
func TestConcurrentAdds(t *testing.T) {
	f := newFixture(t, Config{})
	var wg sync.WaitGroup
	keys := make([]*ecdsa.PrivateKey, 8)
	for i := range keys {
		keys[i], _ = crypto.GenerateKey()
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if _, err := f.pool.Add(f.create(keys[i], 0, state.JobID(100+i))); err != nil {
				t.Error(err)
			}
			for n := uint64(1); n <= 3; n++ {
				if _, err := f.pool.Add(f.step(keys[i], n, state.JobID(100+i))); err != nil {
					t.Error(err)
				}
			}
		}(i)
	}
	wg.Wait()
	if got := len(f.pool.Pending(100)); got != 32 || f.pool.Len() != 32 {
		t.Fatalf("pending %d, held %d, want 32", got, f.pool.Len())
	}
}
