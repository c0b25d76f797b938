package prover

import (
	"bytes"
	"fmt"
	"io"
	"math/big"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/solidity"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/frontend"

	"github.com/trainrollup/trainrollup/circuits"
)

// AggregateKeys returns the keys of the aggregation circuit that verifies
// slots proofs of the step circuit with keys step.
func (s *KeyStore) AggregateKeys(step *Keys, slots int) (*Keys, error) {
	c, err := circuits.NewAggregateCircuit(step.CCS, step.VK, slots)
	if err != nil {
		return nil, err
	}
	return s.Setup(fmt.Sprintf("aggregate-n%d-%s", slots, step.Name), ecc.BW6_761, c)
}

// WrapKeys returns the keys of the wrap circuit of the aggregation circuit
// with keys agg.
func (s *KeyStore) WrapKeys(agg *Keys) (*Keys, error) {
	c, err := circuits.NewWrapCircuit(agg.CCS, agg.VK)
	if err != nil {
		return nil, err
	}
	return s.Setup("wrap-"+agg.Name, ecc.BN254, c)
}

// AggregateProof is a BW6-761 proof of a claim about a run of step proofs.
type AggregateProof struct {
	Claim     circuits.Claim
	Steps     int // step proofs in the run
	Proof     groth16.Proof
	ProveTime time.Duration
}

// ProveAggregate proves that the step proofs, in order, make the claim on
// chain chainID for batches first..last, with the aggregation keys of
// slots slots.
func ProveAggregate(keys *Keys, slots int, chainID, first, last uint64, steps []*StepProof) (*AggregateProof, error) {
	proofs := make([]groth16.Proof, len(steps))
	publics := make([]witness.Witness, len(steps))
	for i, p := range steps {
		proofs[i], publics[i] = p.Proof, p.Public
	}
	assignment, claim, err := circuits.NewAggregateAssignment(slots, chainID, first, last, proofs, publics)
	if err != nil {
		return nil, err
	}
	full, err := frontend.NewWitness(assignment, ecc.BW6_761.ScalarField())
	if err != nil {
		return nil, fmt.Errorf("aggregation witness: %w", err)
	}
	start := time.Now()
	proof, err := groth16.Prove(keys.CCS, keys.PK, full)
	if err != nil {
		return nil, fmt.Errorf("prove aggregation of %d step proofs: %w", len(steps), err)
	}
	return &AggregateProof{Claim: *claim, Steps: len(steps), Proof: proof, ProveTime: time.Since(start)}, nil
}

// publicWitness is the one-element public witness of a claim on curve.
func publicWitness(curve ecc.ID, c *circuits.Claim) (witness.Witness, error) {
	w, err := witness.New(curve.ScalarField())
	if err != nil {
		return nil, err
	}
	values := make(chan any, 1)
	values <- c.PublicInput()
	close(values)
	if err := w.Fill(1, 0, values); err != nil {
		return nil, fmt.Errorf("public witness: %w", err)
	}
	return w, nil
}

// VerifyAggregate checks an aggregation proof against its claim.
func VerifyAggregate(keys *Keys, p *AggregateProof) error {
	pub, err := publicWitness(ecc.BW6_761, &p.Claim)
	if err != nil {
		return err
	}
	if err := groth16.Verify(p.Proof, keys.VK, pub); err != nil {
		return fmt.Errorf("verify aggregation: %w", err)
	}
	return nil
}

// WrapProof is the BN254 proof of a claim that the L1 verifier checks.
type WrapProof struct {
	Claim     circuits.Claim
	Proof     groth16.Proof
	ProveTime time.Duration
}

// ProveWrap wraps an aggregation proof for the L1 verifier.
func ProveWrap(keys *Keys, agg *AggregateProof) (*WrapProof, error) {
	assignment, err := circuits.NewWrapAssignment(agg.Proof, agg.Claim.PublicInput())
	if err != nil {
		return nil, err
	}
	full, err := frontend.NewWitness(assignment, ecc.BN254.ScalarField())
	if err != nil {
		return nil, fmt.Errorf("wrap witness: %w", err)
	}
	start := time.Now()
	proof, err := groth16.Prove(keys.CCS, keys.PK, full, solidity.WithProverTargetSolidityVerifier(backend.GROTH16))
	if err != nil {
		return nil, fmt.Errorf("prove wrap: %w", err)
	}
	return &WrapProof{Claim: agg.Claim, Proof: proof, ProveTime: time.Since(start)}, nil
}

// VerifyWrap checks a wrap proof against its claim, as the L1 verifier
// does.
func VerifyWrap(keys *Keys, p *WrapProof) error {
	pub, err := publicWitness(ecc.BN254, &p.Claim)
	if err != nil {
		return err
	}
	if err := groth16.Verify(p.Proof, keys.VK, pub, solidity.WithVerifierTargetSolidityVerifier(backend.GROTH16)); err != nil {
		return fmt.Errorf("verify wrap: %w", err)
	}
	return nil
}

// Calldata returns the proof bytes the L1 verifier's verifyProof takes:
// A, B, C in EIP-197 format, then the commitment and its proof of
// knowledge.
func (p *WrapProof) Calldata() ([]byte, error) {
	bp, ok := p.Proof.(*groth16_bn254.Proof)
	if !ok {
		return nil, fmt.Errorf("wrap proof is a %T", p.Proof)
	}
	return bp.MarshalSolidity(), nil
}

// PublicInput is the verifier's one public input.
func (p *WrapProof) PublicInput() *big.Int { return p.Claim.PublicInput() }

// ExportSolidity writes the L1 verifier of the wrap keys: gnark's Groth16
// verifier contract for BN254.
func ExportSolidity(wrap *Keys, w io.Writer) error {
	if wrap.Curve != ecc.BN254 {
		return fmt.Errorf("solidity verifier of %s keys: only BN254 has EVM precompiles", wrap.Curve)
	}
	var buf bytes.Buffer
	if err := wrap.VK.ExportSolidity(&buf, solidity.WithPragmaVersion("^0.8.24")); err != nil {
		return fmt.Errorf("export solidity: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
