package l1_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/trainrollup/trainrollup/internal/wait"
	"github.com/trainrollup/trainrollup/l1"
)

// chain is a simulated L1 with one funded key, mined by the test. Its
// managers (txm) reach it through calls and read the time from clock.
type chain struct {
	sim   *l1.Simulated
	acc   account
	calls *countingClient
	clock *fakeClock
}

func newChain(t *testing.T, blockTime time.Duration) *chain {
	t.Helper()
	c := &chain{acc: newAccount(), clock: new(fakeClock)}
	c.sim = l1.StartSimulated(types.GenesisAlloc{c.acc.addr: {Balance: new(big.Int).Lsh(big.NewInt(1), 100)}}, blockTime)
	c.calls = &countingClient{Client: c.sim.Client()}
	t.Cleanup(func() { c.sim.Close() })
	return c
}

// txm is a manager of the funded key, on the counting client and the fake
// clock: it resubmits only when the test moves the clock.
func (c *chain) txm(t *testing.T, cfg l1.TxConfig) *l1.TxManager {
	t.Helper()
	if cfg.PollInterval == 0 {
		cfg.PollInterval = 5 * time.Millisecond
	}
	m, err := l1.NewTxManager(t.Context(), c.calls, c.acc.key, cfg)
	if err != nil {
		t.Fatal(err)
	}
	l1.SetClock(m, c.clock.now)
	return m
}

// countingClient counts what the tests wait on: heads read (one for each
// poll of a manager waiting on a transaction) and transactions sent.
type countingClient struct {
	l1.Client
	polls, sends atomic.Int64
}

func (c *countingClient) BlockNumber(ctx context.Context) (uint64, error) {
	c.polls.Add(1)
	return c.Client.BlockNumber(ctx)
}

func (c *countingClient) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	c.sends.Add(1)
	return c.Client.SendTransaction(ctx, tx)
}

// fakeClock is a manager's clock that moves only by advance.
type fakeClock struct{ ns atomic.Int64 }

func (f *fakeClock) now() time.Time          { return time.Unix(1_700_000_000, f.ns.Load()) }
func (f *fakeClock) advance(d time.Duration) { f.ns.Add(int64(d)) }

// polled waits until a whole poll of the manager ran after the call (the
// next poll starts after it, and ends where the one after starts), or
// until Send returned.
func (c *chain) polled(t *testing.T, done <-chan sendResult) {
	t.Helper()
	n := c.calls.polls.Load()
	wait.For(t, 10*time.Second, "two more polls of the manager", func() bool {
		return c.calls.polls.Load() >= n+2 || len(done) > 0
	})
}

// resubmit moves the clock on by d (ResubmitAfter) and waits for the
// manager to send the transaction again.
func (c *chain) resubmit(t *testing.T, d time.Duration) {
	t.Helper()
	n := c.calls.sends.Load()
	c.clock.advance(d)
	wait.For(t, 10*time.Second, "a resubmission", func() bool { return c.calls.sends.Load() > n })
}

type sendResult struct {
	rcpt *types.Receipt
	err  error
}

// sendAsync sends a plain transfer in the background once the pool holds
// it.
func (c *chain) sendAsync(t *testing.T, m *l1.TxManager, ctx context.Context) <-chan sendResult {
	t.Helper()
	before, err := c.sim.Client().PendingNonceAt(t.Context(), c.acc.addr)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan sendResult, 1)
	to := common.Address{0x42}
	go func() {
		r, err := m.Send(ctx, l1.Candidate{To: &to, Value: big.NewInt(1)})
		done <- sendResult{r, err}
	}()
	c.waitPending(t, before+1)
	return done
}

func (c *chain) waitPending(t *testing.T, n uint64) {
	t.Helper()
	wait.NoError(t, 10*time.Second, fmt.Sprintf("a pending nonce of %d", n), func() error {
		got, err := c.sim.Client().PendingNonceAt(t.Context(), c.acc.addr)
		if err != nil {
			t.Fatal(err)
		}
		if got < n {
			return fmt.Errorf("pending nonce %d", got)
		}
		return nil
	})
}

// notYet checks that Send has not returned once the manager polled the
// chain as it is now.
func (c *chain) notYet(t *testing.T, done <-chan sendResult) {
	t.Helper()
	c.polled(t, done)
	select {
	case r := <-done:
		t.Fatalf("Send returned early: %+v", r)
	default:
	}
}

