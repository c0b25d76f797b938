package circuits

import (
	"crypto/sha256"
	fr_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"math/big"
	"sync"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/std/algebra/native/sw_bls12377"
	"github.com/consensys/gnark/std/math/emulated"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"
	"github.com/consensys/gnark/test"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/internal/testjob"
)

// stepRun is a run of real step proofs of an Iris job, one step each, that
// chain in state root and digest.
type stepRun struct {
	ccs     constraint.ConstraintSystem
	vk      groth16.VerifyingKey
	proofs  []groth16.Proof
	publics []witness.Witness
}

var (
	stepRunOnce sync.Once
	stepRunVal  *stepRun
	stepRunErr  error
)

// provedSteps sets up the Iris step circuit (k = 1) and proves 3
// consecutive steps with the recursion prover options; shared by the tests.
func provedSteps(t *testing.T) *stepRun {
	t.Helper()
	if testing.Short() {
		t.Skip("proves step circuits: not in -short")
	}
	stepRunOnce.Do(func() {
		depth, wits := testjob.Steps(t, "4-8-3", testjob.Iris(t), 8, 3, 11)
		shape := StepShape{Model: wits[0].JobBefore.Params.Model, Batch: 8, DatasetDepth: depth, Steps: 1}
		circuit, err := NewStepCircuit(shape)
		if err != nil {
			stepRunErr = err
			return
		}
		r := &stepRun{}
		if r.ccs, err = frontend.Compile(field, r1cs.NewBuilder, circuit); err != nil {
			stepRunErr = err
			return
		}
		var pk groth16.ProvingKey
		if pk, r.vk, err = groth16.Setup(r.ccs); err != nil {
			stepRunErr = err
			return
		}
		digests := testDigests
		for i := range wits {
			a, err := NewStepAssignment(shape, digests, wits[i:i+1])
			if err != nil {
				stepRunErr = err
				return
			}
			digests = DigestsAfter(digests, wits[i:i+1])
			full, err := frontend.NewWitness(a, field)
			if err != nil {
				stepRunErr = err
				return
			}
			p, err := groth16.Prove(r.ccs, pk, full, stdgroth16.GetNativeProverOptions(AggregateField, field))
			if err != nil {
				stepRunErr = err
				return
			}
			pub, _ := full.Public()
			r.proofs, r.publics = append(r.proofs, p), append(r.publics, pub)
		}
		stepRunVal = r
	})
	if stepRunErr != nil {
		t.Fatal(stepRunErr)
	}
	return stepRunVal
}

