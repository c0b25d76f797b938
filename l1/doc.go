// Package l1 talks to the settlement chain: Ethereum through any JSON-RPC
// endpoint (Dial), or the embedded simulated chain (StartSimulated).
//
// Where it sits: clients request jobs on L1 (Bridge.RequestTraining); the
// sequencer learns of them from the Watcher, which delivers the bridge's
// L1 message queue in order once confirmed and rewinds past reorgs; the
// batcher commits batch headers (Bridge.CommitBatch), the prover proves
// ranges of them with a wrap proof (Bridge.ProveBatches), and completed
// jobs are finalized with a Merkle path into a proven state root
// (Bridge.FinalizeJob), after which any contract reads their model
// (spec/bridge.md). Every transaction goes through a TxManager, which owns
// one key's nonces, prices EIP-1559 fees, bumps the fees of a transaction
// that stays unmined, retries submissions, and returns a receipt only once
// it is Confirmations deep in the canonical chain.
//
// The contracts' Go bindings are generated into l1/bindings by make
// contracts; BatchHeader, JobParams and the other bridge types are theirs.
// Reverts of the project's contracts decode to *RevertError, named by the
// Solidity error.
//
// Invariants:
//   - The simulated chain runs the forks mainnet runs and no later one, so
//     that gas measured on it is gas paid on mainnet.
//   - HeaderHash, MessageHash and NextQueueHash compute exactly what the
//     bridge stores and checks (tests compare them with the contract).
//   - A TxManager never leaves a nonce gap: one of its transactions is in
//     flight at a time, and an uncertain outcome (a cancelled Send) makes
//     the next Send read the nonce from the node.
package l1
