package l1

import (
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"
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
