package l1

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/l1/bindings"
	"github.com/trainrollup/trainrollup/state"
)

var classifierABI = bindings.NewOnchainClassifier()

// Classifier is an OnchainClassifier (spec/bridge.md#consumers): a
// contract that runs a finalized model's integer forward pass.
type Classifier struct {
	Addr   common.Address
	txm    *TxManager
	client Client
}

// NewClassifier returns the classifier at addr, used through txm.
func NewClassifier(addr common.Address, txm *TxManager) *Classifier {
	return &Classifier{Addr: addr, txm: txm, client: txm.client}
}

// ClassifierBridge returns the bridge the classifier at addr reads.
func ClassifierBridge(ctx context.Context, client Client, addr common.Address) (common.Address, error) {
	out, err := client.CallContract(ctx, callMsg(addr, classifierABI.PackBridge()), nil)
	if err != nil {
		return common.Address{}, fmt.Errorf("classifier %s: bridge: %w", addr, DecodeRevert(err))
	}
	return classifierABI.UnpackBridge(out)
}

// Packed is a model's parameters in the classifier's calldata form: ten
// fixed-point values to a word (spec/commitments.md#packing).
func Packed(flat []int32) []*big.Int { return Siblings(commit.Pack(flat)) }

// Load makes the classifier accept job id's model: p are its parameters
// and packed its weights (Packed), which the contract checks against the
// finalized commitment.
func (c *Classifier) Load(ctx context.Context, id state.JobID, p JobParams, packed []*big.Int) error {
	data, err := classifierABI.TryPackLoad(uint32(id), p, packed)
	if err != nil {
		return fmt.Errorf("classifier load: %w", err)
	}
	if _, err := c.txm.Send(ctx, Candidate{To: &c.Addr, Data: data}); err != nil {
		return fmt.Errorf("classifier load: %w", err)
	}
	return nil
}

// Predict returns the class job id's loaded model predicts for x (the
// model's input width of fixed-point values).
func (c *Classifier) Predict(ctx context.Context, id state.JobID, packed []*big.Int, x []int32) (int, error) {
	in := make([]*big.Int, len(x))
	for i, v := range x {
		in[i] = big.NewInt(int64(v))
	}
	data, err := classifierABI.TryPackPredict(uint32(id), packed, in)
	if err != nil {
		return 0, fmt.Errorf("classifier predict: %w", err)
	}
	out, err := c.client.CallContract(ctx, callMsg(c.Addr, data), nil)
	if err != nil {
		return 0, fmt.Errorf("classifier predict: %w", DecodeRevert(err))
	}
	class, err := classifierABI.UnpackPredict(out)
	if err != nil {
		return 0, fmt.Errorf("classifier predict: %w", err)
	}
	return int(class.Int64()), nil
}
