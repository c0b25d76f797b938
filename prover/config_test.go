package prover

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// TestPipelineConfigCheck starts from a valid configuration and breaks
// one field at a time: Check refuses each with a message naming the
// field, and so does OpenPipeline (before it opens the store).
func TestPipelineConfigCheck(t *testing.T) {
	if err := DefaultPipelineConfig().Check(); err != nil {
		t.Fatalf("DefaultPipelineConfig refused: %v", err)
	}
	// A zero config means the defaults.
	p, err := OpenPipeline(t.TempDir(), nil, PipelineConfig{})
	if err != nil {
		t.Fatalf("OpenPipeline refused the zero config: %v", err)
	}
	if p.cfg.Workers != 1 || p.cfg.MemoryBudget != 16<<30 || p.cfg.Slots != DefaultSlots {
		t.Errorf("zero config opened with %+v, want DefaultPipelineConfig's values", p.cfg)
	}
	p.Close()
	for _, tc := range []struct {
		name   string
		mutate func(*PipelineConfig)
		want   string
	}{
		{"workers", func(c *PipelineConfig) { c.Workers = -1 }, "Workers"},
		{"memory", func(c *PipelineConfig) { c.MemoryBudget = -1 }, "MemoryBudget"},
		{"slots", func(c *PipelineConfig) { c.Slots = -2 }, "Slots"},
	} {
		c := DefaultPipelineConfig()
		tc.mutate(&c)
		if err := c.Check(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Check: %v, want an error naming %q", tc.name, err, tc.want)
		}
		dir := filepath.Join(t.TempDir(), "tasks")
		if p, err := OpenPipeline(dir, nil, c); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: OpenPipeline: %v, want an error naming %q", tc.name, err, tc.want)
			if p != nil {
				p.Close()
			}
		}
	}
}

// TestServiceConfigCheck starts from a valid configuration and breaks one
// field at a time: Check and NewService refuse each with a message naming
// the field. No proof is made: the pipeline has no keys.
func TestServiceConfigCheck(t *testing.T) {
	spec, err := model.Parse("4-8-3")
	if err != nil {
		t.Fatal(err)
	}
	ns, err := da.NewNamespace([]byte("cfgtest"))
	if err != nil {
		t.Fatal(err)
	}
	valid := func() ServiceConfig {
		c := DefaultServiceConfig()
		c.ChainID, c.Namespace, c.Genesis = 1337, ns, l1.GenesisHeader(state.EmptyRoot())
		c.Shape = circuits.StepShape{Model: spec, Batch: 8, DatasetDepth: 7, Steps: 1}
		c.Dir = t.TempDir()
		return c
	}
	pipe, err := OpenPipeline(t.TempDir(), nil, DefaultPipelineConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer pipe.Close()
	if err := valid().Check(); err != nil {
		t.Fatalf("valid config refused: %v", err)
	}
	s, err := NewService(valid(), nil, nil, pipe)
	if err != nil {
		t.Fatalf("NewService refused a valid config: %v", err)
	}
	s.replayer.Close()
	for _, tc := range []struct {
		name   string
		mutate func(*ServiceConfig)
		want   string
		zero   bool // the zero value: Check refuses it, NewService takes the default
	}{
		{"chain id", func(c *ServiceConfig) { c.ChainID = 0 }, "ChainID is required", false},
		{"namespace", func(c *ServiceConfig) { c.Namespace = da.Namespace{} }, "Namespace is required", false},
		{"genesis", func(c *ServiceConfig) { c.Genesis = l1.BatchHeader{} }, "Genesis is required", false},
		{"shape k", func(c *ServiceConfig) { c.Shape.Steps = 2 }, "Shape", false},
		{"shape batch", func(c *ServiceConfig) { c.Shape.Batch = 3 }, "Shape", false},
		{"dir", func(c *ServiceConfig) { c.Dir = "" }, "Dir is required", false},
		{"poll", func(c *ServiceConfig) { c.Poll = -time.Second }, "Poll", false},
		{"poll zero", func(c *ServiceConfig) { c.Poll = 0 }, "Poll", true},
		{"max wait", func(c *ServiceConfig) { c.MaxWait = -time.Second }, "MaxWait", false},
	} {
		c := valid()
		tc.mutate(&c)
		err := c.Check()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Check: %v, want an error naming %q", tc.name, err, tc.want)
		}
		s, err := NewService(c, nil, nil, pipe)
		if s != nil {
			s.replayer.Close()
		}
		switch {
		case tc.zero && err != nil:
			t.Errorf("%s: NewService refused a zero field (the default): %v", tc.name, err)
		case !tc.zero && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: NewService: %v, want an error naming %q", tc.name, err, tc.want)
		}
	}
	if _, err := NewService(valid(), nil, nil, nil); err == nil || !strings.Contains(err.Error(), "pipeline is required") {
		t.Errorf("no pipeline: %v", err)
	}
}

// TestOpenFailureUnregisters opens a prover whose service config is
// broken, with a registry: Open refuses it and leaves the registry as it
// was, so that a corrected Open over the same registry succeeds.
func TestOpenFailureUnregisters(t *testing.T) {
	spec, err := model.Parse("4-8-3")
	if err != nil {
		t.Fatal(err)
	}
	ns, err := da.NewNamespace([]byte("opentest"))
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	setup := Setup{KeyDir: t.TempDir(), Registry: reg, Pipeline: DefaultPipelineConfig(), Service: DefaultServiceConfig()}
	setup.Service.ChainID, setup.Service.Namespace, setup.Service.Genesis = 1337, ns, l1.GenesisHeader(state.EmptyRoot())
	setup.Service.Shape = circuits.StepShape{Model: spec, Batch: 3, DatasetDepth: 7, Steps: 1} // no such batch
	setup.Dir = filepath.Join(t.TempDir(), "prover")
	if _, err := Open(setup, nil, nil, nil); err == nil || !strings.Contains(err.Error(), "Shape") {
		t.Fatalf("a broken shape: %v", err)
	}
	setup.Service.Shape.Batch = 8
	s, err := Open(setup, nil, nil, nil)
	if err != nil {
		t.Fatalf("Open after a failed Open on the same registry: %v", err)
	}
	if err := s.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
}
