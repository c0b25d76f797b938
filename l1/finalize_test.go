package l1_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/l1/bindings"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// finalizeSetup requests jobs A (alice, 30 days), B (bob, 1 hour) and C
// (alice, 1 hour) on L1, trains A, B and a rollup job D (id 7) to
// completion, commits and proves batch 1 with that state root.
type finalizeSetup struct {
	*fixture
	tr         *trainer
	a, b, c, d state.JobID
	jobs       map[state.JobID]*state.Job
	weights    map[state.JobID]*model.Weights
	b1         l1.BatchHeader
}

const bounty = 1e18

func newFinalizeSetup(t *testing.T) *finalizeSetup {
	tr := newTrainer(t)
	s := &finalizeSetup{fixture: newFixture(t, state.EmptyRoot()), tr: tr, d: 7,
		jobs: map[state.JobID]*state.Job{}, weights: map[state.JobID]*model.Weights{}}
	s.stake(s.op, minStake)
	owners := map[state.JobID]common.Address{}
	for i, r := range []struct {
		from  account
		d     time.Duration
		steps uint64
	}{{s.alice, 30 * 24 * time.Hour, 60}, {s.bob, time.Hour, 3}, {s.alice, time.Hour, 3}} {
		p := tr.params(r.steps, uint64(10+i))
		id, err := s.request(r.from, jobParams(t, p), bounty, r.d)
		if err != nil {
			t.Fatal(err)
		}
		if id != l1.L1JobIDBase+state.JobID(i) {
			t.Fatalf("job id %d", id)
		}
		owners[id] = r.from.addr
		if i < 2 {
			s.jobs[id], s.weights[id] = tr.train(id, r.from.addr, p)
		}
	}
	s.a, s.b, s.c = l1.L1JobIDBase, l1.L1JobIDBase+1, l1.L1JobIDBase+2
	s.jobs[s.d], s.weights[s.d] = tr.train(s.d, s.bob.addr, tr.params(2, 99))
	b1, err := s.commit(s.op, s.input(5, tr.root(), commit.FromUint64(77), 3))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.prove(s.bob, s.headers[0], b1); err != nil {
		t.Fatal(err)
	}
	s.b1 = b1
	return s
}

// finalize finalizes with the genesis state as the prior (no job).
func (s *finalizeSetup) finalize(h l1.BatchHeader, leaf l1.JobLeaf, path []*big.Int) error {
	return s.finalizeWith(h, leaf, path, s.genesisPrior(state.JobID(leaf.Id)))
}

func (s *finalizeSetup) finalizeWith(h l1.BatchHeader, leaf l1.JobLeaf, path []*big.Int, prior l1.Prior) error {
	_, err := s.call(s.bob, abiBridge.PackFinalizeJob(h, leaf, path, prior), nil)
	return err
}

// genesisPrior is id's prior at batch 0: the empty state, no job.
func (f *fixture) genesisPrior(id state.JobID) l1.Prior {
	return l1.PriorOf(f.headers[0], id, nil, l1.EmptyPath())
}

