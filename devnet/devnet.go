// Package devnet runs a whole rollup on one machine, in one process: a raft
// cluster of one or three sequencer nodes (each executing every block), the
// local DA layer (also served over the celestia-node API), an L1 (the
// embedded dev chain, or any Ethereum endpoint) with the bridge, the
// default proof chain's verifier and an Iris classifier deployed and an
// operator staked, the batcher, and the prover service that proves what L1
// committed and finalizes completed jobs.
//
// Where it sits: `trainrollup devnet` runs it; the e2e tests run it in
// process. Every part is the real one; the devnet only wires them.
//
// Invariants:
//   - Everything lives under DataDir, and a devnet started again on the
//     same directory resumes: the embedded L1 keeps its chain (archive
//     mode), the nodes their raft logs, chains and states, the DA its
//     blobs, the batcher its pending submission, the prover its tasks; the
//     deployment (addresses, genesis time, chain id) is recorded once in
//     devnet.json.
//   - Sequencing never waits for proving: keys are set up in the
//     background on first run (minutes), and proofs follow.
//   - One L1 proof covers at most Slots transitions (k = 1), so blocks and
//     batches are capped at Slots transactions: every batch is provable.
package devnet

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/trainrollup/trainrollup/batcher"
	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/da/celestia"
	"github.com/trainrollup/trainrollup/da/local"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/datastore"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/internal/atomicfile"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/lifecycle"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/prover"
	"github.com/trainrollup/trainrollup/sequencer"
	"github.com/trainrollup/trainrollup/state"
)

// Config configures a devnet.
type Config struct {
	// DataDir holds everything; a devnet started on it again resumes.
	DataDir string
	// Nodes is the raft cluster's size: 1 or 3.
	Nodes int
	// ChainID is the rollup's chain id (a resumed devnet keeps its own).
	ChainID uint64
	// Host is the interface every endpoint listens on.
	Host string
	// Ports: node i's JSON-RPC on RPCPort+i, its raft on RaftPort+i; the
	// embedded L1's JSON-RPC on L1Port and the DA's on DAPort. 0 picks free
	// ports (tests; raft addresses then change across restarts, so a
	// resumable devnet needs fixed ports).
	RPCPort, RaftPort, L1Port, DAPort int
	// L1RPC, when set, is an Ethereum endpoint used instead of the embedded
	// dev chain; Operator then pays for the deployment, the stake and every
	// batch and proof.
	L1RPC    string
	Operator *ecdsa.PrivateKey
	// DARPC, when set, is a celestia-node API endpoint (with DAToken) used
	// instead of the local DA.
	DARPC, DAToken string
	// Datasets are the datasets jobs may use: published to the DA and
	// registered on the chain at the first start (later starts find them
	// registered). Neither the nodes nor the prover hold a copy: they
	// fetch each from the DA by its registered manifest, as the parts of
	// a real rollup do.
	Datasets []*dataset.Dataset
	// Shape is the step circuit of the proof chain (the committed L1
	// verifier's when Slots and Shape are the defaults); Slots its
	// aggregation's.
	Shape circuits.StepShape
	Slots int
	// KeyDir caches proving keys ("" = prover.DefaultKeyDir); KeyProgress,
	// if set, follows their setup.
	KeyDir      string
	KeyProgress func(name string, done, total int64)
	// NoProver runs no prover: batches are committed, never proven.
	NoProver bool
	// ProofWindow is the deployed bridge's proof window (0: a day), which
	// is also the grace after an L1 job's deadline before a refund
	// (spec/bridge.md#parameters); tests of refunds shorten it.
	ProofWindow time.Duration
	// Backend runs the nodes' training steps (nil: the CPU); the nodes
	// share it.
	Backend executor.Backend
	// BlockTime is the sequencer's block interval; PostInterval the
	// batcher's longest wait.
	BlockTime, PostInterval time.Duration
	Log                     *slog.Logger
}

// DefaultConfig is a one-node devnet in dir on the usual ports, with the
// default proof chain (Iris 4-8-3, batch 8, its 120 training samples, k = 1,
// prover.DefaultSlots).
func DefaultConfig(dir string, iris *dataset.Dataset) Config {
	spec, _ := model.Parse("4-8-3")
	return Config{DataDir: dir, Nodes: 1, ChainID: 1337, Host: "127.0.0.1", RPCPort: 8545, RaftPort: 7000, L1Port: 8645, DAPort: 26658,
		Datasets: []*dataset.Dataset{iris}, Shape: circuits.StepShape{Model: spec, Batch: 8, DatasetDepth: dataset.Depth(iris.Len()), Steps: 1},
		Slots: prover.DefaultSlots, BlockTime: 200 * time.Millisecond, PostInterval: time.Second}
}

