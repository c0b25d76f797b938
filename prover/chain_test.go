package prover

import (
	"crypto/ecdsa"
	"errors"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/internal/evmtest"
	"github.com/trainrollup/trainrollup/internal/gethdev"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/state"
)

// TestRecursiveChainOnL1 runs the whole proof chain for real: an Iris job's
// creation and training steps in the executor, a BLS12-377 creation or step
// proof each, two BW6-761 aggregations of the default chain's slots (the
// creation and a step, then two steps), a BN254 wrap of each, and gnark's
// Solidity verifier, compiled by the pinned solc and deployed on the
// simulated L1, accepting both; a tampered proof, a tampered public input,
// an unreduced one and a proof replayed for another batch range are
// rejected on L1. Then the bridge with that verifier, on the simulated L1
// and on geth --dev, from the state before the job existed, takes the job
// requested on L1 through two committed batches proven by the two wraps to
// its finalization.
func TestRecursiveChainOnL1(t *testing.T) {
	if testing.Short() {
		t.Skip("sets up and proves the recursive chain: not in -short")
	}
	ks := defaultKeyStore(t)
	// An L1 job (its id and owner as the bridge assigns them) of 3 steps,
	// completed by the last proof.
	requester, _ := crypto.GenerateKey()
	run := testjob.Train(t, testjob.Config{Spec: "4-8-3", Data: testjob.Iris(t), Batch: 8, Steps: 3, Total: 3, Seed: 21,
		ID: l1.L1JobIDBase, Owner: crypto.PubkeyToAddress(requester.PublicKey), Order: state.OrderSeeded})
	depth, wits := run.Depth, append([]*executor.StepWitness{run.Created}, run.Wits...)
	shape := circuits.StepShape{Model: run.Params.Model, Batch: 8, DatasetDepth: depth, Steps: 1}
	stepKeys, err := ks.StepKeys(shape)
	if err != nil {
		t.Fatal(err)
	}
	var steps []*StepProof
	var digests chain.Digests  // the bridge's genesis: 0 and 0
	after := []chain.Digests{} // after each proof
	for i := range wits {
		p, err := ProveSteps(stepKeys, shape, digests, wits[i:i+1])
		if err != nil {
			t.Fatal(err)
		}
		digests = circuits.DigestsAfter(digests, wits[i:i+1])
		after = append(after, digests)
		steps = append(steps, p)
	}
	if after[0].L1 == (commit.Element{}) || after[0].Tx != (commit.Element{}) {
		t.Fatal("the L1 job's creation does not advance the L1 queue hash alone")
	}

	const slots, chainID = DefaultSlots, 1337
	aggKeys, err := ks.AggregateKeys(stepKeys, slots)
	if err != nil {
		t.Fatal(err)
	}
	wrapKeys, err := ks.WrapKeys(aggKeys)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("constraints: step %d, aggregate(%d) %d, wrap %d; setup s: %.1f %.1f %.1f", stepKeys.CCS.GetNbConstraints(), slots,
		aggKeys.CCS.GetNbConstraints(), wrapKeys.CCS.GetNbConstraints(), stepKeys.SetupTime.Seconds(), aggKeys.SetupTime.Seconds(), wrapKeys.SetupTime.Seconds())

	var wraps []*WrapProof
	for _, run := range []struct {
		first, last uint64
		steps       []*StepProof
	}{{1, 1, steps[:2]}, {2, 2, steps[2:]}} { // the creation and a step, two steps
		agg, err := ProveAggregate(aggKeys, slots, chainID, run.first, run.last, run.steps)
		if err != nil {
			t.Fatal(err)
		}
		if err := VerifyAggregate(aggKeys, agg); err != nil {
			t.Fatal(err)
		}
		w, err := ProveWrap(wrapKeys, agg)
		if err != nil {
			t.Fatal(err)
		}
		if err := VerifyWrap(wrapKeys, w); err != nil {
			t.Fatal(err)
		}
		t.Logf("batches %d..%d: %d step proofs, aggregate %v, wrap %v", run.first, run.last, len(run.steps), agg.ProveTime, w.ProveTime)
		wraps = append(wraps, w)
	}
	if wraps[0].Claim.RootAfter != wraps[1].Claim.RootBefore || wraps[0].Claim.DigestAfter != wraps[1].Claim.DigestBefore {
		t.Fatal("the two runs do not chain")
	}

	// The L1 verifier.
	var src strings.Builder
	if err := ExportSolidity(wrapKeys, &src); err != nil {
		t.Fatal(err)
	}
	// The committed verifier is this one: public-seed keys are the same on
	// every machine.
	if committed, err := os.ReadFile("../contracts/src/Verifier.sol"); err != nil || string(committed) != src.String() {
		t.Errorf("contracts/src/Verifier.sol is not the verifier of these keys (%v): run make contracts", err)
	}
	verifier := evmtest.Deploy(t, "Verifier", src.String())
	t.Logf("verifier deployed: %d gas", verifier.Gas)
	verify := func(proof []byte, input *big.Int) (uint64, error) {
		_, gas, err := verifier.Call(t, "verifyProof", proof, [1]*big.Int{input})
		return gas, err
	}
	for i, w := range wraps {
		proof, err := w.Calldata()
		if err != nil {
			t.Fatal(err)
		}
		gas, err := verify(proof, w.PublicInput())
		if err != nil {
			t.Fatalf("run %d rejected on L1: %v", i, err)
		}
		t.Logf("run %d verified on L1: %d gas (transaction)", i, gas)
	}

	proof, _ := wraps[0].Calldata()
	tampered := append([]byte(nil), proof...)
	tampered[70] ^= 1 // inside B
	replayed := wraps[0].Claim
	replayed.FirstBatch, replayed.LastBatch = 5, 5
	rejections := map[string]struct {
		proof []byte
		input *big.Int
	}{
		"tampered proof":         {tampered, wraps[0].PublicInput()},
		"tampered public input":  {proof, new(big.Int).Add(wraps[0].PublicInput(), big.NewInt(1))},
		"unreduced public input": {proof, new(big.Int).Add(wraps[0].PublicInput(), circuits.WrapField)},
		"replayed for batch 5":   {proof, replayed.PublicInput()},
		"another run's proof":    {proof, wraps[1].PublicInput()},
	}
	for name, r := range rejections {
		if _, err := verify(r.proof, r.input); err == nil {
			t.Errorf("%s: accepted on L1", name)
		}
	}

	// The bridge with this verifier, on the embedded L1 and on geth --dev:
	// the job requested, both batches committed and proven with the real
	// wrap proofs, the completed job finalized.
	t.Run("simulated", func(t *testing.T) {
		funder, _ := crypto.GenerateKey()
		sim := l1.StartSimulated(types.GenesisAlloc{crypto.PubkeyToAddress(funder.PublicKey): {Balance: new(big.Int).Lsh(big.NewInt(1), 100)}}, 10*time.Millisecond)
		t.Cleanup(func() { sim.Close() })
		ftx, err := l1.NewTxManager(t.Context(), sim.Client(), funder, l1.TxConfig{PollInterval: 10 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		bridgeWithProofs(t, sim.Client(), func(a common.Address) {
			if _, err := ftx.Send(t.Context(), l1.Candidate{To: &a, Value: new(big.Int).Lsh(big.NewInt(1), 80)}); err != nil {
				t.Fatal(err)
			}
		}, run, requester, wraps, []chain.Digests{after[1], after[3]})
	})
	t.Run("geth", func(t *testing.T) {
		node := gethdev.Start(t)
		bridgeWithProofs(t, node.Client, func(a common.Address) { node.Fund(t, a, new(big.Int).Lsh(big.NewInt(1), 80)) }, run, requester, wraps,
			[]chain.Digests{after[1], after[3]})
	})
}

// bridgeWithProofs deploys the committed verifier and a bridge whose
// genesis is run's state before the job's creation, requests run's job from
// requester, commits the two batches of wraps' claims and proves them
// (after a proof of the wrong batch is refused), then finalizes the job;
// digests are the chain's after each batch.
func bridgeWithProofs(t *testing.T, client l1.Client, fund func(common.Address), run *testjob.Run, requester *ecdsa.PrivateKey, wraps []*WrapProof, digests []chain.Digests) {
	ctx := t.Context()
	opKey, _ := crypto.GenerateKey()
	for _, k := range []*ecdsa.PrivateKey{opKey, requester} {
		fund(crypto.PubkeyToAddress(k.PublicKey))
	}
	cfg := l1.TxConfig{PollInterval: 20 * time.Millisecond}
	opTx, err := l1.NewTxManager(ctx, client, opKey, cfg)
	if err != nil {
		t.Fatal(err)
	}
	reqTx, err := l1.NewTxManager(ctx, client, requester, cfg)
	if err != nil {
		t.Fatal(err)
	}
	bc := l1.DefaultBridgeConfig(wraps[0].Claim.ChainID)
	bc.GenesisRoot = run.Created.RootBefore
	d, err := l1.Deploy(ctx, opTx, nil, bc)
	if err != nil {
		t.Fatal(err)
	}
	op, req := l1.NewBridge(d.Bridge, opTx), l1.NewBridge(d.Bridge, reqTx)
	params, err := l1.ParamsOf(run.Params)
	if err != nil {
		t.Fatal(err)
	}
	id, err := req.RequestTraining(ctx, params, time.Now().Add(time.Hour), big.NewInt(1e16))
	if err != nil || id != run.Job {
		t.Fatalf("requested job %d (%v), want %d", id, err, run.Job)
	}
	if err := op.Stake(ctx, bc.MinStake); err != nil {
		t.Fatal(err)
	}
	queueHash, err := l1.NextQueueHash(common.Hash{}, id, crypto.PubkeyToAddress(requester.PublicKey), params)
	if err != nil {
		t.Fatal(err)
	}
	headers := []l1.BatchHeader{l1.GenesisHeader(run.Created.RootBefore)}
	for i, w := range wraps {
		if q := digests[i].L1.Bytes(); q != queueHash {
			t.Fatalf("batch %d: the chain's L1 queue hash %x is not the bridge's %x", i+1, q, queueHash)
		}
		if d := digests[i].Proof(); d != w.Claim.DigestAfter {
			t.Fatalf("batch %d: the claim's digest is not the chain's", i+1)
		}
		h, err := op.CommitBatch(ctx, headers[i], l1.BatchInput{LastBlock: uint64(i + 1), DaHeight: uint64(i + 1),
			TxDigest: digests[i].Tx.BigInt(new(big.Int)), StateRoot: w.Claim.RootAfter.BigInt(new(big.Int)),
			L1MessagesConsumed: 1, L1QueueHash: queueHash})
		if err != nil {
			t.Fatal(err)
		}
		headers = append(headers, h)
	}
	second, _ := wraps[1].Calldata()
	var re *l1.RevertError
	if _, err := op.ProveBatches(ctx, headers[0], headers[1], second); !errors.As(err, &re) || re.Name != "InvalidProof" {
		t.Fatalf("batch 1 with batch 2's proof: %v", err)
	}
	for i, w := range wraps {
		proof, _ := w.Calldata()
		r, err := op.ProveBatches(ctx, headers[i], headers[i+1], proof)
		if err != nil {
			t.Fatalf("prove batch %d: %v", i+1, err)
		}
		t.Logf("proveBatches %d with the real verifier: %d gas", i+1, r.GasUsed)
	}
	j, err := run.Store.Job(run.Job)
	if err != nil {
		t.Fatal(err)
	}
	sib, err := run.Store.Proof(run.Job)
	if err != nil {
		t.Fatal(err)
	}
	// Completed by the second proof: at the end of the first it was
	// training, with one step done.
	prior := l1.PriorOf(headers[1], run.Job, run.GenesisJob, run.GenesisPath)
	if _, err := req.FinalizeJob(ctx, headers[2], l1.LeafOf(j), l1.Siblings(sib), prior); !errors.As(err, &re) || re.Name != "BadMerklePath" {
		t.Fatalf("finalize with the state after the creation as batch 1's: %v", err)
	}
	prior = l1.PriorOf(headers[0], run.Job, nil, run.Created.StateProof)
	_, err = req.FinalizeJob(ctx, headers[2], l1.LeafOf(j), l1.Siblings(sib), prior)
	if !errors.As(err, &re) || re.Name != "NotPreviousProof" {
		t.Fatalf("finalize with batch 0 (no job yet) as the previous proof's end: %v", err)
	}
	after1 := run.Wits[1].JobBefore
	prior = l1.PriorOf(headers[1], run.Job, &after1, run.Wits[1].StateProof)
	r, err := req.FinalizeJob(ctx, headers[2], l1.LeafOf(j), l1.Siblings(sib), prior)
	if err != nil {
		t.Fatal(err)
	}
	mc, err := req.ModelCommitment(ctx, id)
	if err != nil || mc.Cmp(j.Weights.BigInt(new(big.Int))) != 0 {
		t.Fatalf("model commitment %v (%v)", mc, err)
	}
	t.Logf("finalizeJob: %d gas", r.GasUsed)
}

// defaultKeyStore is the user's key cache (or $TRAINROLLUP_KEYS): keys of
// the test circuits are generated once per machine.
func defaultKeyStore(t *testing.T) *KeyStore {
	t.Helper()
	dir, err := DefaultKeyDir()
	if err != nil {
		t.Fatal(err)
	}
	ks, err := NewKeyStore(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ks
}
