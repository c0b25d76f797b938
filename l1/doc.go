// Package l1 talks to the settlement chain: Ethereum, or go-ethereum's
// simulated backend in one process.
//
// Where it sits: the prover's wrap proofs are verified by a contract on L1;
// the bridge contract, the transaction manager and the event watcher follow
// (spec/README.md).
//
// Invariants:
//   - The simulated backend runs the forks mainnet runs and no later one,
//     so that gas measured on it is gas paid on mainnet.
package l1
