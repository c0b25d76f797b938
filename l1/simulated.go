package l1

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"strconv"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/rawdb"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/eth"
	"github.com/ethereum/go-ethereum/eth/catalyst"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/eth/filters"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/p2p"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/trainrollup/trainrollup/lifecycle"
)

// MainnetLikeConfig is go-ethereum's dev chain config with the forks that
// mainnet has not reached turned off: the dev config activates Bogota,
// which reprices state creation (a storage write cost 465k gas instead of
// 113k in a probe).
func MainnetLikeConfig() *params.ChainConfig {
	c := *params.AllDevChainProtocolChanges
	c.BogotaTime = nil
	return &c
}

// NewSimulated starts go-ethereum's simulated backend, with the accounts
// of alloc funded, on MainnetLikeConfig. Blocks are mined by Commit.
func NewSimulated(alloc types.GenesisAlloc) *simulated.Backend {
	return simulated.NewBackend(alloc, func(_ *node.Config, eth *ethconfig.Config) {
		eth.Genesis.Config = MainnetLikeConfig()
	})
}

// DevChain is an embedded L1 like geth --dev: go-ethereum's full node
// code in this process, a block mined as soon as a transaction arrives
// (the simulated beacon in on-demand mode), every block's state written to
// dir (archive mode, hash scheme), so that a devnet restarted on the same
// directory finds its chain, contracts and balances. The simulated
// backend cannot do this: it rewinds its chain to genesis when it starts.
// It keeps the lifecycle.Service contract: NewDevChain opens the
// database, Start starts the node (mining and the HTTP endpoint), Stop
// stops it and flushes the chain to disk.
type DevChain struct {
	cfg    DevChainConfig
	stack  *node.Node
	client *ethclient.Client

	mu      sync.Mutex
	started bool
	stopped bool
	stopErr error
}

var _ lifecycle.Service = (*DevChain)(nil)

// DevChainConfig configures a DevChain.
type DevChainConfig struct {
	// Dir holds the chain; the genesis must be the same on every open.
	Dir string
	// Alloc funds accounts at genesis.
	Alloc types.GenesisAlloc
	// HTTPAddr serves Ethereum's JSON-RPC over HTTP (host:port; "" serves
	// none, port 0 picks a free one).
	HTTPAddr string
}

// Check reports the first field that is not usable.
func (c DevChainConfig) Check() error {
	if c.Dir == "" {
		return errors.New("dev L1: directory required")
	}
	if c.HTTPAddr != "" {
		_, port, err := net.SplitHostPort(c.HTTPAddr)
		if err == nil {
			_, err = strconv.ParseUint(port, 10, 16)
		}
		if err != nil {
			return fmt.Errorf("dev L1: HTTP address %q: want host:port", c.HTTPAddr)
		}
	}
	return nil
}

// NewDevChain opens (or creates, with cfg.Alloc funded) the chain in
// cfg.Dir; Start runs it.
func NewDevChain(cfg DevChainConfig) (*DevChain, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	nc := &node.Config{DataDir: cfg.Dir, P2P: p2p.Config{NoDiscovery: true, MaxPeers: 0}}
	if cfg.HTTPAddr != "" {
		host, port, _ := net.SplitHostPort(cfg.HTTPAddr)
		nc.HTTPHost, nc.HTTPModules, nc.HTTPVirtualHosts = host, []string{"eth", "net", "web3"}, []string{"*"}
		nc.HTTPPort, _ = strconv.Atoi(port)
	}
	stack, err := node.New(nc)
	if err != nil {
		return nil, fmt.Errorf("dev L1: %w", err)
	}
	genesisAlloc := core.SystemContractAllocs()
	maps.Copy(genesisAlloc, cfg.Alloc)
	conf := ethconfig.Defaults
	conf.Genesis = &core.Genesis{Config: MainnetLikeConfig(), GasLimit: ethconfig.Defaults.Miner.GasCeil, Alloc: genesisAlloc}
	conf.SyncMode = ethconfig.FullSync
	conf.NoPruning = true
	conf.StateScheme = rawdb.HashScheme
	conf.TxPool.NoLocals = true
	backend, err := eth.New(stack, &conf)
	if err != nil {
		stack.Close()
		return nil, fmt.Errorf("dev L1: %w", err)
	}
	stack.RegisterAPIs([]rpc.API{{Namespace: "eth", Service: filters.NewFilterAPI(filters.NewFilterSystem(backend.APIBackend, filters.Config{}))}})
	// As geth --dev: the beacon's API mines a block whenever the pool has
	// executable transactions (period 0), and the node stops the beacon.
	beacon, err := catalyst.NewSimulatedBeacon(0, common.Address{}, backend)
	if err != nil {
		stack.Close()
		return nil, fmt.Errorf("dev L1: %w", err)
	}
	catalyst.RegisterSimulatedBeaconAPIs(stack, beacon)
	stack.RegisterLifecycle(beacon)
	return &DevChain{cfg: cfg, stack: stack}, nil
}

// Start starts mining and the HTTP endpoint.
func (d *DevChain) Start(context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.started || d.stopped {
		return errors.New("dev L1: already started or stopped")
	}
	if err := d.stack.Start(); err != nil {
		return fmt.Errorf("dev L1: %w", err)
	}
	d.started = true
	d.client = ethclient.NewClient(d.stack.Attach())
	return nil
}

// Client is an Ethereum JSON-RPC client of the chain (in process; nil
// before Start).
func (d *DevChain) Client() *ethclient.Client { return d.client }

// HTTPURL is the chain's JSON-RPC URL over HTTP ("" when not served).
func (d *DevChain) HTTPURL() string {
	if d.cfg.HTTPAddr == "" {
		return ""
	}
	return d.stack.HTTPEndpoint()
}

// Stop stops mining and the node, flushing the chain to disk. It does not
// wait for ctx: go-ethereum's node stops in its own time. Idempotent.
func (d *DevChain) Stop(context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopped {
		return d.stopErr
	}
	d.stopped = true
	if d.client != nil {
		d.client.Close()
	}
	d.stopErr = d.stack.Close()
	return d.stopErr
}
