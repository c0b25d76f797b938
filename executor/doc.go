// Package executor applies training jobs to the rollup state with integer
// fixed-point arithmetic.
//
// Where it sits: the sequencer orders transactions into blocks; the executor
// applies each block's job creations and training steps in order
// (ApplyStep), updating job leaves, weights and the state tree in the state
// store, and hands each step's witness to the prover. Local training
// (Train, `trainrollup train`) runs the very same op set without a chain.
//
// Invariants:
//   - Every arithmetic result is defined by spec/model.md and
//     spec/fixedpoint.md and is exact integer arithmetic: the same bits for
//     any GOMAXPROCS, worker count or machine. Floating point appears only in
//     loss reports and the float64 reference (internal/floatref).
//   - Each op (Dense, ReLU, ReLUGrad, LossGrad with Softmax, BackError,
//     WeightGrad, Update) has one gnark gadget and a GPU kernel mirroring it
//     (executor/gpu/kernels, where ReLU runs inside dense, ReLUGrad inside
//     back_error, Softmax inside loss_grad, WeightGrad with Update in
//     weight_update); their differential tests hold them equal.
//   - Where steps run is a Backend (CPU here, the GPU in executor/gpu);
//     every backend gives the same bits, so the choice is never part of
//     consensus.
//   - A transition is applied whole or not at all: validation happens before
//     any write, and the write is one synced pebble batch (state.Store.Put).
//   - A witness re-checks on its own (StepWitness.Check): what passes it is
//     exactly what the step circuit must accept.
package executor
