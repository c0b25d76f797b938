package circuits

import (
	"math/big"
	"testing"

	bw6761 "github.com/consensys/gnark-crypto/ecc/bw6-761"
	"github.com/consensys/gnark-crypto/ecc/bw6-761/fp"
	"github.com/consensys/gnark/backend/groth16"
	groth16_bw6761 "github.com/consensys/gnark/backend/groth16/bw6-761"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
)

// squareRoot stands in for an aggregation circuit, whose verifying key has
// the same shape: one public input, no commitment.
type squareRoot struct {
	X frontend.Variable `gnark:",public"`
	Y frontend.Variable
}

func (c *squareRoot) Define(api frontend.API) error {
	api.AssertIsEqual(api.Mul(c.Y, c.Y), c.X)
	return nil
}

// TestWrapCircuit compiles the wrap circuit, pins its size against the goal
// of 5M constraints, and solves it for a real BW6-761 proof: accepted with
// its public input, rejected with another or with a changed proof.
func TestWrapCircuit(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a 5M-constraint circuit: not in -short")
	}
	inner, err := frontend.Compile(AggregateField, r1cs.NewBuilder, &squareRoot{})
	if err != nil {
		t.Fatal(err)
	}
	pk, vk, err := groth16.Setup(inner)
	if err != nil {
		t.Fatal(err)
	}
	x := big.NewInt(49)
	w, err := frontend.NewWitness(&squareRoot{X: x, Y: 7}, AggregateField)
	if err != nil {
		t.Fatal(err)
	}
	proof, err := groth16.Prove(inner, pk, w)
	if err != nil {
		t.Fatal(err)
	}

	circuit, err := NewWrapCircuit(inner, vk)
	if err != nil {
		t.Fatal(err)
	}
	ccs, err := frontend.Compile(WrapField, r1cs.NewBuilder, circuit)
	if err != nil {
		t.Fatal(err)
	}
	n := ccs.GetNbConstraints()
	t.Logf("wrap: %d constraints, %d commitments", n, len(ccs.GetCommitments().CommitmentIndexes()))
	if n > 5_000_000 {
		t.Errorf("wrap: %d constraints, goal 5M", n)
	}

	solve := func(p groth16.Proof, pub *big.Int) error {
		a, err := NewWrapAssignment(p, pub)
		if err != nil {
			t.Fatal(err)
		}
		w, err := frontend.NewWitness(a, WrapField)
		if err != nil {
			t.Fatal(err)
		}
		return ccs.IsSolved(w)
	}
	if err := solve(proof, x); err != nil {
		t.Fatalf("valid proof rejected: %v", err)
	}
	if solve(proof, big.NewInt(50)) == nil {
		t.Error("proof accepted for another public input")
	}
	bad := *proof.(*groth16_bw6761.Proof)
	var two big.Int
	bad.Krs.ScalarMultiplication(&bad.Krs, two.SetInt64(2))
	if solve(&bad, x) == nil {
		t.Error("changed proof accepted")
	}
	bad = *proof.(*groth16_bw6761.Proof)
	bad.Bs = g2OutsideSubgroup(t)
	if solve(&bad, x) == nil {
		t.Error("proof with B outside G2 accepted")
	}
}

// g2OutsideSubgroup returns a point of the G2 curve that is not in G2.
func g2OutsideSubgroup(t *testing.T) bw6761.G2Affine {
	var p bw6761.G2Affine
	for x := int64(1); x < 1000; x++ {
		p.X.SetInt64(x)
		var y2, four fp.Element
		four.SetUint64(4) // the twist is y^2 = x^3 + 4
		y2.Square(&p.X).Mul(&y2, &p.X).Add(&y2, &four)
		if p.Y.Sqrt(&y2) != nil && p.IsOnCurve() && !p.IsInSubGroup() {
			return p
		}
	}
	t.Fatal("no point outside G2 found")
	return p
}
