// Package rollup is the state-transition function of the chain, the part
// of a node that an auditor reads to know what a block does: the
// sequencing rules (Sequence, spec/transactions.md#validity), the
// execution of a block into a header and receipts (ExecBlock,
// spec/blocks.md) and the Replayer, which applies blocks from their
// transactions alone.
//
// Where it sits: the sequencer node (package sequencer) applies the
// sequencing rules to what its leader proposes and to every committed
// block, and executes committed blocks; derivation from L1 and DA (package
// derive), the prover and trainrollup verify replay blocks with the
// Replayer. None of them needs anything else of a node: this package
// imports the executor, the state and the chain's encodings, never raft,
// the mempool or an RPC server.
//
// Invariants:
//   - A block's header and receipts are a function of the parent header,
//     the state before it and the block alone: every node and every
//     replayer computes the same ones.
//   - Whether a transaction is invalid is decided by its error's class
//     (package fault): a rule error wraps fault.ErrInvalid and the
//     transaction is rejected with a receipt; any other error is a fault of
//     the node, and execution of the block stops without writing anything,
//     to be retried, since rejecting the transaction would fork this node
//     from the others.
//   - A transaction that breaks a sequencing rule in a committed block
//     still consumes its sender's next nonce (spec/transactions.md#validity).
package rollup