// CommittedShape is the step circuit of the committed L1 verifier's proof
// chain (contracts/src/Verifier.sol, trainrollup setup's defaults, with
// prover.DefaultSlots): Iris-sized jobs of model 4-8-3, batch 8, 65 to 128
// samples, one transition per proof.
func CommittedShape() circuits.StepShape {
	spec, _ := model.Parse("4-8-3")
	return circuits.StepShape{Model: spec, Batch: 8, DatasetDepth: 7, Steps: 1}
}

// DevKey returns the i-th development key: well known (derived from a
// public string), funded on the embedded L1, for devnets only. Key 0 is
// the operator's.
func DevKey(i int) *ecdsa.PrivateKey {
	seed := crypto.Keccak256([]byte("trainrollup devnet key " + strconv.Itoa(i)))
	k, err := crypto.ToECDSA(seed)
	if err != nil {
		panic(err) // a keccak output below the curve order: always
	}
	return k
}

// DevKeys is how many development keys the embedded L1 funds.
const DevKeys = 4

// Record is what a devnet fixes on its first start (devnet.json).
type Record struct {
	ChainID     uint64         `json:"chainId"`
	GenesisTime uint64         `json:"genesisTime"`
	Namespace   string         `json:"namespace"`
	Bridge      common.Address `json:"bridge"`
	Verifier    common.Address `json:"verifier"`
	Classifier  common.Address `json:"classifier"`
	DeployBlock uint64         `json:"deployBlock"`
	L1ChainID   uint64         `json:"l1ChainId"`
}

// Check reports the first field that is not usable: what Start would
// refuse before it touches anything.
func (c Config) Check() error {
	switch {
	case c.DataDir == "":
		return errors.New("devnet: DataDir required")
	case c.Nodes != 1 && c.Nodes != 3:
		return fmt.Errorf("devnet: %d nodes; want 1 or 3", c.Nodes)
	case c.ChainID == 0:
		return errors.New("devnet: ChainID required")
	case c.Host == "":
		return errors.New("devnet: Host required")
	case len(c.Datasets) == 0:
		return errors.New("devnet: no dataset")
	case c.Slots < 1:
		return fmt.Errorf("devnet: %d slots", c.Slots)
	case c.L1RPC != "" && c.Operator == nil:
		return errors.New("devnet: an external L1 needs the operator's key")
	case c.BlockTime < 0 || c.PostInterval < 0:
		return fmt.Errorf("devnet: block time %v, post interval %v: want >= 0", c.BlockTime, c.PostInterval)
	}
	for name, p := range map[string]int{"RPCPort": c.RPCPort, "RaftPort": c.RaftPort, "L1Port": c.L1Port, "DAPort": c.DAPort} {
		if p < 0 || p+c.Nodes > 65536 {
			return fmt.Errorf("devnet: %s %d out of range", name, p)
		}
	}
	if err := c.Shape.Check(); err != nil {
		return fmt.Errorf("devnet: shape: %w", err)
	}
	if want := CommittedShape(); !c.NoProver && (c.Shape.String() != want.String() || c.Slots != prover.DefaultSlots) {
		return fmt.Errorf("devnet: the L1 verifier it deploys (contracts/src/Verifier.sol) proves %s with %d slots, not %s with %d: "+
			"use a dataset of 65 to 128 training samples for model 4-8-3 and batch 8, or run without the prover", want, prover.DefaultSlots, c.Shape, c.Slots)
	}
	return nil
}

// Devnet is the whole rollup as one lifecycle.Service: New checks the
// configuration, Start starts every part in order (the L1, the deployment
// on it, the DA, the nodes, the batcher, the prover), Stop stops them in
// reverse, in the order that loses nothing.
type Devnet struct {
	cfg    Config
	log    *slog.Logger
	Record Record

	Nodes []*sequencer.Node
	// Metrics holds every part's Prometheus metrics; each node serves it
	// at /metrics on its JSON-RPC address.
	Metrics  *prometheus.Registry
	L1       l1.Client
	Operator *l1.TxManager
	Bridge   *l1.Bridge
	DA       da.Layer
	ns       da.Namespace

	devChain *l1.DevChain
	daServer *celestia.Server
	daToken  string
	prover   *prover.Service
	parts    lifecycle.Group
	started  bool
}