func await(t *testing.T, done <-chan sendResult) sendResult {
	t.Helper()
	select {
	case r := <-done:
		return r
	case <-time.After(20 * time.Second):
		t.Fatal("Send did not return")
	}
	return sendResult{}
}

func TestTxManagerConfirmations(t *testing.T) {
	c := newChain(t, 0)
	m := c.txm(t, l1.TxConfig{Confirmations: 2})
	done := c.sendAsync(t, m, t.Context())
	c.sim.Commit() // included
	c.notYet(t, done)
	c.sim.Commit()
	c.notYet(t, done)
	c.sim.Commit() // two blocks on top
	r := await(t, done)
	if r.err != nil {
		t.Fatal(r.err)
	}
	head, _ := c.sim.Client().BlockNumber(t.Context())
	if r.rcpt.BlockNumber.Uint64()+2 > head {
		t.Fatalf("receipt of block %d returned at head %d", r.rcpt.BlockNumber, head)
	}
	// The next transaction takes the next nonce without asking the node.
	done = c.sendAsync(t, m, t.Context())
	c.sim.Commit()
	c.sim.Commit()
	c.sim.Commit()
	if r := await(t, done); r.err != nil {
		t.Fatal(r.err)
	}
}

func TestTxManagerBumpsFees(t *testing.T) {
	c := newChain(t, 0)
	m := c.txm(t, l1.TxConfig{ResubmitAfter: 40 * time.Millisecond, MinTipCap: big.NewInt(1e9)})
	done := c.sendAsync(t, m, t.Context())
	for range 3 { // several resubmissions, nothing mined
		c.resubmit(t, 40*time.Millisecond)
	}
	c.sim.Commit()
	r := await(t, done)
	if r.err != nil {
		t.Fatal(r.err)
	}
	tx, _, err := c.sim.Client().TransactionByHash(t.Context(), r.rcpt.TxHash)
	if err != nil {
		t.Fatal(err)
	}
	if tx.GasTipCap().Cmp(big.NewInt(1.2e9)) < 0 {
		t.Fatalf("mined tip %v: not bumped twice", tx.GasTipCap())
	}
	if tx.Nonce() != 0 {
		t.Fatalf("nonce %d", tx.Nonce())
	}

	// With a fee cap, bumping stops there and Send keeps waiting.
	m = c.txm(t, l1.TxConfig{ResubmitAfter: 10 * time.Millisecond, MaxFeeCap: big.NewInt(4e9)})
	done = c.sendAsync(t, m, t.Context())
	for range 6 { // the cap is reached in two bumps: twice over
		c.clock.advance(10 * time.Millisecond)
		c.polled(t, done)
	}
	c.notYet(t, done)
	c.sim.Commit()
	r = await(t, done)
	if r.err != nil {
		t.Fatal(r.err)
	}
	tx, _, err = c.sim.Client().TransactionByHash(t.Context(), r.rcpt.TxHash)
	if err != nil {
		t.Fatal(err)
	}
	if tx.GasFeeCap().Cmp(big.NewInt(4e9)) > 0 || tx.GasTipCap().Cmp(big.NewInt(1.5e9)) < 0 {
		t.Fatalf("mined fee cap %v, tip %v: want bumped several times, never past the cap 4e9", tx.GasFeeCap(), tx.GasTipCap())
	}
}

