package l1_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/state"
)

// params are valid job parameters (not of a real dataset: the bridge does
// not read them beyond their range).
func params() l1.JobParams {
	return l1.JobParams{Model: []byte{1, 1, 3, 0, 4, 0, 8, 0, 3}, DatasetRoot: big.NewInt(22), DatasetSize: 120, LearningRate: 3277,
		BatchSize: 8, Seed: 7, InitWeights: big.NewInt(33), Steps: 64, Order: uint8(state.OrderSeeded)}
}

func root(n uint64) commit.Element { return commit.FromUint64(1000 + n) }

func digest(n uint64) commit.Element { return commit.FromUint64(2000 + n) }

func TestRequestTraining(t *testing.T) {
	f := newFixture(t, state.EmptyRoot())
	r := fr.Modulus()
	for _, c := range []struct {
		name   string
		edit   func(*l1.JobParams)
		bounty int64
		d      time.Duration
		want   string
	}{
		{"low bounty", nil, minBounty - 1, time.Hour, "BountyTooLow"},
		{"past deadline", nil, minBounty, 0, "DeadlinePassed"},
		{"deadline too far", nil, minBounty, 366 * 24 * time.Hour, "DeadlineTooFar"},
		{"model of version 2", func(p *l1.JobParams) { p.Model = []byte{2, 1, 3, 0, 4, 0, 8, 0, 3} }, minBounty, time.Hour, "InvalidParams"},
		{"model with a width short", func(p *l1.JobParams) { p.Model = p.Model[:8] }, minBounty, time.Hour, "InvalidParams"},
		{"model with a byte extra", func(p *l1.JobParams) { p.Model = append(p.Model, 0) }, minBounty, time.Hour, "InvalidParams"},
		{"no model", func(p *l1.JobParams) { p.Model = nil }, minBounty, time.Hour, "InvalidParams"},
		{"given order", func(p *l1.JobParams) { p.Order = uint8(state.OrderGiven) }, minBounty, time.Hour, "InvalidParams"},
		{"dataset root not in field", func(p *l1.JobParams) { p.DatasetRoot = new(big.Int).Add(r, big.NewInt(5)) }, minBounty, time.Hour, "NotInField"},
		{"init weights not in field", func(p *l1.JobParams) { p.InitWeights = r }, minBounty, time.Hour, "NotInField"},
		{"no steps", func(p *l1.JobParams) { p.Steps = 0 }, minBounty, time.Hour, "InvalidParams"},
		{"empty dataset", func(p *l1.JobParams) { p.DatasetSize = 0 }, minBounty, time.Hour, "InvalidParams"},
		{"no batch", func(p *l1.JobParams) { p.BatchSize = 0 }, minBounty, time.Hour, "InvalidParams"},
		{"no learning rate", func(p *l1.JobParams) { p.LearningRate = 0 }, minBounty, time.Hour, "InvalidParams"},
	} {
		p := params()
		if c.edit != nil {
			c.edit(&p)
		}
		_, err := f.request(f.alice, p, c.bounty, c.d)
		wantRevert(t, err, c.want)
	}

	// Two requests: ids from L1JobIDBase, escrowed, queued in order.
	p := params()
	id0, err := f.request(f.alice, p, ether(1), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	id1, err := f.request(f.bob, p, ether(2), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if id0 != l1.L1JobIDBase || id1 != l1.L1JobIDBase+1 {
		t.Fatalf("job ids %d, %d", id0, id1)
	}
	if held := f.u256(abiBridge.PackHeldBounties()); held.Cmp(big.NewInt(ether(3))) != 0 {
		t.Fatalf("held bounties %v", held)
	}
	// The parameter hash is the protocol's (spec/commitments.md#params),
	// recomputed here by state.Params for a real spec and dataset root.
	tp := newTrainer(t).params(3, 1)
	want := tp.Hash()
	got, err := abiBridge.UnpackParamsHash(f.view(abiBridge.PackParamsHash(jobParams(t, tp))))
	if err != nil || got.Cmp(element(want)) != 0 {
		t.Fatalf("paramsHash %v (%v), want %v", got, err, element(want))
	}
	rec, err := abiBridge.UnpackJob(f.view(abiBridge.PackJob(uint32(id1))))
	if err != nil {
		t.Fatal(err)
	}
	if rec.Requester != f.bob.addr || rec.QueueIndex != 1 || rec.Bounty.Cmp(big.NewInt(ether(2))) != 0 || rec.Steps != 64 {
		t.Fatalf("job record %+v", rec)
	}
	if s := f.jobState(id0); s != l1.JobRequested {
		t.Fatalf("job state %v", s)
	}
	n, _ := abiBridge.UnpackL1MessageCount(f.view(abiBridge.PackL1MessageCount()))
	if n != 2 {
		t.Fatalf("%d messages queued", n)
	}
}

func (f *fixture) jobState(id state.JobID) l1.JobState {
	f.t.Helper()
	s, err := abiBridge.UnpackJobState(f.view(abiBridge.PackJobState(uint32(id))))
	if err != nil {
		f.t.Fatal(err)
	}
	return l1.JobState(s)
}

func TestOperatorStake(t *testing.T) {
	f := newFixture(t, state.EmptyRoot())
	_, err := f.commit(f.op, f.input(1, root(1), digest(1), 0))
	wantRevert(t, err, "NotStaked")
	f.stake(f.op, minStake-1)
	_, err = f.commit(f.op, f.input(1, root(1), digest(1), 0))
	wantRevert(t, err, "NotStaked")
	f.stake(f.op, 1)
	b1, err := f.commit(f.op, f.input(1, root(1), digest(1), 0))
	if err != nil {
		t.Fatal(err)
	}

	_, err = f.call(f.op, abiBridge.PackWithdrawStake(), nil)
	wantRevert(t, err, "UnstakeNotRequested")
	_, err = f.call(f.bob, abiBridge.PackRequestUnstake(), nil)
	wantRevert(t, err, "NotStaked")
	f.mustCall(f.op, abiBridge.PackRequestUnstake(), nil)
	_, err = f.call(f.op, abiBridge.PackRequestUnstake(), nil)
	wantRevert(t, err, "Unstaking")
	_, err = f.call(f.op, abiBridge.PackStake(), big.NewInt(1))
	wantRevert(t, err, "Unstaking")
	_, err = f.commit(f.op, f.input(1, root(2), digest(2), 0))
	wantRevert(t, err, "Unstaking")
	_, err = f.call(f.op, abiBridge.PackWithdrawStake(), nil)
	wantRevert(t, err, "UnstakeDelayPending")
	f.advance(unstakeDelay * time.Second)
	// Its batch 1 is not proven: the stake stays slashable.
	_, err = f.call(f.op, abiBridge.PackWithdrawStake(), nil)
	wantRevert(t, err, "UnprovenBatches")
	if err := f.prove(f.bob, f.headers[0], b1); err != nil {
		t.Fatal(err)
	}
	before, _ := f.client.BalanceAt(t.Context(), f.op.addr, nil)
	rcpt := f.mustCall(f.op, abiBridge.PackWithdrawStake(), nil)
	after, _ := f.client.BalanceAt(t.Context(), f.op.addr, nil)
	fee := new(big.Int).Mul(new(big.Int).SetUint64(rcpt.GasUsed), rcpt.EffectiveGasPrice)
	if got := new(big.Int).Sub(after, before); got.Add(got, fee).Cmp(big.NewInt(minStake)) != 0 {
		t.Fatalf("withdrew %v, want %v", got, minStake)
	}
	if f.u256(abiBridge.PackTotalStaked()).Sign() != 0 {
		t.Fatal("stake left after withdrawal")
	}
	// Fully out: staking again makes it active again.
	f.stake(f.op, minStake)
	if _, err := f.commit(f.op, f.input(1, root(2), digest(2), 0)); err != nil {
		t.Fatal(err)
	}
}

func TestCommitAndProve(t *testing.T) {
	f := newFixture(t, state.EmptyRoot())
	f.stake(f.op, minStake)
	r := fr.Modulus()

	// Bad inputs and bad parents.
	in := f.input(0, root(1), digest(1), 0)
	_, err := f.commit(f.op, in)
	wantRevert(t, err, "EmptyBatch")
	_, err = f.commit(f.op, f.input(1<<20+1, root(1), digest(1), 0))
	wantRevert(t, err, "TooManyBlocks")
	in = f.input(1, root(1), digest(1), 0)
	in.StateRoot = r
	_, err = f.commit(f.op, in)
	wantRevert(t, err, "NotInField")
	in = f.input(1, root(1), digest(1), 0)
	in.TxDigest = new(big.Int).Add(r, big.NewInt(1))
	_, err = f.commit(f.op, in)
	wantRevert(t, err, "NotInField")
	forged := f.headers[0]
	forged.StateRoot = element(root(9))
	_, err = f.call(f.op, abiBridge.PackCommitBatch(forged, f.input(1, root(1), digest(1), 0)), nil)
	wantRevert(t, err, "BadBatchHeader")

	b1, err := f.commit(f.op, f.input(3, root(1), digest(1), 0))
	if err != nil {
		t.Fatal(err)
	}
	if b1.FirstBlock != 1 || b1.LastBlock != 3 {
		t.Fatalf("batch 1 covers blocks %d..%d", b1.FirstBlock, b1.LastBlock)
	}
	// Committing after a batch that is not the last.
	_, err = f.call(f.op, abiBridge.PackCommitBatch(f.headers[0], f.input(1, root(2), digest(2), 0)), nil)
	wantRevert(t, err, "NotLastBatch")
	b2, err := f.commit(f.op, f.input(2, root(2), digest(2), 0))
	if err != nil {
		t.Fatal(err)
	}
	b3, err := f.commit(f.op, f.input(1, root(3), digest(3), 0))
	if err != nil {
		t.Fatal(err)
	}

	g := f.headers[0]
	// Proofs of another claim: other range, other roots, other chain.
	for _, p := range [][]byte{proof(g, b1), proof(b1, b2), make([]byte, 384)} {
		_, err = f.call(f.bob, abiBridge.PackProveBatches(g, b2, p), nil)
		wantRevert(t, err, "InvalidProof")
	}
	// A header that is not the recorded one, or not the proven head.
	tampered := b2
	tampered.TxDigest = element(digest(7))
	_, err = f.call(f.bob, abiBridge.PackProveBatches(g, tampered, proof(g, tampered)), nil)
	wantRevert(t, err, "BadBatchHeader")
	err = f.prove(f.bob, b1, b2)
	wantRevert(t, err, "NotLastProven")
	err = f.prove(f.bob, g, g)
	wantRevert(t, err, "NothingToProve")

	// Batches 1..2 in one proof, by anyone.
	if err := f.prove(f.bob, g, b2); err != nil {
		t.Fatal(err)
	}
	if lp, _ := abiBridge.UnpackLastProven(f.view(abiBridge.PackLastProven())); lp != 2 {
		t.Fatalf("last proven %d", lp)
	}
	// Replayed: the proven head moved on.
	err = f.prove(f.bob, g, b2)
	wantRevert(t, err, "NotLastProven")
	err = f.prove(f.bob, b2, b2)
	wantRevert(t, err, "NothingToProve")
	if err := f.prove(f.bob, b2, b3); err != nil {
		t.Fatal(err)
	}
	_, err = f.call(f.bob, abiBridge.PackProveBatches(b3, l1.BatchHeader{Index: 4, TxDigest: new(big.Int), StateRoot: new(big.Int)}, make([]byte, 384)), nil)
	wantRevert(t, err, "UnknownBatch")
}

// TestProofBindsL1Messages proves that the claim the bridge verifies binds
// the L1 messages the batches consumed (spec/proofs.md#claim): its digests
// are Compress(txDigest, queue hash) of the committed headers, whose queue
// hashes the bridge checked against its own queue, so a proof of a chain
// that consumed the messages changed, dropped or reordered is refused.
// (That a proof's queue hash is its creations' in order is the step
// circuit's part: circuits.TestStepCircuitL1Messages.)
func TestProofBindsL1Messages(t *testing.T) {
	f := newFixture(t, state.EmptyRoot())
	f.stake(f.op, minStake)
	pa, pb := params(), params()
	pb.Seed++
	a, err := f.request(f.alice, pa, minBounty, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.request(f.bob, pb, minBounty, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	g := f.headers[0]
	h, err := f.commit(f.op, f.input(1, root(1), digest(1), 2))
	if err != nil {
		t.Fatal(err)
	}
	changed := pa
	changed.Steps++
	zero := common.Hash{}
	chains := map[string]common.Hash{
		"changed":     nextQueue(t, nextQueue(t, zero, a, f.alice.addr, changed), b, f.bob.addr, pb),
		"other owner": nextQueue(t, nextQueue(t, zero, a, f.bob.addr, pa), b, f.bob.addr, pb),
		"dropped":     nextQueue(t, zero, b, f.bob.addr, pb),
		"reordered":   nextQueue(t, nextQueue(t, zero, b, f.bob.addr, pb), a, f.alice.addr, pa),
		"added":       nextQueue(t, nextQueue(t, nextQueue(t, zero, a, f.alice.addr, pa), b, f.bob.addr, pb), b+1, f.bob.addr, pb),
	}
	for name, q := range chains {
		forged := h
		forged.L1QueueHash = q // the chain the proof was made for
		_, err := f.call(f.bob, abiBridge.PackProveBatches(g, h, proof(g, forged)), nil)
		wantRevert(t, err, "InvalidProof")
		if t.Failed() {
			t.Fatalf("%s: a proof over other L1 messages", name)
		}
	}
	if err := f.prove(f.bob, g, h); err != nil {
		t.Fatal(err)
	}
}

func TestForcedInclusion(t *testing.T) {
	f := newFixture(t, state.EmptyRoot())
	f.stake(f.op, minStake)
	p := params()
	id0, err := f.request(f.alice, p, minBounty, 30*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.request(f.bob, p, minBounty, 30*24*time.Hour); err != nil {
		t.Fatal(err)
	}
	// Within the inclusion delay a batch may leave messages queued.
	if _, err := f.commit(f.op, f.input(1, root(1), digest(1), 0)); err != nil {
		t.Fatal(err)
	}
	// Beyond the queue, rewinding, a wrong order (queue hash) are refused.
	in := f.input(1, root(2), digest(2), 2)
	in.L1MessagesConsumed = 3
	_, err = f.commit(f.op, in)
	wantRevert(t, err, "L1MessagesBeyondQueue")
	swapped := f.input(1, root(2), digest(2), 2)
	swapped.L1QueueHash = nextQueue(t, nextQueue(t, common.Hash{}, id0+1, f.bob.addr, p), id0, f.alice.addr, p)
	_, err = f.commit(f.op, swapped)
	wantRevert(t, err, "L1QueueMismatch")
	skipped := f.input(1, root(2), digest(2), 1)
	skipped.L1QueueHash = nextQueue(t, common.Hash{}, id0+1, f.bob.addr, p)
	_, err = f.commit(f.op, skipped)
	wantRevert(t, err, "L1QueueMismatch")

	if _, err := f.commit(f.op, f.input(1, root(2), digest(2), 1)); err != nil {
		t.Fatal(err)
	}
	if s := f.jobState(id0); s != l1.JobTraining {
		t.Fatalf("consumed job: %v", s)
	}
	_, err = f.commit(f.op, f.input(1, root(3), digest(3), 0))
	wantRevert(t, err, "L1MessagesRewound")

	// Past the delay, message 1 must be in the next batch.
	f.advance((inclusionDelay + 1) * time.Second)
	_, err = f.commit(f.op, f.input(1, root(3), digest(3), 1))
	wantRevert(t, err, "L1MessageOverdue")
	if _, err := f.commit(f.op, f.input(1, root(3), digest(3), 2)); err != nil {
		t.Fatal(err)
	}
	if s := f.jobState(id0 + 1); s != l1.JobTraining {
		t.Fatalf("consumed job: %v", s)
	}
}

func TestRevertAndSlash(t *testing.T) {
	f := newFixture(t, state.EmptyRoot())
	f.stake(f.op, minStake)
	f.stake(f.op2, minStake)
	id, err := f.request(f.alice, params(), minBounty, 30*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	b1, err := f.commit(f.op, f.input(1, root(1), digest(1), 1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.commit(f.op2, f.input(1, root(2), digest(2), 1)); err != nil {
		t.Fatal(err)
	}
	_, err = f.call(f.bob, abiBridge.PackRevertBatches(b1), nil)
	wantRevert(t, err, "NotOverdue")
	_, err = f.call(f.bob, abiBridge.PackRevertBatches(f.headers[2]), nil)
	wantRevert(t, err, "NotLastProven")
	f.advance((proofWindow + 1) * time.Second)
	forged := b1
	forged.Committer = f.op2.addr
	_, err = f.call(f.bob, abiBridge.PackRevertBatches(forged), nil)
	wantRevert(t, err, "BadBatchHeader")

	f.mustCall(f.bob, abiBridge.PackRevertBatches(b1), nil)
	if n, _ := abiBridge.UnpackBatchCount(f.view(abiBridge.PackBatchCount())); n != 1 {
		t.Fatalf("%d batches after the revert", n)
	}
	_, err = f.call(f.bob, abiBridge.PackBatchHash(1), nil)
	wantRevert(t, err, "UnknownBatch")
	f.headers = f.headers[:1]
	op, _ := abiBridge.UnpackOperators(f.view(abiBridge.PackOperators(f.op.addr)))
	if op.Stake.Sign() != 0 {
		t.Fatalf("slashed operator keeps %v", op.Stake)
	}
	if c := f.u256(abiBridge.PackCredits(f.bob.addr)); c.Cmp(big.NewInt(minStake/2)) != 0 {
		t.Fatalf("reporter credited %v", c)
	}
	if s := f.u256(abiBridge.PackSlashedFunds()); s.Cmp(big.NewInt(minStake-minStake/2)) != 0 {
		t.Fatalf("slashed funds %v", s)
	}
	// The reverted batches' message is queued again, and overdue by now.
	if s := f.jobState(id); s != l1.JobRequested {
		t.Fatalf("job after revert: %v", s)
	}
	_, err = f.commit(f.op, f.input(1, root(1), digest(1), 1))
	wantRevert(t, err, "NotStaked")
	// op2's batch 2 was reverted, not proven: it holds op2's stake no more.
	f.mustCall(f.op2, abiBridge.PackRequestUnstake(), nil)
	f.advance(unstakeDelay * time.Second)
	f.mustCall(f.op2, abiBridge.PackWithdrawStake(), nil)
	// bob rebuilds the chain, over the reverted batches' slots.
	f.stake(f.bob, minStake)
	_, err = f.commit(f.bob, f.input(1, root(1), digest(1), 0))
	wantRevert(t, err, "L1MessageOverdue")
	b1, err = f.commit(f.bob, f.input(1, root(1), digest(1), 1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.commit(f.bob, f.input(1, root(2), digest(2), 1)); err != nil {
		t.Fatal(err)
	}
	if n, _ := abiBridge.UnpackBatchCount(f.view(abiBridge.PackBatchCount())); n != 3 {
		t.Fatalf("%d batches after the rebuild", n)
	}
	if err := f.prove(f.bob, f.headers[0], b1); err != nil {
		t.Fatal(err)
	}
	f.mustCall(f.bob, abiBridge.PackWithdraw(), nil)
	_, err = f.call(f.bob, abiBridge.PackWithdraw(), nil)
	wantRevert(t, err, "NothingToWithdraw")
}