var _ lifecycle.Service = (*Devnet)(nil)

// New checks cfg and returns a devnet that Start runs (resuming the one
// in cfg.DataDir, if any).
func New(cfg Config) (*Devnet, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	d := &Devnet{cfg: cfg, log: log, Metrics: prometheus.NewRegistry()}
	d.Metrics.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return d, nil
}

// Start starts the devnet and returns once its nodes have a leader;
// proving keys are set up in the background. A failed start stops what
// it started.
func (d *Devnet) Start(ctx context.Context) (err error) {
	if d.started {
		return errors.New("devnet: already started")
	}
	d.started = true
	defer func() {
		if err != nil {
			sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
			defer cancel()
			err = errors.Join(err, d.Stop(sctx))
		}
	}()
	if err := os.MkdirAll(d.cfg.DataDir, 0o755); err != nil {
		return fmt.Errorf("devnet: %w", err)
	}
	if err := d.startL1(ctx); err != nil {
		return err
	}
	if err := d.deploy(ctx); err != nil {
		return err
	}
	if d.ns, err = da.NewNamespace([]byte(d.Record.Namespace)); err != nil {
		return fmt.Errorf("devnet: namespace %q: %w", d.Record.Namespace, err)
	}
	if err := d.startDA(ctx); err != nil {
		return err
	}
	if err := d.startNodes(ctx); err != nil {
		return err
	}
	if err := d.registerDatasets(ctx); err != nil {
		return err
	}
	if err := d.startBatcher(ctx); err != nil {
		return err
	}
	if !d.cfg.NoProver {
		if err := d.startProver(ctx); err != nil {
			return err
		}
	}
	return nil
}

// launch starts part s now and keeps it to stop with the others.
func (d *Devnet) launch(ctx context.Context, name string, s lifecycle.Service) error {
	if err := d.parts.Launch(ctx, name, s); err != nil {
		return fmt.Errorf("devnet: %w", err)
	}
	return nil
}

func (d *Devnet) addr(port, i int) string {
	if port == 0 {
		return net.JoinHostPort(d.cfg.Host, "0")
	}
	return net.JoinHostPort(d.cfg.Host, strconv.Itoa(port+i))
}

func (d *Devnet) startL1(ctx context.Context) error {
	key := d.cfg.Operator
	if d.cfg.L1RPC != "" {
		c, err := l1.Dial(ctx, d.cfg.L1RPC)
		if err != nil {
			return fmt.Errorf("devnet: L1 %s: %w", d.cfg.L1RPC, err)
		}
		d.L1 = c
		if err := d.launch(ctx, "L1 client", lifecycle.OnStop(func() error { c.Close(); return nil })); err != nil {
			return err
		}
	} else {
		if key == nil {
			key = DevKey(0)
		}
		alloc := types.GenesisAlloc{}
		for i := range DevKeys {
			alloc[crypto.PubkeyToAddress(DevKey(i).PublicKey)] = types.Account{Balance: new(big.Int).Lsh(big.NewInt(1), 100)}
		}
		dev, err := l1.NewDevChain(l1.DevChainConfig{Dir: filepath.Join(d.cfg.DataDir, "l1"), Alloc: alloc, HTTPAddr: d.addr(d.cfg.L1Port, 0)})
		if err != nil {
			return err
		}
		if err := d.launch(ctx, "embedded L1", dev); err != nil {
			return err
		}
		d.devChain, d.L1 = dev, dev.Client()
	}
	txm, err := l1.NewTxManager(ctx, d.L1, key, l1.TxConfig{PollInterval: 50 * time.Millisecond})
	if err != nil {
		return fmt.Errorf("devnet: L1 transaction manager: %w", err)
	}
	d.Operator = txm
	return nil
}

// L1URL is the embedded L1's JSON-RPC URL ("" with an external L1 or no
// L1 port).
func (d *Devnet) L1URL() string {
	if d.devChain == nil {
		return d.cfg.L1RPC
	}
	return d.devChain.HTTPURL()
}

func (d *Devnet) recordPath() string { return filepath.Join(d.cfg.DataDir, "devnet.json") }

