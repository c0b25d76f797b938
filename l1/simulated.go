package l1

import (
	"fmt"
	"maps"
	"net"
	"strconv"

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
type DevChain struct {
	stack  *node.Node
	client *ethclient.Client
	http   bool
}

// OpenDevChain opens (or creates, with alloc funded) the chain in dir,
// serving Ethereum's JSON-RPC over HTTP at httpAddr (host:port; "" serves
// none, port 0 picks a free one). The genesis must be the same on every
// open of a directory.
func OpenDevChain(dir string, alloc types.GenesisAlloc, httpAddr string) (*DevChain, error) {
	nc := &node.Config{DataDir: dir, P2P: p2p.Config{NoDiscovery: true, MaxPeers: 0}}
	if httpAddr != "" {
		host, port, err := net.SplitHostPort(httpAddr)
		if err != nil {
			return nil, fmt.Errorf("dev L1: HTTP address %q: %w", httpAddr, err)
		}
		nc.HTTPHost, nc.HTTPModules, nc.HTTPVirtualHosts = host, []string{"eth", "net", "web3"}, []string{"*"}
		if nc.HTTPPort, err = strconv.Atoi(port); err != nil {
			return nil, fmt.Errorf("dev L1: HTTP address %q: %w", httpAddr, err)
		}
	}
	stack, err := node.New(nc)
	if err != nil {
		return nil, fmt.Errorf("dev L1: %w", err)
	}
	genesisAlloc := core.SystemContractAllocs()
	maps.Copy(genesisAlloc, alloc)
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
	if err := stack.Start(); err != nil {
		stack.Close()
		return nil, fmt.Errorf("dev L1: %w", err)
	}
	return &DevChain{stack: stack, client: ethclient.NewClient(stack.Attach()), http: httpAddr != ""}, nil
}

// Client is an Ethereum JSON-RPC client of the chain (in process).
func (d *DevChain) Client() *ethclient.Client { return d.client }

// HTTPURL is the chain's JSON-RPC URL over HTTP ("" when not served).
func (d *DevChain) HTTPURL() string {
	if !d.http {
		return ""
	}
	return d.stack.HTTPEndpoint()
}

// Close stops mining and the node, flushing the chain to disk.
func (d *DevChain) Close() error {
	d.client.Close()
	return d.stack.Close()
}
