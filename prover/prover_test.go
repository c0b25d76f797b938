package prover

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/internal/testjob"
)

// TestProveIrisStep generates keys for the Iris step circuit, proves a real
// executor step, verifies it, rejects it under a changed public input, and
// loads the keys from the cache the second time.
func TestProveIrisStep(t *testing.T) {
	depth, wits := testjob.Steps(t, "4-8-3", testjob.Iris(t), 8, 1, 3)
	shape := circuits.StepShape{Model: wits[0].JobBefore.Params.Model, Batch: 8, DatasetDepth: depth, Steps: 1}
	ks, err := NewKeyStore(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	keys := freshKeys(t, ks, shape, "an empty key store")
	p := proveVerified(t, keys, shape, wits)
	t.Logf("%s: %d constraints, setup %v, prove %v", shape, keys.CCS.GetNbConstraints(), keys.SetupTime, p.ProveTime)

	// A proof does not verify for another post-state root.
	bad, err := circuits.NewStepAssignment(shape, chain.Digests{}, wits)
	if err != nil {
		t.Fatal(err)
	}
	bad.RootAfter = 1
	pub, err := frontend.NewWitness(bad, ecc.BLS12_377.ScalarField(), frontend.PublicOnly())
	if err != nil {
		t.Fatal(err)
	}
	if err := VerifyStep(keys, &StepProof{Shape: shape, Proof: p.Proof, Public: pub}); err == nil {
		t.Fatal("proof verified against a changed post-state root")
	}

	again, err := ks.StepKeys(shape)
	if err != nil {
		t.Fatal(err)
	}
	if again.SetupTime != 0 {
		t.Fatal("second setup did not come from the cache")
	}
	if err := VerifyStep(again, p); err != nil {
		t.Fatalf("cached keys: %v", err)
	}

	// A damaged cache file is detected and the keys are generated again.
	files, _ := filepath.Glob(filepath.Join(ks.dir, "*.pk"))
	if len(files) != 1 {
		t.Fatalf("cache holds %v", files)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 1
	if err := os.WriteFile(files[0], b, 0o644); err != nil {
		t.Fatal(err)
	}
	fresh := freshKeys(t, ks, shape, "a corrupt proving key")
	proveVerified(t, fresh, shape, wits)
}

// freshKeys returns keys that must have been generated, not loaded.
func freshKeys(t *testing.T, ks *KeyStore, shape circuits.StepShape, cache string) *Keys {
	t.Helper()
	keys, err := ks.StepKeys(shape)
	if err != nil {
		t.Fatal(err)
	}
	if keys.SetupTime == 0 {
		t.Fatalf("keys were loaded from the cache despite %s", cache)
	}
	return keys
}

// proveVerified proves wits and verifies the proof.
func proveVerified(t *testing.T, keys *Keys, shape circuits.StepShape, wits []*executor.StepWitness) *StepProof {
	t.Helper()
	p, err := ProveSteps(keys, shape, chain.Digests{}, wits)
	if err != nil {
		t.Fatal(err)
	}
	if err := VerifyStep(keys, p); err != nil {
		t.Fatal(err)
	}
	return p
}