// deploy loads the deployment recorded by an earlier start, or deploys the
// bridge (with the committed verifier) and a classifier of the default
// shape's model, stakes the operator and records it all.
func (d *Devnet) deploy(ctx context.Context) error {
	l1ID, err := d.L1.ChainID(ctx)
	if err != nil {
		return fmt.Errorf("devnet: L1 chain id: %w", err)
	}
	if b, err := os.ReadFile(d.recordPath()); err == nil {
		if err := json.Unmarshal(b, &d.Record); err != nil {
			return fmt.Errorf("devnet: %s: %w", d.recordPath(), err)
		}
		if d.Record.L1ChainID != l1ID.Uint64() {
			return fmt.Errorf("devnet: %s was deployed on L1 chain %d, this L1 is chain %d", d.recordPath(), d.Record.L1ChainID, l1ID)
		}
		if code, err := d.L1.CodeAt(ctx, d.Record.Bridge, nil); err != nil || len(code) == 0 {
			return fmt.Errorf("devnet: no bridge at %s on L1 (%v): the L1 lost its chain; start on a fresh data dir", d.Record.Bridge, err)
		}
		d.Bridge = l1.NewBridge(d.Record.Bridge, d.Operator)
		d.log.Info("devnet resumed", "dir", d.cfg.DataDir, "bridge", d.Record.Bridge)
		return nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	bc := l1.DefaultBridgeConfig(d.cfg.ChainID)
	if d.cfg.ProofWindow > 0 {
		bc.ProofWindow = d.cfg.ProofWindow
	}
	dep, err := l1.Deploy(ctx, d.Operator, nil, bc)
	if err != nil {
		return fmt.Errorf("devnet: deploy the bridge: %w", err)
	}
	d.Bridge = l1.NewBridge(dep.Bridge, d.Operator)
	if err := d.Bridge.Stake(ctx, bc.MinStake); err != nil {
		return fmt.Errorf("devnet: stake: %w", err)
	}
	cls, err := l1.DeployClassifier(ctx, d.Operator, dep.Bridge, d.cfg.Shape.Model)
	if err != nil {
		return fmt.Errorf("devnet: deploy the classifier: %w", err)
	}
	d.Record = Record{ChainID: d.cfg.ChainID, GenesisTime: uint64(time.Now().Unix()), Namespace: "trainroll", Bridge: dep.Bridge,
		Verifier: dep.Verifier, Classifier: cls, DeployBlock: dep.Block, L1ChainID: l1ID.Uint64()}
	b, err := json.MarshalIndent(d.Record, "", "  ")
	if err != nil {
		return err
	}
	if err := atomicfile.Write(d.recordPath(), b); err != nil {
		return err
	}
	d.log.Info("devnet deployed", "bridge", dep.Bridge, "verifier", dep.Verifier, "classifier", cls, "l1Block", dep.Block)
	return nil
}

func (d *Devnet) startDA(ctx context.Context) error {
	if d.cfg.DARPC != "" {
		c, err := celestia.Dial(ctx, d.cfg.DARPC, d.cfg.DAToken)
		if err != nil {
			return fmt.Errorf("devnet: DA %s: %w", d.cfg.DARPC, err)
		}
		d.DA, d.daToken = c, d.cfg.DAToken
		return d.launch(ctx, "DA client", lifecycle.OnStop(func() error { c.Close(); return nil }))
	}
	l, err := local.Open(filepath.Join(d.cfg.DataDir, "da"), local.DefaultConfig())
	if err != nil {
		return err
	}
	d.DA = l
	if err := d.launch(ctx, "local DA", lifecycle.OnStop(l.Close)); err != nil {
		return err
	}
	if d.daToken, err = celestia.LoadToken(d.DATokenFile()); err != nil {
		return fmt.Errorf("devnet: DA token: %w", err)
	}
	srv, err := celestia.NewServer(l, celestia.ServerConfig{Addr: d.addr(d.cfg.DAPort, 0), Token: d.daToken})
	if err != nil {
		return fmt.Errorf("devnet: %w", err)
	}
	d.daServer = srv
	return d.launch(ctx, "DA server", srv)
}

// DATokenFile holds the bearer token of the devnet's DA server (created
// on the first start).
func (d *Devnet) DATokenFile() string { return filepath.Join(d.cfg.DataDir, "da-token") }

// DAToken is the DA's bearer token.
func (d *Devnet) DAToken() string { return d.daToken }

// DAURL is the DA's celestia-node API URL (its token: DAToken).
func (d *Devnet) DAURL() string {
	if d.cfg.DARPC != "" {
		return d.cfg.DARPC
	}
	return d.daServer.URL()
}

func (d *Devnet) startNodes(ctx context.Context) error {
	var secret [32]byte
	copy(secret[:], crypto.Keccak256([]byte("trainrollup devnet admin secret"), []byte(d.cfg.DataDir)))
	cfgs := make([]sequencer.Config, d.cfg.Nodes)
	for i := range cfgs {
		cfg := sequencer.DefaultConfig()
		cfg.ID = fmt.Sprintf("node%d", i)
		cfg.DataDir = filepath.Join(d.cfg.DataDir, cfg.ID)
		cfg.RaftAddr, cfg.RPCAddr = d.addr(d.cfg.RaftPort, i), d.addr(d.cfg.RPCPort, i)
		cfg.ChainID, cfg.GenesisTime, cfg.AdminSecret = d.Record.ChainID, d.Record.GenesisTime, secret
		cfg.BlockTime, cfg.MaxBlockTxs = d.cfg.BlockTime, d.cfg.Slots
		cfg.Log, cfg.Metrics, cfg.Backend = d.log, d.Metrics, d.cfg.Backend
		cfg.DA, cfg.Namespace = d.DA, d.ns
		// The bridge's L1 messages: a dev L1 mines only on transactions,
		// so a message is included at the head (a reorg is rewound).
		wcfg := l1.DefaultWatcherConfig()
		wcfg.Bridge, wcfg.PollInterval = d.Record.Bridge, 200*time.Millisecond
		cfg.L1 = &sequencer.L1Config{Client: d.L1, Watcher: wcfg, FromBlock: d.Record.DeployBlock}
		if !d.cfg.NoProver {
			cfg.AcceptJob = d.provable
		}
		// Node 0 bootstraps alone; the others join it as voters
		// (NewNodeCluster), at addresses that may be port 0.
		cfg.Bootstrap = i == 0
		cfgs[i] = cfg
	}
	c, err := sequencer.NewNodeCluster(cfgs, func(int) []*dataset.Dataset { return nil })
	if err != nil {
		return fmt.Errorf("devnet: %w", err)
	}
	if err := d.launch(ctx, "sequencer cluster", c); err != nil {
		return err
	}
	d.Nodes = c.Members()
	return nil
}

// PublisherKey signs the devnet's dataset registrations (a rollup
// account of its own, so that no dev key's nonces move).
func PublisherKey() *ecdsa.PrivateKey {
	k, err := crypto.ToECDSA(crypto.Keccak256([]byte("trainrollup devnet dataset publisher")))
	if err != nil {
		panic(err)
	}
	return k
}

// registerDatasets publishes every configured dataset the chain has not
// registered yet to the DA (journaled under DataDir/publish, so an
// interrupted start resumes) and registers it through node 0, waiting
// until node 0 executed each registration.
func (d *Devnet) registerDatasets(ctx context.Context) error {
	node := d.Nodes[0]
	cl, err := client.Dial(ctx, node.RPCURL())
	if err != nil {
		return fmt.Errorf("devnet: %w", err)
	}
	defer cl.Close()
	key := PublisherKey()
	from := crypto.PubkeyToAddress(key.PublicKey)
	if err := os.MkdirAll(filepath.Join(d.cfg.DataDir, "publish"), 0o755); err != nil {
		return fmt.Errorf("devnet: %w", err)
	}
	for _, ds := range d.cfg.Datasets {
		tree, err := dataset.NewTree(ds)
		if err != nil {
			return fmt.Errorf("devnet: dataset %s: %w", ds.Name, err)
		}
		root := tree.Root()
		if _, err := node.Dataset(root); err == nil {
			continue
		}
		m, err := datastore.Publish(ctx, d.DA, d.ns, ds, datastore.PublishConfig{
			Journal: filepath.Join(d.cfg.DataDir, "publish", commit.Hex(root)+".json"), Log: d.log})
		if err != nil {
			return fmt.Errorf("devnet: publish %s: %w", ds.Name, err)
		}
		raw, err := m.MarshalBinary()
		if err != nil {
			return err
		}
		nonce, err := cl.Nonce(ctx, from)
		if err != nil {
			return fmt.Errorf("devnet: %w", err)
		}
		tx := &chain.Tx{Type: chain.TxRegisterDataset, ChainID: d.Record.ChainID, Nonce: nonce, Manifest: raw}
		if err := tx.Sign(key); err != nil {
			return err
		}
		h, block, err := cl.SendTransaction(ctx, tx)
		if err != nil {
			return fmt.Errorf("devnet: register %s: %w", ds.Name, err)
		}
		rc, err := cl.ExecutedReceipt(ctx, h)
		if err != nil {
			return fmt.Errorf("devnet: register %s: %w", ds.Name, err)
		}
		if rc.Status != client.StatusApplied {
			return fmt.Errorf("devnet: register %s: block %d %s it: %s", ds.Name, block, rc.Status, rc.Error)
		}
		d.log.Info("dataset registered", "name", ds.Name, "root", commit.Hex(root), "samples", ds.Len(), "chunks", len(m.Chunks), "block", block)
	}
	return nil
}

// provable refuses jobs the devnet's proof chain cannot prove: a batch
// holding one could never be proven, and proving would stop there.
func (d *Devnet) provable(p state.Params) error {
	s := circuits.StepShape{Model: p.Model, Batch: int(p.Batch), DatasetDepth: dataset.Depth(int(p.DatasetSize)), Steps: 1}
	if s.String() != d.cfg.Shape.String() {
		return fmt.Errorf("this devnet proves jobs of shape %s (model/batch/dataset depth) only, not %s", d.cfg.Shape, s)
	}
	return nil
}

// source is what the batcher reads: node 0's executed chain (every node
// executes every block), with the posted head told to every node.
type source struct{ nodes []*sequencer.Node }

func (s source) Executed() uint64 { return s.nodes[0].Executed() }
func (s source) Block(n uint64) (*chain.Header, [][]byte, error) {
	return s.nodes[0].Block(n)
}
func (s source) SetPosted(n uint64) {
	for _, x := range s.nodes {
		x.SetPosted(n)
	}
}

func (d *Devnet) genesis() l1.BatchHeader { return l1.GenesisHeader(state.EmptyRoot()) }

func (d *Devnet) startBatcher(ctx context.Context) error {
	cfg := batcher.DefaultConfig(d.ns, d.genesis())
	cfg.FromBlock, cfg.MaxTransitions, cfg.Log = d.Record.DeployBlock, d.cfg.Slots, d.log
	if d.cfg.PostInterval > 0 {
		cfg.Interval = d.cfg.PostInterval
	}
	b, err := batcher.New(cfg, source{d.Nodes}, d.DA, d.Bridge, filepath.Join(d.cfg.DataDir, "batcher"))
	if err != nil {
		return err
	}
	return d.launch(ctx, "batcher", b)
}

// startProver runs the prover service, which sets up (or loads) the proof
// chain's keys in the background and then proves; its end is ProverErr's.
func (d *Devnet) startProver(ctx context.Context) error {
	svc, err := prover.Open(prover.Setup{
		KeyDir: d.cfg.KeyDir, KeyProgress: d.cfg.KeyProgress, Dir: filepath.Join(d.cfg.DataDir, "prover"), Registry: d.Metrics,
		Pipeline: prover.PipelineConfig{Slots: d.cfg.Slots},
		Service: prover.ServiceConfig{ChainID: d.Record.ChainID, GenesisTime: d.Record.GenesisTime, Namespace: d.ns,
			// No local copies: the prover fetches each job's dataset from
			// the DA by its registration, as the nodes do.
			Genesis: d.genesis(), FromBlock: d.Record.DeployBlock, Shape: d.cfg.Shape,
			OnHeads: func(proven, finalized uint64) {
				for _, n := range d.Nodes {
					n.SetProven(proven)
					n.SetFinalized(finalized)
				}
			}},
	}, d.Bridge, d.DA, d.log)
	if err != nil {
		return err
	}
	d.prover = svc
	return d.launch(ctx, "prover", svc)
}

// Config is the devnet's configuration.
func (d *Devnet) Config() Config { return d.cfg }

// ProverErr is why the prover stopped by itself, nil while it runs.
func (d *Devnet) ProverErr() error {
	if d.prover == nil {
		return nil
	}
	return d.prover.Err()
}

// Leader returns the node that leads now (nil during an election).
func (d *Devnet) Leader() *sequencer.Node {
	for _, n := range d.Nodes {
		if n.IsLeader() {
			return n
		}
	}
	return nil
}

// Stop stops everything in the reverse order of the starts, which loses
// nothing: the prover and the batcher, then the nodes, the DA and the L1.
// ctx bounds the graceful part (proofs and a batch in flight); it is
// idempotent.
func (d *Devnet) Stop(ctx context.Context) error { return d.parts.Stop(ctx) }
