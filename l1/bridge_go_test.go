package l1_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/state"
)

// TestGoSideErrors: conversions the bridge cannot represent are errors,
// not panics or silent truncation.
func TestGoSideErrors(t *testing.T) {
	p := newTrainer(t).params(3, 1)
	for _, lr := range []int64{0, -1, 1 << 32} {
		q := p
		q.LearningRate = lr
		if _, err := l1.ParamsOf(q); err == nil {
			t.Errorf("learning rate %d accepted", lr)
		}
	}
	if _, err := l1.HeaderHash(l1.BatchHeader{}); err == nil {
		t.Error("a header with nil fields hashed")
	}
	h := l1.GenesisHeader(state.EmptyRoot())
	h.StateRoot = new(big.Int).Lsh(big.NewInt(1), 256)
	if _, err := l1.HeaderHash(h); err == nil {
		t.Error("a header with a 257-bit root hashed")
	}
	jp := jobParams(t, p)
	if _, err := l1.NextQueueHash(common.Hash{}, 1<<32, common.Address{}, jp); err == nil {
		t.Error("a 33-bit job id hashed")
	}
	bad := jp
	bad.DatasetRoot = big.NewInt(-1)
	if _, err := l1.NextQueueHash(common.Hash{}, 1, common.Address{}, bad); err == nil {
		t.Error("negative parameters hashed")
	}
	bad = jp
	bad.Model = []byte{2, 1, 0}
	if _, err := l1.NextQueueHash(common.Hash{}, 1, common.Address{}, bad); err == nil {
		t.Error("a model encoding of version 2 hashed")
	}
	if err := l1.DecodeRevert(nil); err != nil {
		t.Errorf("DecodeRevert(nil) = %v", err)
	}
}
