package rollup

import (
	"errors"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/dataset"
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
// rejected the same way, and a block no honest sequencer makes or a fault
// of the node changes nothing at all.
func TestReplayerRules(t *testing.T) {
	iris := testjob.Iris(t)
	env := testjob.NewEnv(t, iris)
	spec, _ := model.Parse("4-8-3")
	p := env.Params(t, spec, 8, 3277, 1, 2)
	alice, _ := crypto.GenerateKey()
	bob, _ := crypto.GenerateKey()
	job := testjob.SignedJob(t, testChainID, alice, 1, p) // create (nonce 0), 2 steps (nonces 1, 2)

	r, err := NewReplayer("", testChainID, 0, iris)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	apply := func(txs ...[]byte) (*chain.Header, error) { return r.Apply(r.Head().Time+1, 0, txs) }

	// A creation over a dataset the replayer does not hold is the node's
	// fault (the transaction is fine): nothing changes, and the next
	// block may be the same one again.
	other := testjob.NewEnv(t, mustSplit(t, iris))
	missing := testjob.SignedJob(t, testChainID, bob, 2, other.Params(t, spec, 8, 3277, 1, 1))
	if _, err := apply(missing[0]); !errors.Is(err, executor.ErrNoDataset) || fault.Class(err) != fault.ErrNode {
		t.Fatalf("creation over a missing dataset: %v (class %v), want a node fault wrapping ErrNoDataset", err, fault.Class(err))
	}
	if r.Head().Number != 0 {
		t.Fatalf("a node fault applied block %d", r.Head().Number)
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
	tx := new(chain.Tx)
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
	if _, err := r.Apply(r.Head().Time-1, 0, nil); !errors.Is(err, ErrBadBlock) {
		t.Fatalf("time going back: %v", err)
	}
}

func mustSplit(t *testing.T, d *dataset.Dataset) *dataset.Dataset {
	t.Helper()
	_, test := d.Split(3)
	return test
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
	blk := &Block{Number: 1, Time: 1, Txs: [][]byte{txs[0], txs[1], extra, txs[1]}}
	for range blk.Txs {
		blk.Senders = append(blk.Senders, from)
	}
	b := env.Store.NewBatch()
	defer b.Close()
	h, recs, touched, err := ExecBlock(env.Exec.In(b), b, &chain.Genesis(0).Header, blk, map[uint32]string{3: "nonce used"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []uint8{StatusApplied, StatusApplied, StatusRejected, StatusRejected}
	for i, r := range recs {
		if r.Status != want[i] {
			t.Errorf("receipt %d: %+v, want status %d", i, r, want[i])
		}
	}
	if recs[3].Reason != "nonce used" || recs[2].Reason == "" || !touched[1] || h.Number != 1 {
		t.Errorf("receipts %+v, touched %v, header %d", recs, touched, h.Number)
	}
	// The job done: the extra step is invalid (ErrJobDone), its reason the
	// executor's.
	if want := executor.ErrJobDone.Error(); !strings.Contains(recs[2].Reason, want) {
		t.Errorf("reason %q, want it to hold %q", recs[2].Reason, want)
	}
	// A block whose transaction does not decode is this node's corrupt
	// chain, not an invalid transaction.
	bad := &Block{Number: 1, Txs: [][]byte{{2, 0xc0}}, Senders: make([]common.Address, 1)}
	b2 := env.Store.NewBatch()
	defer b2.Close()
	if _, _, _, err := ExecBlock(env.Exec.In(b2), b2, &chain.Genesis(0).Header, bad, nil, nil); !errors.Is(err, ErrCorrupt) || fault.Class(err) != fault.ErrNode {
		t.Fatalf("undecodable transaction: %v", err)
	}
	if _, err := env.Store.Job(1); !errors.Is(err, state.ErrNotFound) {
		t.Fatalf("uncommitted batches reached the store: %v", err)
	}
}
