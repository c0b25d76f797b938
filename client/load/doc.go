// Package load offers a sequencer cluster signed training steps over
// JSON-RPC and measures what it confirms: the load generator behind
// trainrollup bench sequencer.
//
// Where it sits: beside the nodes, as any client does. New signs every
// transaction ahead, on all cores (one job per sender account, so that
// signing is not what is measured); CreateJobs creates the jobs; Run sends
// the steps with train_sendRawTransactions over the connections it is
// given, as fast as they are confirmed (closed loop) or at a fixed rate
// (open loop), and records each confirmed transaction's latency: the soft
// confirmation, from the call to the answer that its block is committed
// by raft. SignatureRecovery measures the ceiling a node's admission has
// on this machine. The package needs nothing of a node but its RPC, so it
// loads a cluster in this process or elsewhere alike.
//
// Invariants:
//   - Every sender's steps go out in nonce order: the signed steps
//     interleave the senders (step i is sender i mod Senders's, nonce
//     i/Senders+1) and call k takes steps [k*PerCall, (k+1)*PerCall), so
//     with Senders dividing PerCall each call carries a gapless run of
//     every sender's nonces, and a pool holds a call that arrives ahead of
//     an earlier one.
//   - Only confirmed transactions have latencies; the calls that the end
//     of the load cuts off count neither as confirmed nor as failed.
package load
