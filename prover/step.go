package prover

import (
	"fmt"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/frontend"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/executor"
)

// StepProof is a proof of k consecutive steps of one job.
type StepProof struct {
	Shape     circuits.StepShape
	Proof     groth16.Proof
	Public    witness.Witness
	ProveTime time.Duration
}

// StepKeys returns the keys of a step circuit shape (see Setup).
func (s *KeyStore) StepKeys(shape circuits.StepShape) (*Keys, error) {
	c, err := circuits.NewStepCircuit(shape)
	if err != nil {
		return nil, err
	}
	return s.Setup("step-"+shapeName(shape), ecc.BLS12_377, c)
}

func shapeName(s circuits.StepShape) string {
	return fmt.Sprintf("%s-b%d-d%d-k%d", s.Model.String(), s.Batch, s.DatasetDepth, s.Steps)
}

func proverOptions() backend.ProverOption {
	return stdgroth16.GetNativeProverOptions(ecc.BW6_761.ScalarField(), ecc.BLS12_377.ScalarField())
}

func verifierOptions() backend.VerifierOption {
	return stdgroth16.GetNativeVerifierOptions(ecc.BW6_761.ScalarField(), ecc.BLS12_377.ScalarField())
}

// ProveSteps proves the witnesses of k consecutive steps of one job with
// keys of their shape, extending the digests before.
func ProveSteps(keys *Keys, shape circuits.StepShape, before chain.Digests, wits []*executor.StepWitness) (*StepProof, error) {
	assignment, err := circuits.NewStepAssignment(shape, before, wits)
	if err != nil {
		return nil, err
	}
	full, err := frontend.NewWitness(assignment, ecc.BLS12_377.ScalarField())
	if err != nil {
		return nil, fmt.Errorf("witness: %w", err)
	}
	public, err := full.Public()
	if err != nil {
		return nil, fmt.Errorf("public witness: %w", err)
	}
	start := time.Now()
	proof, err := groth16.Prove(keys.CCS, keys.PK, full, proverOptions())
	if err != nil {
		return nil, fmt.Errorf("prove %s: %w", shapeName(shape), err)
	}
	return &StepProof{Shape: shape, Proof: proof, Public: public, ProveTime: time.Since(start)}, nil
}

// VerifyStep checks a step proof against its public inputs.
func VerifyStep(keys *Keys, p *StepProof) error {
	if err := groth16.Verify(p.Proof, keys.VK, p.Public, verifierOptions()); err != nil {
		return fmt.Errorf("verify %s: %w", shapeName(p.Shape), err)
	}
	return nil
}
