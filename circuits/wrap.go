package circuits

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	bw6761 "github.com/consensys/gnark-crypto/ecc/bw6-761"
	"github.com/consensys/gnark/backend/groth16"
	groth16_bw6761 "github.com/consensys/gnark/backend/groth16/bw6-761"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/emulated/sw_bw6761"
	"github.com/consensys/gnark/std/algebra/emulated/sw_emulated"
	"github.com/consensys/gnark/std/math/emulated"
)

// WrapField is the field the wrap circuit is compiled over: BN254's, whose
// pairing the EVM has as a precompile.
var WrapField = ecc.BN254.ScalarField()

// AggregateProof is a Groth16 proof of an aggregation circuit (which has
// no commitment) as wrap circuit variables.
type AggregateProof struct {
	Ar, Krs sw_bw6761.G1Affine
	Bs      sw_bw6761.G2Affine
}

// wrapVK is an aggregation circuit's verifying key as constants, for the
// pairing check of spec/proofs.md#wrap: K0, K1 and -alpha in G1; beta,
// -gamma and -delta in G2 with their line evaluations precomputed.
type wrapVK struct {
	k0, k1, alphaNeg     bw6761.G1Affine
	beta, gammaNeg, dNeg sw_bw6761.G2Affine
}

// WrapCircuit is a BN254 circuit that verifies one proof of an aggregation
// circuit (its verifying key is a constant of the circuit) and exposes the
// same public input: the claim's SHA-256, which the L1 contract recomputes
// (spec/proofs.md#wrap).
type WrapCircuit struct {
	PublicInput frontend.Variable `gnark:",public"`
	Proof       AggregateProof

	vk *wrapVK `gnark:"-"`
}

// NewWrapCircuit returns the wrap circuit of the aggregation circuit aggCCS
// with verifying key aggVK.
func NewWrapCircuit(aggCCS constraint.ConstraintSystem, aggVK groth16.VerifyingKey) (*WrapCircuit, error) {
	if n := aggCCS.GetNbPublicVariables() - 1; n != 1 {
		return nil, fmt.Errorf("wrap: inner circuit has %d public inputs, an aggregation circuit has 1", n)
	}
	if n := len(aggCCS.GetCommitments().CommitmentIndexes()); n != 0 {
		return nil, fmt.Errorf("wrap: inner circuit has %d commitments, an aggregation circuit none", n)
	}
	vk, ok := aggVK.(*groth16_bw6761.VerifyingKey)
	if !ok || len(vk.G1.K) != 2 || len(vk.CommitmentKeys) != 0 {
		return nil, fmt.Errorf("wrap: %T is not the verifying key of a BW6-761 circuit with one public input and no commitment", aggVK)
	}
	w := &wrapVK{k0: vk.G1.K[0], k1: vk.G1.K[1], beta: sw_bw6761.NewG2AffineFixed(vk.G2.Beta)}
	w.alphaNeg.Neg(&vk.G1.Alpha)
	var g bw6761.G2Affine
	w.gammaNeg = sw_bw6761.NewG2AffineFixed(*g.Neg(&vk.G2.Gamma))
	w.dNeg = sw_bw6761.NewG2AffineFixed(*g.Neg(&vk.G2.Delta))
	return &WrapCircuit{vk: w}, nil
}

// Define implements frontend.Circuit: the Groth16 check
// e(A, B) e(K0 + x K1, -gamma) e(C, -delta) e(-alpha, beta) = 1, as one
// multi-pairing whose final exponentiation is replaced by a residue
// witness (gnark's PairingCheck).
func (c *WrapCircuit) Define(api frontend.API) error {
	if c.vk == nil {
		return errors.New("wrap: circuit without a verifying key (use NewWrapCircuit)")
	}
	curve, err := sw_emulated.New[sw_bw6761.BaseField, sw_bw6761.ScalarField](api, sw_emulated.GetBW6761Params())
	if err != nil {
		return err
	}
	pairing, err := sw_bw6761.NewPairing(api)
	if err != nil {
		return err
	}
	f, err := emulated.NewField[sw_bw6761.ScalarField](api)
	if err != nil {
		return err
	}
	// The public input as a scalar: its 253 bits (which also bound it below
	// 2^253) regrouped into limbs.
	x := f.FromBits(api.ToBinary(c.PublicInput, PublicInputBits)...)
	k0, k1 := sw_bw6761.NewG1Affine(c.vk.k0), sw_bw6761.NewG1Affine(c.vk.k1)
	// Incomplete addition: it fails only if x K1 = +-K0, which a SHA-256
	// output hits with probability about 2^-253 (and then no proof exists,
	// a failure of completeness, not of soundness).
	l := curve.Add(&k0, curve.ScalarMul(&k1, x))

	// A and C on the curve, B in G2: with every G2 argument in G2 the
	// pairing is a power of the reduced Tate pairing, which is trivial on
	// the cofactor part of a G1 argument, so A and C need no subgroup check
	// of their own (spec/proofs.md#wrap; saves 580k constraints).
	pairing.AssertIsOnCurve(&c.Proof.Ar)
	pairing.AssertIsOnCurve(&c.Proof.Krs)
	pairing.AssertIsOnG2(&c.Proof.Bs)
	alphaNeg := sw_bw6761.NewG1Affine(c.vk.alphaNeg)
	beta, gammaNeg, dNeg := c.vk.beta, c.vk.gammaNeg, c.vk.dNeg // PairingCheck writes lines into its arguments
	return pairing.PairingCheck([]*sw_bw6761.G1Affine{&c.Proof.Ar, l, &c.Proof.Krs, &alphaNeg},
		[]*sw_bw6761.G2Affine{&c.Proof.Bs, &gammaNeg, &dNeg, &beta})
}

// NewWrapAssignment assigns the wrap circuit to an aggregation proof with
// public input pub.
func NewWrapAssignment(proof groth16.Proof, pub *big.Int) (*WrapCircuit, error) {
	p, ok := proof.(*groth16_bw6761.Proof)
	if !ok || len(p.Commitments) != 0 {
		return nil, fmt.Errorf("wrap: %T is not a BW6-761 proof without commitment", proof)
	}
	return &WrapCircuit{PublicInput: pub, Proof: AggregateProof{
		Ar: sw_bw6761.NewG1Affine(p.Ar), Krs: sw_bw6761.NewG1Affine(p.Krs), Bs: sw_bw6761.NewG2Affine(p.Bs)}}, nil
}
