package rollup

import (
	"errors"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/datastore"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

const testChainID = 77

// TestReplayerRules replays blocks that break each kind of rule and checks
// what the state and the next nonce become: a broken sequencing rule
// consumes the nonce and changes nothing else, a broken execution rule is
// rejected the same way (a job over a dataset the chain has not
// registered among them), and a block no honest sequencer makes or a
// fault of the node (a registered dataset it cannot obtain) changes
// nothing at all.
func TestReplayerRules(t *testing.T) {
	iris := testjob.Iris(t)
	pub := testjob.Publish(t, iris)
	env := testjob.NewEnv(t, iris)
	spec, _ := model.Parse("4-8-3")
	p := env.Params(t, spec, 8, 3277, 1, 2)
	alice, _ := crypto.GenerateKey()
	bob, _ := crypto.GenerateKey()
	carol, _ := crypto.GenerateKey()
	publisher, _ := crypto.GenerateKey()
	job := testjob.SignedJob(t, testChainID, alice, 1, p) // create (nonce 0), 2 steps (nonces 1, 2)
	register := pub.RegisterTx(t, testChainID, publisher, 0)

	// A node that cannot obtain a dataset (no DA, no copy) does not
	// decide its registration: nothing changes, and the next block may
	// be the same one again.
	blind, err := NewReplayer("", testChainID, 0, emptyStore(t))
	if err != nil {
		t.Fatal(err)
	}
	defer blind.Close()
	if _, err := blind.Apply(t.Context(), 1, 0, [][]byte{register}); fault.Class(err) != fault.ErrNode || blind.Head().Number != 0 {
		t.Fatalf("a registration this node cannot check: %v (class %v), head %d; want a node fault and no block", err, fault.Class(err), blind.Head().Number)
	}

	r, err := NewReplayer("", testChainID, 0, pub.Store(t, false))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	apply := func(txs ...[]byte) (*chain.Header, error) { return r.Apply(t.Context(), r.Head().Time+1, 0, txs) }

	// A creation over a root the chain has not registered is rejected,
	// its nonce consumed (sequencing took the job id: it stays taken);
	// then the registration (fetched from DA) applies, and a second
	// registration of the root changes nothing.
	early := testjob.SignedJob(t, testChainID, carol, 7, p)[0]
	h0, err := apply(early)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.State().Job(7); !errors.Is(err, state.ErrNotFound) || h0.StateRoot != chain.Genesis(0).Header.StateRoot {
		t.Fatalf("a job over an unregistered root: %v", err)
	}
	if _, err := apply(register, pub.RegisterTx(t, testChainID, publisher, 1)); err != nil {
		t.Fatal(err)
	}
	rec, err := r.State().Dataset(pub.Manifest.Root)
	if err != nil || rec.Block != 2 || rec.Samples != uint64(iris.Len()) {
		t.Fatalf("the registry after two registrations of one root: %+v, %v", rec, err)
	}
	// A job whose model does not fit the registered dataset (3 classes,
	// 2 outputs): rejected.
	tx := new(chain.Tx)
	if err := tx.UnmarshalBinary(testjob.SignedJob(t, testChainID, carol, 2, env.Params(t, mustParse(t, "4-8-2"), 8, 3277, 1, 1))[0]); err != nil {
		t.Fatal(err)
	}
	tx.Nonce = 1
	if _, err := apply(testjob.Sign(t, testChainID, carol, tx)); err != nil {
		t.Fatal(err)
	}
	if _, err := r.State().Job(2); !errors.Is(err, state.ErrNotFound) {
		t.Fatalf("a job whose model does not fit the registered dataset: %v", err)
	}
	// A block holding a transaction that does not recover a sender is bad
	// as a whole, even after a good transaction: the good one's nonce is
	// not consumed.
	if _, err := apply(job[0], []byte{2, 0xc0}); !errors.Is(err, ErrBadBlock) || !fault.IsInvalid(err) {
		t.Fatalf("bad block: %v", err)
	}
	h1, err := apply(job[0])
	if err != nil {
		t.Fatalf("the creation after a bad block: %v", err)
	}
	// bob's step on alice's job breaks a sequencing rule: bob's nonce is
	// consumed (his next transaction needs nonce 1), the job unchanged.
	stolen := testjob.Sign(t, testChainID, bob, &chain.Tx{Type: chain.TxTrainStep, Nonce: 0, Job: 1, Indices: make([]uint64, 8)})
	// alice's first step with indices out of range passes sequencing and
	// breaks an execution rule: rejected, nonce 1 consumed.
	badIdx := testjob.Sign(t, testChainID, alice, &chain.Tx{Type: chain.TxTrainStep, Nonce: 1, Job: 1, Indices: []uint64{0, 1, 2, 3, 4, 5, 6, 1 << 40}})
	h2, err := apply(stolen, badIdx)
	if err != nil {
		t.Fatal(err)
	}
	if h2.StateRoot != h1.StateRoot || h2.Digest != h1.Digest {
		t.Fatal("rejected transactions changed the state or the digest")
	}
	if j, _ := r.State().Job(1); j.StepsDone != 0 {
		t.Fatalf("job 1 has %d steps done", j.StepsDone)
	}
	// alice's steps with nonces 1 and 2: nonce 1 was consumed by the
	// rejected step, so the first is refused (sequencing) and the second
	// applies.
	if _, err := apply(job[1], job[2]); err != nil {
		t.Fatal(err)
	}
	if j, _ := r.State().Job(1); j.StepsDone != 1 {
		t.Fatalf("job 1 has %d steps done, want 1", j.StepsDone)
	}
	// bob's nonce 1 is his next: a creation of his own applies.
	own := testjob.SignedJob(t, testChainID, bob, 3, p)[0]
	tx = new(chain.Tx)
	if err := tx.UnmarshalBinary(own); err != nil {
		t.Fatal(err)
	}
	tx.Nonce = 1
	if _, err := apply(testjob.Sign(t, testChainID, bob, tx)); err != nil {
		t.Fatal(err)
	}
	if _, err := r.State().Job(3); err != nil {
		t.Fatalf("bob's job after his consumed nonce: %v", err)
	}
	// A time before the parent's is a bad block.
	if _, err := r.Apply(t.Context(), r.Head().Time-1, 0, nil); !errors.Is(err, ErrBadBlock) {
		t.Fatalf("time going back: %v", err)
	}
}

func mustParse(t *testing.T, text string) model.Spec {
	t.Helper()
	s, err := model.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// emptyStore is a dataset store with no DA and no copy.
func emptyStore(t *testing.T) *datastore.Store {
	t.Helper()
	s, err := datastore.Open("", nil, testjob.Namespace, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestExecBlockReceipts checks ExecBlock's receipts and that a node fault
// leaves the batch unwritten.
func TestExecBlockReceipts(t *testing.T) {
	iris := testjob.Iris(t)
	env := testjob.NewEnv(t, iris)
	spec, _ := model.Parse("4-8-3")
	p := env.Params(t, spec, 8, 3277, 1, 1)
	key, _ := crypto.GenerateKey()
	txs := testjob.SignedJob(t, testChainID, key, 1, p)
	extra := testjob.Sign(t, testChainID, key, &chain.Tx{Type: chain.TxTrainStep, Nonce: 2, Job: 1, Indices: make([]uint64, 8)})
	from := crypto.PubkeyToAddress(key.PublicKey)
	pub := testjob.Publish(t, iris)
	// The registration is key's too, an L2 sender of no nonce order here
	// (ExecBlock leaves nonces to sequencing).
	blk := &Block{Number: 1, Time: 1, Txs: [][]byte{pub.RegisterTx(t, testChainID, key, 9), txs[0], txs[1], extra, txs[1]}}
	for range blk.Txs {
		blk.Senders = append(blk.Senders, from)
	}
	b := env.Store.NewBatch()
	defer b.Close()
	h, recs, touched, err := ExecBlock(t.Context(), env.Exec.In(b), b, pub.Store(t, true), &chain.Genesis(0).Header, blk, map[uint32]string{4: "nonce used"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []uint8{StatusApplied, StatusApplied, StatusApplied, StatusRejected, StatusRejected}
	for i, r := range recs {
		if r.Status != want[i] {
			t.Errorf("receipt %d: %+v, want status %d", i, r, want[i])
		}
	}
	if recs[4].Reason != "nonce used" || recs[3].Reason == "" || !touched[1] || len(touched) != 1 || h.Number != 1 {
		t.Errorf("receipts %+v, touched %v, header %d", recs, touched, h.Number)
	}
	// The job done: the extra step is invalid (ErrJobDone), its reason the
	// executor's.
	if want := executor.ErrJobDone.Error(); !strings.Contains(recs[3].Reason, want) {
		t.Errorf("reason %q, want it to hold %q", recs[3].Reason, want)
	}
	// A block whose transaction does not decode is this node's corrupt
	// chain, not an invalid transaction.
	bad := &Block{Number: 1, Txs: [][]byte{{2, 0xc0}}, Senders: make([]common.Address, 1)}
	b2 := env.Store.NewBatch()
	defer b2.Close()
	if _, _, _, err := ExecBlock(t.Context(), env.Exec.In(b2), b2, nil, &chain.Genesis(0).Header, bad, nil, nil); !errors.Is(err, ErrCorrupt) || fault.Class(err) != fault.ErrNode {
		t.Fatalf("undecodable transaction: %v", err)
	}
	if _, err := env.Store.Job(1); !errors.Is(err, state.ErrNotFound) {
		t.Fatalf("uncommitted batches reached the store: %v", err)
	}
}
