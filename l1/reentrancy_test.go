package l1_test

import (
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/state"
)

// attacker is a ReentrantAccount (contracts/test/Reentrant.sol) acting on
// the bridge: every bridge call goes through exec, and when the bridge
// pays it, it calls the bridge once more with the calldata set by arm.
type attacker struct {
	f    *fixture
	abi  abi.ABI
	addr common.Address
}

func newAttacker(f *fixture) *attacker {
	f.t.Helper()
	c := f.test["ReentrantAccount"]
	parsed, err := abi.JSON(strings.NewReader(c.ABI))
	if err != nil {
		f.t.Fatal(err)
	}
	args, err := parsed.Pack("", f.bridge)
	if err != nil {
		f.t.Fatal(err)
	}
	return &attacker{f: f, abi: parsed, addr: f.deploy(f.deployer, c.Bin, args)}
}

func (a *attacker) pack(method string, args ...any) []byte {
	a.f.t.Helper()
	b, err := a.abi.Pack(method, args...)
	if err != nil {
		a.f.t.Fatal(err)
	}
	return b
}

// exec calls the bridge with data (and value) as the attacker.
func (a *attacker) exec(data []byte, value int64) error {
	a.f.t.Helper()
	_, err := a.f.send(a.f.bob, &a.addr, a.pack("exec", data), big.NewInt(value))
	return err
}

func (a *attacker) arm(reenter []byte) {
	a.f.t.Helper()
	if _, err := a.f.send(a.f.bob, &a.addr, a.pack("setReenter", reenter), nil); err != nil {
		a.f.t.Fatal(err)
	}
}

func (a *attacker) flag(name string) bool {
	out, err := a.f.callAt(a.addr, a.pack(name))
	if err != nil {
		a.f.t.Fatal(err)
	}
	return new(big.Int).SetBytes(out).Sign() != 0
}

func (a *attacker) received() *big.Int {
	out, err := a.f.callAt(a.addr, a.pack("received"))
	if err != nil {
		a.f.t.Fatal(err)
	}
	return new(big.Int).SetBytes(out)
}

// checkBlocked fails unless the attacker was paid exactly want and its
// reentrant call was attempted and refused.
func (a *attacker) checkBlocked(t *testing.T, want int64) {
	t.Helper()
	if !a.flag("attempted") {
		t.Fatal("the attacker was not paid through its receive hook")
	}
	if a.flag("reentered") {
		t.Fatal("a reentrant call into the bridge succeeded")
	}
	if got := a.received(); got.Cmp(big.NewInt(want)) != 0 {
		t.Fatalf("attacker received %v, want %v", got, want)
	}
}

// TestReentrancy attacks every payout (withdraw of credits from a refund,
// a bounty and a slash reward; withdrawStake) with a reentrant receiver
// that calls back into withdraw or withdrawStake. Each is refused, each
// account is paid exactly once, and the escrow books balance throughout.
func TestReentrancy(t *testing.T) {
	f := newFixture(t, state.EmptyRoot())
	f.stake(f.op, minStake)
	tr := newTrainer(t)

	// As a requester: a refunded bounty.
	requester := newAttacker(f)
	p := tr.params(3, 1)
	if err := requester.exec(abiBridge.PackRequestTraining(jobParams(t, p), f.now()+60), bounty); err != nil {
		t.Fatal(err)
	}
	f.queue = append(f.queue, nextQueue(t, f.queue[len(f.queue)-1], l1.L1JobIDBase, requester.addr, jobParams(t, p)))
	f.advance((60 + proofWindow + 1) * time.Second)
	f.mustCall(f.alice, abiBridge.PackRefund(uint32(l1.L1JobIDBase)), nil)
	requester.arm(abiBridge.PackWithdraw())
	if err := requester.exec(abiBridge.PackWithdraw(), 0); err != nil {
		t.Fatal(err)
	}
	requester.checkBlocked(t, bounty)

	// As an operator: its stake, re-entering withdraw from withdrawStake
	// and withdrawStake from withdraw (it holds a credit too: the bounty of
	// a job it commits below).
	op := newAttacker(f)
	if err := op.exec(abiBridge.PackStake(), minStake); err != nil {
		t.Fatal(err)
	}
	j, _ := tr.train(l1.L1JobIDBase+1, f.alice.addr, tr.params(3, 2))
	if _, err := f.request(f.alice, jobParams(t, j.Params), bounty, time.Hour); err != nil {
		t.Fatal(err)
	}
	in := f.input(1, tr.root(), commit.FromUint64(1), 2)
	if err := op.exec(abiBridge.PackCommitBatch(f.headers[0], in), 0); err != nil {
		t.Fatal(err)
	}
	blk, _ := f.client.HeaderByNumber(t.Context(), nil)
	b1 := l1.NextHeader(f.headers[0], in, op.addr, blk.Time)
	f.headers = append(f.headers, b1)
	if err := f.prove(f.bob, f.headers[0], b1); err != nil {
		t.Fatal(err)
	}
	f.mustCall(f.alice, abiBridge.PackFinalizeJob(b1, l1.LeafOf(j), tr.path(j.ID), f.genesisPrior(j.ID)), nil)
	if err := op.exec(abiBridge.PackRequestUnstake(), 0); err != nil {
		t.Fatal(err)
	}
	f.advance((unstakeDelay + 1) * time.Second)
	op.arm(abiBridge.PackWithdraw())
	if err := op.exec(abiBridge.PackWithdrawStake(), 0); err != nil {
		t.Fatal(err)
	}
	op.checkBlocked(t, minStake)
	op.arm(abiBridge.PackWithdrawStake())
	if err := op.exec(abiBridge.PackWithdraw(), 0); err != nil {
		t.Fatal(err)
	}
	op.checkBlocked(t, minStake+bounty)

	// As a reporter: a slash reward, re-entering withdraw while its own
	// withdraw is paying.
	reporter := newAttacker(f)
	b2, err := f.commit(f.op, f.input(1, commit.FromUint64(5), commit.FromUint64(6), 2))
	if err != nil {
		t.Fatal(err)
	}
	f.advance((proofWindow + 1) * time.Second)
	if err := reporter.exec(abiBridge.PackRevertBatches(b2), 0); err != nil {
		t.Fatal(err)
	}
	reporter.arm(abiBridge.PackWithdraw())
	if err := reporter.exec(abiBridge.PackWithdraw(), 0); err != nil {
		t.Fatal(err)
	}
	reporter.checkBlocked(t, minStake/2)
	if c := f.u256(abiBridge.PackTotalCredits()); c.Sign() != 0 {
		t.Fatalf("%v wei of credits left", c)
	}
}
