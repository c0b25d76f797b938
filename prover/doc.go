// Package prover turns executor witnesses into proofs.
//
// Where it sits: the executor hands each training step's witness to the
// prover; the prover proves k consecutive steps of a job with the step
// circuit of their shape (spec/proofs.md#step) on BLS12-377, aggregates a
// run of step proofs on BW6-761 (spec/proofs.md#aggregation) and wraps the
// aggregation on BN254 (spec/proofs.md#wrap), whose proof gnark's Solidity
// verifier checks on L1. Pipeline is the service that queues and works
// those proofs.
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
//     the aggregation circuit can verify them; wrap proofs use gnark's
//     Solidity target options, so that the L1 verifier can.
//   - A pipeline task is done exactly once: its result and new state are
//     written in one synced batch; a task running when the process stopped
//     is pending again when the store reopens.
package prover