func TestAggregateCircuit(t *testing.T) {
	run := provedSteps(t)
	const slots = 3
	circuit, err := NewAggregateCircuit(run.ccs, run.vk, slots)
	if err != nil {
		t.Fatal(err)
	}
	assign := func(t *testing.T, proofs []groth16.Proof, publics []witness.Witness) (*AggregateCircuit, *Claim) {
		t.Helper()
		a, claim, err := NewAggregateAssignment(slots, 5, 10, 12, proofs, publics)
		if err != nil {
			t.Fatal(err)
		}
		return a, claim
	}
	full, claim := assign(t, run.proofs, run.publics)
	if claim.RootBefore == claim.RootAfter || claim.DigestAfter == testDigests.Proof() {
		t.Fatal("claim does not move")
	}
	partial, _ := assign(t, run.proofs[:2], run.publics[:2])
	single, _ := assign(t, run.proofs[:1], run.publics[:1])

	invalid := map[string]func(*AggregateCircuit){
		"public input":  func(a *AggregateCircuit) { a.PublicInput = bump(a.PublicInput, 1) },
		"chain id":      func(a *AggregateCircuit) { a.ChainID = 6 },
		"batch range":   func(a *AggregateCircuit) { a.LastBatch = 13 },
		"no slot":       func(a *AggregateCircuit) { a.Active[0] = 0 },
		"gap in slots":  func(a *AggregateCircuit) { a.Active[1] = 0 },
		"not a boolean": func(a *AggregateCircuit) { a.Active[2] = 2 },
		"public of a proof": func(a *AggregateCircuit) {
			a.Publics[1].Public[pubDigestAfter] = emulated.ValueOf[sw_bls12377.ScalarField](7)
		},
		"swapped proofs": func(a *AggregateCircuit) {
			a.Proofs[0], a.Proofs[1] = a.Proofs[1], a.Proofs[0]
		},
		"broken chain": func(a *AggregateCircuit) { // slots 0 and 2: valid proofs that do not chain
			a.Proofs[1], a.Publics[1] = a.Proofs[2], a.Publics[2]
		},
		"non-canonical root": func(a *AggregateCircuit) { // root before + r: same value mod r
			v := new(big.Int).Add(claim.RootBefore.BigInt(new(big.Int)), fr_bls12377.Modulus())
			a.Publics[0].Public[pubRootBefore] = emulated.ValueOf[sw_bls12377.ScalarField](v)
			a.PublicInput = nonCanonicalClaim(claim, v)
		},
	}
	test.NewAssert(t).CheckCircuit(circuit, test.WithValidAssignment(full), test.WithValidAssignment(partial), test.WithValidAssignment(single),
		test.WithCurves(ecc.BW6_761), test.WithBackends(backend.GROTH16), test.NoFuzzing(), test.NoSerializationChecks(), test.NoProverChecks())
	for name, f := range invalid {
		bad, _ := assign(t, run.proofs, run.publics)
		f(bad)
		if err := test.IsSolved(circuit, bad, AggregateField); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// nonCanonicalClaim is the public input of claim with its root before
// encoded as the integer v (>= r).
func nonCanonicalClaim(c *Claim, v *big.Int) *big.Int {
	b := c.Encode()
	v.FillBytes(b[24:56])
	return publicInputOf(b)
}

func TestAggregateCircuitHasNoCommitment(t *testing.T) {
	run := provedSteps(t)
	circuit, err := NewAggregateCircuit(run.ccs, run.vk, 2)
	if err != nil {
		t.Fatal(err)
	}
	ccs, err := frontend.Compile(AggregateField, r1cs.NewBuilder, circuit)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(ccs.GetCommitments().CommitmentIndexes()); n != 0 {
		t.Fatalf("aggregation circuit has %d commitments", n)
	}
	t.Logf("aggregation of 2: %d constraints, %d public", ccs.GetNbConstraints(), ccs.GetNbPublicVariables())
}

func TestClaimPublicInput(t *testing.T) {
	c := &Claim{ChainID: 1, FirstBatch: 2, LastBatch: 3, RootAfter: commit.FromUint64(4)}
	b := c.Encode()
	if len(b) != ClaimLen {
		t.Fatalf("encoding is %d bytes", len(b))
	}
	if b[7] != 1 || b[15] != 2 || b[23] != 3 || b[24+63] != 4 {
		t.Fatalf("encoding %x", b)
	}
	d := sha256.Sum256(b)
	d[0] &= 0x1f // the top 3 bits dropped
	if p := c.PublicInput(); p.Cmp(new(big.Int).SetBytes(d[:])) != 0 {
		t.Fatalf("public input %v", p)
	}
}

type canonicalCircuit struct{ V frontend.Variable }

func (c *canonicalCircuit) Define(api frontend.API) error {
	canonicalBits(api, c.V)
	return nil
}

// TestCanonicalBits checks the bound r - 1 on both sides.
func TestCanonicalBits(t *testing.T) {
	r := fr_bls12377.Modulus()
	at := func(d int64) *canonicalCircuit { return &canonicalCircuit{V: new(big.Int).Add(r, big.NewInt(d))} }
	top := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 253), big.NewInt(1))
	test.NewAssert(t).CheckCircuit(&canonicalCircuit{},
		test.WithValidAssignment(&canonicalCircuit{V: 0}), test.WithValidAssignment(at(-1)), test.WithValidAssignment(at(-1<<40)),
		test.WithInvalidAssignment(at(0)), test.WithInvalidAssignment(at(1)), test.WithInvalidAssignment(&canonicalCircuit{V: top}),
		test.WithInvalidAssignment(&canonicalCircuit{V: new(big.Int).Lsh(big.NewInt(1), 253)}),
		test.WithCurves(ecc.BW6_761), test.WithBackends(backend.GROTH16), test.NoFuzzing(), test.NoSerializationChecks(), test.NoProverChecks())
}
