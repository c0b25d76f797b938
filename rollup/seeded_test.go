package rollup

import (
	"errors"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/state"
)

// TestReplayerSeededAndL1 replays seeded jobs and L1 messages
// (spec/transactions.md#seeded-steps, spec/blocks.md#header): a seeded
// job's steps come only from SeededSteps, on its order's indices, and
// advance the digest as TrainSteps with those indices would; a SeededSteps
// over the job's total, or of a given job, is rejected whole; an L1
// message advances the L1 digest whether it is applied or rejected, and a
// rejected one leaves the state and a rejection witness; L1 messages out
// of place or out of queue order make a bad block.
func TestReplayerSeededAndL1(t *testing.T) {
	iris := testjob.Iris(t)
	pub := testjob.Publish(t, iris)
	env := testjob.NewEnv(t, iris)
	spec := mustParse(t, "4-8-3")
	alice, _ := crypto.GenerateKey()
	publisher, _ := crypto.GenerateKey()
	r, err := NewReplayer("", testChainID, 0, pub.Store(t, false))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	r.KeepWitnesses()
	apply := func(l1 uint64, txs ...[]byte) (*chain.Header, error) {
		return r.Apply(t.Context(), r.Head().Time+1, l1, txs)
	}
	enc := func(tx *chain.Tx) []byte {
		raw, err := tx.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	job := func(id state.JobID) *state.Job {
		j, err := r.State().Job(id)
		if err != nil {
			t.Fatalf("job %d: %v", id, err)
		}
		return j
	}

	seeded := env.Params(t, spec, 8, 3277, 4, 3)
	seeded.Order = state.OrderSeeded
	given := env.Params(t, spec, 8, 3277, 5, 3)
	sp, _ := chain.ParamsOf(seeded)
	gp, _ := chain.ParamsOf(given)
	if _, err := apply(0, pub.RegisterTx(t, testChainID, publisher, 0),
		testjob.Sign(t, testChainID, alice, &chain.Tx{Type: chain.TxCreateJob, Nonce: 0, Job: 1, Params: sp}),
		testjob.Sign(t, testChainID, alice, &chain.Tx{Type: chain.TxCreateJob, Nonce: 1, Job: 2, Params: gp})); err != nil {
		t.Fatal(err)
	}
	r.TakeWitnesses()
	order := dataset.NewOrder(seeded.Seed, seeded.DatasetSize)

	// The owner's own step on the order's indices: refused, nothing moves.
	if _, err := apply(0, testjob.Sign(t, testChainID, alice, &chain.Tx{Type: chain.TxTrainStep, Nonce: 2, Job: 1, Indices: order.Step(0, 8)})); err != nil {
		t.Fatal(err)
	}
	if j := job(1); j.StepsDone != 0 {
		t.Fatalf("a TrainStep of a seeded job applied: %d steps done", j.StepsDone)
	}

	// Two seeded steps: the digest is the TrainSteps'.
	before, _ := chain.DigestsOf(r.Head())
	h, err := apply(0, enc(&chain.Tx{Type: chain.TxSeededSteps, Job: 1, First: 0, Count: 2}))
	if err != nil {
		t.Fatal(err)
	}
	want := chain.StepDigest(chain.StepDigest(before.Tx, 1, order.Step(0, 8)), 1, order.Step(1, 8))
	if got, _ := chain.DigestsOf(h); got.Tx != want || got.L1 != before.L1 {
		t.Fatal("the digest after seeded steps is not the TrainSteps'")
	}
	wits := r.TakeWitnesses()
	if j := job(1); j.StepsDone != 2 || len(wits) != 2 || !slices.Equal(wits[1].Step.Indices, order.Step(1, 8)) {
		t.Fatalf("seeded steps: %d done, %d witnesses", j.StepsDone, len(wits))
	}

	// Over the total, again from a step done, skipping a step, of a given
	// job, of no job, zero steps: rejected whole.
	for name, tx := range map[string]*chain.Tx{
		"over the total": {Type: chain.TxSeededSteps, Job: 1, First: 2, Count: 2},
		"again":          {Type: chain.TxSeededSteps, Job: 1, First: 1, Count: 1},
		"skipping":       {Type: chain.TxSeededSteps, Job: 1, First: 3, Count: 1},
		"a given job":    {Type: chain.TxSeededSteps, Job: 2, Count: 1},
		"no job":         {Type: chain.TxSeededSteps, Job: 9, Count: 1},
		"zero steps":     {Type: chain.TxSeededSteps, Job: 1, First: 2, Count: 0},
	} {
		if _, err := apply(0, enc(tx)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if j1, j2 := job(1), job(2); j1.StepsDone != 2 || j2.StepsDone != 0 {
			t.Fatalf("%s: applied (%d, %d steps done)", name, j1.StepsDone, j2.StepsDone)
		}
	}
	if len(r.TakeWitnesses()) != 0 {
		t.Fatal("rejected seeded steps left witnesses")
	}

	// L1 messages: a seeded job (applied) and a given one (rejected: the
	// bridge requests seeded jobs only), both consumed.
	owner := common.Address{0xaa, 19: 1}
	l1Seeded, l1Given := sp, gp
	msgs := []*chain.Tx{
		{Type: chain.TxL1Message, QueueIndex: 0, Job: 1 << 31, Owner: owner, Params: l1Seeded},
		{Type: chain.TxL1Message, QueueIndex: 1, Job: 1<<31 + 1, Owner: owner, Params: l1Given},
	}
	// Out of place or out of order: a bad block, nothing applied.
	step := enc(&chain.Tx{Type: chain.TxSeededSteps, Job: 1, First: 2, Count: 1})
	for name, b := range map[string]struct {
		l1  uint64
		txs [][]byte
	}{
		"after another transaction": {1, [][]byte{step, enc(msgs[0])}},
		"queue order":               {2, [][]byte{enc(msgs[1]), enc(msgs[0])}},
		"skipping message 0":        {1, [][]byte{enc(msgs[1])}},
		"count too high":            {2, [][]byte{enc(msgs[0])}},
		"count too low":             {0, [][]byte{enc(msgs[0])}},
		"a rollup job id":           {1, [][]byte{enc(&chain.Tx{Type: chain.TxL1Message, QueueIndex: 0, Job: 3, Owner: owner, Params: l1Seeded})}},
		"a model the bridge refuses": {1, [][]byte{enc(&chain.Tx{Type: chain.TxL1Message, QueueIndex: 0, Job: 1 << 31, Owner: owner,
			Params: chain.Params{Model: []byte{2, 1, 0}, Steps: 1}})}},
	} {
		if _, err := apply(b.l1, b.txs...); !errors.Is(err, ErrBadBlock) {
			t.Fatalf("L1 messages %s: %v, want a bad block", name, err)
		}
	}
	root := r.Head().StateRoot
	h, err = apply(2, enc(msgs[0]), enc(msgs[1]))
	if err != nil {
		t.Fatal(err)
	}
	q := commit.Element{}
	for _, m := range msgs {
		ph, err := m.Params.Hash()
		if err != nil {
			t.Fatal(err)
		}
		q = chain.CreateDigest(q, m.Job, ph, m.Owner)
	}
	got, _ := chain.DigestsOf(h)
	if got.L1 != q || got.Tx != want {
		t.Fatal("the L1 digest is not the queue hash of both messages (or the transaction digest moved)")
	}
	if j := job(1 << 31); j.Params.Order != state.OrderSeeded || common.Address(j.Owner) != owner {
		t.Fatalf("the L1 job: %+v", j)
	}
	if _, err := r.State().Job(1<<31 + 1); !errors.Is(err, state.ErrNotFound) {
		t.Fatalf("the rejected L1 job exists: %v", err)
	}
	wits = r.TakeWitnesses()
	if len(wits) != 2 || !wits[0].Created || wits[0].Rejected || !wits[1].Rejected || wits[1].RootBefore != wits[1].RootAfter {
		t.Fatalf("witnesses of an applied and a rejected L1 message: %d", len(wits))
	}
	if h.StateRoot == root {
		t.Fatal("the applied L1 message changed nothing")
	}
}