// TestTxManagerNoBumpWhileConfirming: a transaction included but not yet
// deep enough is not resubmitted, however long the wait.
func TestTxManagerNoBumpWhileConfirming(t *testing.T) {
	c := newChain(t, 0)
	m := c.txm(t, l1.TxConfig{Confirmations: 1, ResubmitAfter: 10 * time.Millisecond})
	done := c.sendAsync(t, m, t.Context())
	c.sim.Commit()
	// A poll begun before the block saw no receipt, and resubmits once the
	// clock moves on: let the manager see the inclusion first.
	c.polled(t, done)
	sent := c.calls.sends.Load()
	c.clock.advance(200 * time.Millisecond) // twenty times ResubmitAfter
	c.polled(t, done)
	if n := c.calls.sends.Load() - sent; n != 0 {
		t.Fatalf("%d resubmissions while the first is confirming", n)
	}
	pending, err := c.sim.Client().PendingTransactionCount(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if pending != 0 {
		t.Fatalf("%d transactions pending while the first is confirming", pending)
	}
	c.sim.Commit()
	r := await(t, done)
	if r.err != nil {
		t.Fatal(r.err)
	}
	tx, _, _ := c.sim.Client().TransactionByHash(t.Context(), r.rcpt.TxHash)
	if tx.GasTipCap().Cmp(big.NewInt(1e9)) != 0 {
		t.Fatalf("tip %v: bumped while confirming", tx.GasTipCap())
	}
}

// TestTxManagerReorg mines a transaction, then replaces its block by a
// longer side chain before it is deep enough: Send returns only the
// receipt of the canonical chain.
func TestTxManagerReorg(t *testing.T) {
	c := newChain(t, 0)
	m := c.txm(t, l1.TxConfig{Confirmations: 2})
	c.sim.Commit()
	base, err := c.sim.Client().HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	done := c.sendAsync(t, m, t.Context())
	orphan := c.sim.Commit() // includes the transaction
	c.notYet(t, done)
	if err := c.sim.Fork(base.Hash()); err != nil {
		t.Fatal(err)
	}
	for range 4 {
		c.sim.Commit()
	}
	r := await(t, done)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if r.rcpt.BlockHash == orphan {
		t.Fatal("returned the receipt of the reorged-out block")
	}
	canon, err := c.sim.Client().HeaderByNumber(t.Context(), r.rcpt.BlockNumber)
	if err != nil || canon.Hash() != r.rcpt.BlockHash {
		t.Fatalf("receipt block %x is not canonical (%v)", r.rcpt.BlockHash, err)
	}
}

func TestTxManagerErrors(t *testing.T) {
	c := newChain(t, 5*time.Millisecond)
	m := c.txm(t, l1.TxConfig{})
	ctx := t.Context()
	d, err := l1.Deploy(ctx, m, nil, l1.DefaultBridgeConfig(1))
	if err != nil {
		t.Fatal(err)
	}
	b := l1.NewBridge(d.Bridge, m)
	// A transaction that would revert is not sent, and says why.
	_, err = b.CommitBatch(ctx, l1.GenesisHeader(l1.DefaultBridgeConfig(1).GenesisRoot), l1.BatchInput{LastBlock: 1, TxDigest: new(big.Int), StateRoot: new(big.Int)})
	wantRevert(t, err, "NotStaked")
	// A mined failure: its receipt and ErrReverted; the nonce moves on.
	data := abiBridge.PackRequestUnstake()
	r, err := m.Send(ctx, l1.Candidate{To: &d.Bridge, Data: data, GasLimit: 100_000})
	if !errors.Is(err, l1.ErrReverted) || r == nil || r.Status != types.ReceiptStatusFailed {
		t.Fatalf("got %v, %+v; want ErrReverted with its receipt", err, r)
	}
	if err := b.Stake(ctx, big.NewInt(1e18)); err != nil {
		t.Fatal(err)
	}
	// Insufficient funds is permanent: refused at once, not retried.
	poor := newAccount()
	pm, err := l1.NewTxManager(ctx, c.sim.Client(), poor.key, l1.TxConfig{PollInterval: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = pm.Send(ctx, l1.Candidate{To: &d.Bridge, GasLimit: 21000, Value: big.NewInt(1)})
	if err == nil || !strings.Contains(err.Error(), "insufficient funds") || time.Since(start) > 2*time.Second {
		t.Fatalf("empty account: %v after %v", err, time.Since(start))
	}
}

// TestTxManagerCancel cancels a Send whose transaction is in the pool; the
// transaction is mined anyway and the next Send takes the next nonce.
func TestTxManagerCancel(t *testing.T) {
	c := newChain(t, 0)
	m := c.txm(t, l1.TxConfig{})
	ctx, cancel := context.WithCancel(t.Context())
	done := c.sendAsync(t, m, ctx)
	cancel()
	if r := await(t, done); !errors.Is(r.err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", r.err)
	}
	c.sim.Commit()
	done = c.sendAsync(t, m, t.Context())
	c.sim.Commit()
	r := await(t, done)
	if r.err != nil {
		t.Fatal(r.err)
	}
	tx, _, _ := c.sim.Client().TransactionByHash(t.Context(), r.rcpt.TxHash)
	if tx.Nonce() != 1 {
		t.Fatalf("nonce %d after a cancelled send, want 1", tx.Nonce())
	}
}
