package sequencer

import "github.com/prometheus/client_golang/prometheus"

// collector exposes a node's state to Prometheus, read at each scrape:
// its heads, its mempool (when leading), its raft state, term and indices.
// Every series carries the node's id, so that the nodes of one process
// (a devnet) share a registry.
type collector struct {
	n                                *Node
	head, pool, leader, state, index *prometheus.Desc
	term                             *prometheus.Desc
}

func newCollector(n *Node) *collector {
	l := prometheus.Labels{"node": n.cfg.ID}
	return &collector{n: n,
		head: prometheus.NewDesc("trainrollup_head", "The node's heads (block numbers): sequenced, executed, posted on L1, proven, finalized on L1.",
			[]string{"head"}, l),
		pool:   prometheus.NewDesc("trainrollup_mempool_transactions", "Transactions waiting in the leader's pool (0 on followers).", nil, l),
		leader: prometheus.NewDesc("trainrollup_leader", "1 while the node leads and sequences.", nil, l),
		state:  prometheus.NewDesc("trainrollup_raft_state", "Raft state: 0 follower, 1 candidate, 2 leader, 3 shutdown.", nil, l),
		term:   prometheus.NewDesc("trainrollup_raft_term", "The raft term.", nil, l),
		index:  prometheus.NewDesc("trainrollup_raft_index", "Raft log indices: last (log), commit, applied.", []string{"index"}, l),
	}
}

// Describe implements prometheus.Collector.
func (c *collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.head, c.pool, c.leader, c.state, c.term, c.index} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *collector) Collect(ch chan<- prometheus.Metric) {
	n := c.n
	gauge := func(d *prometheus.Desc, v uint64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, float64(v), labels...)
	}
	gauge(c.head, n.chain.Head(), "sequenced")
	gauge(c.head, n.executed.Load(), "executed")
	gauge(c.head, n.posted.Load(), "posted")
	gauge(c.head, n.proven.Load(), "proven")
	gauge(c.head, n.finalized.Load(), "finalized")
	var pending, leads uint64
	if p := n.pool.Load(); p != nil {
		pending, leads = uint64(p.Len()), 1
	}
	gauge(c.pool, pending)
	gauge(c.leader, leads)
	if r := n.raft; r != nil {
		gauge(c.state, uint64(r.State()))
		gauge(c.term, r.CurrentTerm())
		gauge(c.index, r.LastIndex(), "last")
		gauge(c.index, r.CommitIndex(), "commit")
		gauge(c.index, r.AppliedIndex(), "applied")
	}
}