func TestFinalizeJob(t *testing.T) {
	s := newFinalizeSetup(t)
	leaf := l1.LeafOf(s.jobs[s.a])
	path := s.tr.path(s.a)

	// The contract's leaf hash is the protocol's (spec/state.md#leaf).
	got, err := abiBridge.UnpackLeafHash(s.view(abiBridge.PackLeafHash(leaf)))
	if err != nil || got.Cmp(element(s.jobs[s.a].Leaf())) != 0 {
		t.Fatalf("leafHash %v (%v), want %v", got, err, element(s.jobs[s.a].Leaf()))
	}

	// An unproven batch, a header not recorded.
	b2, err := s.commit(s.op, s.input(1, s.tr.root(), commit.FromUint64(78), 3))
	if err != nil {
		t.Fatal(err)
	}
	wantRevert(t, s.finalize(b2, leaf, path), "NotProven")
	wantRevert(t, s.finalize(s.headers[0], leaf, path), "NotProven")
	forged := s.b1
	forged.StateRoot = element(commit.FromUint64(5))
	wantRevert(t, s.finalize(forged, leaf, path), "BadBatchHeader")

	// Bad paths and leaves.
	bad := append([]*big.Int{}, path...)
	bad[0] = new(big.Int).Add(bad[0], big.NewInt(1))
	wantRevert(t, s.finalize(s.b1, leaf, bad), "BadMerklePath")
	wantRevert(t, s.finalize(s.b1, leaf, path[:31]), "BadMerklePath")
	wantRevert(t, s.finalize(s.b1, leaf, append(path, big.NewInt(0))), "BadMerklePath")
	other := l1.LeafOf(s.jobs[s.b]) // B's leaf claimed at A's id
	other.Id = leaf.Id
	other.ParamsHash, other.Owner, other.StepsDone = leaf.ParamsHash, leaf.Owner, leaf.StepsDone
	wantRevert(t, s.finalize(s.b1, other, path), "BadMerklePath")
	for _, c := range []struct {
		edit func(*l1.JobLeaf)
		want string
	}{
		{func(l *l1.JobLeaf) { l.Owner = s.bob.addr }, "LeafMismatch"},
		{func(l *l1.JobLeaf) { l.ParamsHash = big.NewInt(1) }, "LeafMismatch"},
		{func(l *l1.JobLeaf) { l.StepsDone = 59 }, "LeafMismatch"},
		{func(l *l1.JobLeaf) { l.Status = 1 }, "JobNotCompleted"},
		{func(l *l1.JobLeaf) { l.Weights = big.NewInt(0) }, "LeafMismatch"},
		{func(l *l1.JobLeaf) { l.Weights = new(big.Int).Lsh(big.NewInt(1), 255) }, "NotInField"},
		{func(l *l1.JobLeaf) { l.Id = uint32(s.b) }, "LeafMismatch"},
	} {
		l := leaf
		c.edit(&l)
		wantRevert(t, s.finalize(s.b1, l, path), c.want)
	}

	// Finalized: the model is published, the bounty credited to batch 1's
	// committer, once.
	if err := s.finalize(s.b1, leaf, path); err != nil {
		t.Fatal(err)
	}
	mc, _ := abiBridge.UnpackModelCommitment(s.view(abiBridge.PackModelCommitment(uint32(s.a))))
	if mc.Cmp(element(s.weights[s.a].Commitment())) != 0 {
		t.Fatalf("model commitment %v", mc)
	}
	m, _ := abiBridge.UnpackModel(s.view(abiBridge.PackModel(uint32(s.a))))
	if m.Steps != 60 || m.Batch != 1 || m.Owner != s.alice.addr || m.ParamsHash.Cmp(leaf.ParamsHash) != 0 {
		t.Fatalf("model record %+v", m)
	}
	if c := s.u256(abiBridge.PackCredits(s.op.addr)); c.Cmp(big.NewInt(bounty)) != 0 {
		t.Fatalf("operator credited %v", c)
	}
	if st := s.jobState(s.a); st != l1.JobCompleted {
		t.Fatalf("job A: %v", st)
	}
	wantRevert(t, s.finalize(s.b1, leaf, path), "AlreadyFinalized")
	_, err = s.call(s.alice, abiBridge.PackRefund(uint32(s.a)), nil)
	wantRevert(t, err, "NotRefundable")
	_, err = s.call(s.alice, abiBridge.PackRefund(12345), nil)
	wantRevert(t, err, "NotRefundable")

	// B expires: refunded to bob after the deadline and the proof window;
	// finalizing it later publishes the model and pays nothing.
	_, err = s.call(s.alice, abiBridge.PackRefund(uint32(s.b)), nil)
	wantRevert(t, err, "RefundNotYet")
	s.advance((3600 + proofWindow + 1) * time.Second)
	s.mustCall(s.alice, abiBridge.PackRefund(uint32(s.b)), nil)
	if c := s.u256(abiBridge.PackCredits(s.bob.addr)); c.Cmp(big.NewInt(bounty)) != 0 {
		t.Fatalf("requester refunded %v", c)
	}
	_, err = s.call(s.bob, abiBridge.PackRefund(uint32(s.b)), nil)
	wantRevert(t, err, "NotRefundable")
	rcpt := s.mustCall(s.bob, abiBridge.PackFinalizeJob(s.b1, l1.LeafOf(s.jobs[s.b]), s.tr.path(s.b), s.genesisPrior(s.b)), nil)
	ev := finalized(t, rcpt.Logs)
	if ev.Bounty.Sign() != 0 || ev.Payee != (common.Address{}) {
		t.Fatalf("refunded job paid %v to %v", ev.Bounty, ev.Payee)
	}
	if st := s.jobState(s.b); st != l1.JobRefunded {
		t.Fatalf("job B: %v", st)
	}

	// C completes in a batch committed after its deadline (before anyone
	// refunded it), proven with b2 in one proof from b1: the bounty goes
	// back to alice. Its prior is its absence at b1, where the previous
	// proof ended.
	priorC := l1.PriorOf(s.b1, s.c, nil, s.tr.sib(s.c))
	pathDAtB1 := s.tr.path(s.d)
	p := s.tr.params(3, 12)
	s.jobs[s.c], s.weights[s.c] = s.tr.train(s.c, s.alice.addr, p)
	b3, err := s.commit(s.op, s.input(1, s.tr.root(), commit.FromUint64(79), 3))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.prove(s.bob, s.b1, b3); err != nil {
		t.Fatal(err)
	}
	leafC, pathC := l1.LeafOf(s.jobs[s.c]), s.tr.path(s.c)
	// b2 is inside the proof's range: its root was never checked.
	wantRevert(t, s.finalizeWith(b2, leafC, pathC, priorC), "NotProven")
	wantRevert(t, s.finalizeWith(b3, leafC, pathC, s.genesisPrior(s.c)), "NotPreviousProof")
	badPrior := priorC
	badPrior.Siblings = append([]*big.Int{}, priorC.Siblings...)
	badPrior.Siblings[5] = new(big.Int).Add(badPrior.Siblings[5], big.NewInt(1))
	wantRevert(t, s.finalizeWith(b3, leafC, pathC, badPrior), "BadMerklePath")
	badPrior = priorC
	badPrior.Leaf.Id++
	wantRevert(t, s.finalizeWith(b3, leafC, pathC, badPrior), "LeafMismatch")
	// D was completed by the first proof: the second cannot claim it.
	jd, err := s.tr.st.Job(s.d)
	if err != nil {
		t.Fatal(err)
	}
	wantRevert(t, s.finalizeWith(b3, l1.LeafOf(jd), s.tr.path(s.d), l1.PriorOf(s.b1, s.d, jd, s.tr.sib(s.d))), "CompletedBefore")
	rcpt = s.mustCall(s.bob, abiBridge.PackFinalizeJob(b3, leafC, pathC, priorC), nil)
	if ev := finalized(t, rcpt.Logs); ev.Payee != s.alice.addr || ev.Bounty.Cmp(big.NewInt(bounty)) != 0 {
		t.Fatalf("late job paid %v to %v", ev.Bounty, ev.Payee)
	}
	// A rollup job: published, nothing paid.
	if err := s.finalize(s.b1, l1.LeafOf(s.jobs[s.d]), pathDAtB1); err != nil {
		t.Fatal(err)
	}
	if st := s.jobState(s.d); st != l1.JobNone {
		t.Fatalf("rollup job on L1: %v", st)
	}
	if h := s.u256(abiBridge.PackHeldBounties()); h.Sign() != 0 {
		t.Fatalf("%v wei of bounties still held", h)
	}
	for _, a := range []account{s.op, s.bob, s.alice} {
		s.mustCall(a, abiBridge.PackWithdraw(), nil)
	}
	if c := s.u256(abiBridge.PackTotalCredits()); c.Sign() != 0 {
		t.Fatalf("%v wei of credits left", c)
	}
}

