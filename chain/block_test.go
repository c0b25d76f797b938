package chain

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

func testBlock(t testing.TB) *Block {
	t.Helper()
	key, _ := crypto.GenerateKey()
	txs := testTxs(t)
	for _, tx := range txs {
		if tx.Type.Signed() {
			if err := tx.Sign(key); err != nil {
				t.Fatal(err)
			}
		}
	}
	root, err := TxRoot(txs)
	if err != nil {
		t.Fatal(err)
	}
	return &Block{Header: Header{ParentHash: common.Hash{1}, Number: 7, Time: 1_700_000_000, TxRoot: root,
		StateRoot: [32]byte{31: 5}, Digest: [32]byte{31: 6}, L1Messages: 13, L1Digest: [32]byte{31: 8}}, Txs: txs}
}

func TestBlockRoundTrip(t *testing.T) {
	b := testBlock(t)
	enc, err := b.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got Block
	if err := got.UnmarshalBinary(enc); err != nil {
		t.Fatal(err)
	}
	if got.Header.Hash() != b.Header.Hash() || len(got.Txs) != len(b.Txs) {
		t.Fatalf("round trip: %+v", got.Header)
	}
	again, _ := got.MarshalBinary()
	if !bytes.Equal(again, enc) {
		t.Fatal("re-encoding differs")
	}
	// The empty block's root is Ethereum's empty root.
	if r, _ := TxRoot(nil); r != types.EmptyTxsHash {
		t.Fatalf("empty tx root %s, Ethereum's %s", r, types.EmptyTxsHash)
	}
	// A header whose tx root is not its transactions' is refused.
	b.Header.TxRoot[0] ^= 1
	enc, _ = b.MarshalBinary()
	if err := got.UnmarshalBinary(enc); !errors.Is(err, ErrDecode) {
		t.Fatalf("wrong tx root: %v", err)
	}
	// Any change to a header field changes the hash.
	h := testBlock(t).Header
	base := h.Hash()
	for i, edit := range []func(*Header){
		func(h *Header) { h.ParentHash[31] ^= 1 }, func(h *Header) { h.Number++ }, func(h *Header) { h.Time++ },
		func(h *Header) { h.TxRoot[0] ^= 1 }, func(h *Header) { h.StateRoot[0] ^= 1 }, func(h *Header) { h.Digest[0] ^= 1 },
		func(h *Header) { h.L1Messages++ }, func(h *Header) { h.L1Digest[31] ^= 1 },
	} {
		c := h
		edit(&c)
		if c.Hash() == base {
			t.Errorf("edit %d leaves the hash", i)
		}
	}
}

// FuzzBlockDecode: no input panics the block decoder, and an accepted
// block re-encodes to its input.
func FuzzBlockDecode(f *testing.F) {
	enc, _ := testBlock(f).MarshalBinary()
	f.Add(enc)
	empty := &Block{Header: Header{TxRoot: types.EmptyTxsHash}}
	enc, _ = empty.MarshalBinary()
	f.Add(enc)
	f.Fuzz(func(t *testing.T, data []byte) {
		var b Block
		if err := b.UnmarshalBinary(data); err != nil {
			return
		}
		again, err := b.MarshalBinary()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("accepted block re-encodes as %x (%v)", again, err)
		}
	})
}
