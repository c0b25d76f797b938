// Package prover turns executor witnesses into proofs.
//
// Where it sits: the executor hands each training step's witness to the
// prover; the prover proves k consecutive steps of a job with the step
// circuit of their shape (spec/proofs.md#step) on BLS12-377, later aggregates
// step proofs on BW6-761 and wraps them on BN254 for the L1 verifier.
//
// Invariants:
//   - Keys belong to one compiled circuit: they are cached on disk under the
//     SHA-256 of the serialized constraint system, so a changed circuit can
//     never be proven with stale keys.
//   - Cache files are written to a temporary name and renamed into place, so
//     a crash mid-write leaves no half key that a later run would load.
//   - Keys from Setup come from a public seed or from local randomness
//     (Randomness): they are for development only. The setup computes
//     gnark's keys with fixed-base tables on every core (setup_bn254.go).
//   - Step proofs use gnark's native recursion options for BW6-761, so that
//     the aggregation circuit can verify them.
package prover