func finalized(t *testing.T, logs []*types.Log) *bindings.BridgeJobFinalized {
	t.Helper()
	for _, lg := range logs {
		if ev, err := abiBridge.UnpackJobFinalizedEvent(lg); err == nil {
			return ev
		}
	}
	t.Fatal("no JobFinalized event")
	return nil
}

// TestOnchainClassifier publishes a trained Iris model, loads it into the
// classifier and checks that its prediction of every Iris sample is the
// executor's.
func TestOnchainClassifier(t *testing.T) {
	s := newFinalizeSetup(t)
	abiC := bindings.NewOnchainClassifier()
	widths := []uint16{4, 8, 3}
	classifier := s.deploy(s.deployer, common.FromHex(bindings.OnchainClassifierMetaData.Bin), abiC.PackConstructor(s.bridge, 1, widths))
	call := func(data []byte) ([]byte, error) { return s.callAt(classifier, data) }
	send := func(data []byte) error { _, err := s.send(s.alice, &classifier, data, nil); return err }

	mh, err := abiC.UnpackModelHash(mustOK(call(abiC.PackModelHash())))
	if err != nil || mh.Cmp(element(s.tr.spec.Hash())) != 0 {
		t.Fatalf("classifier model hash %v (%v), want %v", mh, err, element(s.tr.spec.Hash()))
	}
	w := s.weights[s.a]
	packed := l1.Siblings(commit.Pack(w.Flat))
	params := jobParams(t, s.jobs[s.a].Params)

	wantRevert(t, send(abiC.PackLoad(uint32(s.a), params, packed)), "NotFinalized")
	if err := s.finalize(s.b1, l1.LeafOf(s.jobs[s.a]), s.tr.path(s.a)); err != nil {
		t.Fatal(err)
	}
	other := params
	other.Model = []byte{1, 1, 3, 0, 4, 0, 9, 0, 3}
	wantRevert(t, send(abiC.PackLoad(uint32(s.a), other, packed)), "WrongModel")
	other = params
	other.Seed++
	wantRevert(t, send(abiC.PackLoad(uint32(s.a), other, packed)), "ParamsMismatch")
	wantRevert(t, send(abiC.PackLoad(uint32(s.a), params, packed[1:])), "WrongWeightCount")
	tampered := append([]*big.Int{}, packed...)
	tampered[0] = new(big.Int).Add(tampered[0], big.NewInt(1))
	wantRevert(t, send(abiC.PackLoad(uint32(s.a), params, tampered)), "WeightsMismatch")
	x0, _ := s.tr.d.Sample(0)
	_, err = call(abiC.PackPredict(uint32(s.a), packed, ints(x0)))
	wantRevert(t, err, "NotLoaded")

	if err := send(abiC.PackLoad(uint32(s.a), params, packed)); err != nil {
		t.Fatal(err)
	}
	s.gas["OnchainClassifier.load"] = s.lastGas
	_, err = call(abiC.PackPredict(uint32(s.a), tampered, ints(x0)))
	wantRevert(t, err, "NotLoaded")
	_, err = call(abiC.PackPredict(uint32(s.a), packed, ints(x0[:3])))
	wantRevert(t, err, "WrongInputWidth")
	_, err = call(abiC.PackPredict(uint32(s.a), packed, []*big.Int{big.NewInt(1 << 23), big.NewInt(0), big.NewInt(0), big.NewInt(0)}))
	wantRevert(t, err, "InputOutOfRange")

	want := executor.Predict(w, s.tr.d.X, 1)
	classes := map[int]int{}
	for i := range s.tr.d.Len() {
		x, _ := s.tr.d.Sample(i)
		out, err := call(abiC.PackPredict(uint32(s.a), packed, ints(x)))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := abiC.UnpackPredict(out)
		if got.Int64() != int64(want[i]) {
			t.Fatalf("sample %d: classifier %v, executor %d", i, got, want[i])
		}
		classes[want[i]]++
	}
	if len(classes) < 2 {
		t.Fatalf("the trained model predicts one class for every sample (%v): a weak check", classes)
	}
	gas, err := s.estimate(classifier, abiC.PackPredict(uint32(s.a), packed, ints(x0)))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("OnchainClassifier (4-8-3): load %d gas, predict %d gas (as a transaction)", s.lastGas, gas)

	// A classifier of another spec refuses the model.
	mse := s.deploy(s.deployer, common.FromHex(bindings.OnchainClassifierMetaData.Bin), abiC.PackConstructor(s.bridge, 2, widths))
	_, err = s.send(s.alice, &mse, abiC.PackLoad(uint32(s.a), params, packed), nil)
	wantRevert(t, err, "WrongModel")
	// Invalid specs are refused at deployment.
	for _, c := range []struct {
		loss   uint8
		widths []uint16
	}{{1, []uint16{4}}, {3, widths}, {1, []uint16{4, 1}}, {1, []uint16{4, 0, 3}}, {1, []uint16{4, 5000, 3}}} {
		_, err := s.send(s.deployer, nil, append(common.FromHex(bindings.OnchainClassifierMetaData.Bin), abiC.PackConstructor(s.bridge, c.loss, c.widths)...), nil)
		wantRevert(t, err, "InvalidSpec")
	}
}

func ints(x []int32) []*big.Int {
	out := make([]*big.Int, len(x))
	for i, v := range x {
		out[i] = big.NewInt(int64(v))
	}
	return out
}

func mustOK(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
