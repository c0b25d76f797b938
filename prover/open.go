package prover

import (
	"errors"
	"log/slog"
	"path/filepath"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/trainrollup/trainrollup/da"
)

// Setup is what a prover service needs besides its L1 and its DA: where
// its keys and tasks live and the configuration of its pipeline and of
// the service. The operator and the devnet both build their prover from
// one (Open).
type Setup struct {
	// Keys is the key store; nil opens one in KeyDir ("" =
	// DefaultKeyDir), following KeyProgress if set.
	Keys        *KeyStore
	KeyDir      string
	KeyProgress func(name string, done, total int64)
	// Dir holds the pipeline's tasks (Dir/tasks) and the service's records
	// (Dir; Service.Dir is set to it).
	Dir string
	// Registry receives the prover's metrics (nil: none).
	Registry prometheus.Registerer
	Pipeline PipelineConfig
	Service  ServiceConfig
}

// Open opens the key store (unless given), the pipeline in s.Dir/tasks
// and the service over them, with one set of metrics for both. Start the
// service to load the keys and prove; its Stop closes the pipeline.
func Open(s Setup, bridge Bridge, layer da.Layer, log *slog.Logger) (*Service, error) {
	if s.Dir == "" {
		return nil, errors.New("prover: directory required")
	}
	ks := s.Keys
	if ks == nil {
		var opts []Option
		if s.KeyProgress != nil {
			opts = append(opts, WithProgress(s.KeyProgress))
		}
		var err error
		if ks, err = NewKeyStore(s.KeyDir, log, opts...); err != nil {
			return nil, err
		}
	}
	if s.Registry != nil {
		m, err := NewMetrics(s.Registry)
		if err != nil {
			return nil, err
		}
		s.Pipeline.Metrics, s.Service.Metrics = m, m
	}
	svc, err := open(s, ks, bridge, layer, log)
	if err != nil && s.Pipeline.Metrics != nil {
		s.Pipeline.Metrics.unregister() // a failed open leaves the registry as it was
	}
	return svc, err
}

func open(s Setup, ks *KeyStore, bridge Bridge, layer da.Layer, log *slog.Logger) (*Service, error) {
	if s.Pipeline.Log == nil {
		s.Pipeline.Log = log
	}
	if s.Service.Log == nil {
		s.Service.Log = log
	}
	pipe, err := OpenPipeline(filepath.Join(s.Dir, "tasks"), ks, s.Pipeline)
	if err != nil {
		return nil, err
	}
	s.Service.Dir = s.Dir
	svc, err := NewService(s.Service, bridge, layer, pipe)
	if err != nil {
		return nil, errors.Join(err, pipe.Close())
	}
	return svc, nil
}
