// Package fault classifies errors by whose fault they are, where they are
// born: every rule error of the chain's packages wraps exactly one class,
// so that deciding what an error means is one errors.Is, not a list of
// sentinels that a new rule can be left out of (in the manner of op-node's
// derive/error.go).
//
// The classes:
//
//   - ErrInvalid: the input breaks a rule of the protocol
//     (spec/transactions.md#validity). Every honest node decides it the
//     same way from the chain alone, so a transaction in a block that is
//     invalid is rejected with a receipt, and a node that refuses it does
//     not fork.
//   - ErrRejected: a node declines the input for now (its mempool is full,
//     the nonce is too far ahead, the job is done in what it has
//     sequenced). Nothing about the chain follows from it; the client may
//     send again.
//   - ErrNode: the node cannot do its part (storage it cannot read, a
//     dataset it was not given, a stopped pool). The input is not to blame:
//     rejecting a transaction for it would fork this node from the others,
//     so block execution stops and retries instead.
//
// An error that wraps no class is a node fault: a rule that forgets its
// class halts execution rather than forking a node, and the test of every
// package's sentinels (fault_test.go) catches it first. An error that wraps
// ErrNode and another class is a node fault too: a corrupt record decoded
// as an invalid one is still this node's fault.
//
// A class sentinel prints as its own message, so giving an existing
// sentinel a class changes no error text.
package fault

import "errors"

// The classes.
var (
	// ErrInvalid is the class of inputs that break a protocol rule.
	ErrInvalid = errors.New("invalid")
	// ErrRejected is the class of inputs a node declines for now.
	ErrRejected = errors.New("rejected")
	// ErrNode is the class of faults of the node itself.
	ErrNode = errors.New("node fault")
)

// sentinel is an error with a message of its own that belongs to a class.
type sentinel struct {
	msg   string
	class error
}

func (e *sentinel) Error() string { return e.msg }
func (e *sentinel) Unwrap() error { return e.class }

// Invalid returns a new sentinel of class ErrInvalid with message msg.
func Invalid(msg string) error { return &sentinel{msg: msg, class: ErrInvalid} }

// Rejected returns a new sentinel of class ErrRejected with message msg.
func Rejected(msg string) error { return &sentinel{msg: msg, class: ErrRejected} }

// Node returns a new sentinel of class ErrNode with message msg.
func Node(msg string) error { return &sentinel{msg: msg, class: ErrNode} }

// IsInvalid reports whether err makes its input invalid for every node:
// it wraps ErrInvalid and not ErrNode.
func IsInvalid(err error) bool {
	return errors.Is(err, ErrInvalid) && !errors.Is(err, ErrNode)
}

// IsRejected reports whether err is a node declining its input, by rule
// (ErrInvalid) or for now (ErrRejected), and not a fault of the node.
func IsRejected(err error) bool {
	return (errors.Is(err, ErrInvalid) || errors.Is(err, ErrRejected)) && !errors.Is(err, ErrNode)
}

// Class returns the class err belongs to (ErrNode wins over the others),
// or nil when it wraps none.
func Class(err error) error {
	for _, c := range []error{ErrNode, ErrInvalid, ErrRejected} {
		if errors.Is(err, c) {
			return c
		}
	}
	return nil
}
