package prover

import "github.com/prometheus/client_golang/prometheus"

// Metrics are the prover's Prometheus metrics: proving times by kind,
// tasks by state, L1 proofs sent and jobs finalized. One Metrics serves a
// pipeline and a service (ServiceConfig.Metrics, PipelineConfig.Metrics).
type Metrics struct {
	proofSeconds *prometheus.HistogramVec
	l1Proofs     prometheus.Counter
	finalized    prometheus.Counter
	derived      prometheus.Gauge
	reg          prometheus.Registerer
}

// NewMetrics registers the prover's metrics in reg.
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{reg: reg,
		proofSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "trainrollup_proof_seconds",
			Help:    "Time to prove one task, by kind (step, aggregate, wrap).",
			Buckets: []float64{0.5, 1, 2, 5, 10, 20, 40, 80, 160, 320, 640}}, []string{"kind"}),
		l1Proofs:  prometheus.NewCounter(prometheus.CounterOpts{Name: "trainrollup_l1_proofs_total", Help: "Recursive proofs accepted by the bridge."}),
		finalized: prometheus.NewCounter(prometheus.CounterOpts{Name: "trainrollup_jobs_finalized_total", Help: "Jobs finalized on L1 by this prover."}),
		derived:   prometheus.NewGauge(prometheus.GaugeOpts{Name: "trainrollup_prover_derived_batch", Help: "The last batch the prover derived from L1 and DA."}),
	}
	for _, c := range m.collectors() {
		if err := reg.Register(c); err != nil {
			m.unregister()
			return nil, err
		}
	}
	return m, nil
}

func (m *Metrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{m.proofSeconds, m.l1Proofs, m.finalized, m.derived}
}

// unregister removes what NewMetrics registered (Unregister of a
// collector never registered does nothing).
func (m *Metrics) unregister() {
	for _, c := range m.collectors() {
		m.reg.Unregister(c)
	}
}

// watch exposes p's tasks by state until unwatch.
func (m *Metrics) watch(p *Pipeline) error {
	for _, st := range []TaskState{Pending, Running, Done, Failed} {
		g := prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "trainrollup_proving_tasks", Help: "Proving tasks by state.",
			ConstLabels: prometheus.Labels{"state": st.String()}}, func() float64 { return float64(p.Counts()[st]) })
		if err := m.reg.Register(g); err != nil {
			m.unwatch(p)
			return err
		}
		p.gauges = append(p.gauges, g)
	}
	return nil
}

// unwatch removes p's gauges (a closed pipeline reports nothing, and
// another may open with the same Metrics).
func (m *Metrics) unwatch(p *Pipeline) {
	for _, g := range p.gauges {
		m.reg.Unregister(g)
	}
	p.gauges = nil
}
