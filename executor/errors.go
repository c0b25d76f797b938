package executor

import "github.com/trainrollup/trainrollup/fault"

// The errors of execution: ErrNoDataset is a fault of the node (package
// fault), the others make a transaction invalid.
var (
	// ErrBatch reports a batch that does not fit the model: wrong size,
	// a label out of range or a value outside the fixed-point range.
	ErrBatch = fault.Invalid("invalid batch")
	// ErrOrder reports a step of a seeded job whose indices are not the
	// protocol's (spec/dataset.md#order).
	ErrOrder = fault.Invalid("indices outside the job's order")
	// ErrUnknownJob reports a step for a job the state does not hold.
	ErrUnknownJob = fault.Invalid("unknown job")
	// ErrJobDone reports a step for a job that has done all its steps.
	ErrJobDone = fault.Invalid("job already completed")
	// ErrJobExists reports a job id already in use.
	ErrJobExists = fault.Invalid("job already exists")
	// ErrDataset reports a dataset that does not match the job's root,
	// size or shape.
	ErrDataset = fault.Invalid("dataset does not fit")
	// ErrNoDataset reports a job whose dataset this executor was not given
	// (AddDataset): a fault of the node, not of the transaction.
	ErrNoDataset = fault.Node("dataset not loaded")
)
