package rollup

import "github.com/trainrollup/trainrollup/fault"

var (
	// ErrSequence reports a transaction that breaks a sequencing rule
	// (nonce, job existence, ownership, steps left).
	ErrSequence = fault.Invalid("transaction cannot be sequenced")
	// ErrInvalidTx reports a transaction that breaks a rule execution
	// checks itself (ownership, reserved ids, parameters).
	ErrInvalidTx = fault.Invalid("invalid transaction")
	// ErrBadBlock reports a block no honest sequencer makes: a transaction
	// that does not decode or whose signature does not recover a sender of
	// this chain, or a time before its parent's.
	ErrBadBlock = fault.Invalid("invalid block")
	// ErrCorrupt reports a block or header of this node's own chain that
	// does not decode: a fault of the node.
	ErrCorrupt = fault.Node("corrupt chain data")
	// ErrDatasetUnavailable reports a dataset this node cannot obtain now
	// (DA unreachable, no lasting copy): the node waits and tries again.
	ErrDatasetUnavailable = fault.Node("dataset unavailable")
)
