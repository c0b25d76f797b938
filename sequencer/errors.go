package sequencer

import (
	"errors"

	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/rollup"
)

var (
	// ErrNotFound reports a block, transaction or job the node does not
	// hold (yet).
	ErrNotFound = errors.New("not found")
	// ErrCorrupt reports stored data that does not decode (a node fault;
	// the same error as rollup.ErrCorrupt, which block execution returns).
	ErrCorrupt = rollup.ErrCorrupt
	// ErrBadEntry reports a raft entry that is not a block extending the
	// chain; every member refuses it the same way.
	ErrBadEntry = errors.New("bad raft entry")
	// ErrNotLeader reports a write to a node that is not the leader, when
	// no leader is known to forward it to.
	ErrNotLeader = errors.New("not the leader and no leader known")
	// ErrNotSequenced reports a transaction that was accepted but is not in
	// a block, because leadership moved before it was proposed: it is not in
	// the chain and may be sent again.
	ErrNotSequenced = errors.New("transaction dropped before it was sequenced (leadership changed); send it again")
	// ErrUnconfirmed reports a transaction that was proposed but whose
	// block was not confirmed in time: it may or may not be in the chain;
	// its receipt tells (sending it again is safe: the nonce prevents a
	// second inclusion).
	ErrUnconfirmed = errors.New("transaction proposed but not confirmed in time; check its receipt")
	// ErrForward reports a write forwarded to the leader that failed on
	// the way (the leader went away): it may or may not have been sequenced.
	ErrForward = errors.New("forwarding to the leader failed; check the receipt or send again")
	// ErrPaused reports a write while sequencing is paused by an operator.
	ErrPaused = errors.New("sequencing is paused")
	// ErrStopped reports a call on a stopped node.
	ErrStopped = errors.New("node stopped")
	// ErrRegistrationRefused reports a registration whose chunks are not
	// on DA or do not reproduce its root: every node would reject it.
	// ErrDatasetUnavailable reports a registration whose chunks the
	// leader cannot fetch now (DA unreachable, a height it has not
	// reached): send it again later.
	ErrRegistrationRefused = fault.Rejected("registration refused: its chunks do not reproduce its dataset")
	ErrDatasetUnavailable  = fault.Rejected("the dataset's chunks cannot be fetched now; send the registration again later")
)
