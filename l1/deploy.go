package l1

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/l1/bindings"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// BridgeConfig is the bridge's deployment (spec/bridge.md#parameters).
type BridgeConfig struct {
	ChainID        uint64         // the rollup's chain id, in every claim
	GenesisRoot    commit.Element // the state root of batch 0
	MinStake       *big.Int       // wei an operator must stake to commit
	UnstakeDelay   time.Duration  // from requestUnstake to withdrawStake
	ProofWindow    time.Duration  // to prove a batch before it can be reverted
	InclusionDelay time.Duration  // before a queued L1 message must be consumed
	MinBounty      *big.Int       // wei, the least bounty of a request
}

// DefaultBridgeConfig is a configuration for chain id with the empty
// state as genesis: 1 ether of stake, 7 days to unstake, 1 day to prove,
// 1 hour to include an L1 message, 0.001 ether of least bounty.
func DefaultBridgeConfig(chainID uint64) BridgeConfig {
	return BridgeConfig{
		ChainID:        chainID,
		GenesisRoot:    state.EmptyRoot(),
		MinStake:       big.NewInt(1e18),
		UnstakeDelay:   7 * 24 * time.Hour,
		ProofWindow:    24 * time.Hour,
		InclusionDelay: time.Hour,
		MinBounty:      big.NewInt(1e15),
	}
}

// Deployment is where the contracts are.
type Deployment struct {
	Verifier common.Address
	Bridge   common.Address
	Block    uint64 // the block that created the bridge: where its events start
}

// Deploy deploys a wrap verifier (verifierBin: its creation code; nil for
// the committed one, contracts/src/Verifier.sol) and a bridge using it.
func Deploy(ctx context.Context, txm *TxManager, verifierBin []byte, cfg BridgeConfig) (*Deployment, error) {
	if cfg.MinStake == nil || cfg.MinBounty == nil || cfg.MinStake.Sign() < 0 || cfg.MinBounty.Sign() < 0 {
		return nil, errors.New("deploy bridge: MinStake and MinBounty must be set and not negative")
	}
	if verifierBin == nil {
		verifierBin = common.FromHex(bindings.VerifierMetaData.Bin)
	}
	v, err := txm.Send(ctx, Candidate{Data: verifierBin})
	if err != nil {
		return nil, fmt.Errorf("deploy verifier: %w", err)
	}
	secs := func(d time.Duration) uint64 { return uint64(d / time.Second) }
	args := bridgeABI.PackConstructor(cfg.ChainID, v.ContractAddress, element(cfg.GenesisRoot), cfg.MinStake,
		secs(cfg.UnstakeDelay), secs(cfg.ProofWindow), secs(cfg.InclusionDelay), cfg.MinBounty)
	b, err := txm.Send(ctx, Candidate{Data: append(common.FromHex(bindings.BridgeMetaData.Bin), args...)})
	if err != nil {
		return nil, fmt.Errorf("deploy bridge: %w", err)
	}
	return &Deployment{Verifier: v.ContractAddress, Bridge: b.ContractAddress, Block: b.BlockNumber.Uint64()}, nil
}

// DeployClassifier deploys an OnchainClassifier of spec reading bridge.
func DeployClassifier(ctx context.Context, txm *TxManager, bridge common.Address, spec model.Spec) (common.Address, error) {
	widths := make([]uint16, len(spec.Widths))
	for i, w := range spec.Widths {
		widths[i] = uint16(w)
	}
	if err := spec.Check(); err != nil {
		return common.Address{}, fmt.Errorf("deploy classifier: %w", err)
	}
	args := bindings.NewOnchainClassifier().PackConstructor(bridge, uint8(spec.Loss), widths)
	r, err := txm.Send(ctx, Candidate{Data: append(common.FromHex(bindings.OnchainClassifierMetaData.Bin), args...)})
	if err != nil {
		return common.Address{}, fmt.Errorf("deploy classifier: %w", err)
	}
	return r.ContractAddress, nil
}
