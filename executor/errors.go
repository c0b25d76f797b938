package executor

import "errors"

var (
	// ErrBatch reports a batch that does not fit the model: wrong size,
	// a label out of range or a value outside the fixed-point range.
	ErrBatch = errors.New("invalid batch")
	// ErrUnknownJob reports a step for a job the state does not hold.
	ErrUnknownJob = errors.New("unknown job")
	// ErrJobDone reports a step for a job that has done all its steps.
	ErrJobDone = errors.New("job already completed")
	// ErrJobExists reports a job id already in use.
	ErrJobExists = errors.New("job already exists")
	// ErrDataset reports a dataset that does not match the job's root,
	// size or shape.
	ErrDataset = errors.New("dataset does not fit")
	// ErrNoDataset reports a job whose dataset this executor was not given
	// (AddDataset): a fault of the node, not of the transaction.
	ErrNoDataset = errors.New("dataset not loaded")
)
