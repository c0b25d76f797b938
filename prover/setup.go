package prover

//go:generate go run ./internal/gensetup

import (
	"fmt"
	"io"

	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/constraint"
	cs_bls12377 "github.com/consensys/gnark/constraint/bls12-377"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	cs_bw6761 "github.com/consensys/gnark/constraint/bw6-761"
)

// fastSetup generates the Groth16 keys of ccs with toxic waste drawn from
// rnd (setup_bn254.go). progress, if not nil, receives the scalar
// multiplications done and due.
func fastSetup(ccs constraint.ConstraintSystem, rnd io.Reader, progress func(done, total int64)) (groth16.ProvingKey, groth16.VerifyingKey, error) {
	switch r := ccs.(type) {
	case *cs_bn254.R1CS:
		return setupBN254(r, rnd, progress)
	case *cs_bls12377.R1CS:
		return setupBLS12377(r, rnd, progress)
	case *cs_bw6761.R1CS:
		return setupBW6761(r, rnd, progress)
	}
	return nil, nil, fmt.Errorf("setup: no fast setup for %T", ccs)
}
