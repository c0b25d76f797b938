// Package chain holds the rollup chain's types: transactions (CreateJob,
// TrainStep, L1Message) with their canonical encoding, signing and sender
// recovery (spec/transactions.md).
//
// Where it sits: clients sign transactions and send them to the
// sequencer, which orders them into blocks; executors apply them; the
// batcher posts their encodings. Every component decodes with
// UnmarshalBinary and hashes with Hash, so a transaction has one encoding
// and one hash everywhere.
//
// Invariants:
//   - UnmarshalBinary accepts only canonical encodings: whatever it
//     accepts re-encodes to the same bytes (FuzzTxDecode).
//   - A signature commits to the chain id; Sender refuses another chain's
//     transaction and high-s signatures.
package chain
