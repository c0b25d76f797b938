// Package sequencer runs a sequencer node: a member of a raft cluster
// (hashicorp/raft over TCP, the log and stable store on pebble in
// sequencer/raftstore) whose replicated state machine is the ordered chain.
//
// Where it sits: clients send signed transactions over JSON-RPC (train_*)
// to any node; followers forward writes to the leader. The leader admits
// them to its mempool (sequencer/mempool), builds blocks every BlockTime
// (or when full) and proposes each block as one raft entry, up to
// MaxInflight at a time. A transaction is acknowledged (train_sendRaw-
// Transaction returns) only after raft committed and applied its block: the
// soft confirmation. Every node then executes each committed block with the
// executor, writing the block's state changes, its header (state root,
// digest, spec/blocks.md) and its receipts in one synced state batch. The
// rules it applies, to what its leader proposes and to every committed
// block, and the execution of a block are package rollup's: the node
// orders, replicates, stores and serves. The batcher posts sequenced
// blocks to DA; the prover proves them.
//
// Storage, per node, under DataDir: raft/ (raft log and stable store),
// snapshots/ (raft file snapshots of the chain database), chain/ (the FSM:
// sequenced blocks, transaction index, nonces, jobs as sequencing sees
// them, members' RPC addresses) and state/ (the state tree, weights,
// executed headers and receipts).
//
// Invariants:
//   - A block is in the chain only once raft committed it; every member
//     applies the same entries to the same chain (an entry that does not
//     extend the head is refused the same way everywhere).
//   - The chain database is written without fsync and is durable up to
//     every snapshot raft keeps (Snapshot syncs); after a crash raft
//     replays its synced log from the snapshot and the FSM skips what it
//     had applied. A chain behind the latest snapshot (lost, or an
//     interrupted restore) is restored from it at start.
//   - Execution of a block is one synced state batch with the executed
//     head: a crash leaves it executed whole or not at all.
//   - A sender's nonces in the chain have no gaps and no repeats, so a
//     transaction sent again (after a timeout or a failover) is never
//     included twice; sending it again answers with its block.
//   - Members trust their leader (crash faults, not Byzantine ones): the
//     leader's recovered senders travel with each block; anyone verifying
//     the chain from DA recovers them again.
package sequencer
