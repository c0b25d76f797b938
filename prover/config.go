package prover

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/l1"
)

// DefaultSlots is the number of step proofs one aggregation proof takes in
// the default proof chain (trainrollup setup's, the committed L1
// verifier's): with k = 1, eight transitions per L1 proof.
const DefaultSlots = 8

// PipelineConfig configures a Pipeline. OpenPipeline gives a zero field
// DefaultPipelineConfig's value.
type PipelineConfig struct {
	// Workers is the number of tasks proven at once (default 1; gnark's
	// prover already uses every core).
	Workers int
	// MemoryBudget bounds the estimated memory of the tasks running at once
	// (default 16 GiB); a task estimated above it runs alone.
	MemoryBudget int64
	// Slots is the aggregation circuit's number of slots (default
	// DefaultSlots).
	Slots int
	// OnEvent, if set, receives every task's progress, from the workers.
	OnEvent func(Event)
	// Metrics, if set, gets proving times and tasks by state.
	Metrics *Metrics
	// Log receives the pipeline's logs (nil: discard).
	Log *slog.Logger
}

// DefaultPipelineConfig returns the defaults OpenPipeline gives zero
// fields.
func DefaultPipelineConfig() PipelineConfig {
	return PipelineConfig{Workers: 1, MemoryBudget: 16 << 30, Slots: DefaultSlots}
}

// withDefaults returns c with its zero fields set from
// DefaultPipelineConfig.
func (c PipelineConfig) withDefaults() PipelineConfig {
	d := DefaultPipelineConfig()
	if c.Workers == 0 {
		c.Workers = d.Workers
	}
	if c.MemoryBudget == 0 {
		c.MemoryBudget = d.MemoryBudget
	}
	if c.Slots == 0 {
		c.Slots = d.Slots
	}
	return c
}

// Check reports every invalid field.
func (c PipelineConfig) Check() error {
	var errs []error
	if c.Workers < 1 {
		errs = append(errs, fmt.Errorf("field Workers %d below 1", c.Workers))
	}
	if c.MemoryBudget < 1 {
		errs = append(errs, fmt.Errorf("MemoryBudget %d below 1 byte", c.MemoryBudget))
	}
	if c.Slots < 1 {
		errs = append(errs, fmt.Errorf("field Slots %d below 1", c.Slots))
	}
	return errors.Join(errs...)
}

// ServiceConfig configures a Service. NewService gives a zero Poll or
// MaxWait DefaultServiceConfig's value; the other fields have no default.
type ServiceConfig struct {
	// ChainID is the rollup's chain id (required).
	ChainID uint64
	// GenesisTime is the rollup's genesis block time (unix seconds).
	GenesisTime uint64
	// Namespace is the rollup's DA namespace (required).
	Namespace da.Namespace
	// Genesis is the bridge's batch 0 (l1.GenesisHeader of the genesis
	// state root, which must be the replayer's: the empty state;
	// required).
	Genesis l1.BatchHeader
	// FromBlock is the L1 block the bridge was deployed in.
	FromBlock uint64
	// Shape is the step circuit the L1 verifier's chain was set up for
	// (with the pipeline's Slots); only k = 1 is served for now
	// (required).
	Shape circuits.StepShape
	// Datasets are local copies of datasets the chain registered: they
	// spare fetching their chunks from DA (each is checked against its
	// registration's manifest first).
	Datasets []*dataset.Dataset
	// Dir keeps the service's pending L1 actions (a proof sent, the jobs
	// it completed still to finalize), so that a restart finishes them
	// (required).
	Dir string
	// Poll is how often L1 is read for new batches (default 1 s).
	Poll time.Duration
	// MaxWait is the longest a derived batch waits for more batches to
	// share its L1 proof (whose wrap costs the same however many slots are
	// used): a range is proven once its slots are full, the next batch
	// does not fit, or its first batch waited this long (default 10 s).
	MaxWait time.Duration
	// OnHeads, if set, learns the last block a finished proof covers
	// (proven) and the last block of a batch proven on L1 (finalized).
	OnHeads func(proven, finalized uint64)
	// Metrics, if set, counts L1 proofs and finalized jobs.
	Metrics *Metrics
	// Log receives the service's logs (nil: discard).
	Log *slog.Logger
}

// DefaultServiceConfig returns the defaults NewService gives zero fields;
// set ChainID, Namespace, Genesis, Shape and Dir.
func DefaultServiceConfig() ServiceConfig {
	return ServiceConfig{Poll: time.Second, MaxWait: 10 * time.Second}
}

// withDefaults returns c with its zero Poll and MaxWait set from
// DefaultServiceConfig.
func (c ServiceConfig) withDefaults() ServiceConfig {
	d := DefaultServiceConfig()
	if c.Poll == 0 {
		c.Poll = d.Poll
	}
	if c.MaxWait == 0 {
		c.MaxWait = d.MaxWait
	}
	return c
}

// Check reports every invalid field.
func (c ServiceConfig) Check() error {
	var errs []error
	if c.ChainID == 0 {
		errs = append(errs, errors.New("ChainID is required (it is 0)"))
	}
	if err := da.CheckNamespace(c.Namespace); err != nil {
		errs = append(errs, fmt.Errorf("field Namespace is required: %w", err))
	}
	if c.Genesis.StateRoot == nil {
		errs = append(errs, errors.New("field Genesis is required (a header without a state root)"))
	}
	if c.Shape.Steps != 1 {
		errs = append(errs, fmt.Errorf("field Shape: step circuits of k = %d: only k = 1 is served (a proof per transition)", c.Shape.Steps))
	} else if err := c.Shape.Check(); err != nil {
		errs = append(errs, fmt.Errorf("field Shape: %w", err))
	}
	if c.Dir == "" {
		errs = append(errs, errors.New("field Dir is required"))
	}
	if c.Poll <= 0 {
		errs = append(errs, fmt.Errorf("field Poll %v is not positive", c.Poll))
	}
	if c.MaxWait <= 0 {
		errs = append(errs, fmt.Errorf("MaxWait %v is not positive", c.MaxWait))
	}
	return errors.Join(errs...)
}
