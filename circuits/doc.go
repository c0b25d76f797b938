// Package circuits holds the gnark circuits of the proof system: gadgets
// that mirror the executor's op set one to one (spec/model.md), the hash and
// Merkle gadgets of spec/commitments.md, the step circuit that proves a
// training step on BLS12-377, and the recursion above it: the aggregation
// circuit on BW6-761 (AggregateCircuit) that verifies a run of step proofs
// and proves their Claim, and the wrap circuit on BN254 (WrapCircuit) that
// verifies an aggregation proof for the L1 verifier (spec/proofs.md).
//
// Where it sits: the executor produces a StepWitness for every step; the
// prover turns it into an assignment of the step circuit, proves it, and
// proves the step proofs' aggregation and its wrap.
//
// Invariants:
//   - Every gadget accepts exactly the outputs of its native op for inputs in
//     the ranges spec/fixedpoint.md allows: a hint computes the result with
//     the executor's own code, and constraints (linear identities plus range
//     checks) pin it down uniquely. Differential tests hold each gadget equal
//     to its op on random and edge inputs, and check that a changed output
//     is rejected.
//   - Every range check goes through std/rangecheck, so a circuit carries at
//     most one commitment (shared with lookups): the BW6-761 recursive
//     verifier accepts no more.
//   - Field elements stand for signed integers in (-r/2, r/2); gadgets bound
//     every value they create so that no identity can wrap around r.
package circuits
