package chain

import (
	"bytes"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

func testParams(t testing.TB) Params {
	t.Helper()
	spec, err := model.Parse("4-8-3")
	if err != nil {
		t.Fatal(err)
	}
	w, err := model.Init(spec, 7)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ParamsOf(state.Params{Model: spec, DatasetRoot: commit.FromUint64(99), DatasetSize: 120, LearningRate: 3277,
		Batch: 8, Seed: 7, InitWeights: w.Commitment(), Steps: 64})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func testTxs(t testing.TB) []*Tx {
	p := testParams(t)
	return []*Tx{
		{Type: TxCreateJob, ChainID: 1337, Nonce: 0, Job: 5, Params: p},
		{Type: TxTrainStep, ChainID: 1337, Nonce: 1, Job: 5, Indices: []uint64{3, 1, 4, 1, 5, 9, 2, 6}},
		{Type: TxTrainStep, ChainID: 1337, Nonce: 1 << 40, Job: 1<<32 - 1, Indices: []uint64{}},
		{Type: TxL1Message, QueueIndex: 12, Job: 1<<31 + 3, Owner: common.Address{1, 2, 3}, Params: p},
		{Type: TxRegisterDataset, ChainID: 1337, Nonce: 2, Manifest: []byte{0xc0, 1, 2, 3}},
		{Type: TxSeededSteps, Job: 1<<31 + 3, First: 1 << 33, Count: 1 << 20},
	}
}

// TestParamsHash checks the params hash of a transaction's parameters
// (computed from the model's encoding, for L1 messages valid or not)
// against the state's, for both orders, and that parameters the bridge
// refuses to hash fail.
func TestParamsHash(t *testing.T) {
	p := testParams(t)
	for _, o := range []uint8{0, 1} {
		p.Order = o
		sp, err := p.State()
		if err != nil {
			t.Fatal(err)
		}
		h, err := p.Hash()
		if want := sp.Hash(); err != nil || h != want {
			t.Fatalf("order %d: params hash %v (%v), the state's %v", o, h, err, want)
		}
	}
	// Outside the model limits but of the encoding's layout: hashed (the
	// bridge queues it, the rollup rejects it).
	big := p
	big.Model = []byte{1, 1, 2, 0xff, 0xff, 0, 1}
	if _, err := big.State(); err == nil {
		t.Fatal("a 65535-input model is a valid job")
	}
	if _, err := big.Hash(); err != nil {
		t.Fatalf("a model of the encoding's layout: %v", err)
	}
	p.Order = 2
	if _, err := p.State(); err == nil {
		t.Fatal("order 2 accepted")
	}
	for name, edit := range map[string]func(*Params){
		"version 2":       func(q *Params) { q.Model = []byte{2, 1, 2, 0, 4, 0, 3} },
		"short":           func(q *Params) { q.Model = q.Model[:len(q.Model)-1] },
		"root above r":    func(q *Params) { q.DatasetRoot = [32]byte{0xff} },
		"weights above r": func(q *Params) { q.InitWeights = [32]byte{0xff} },
	} {
		q := testParams(t)
		edit(&q)
		if _, err := q.Hash(); err == nil {
			t.Errorf("%s: hashed", name)
		}
	}
}

func TestTxRoundTripAndSignature(t *testing.T) {
	key, _ := crypto.GenerateKey()
	addr := crypto.PubkeyToAddress(key.PublicKey)
	for _, tx := range testTxs(t) {
		if tx.Type.Signed() {
			if err := tx.Sign(key); err != nil {
				t.Fatal(err)
			}
		}
		b, err := tx.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var got Tx
		if err := got.UnmarshalBinary(b); err != nil {
			t.Fatalf("%s: %v", tx.Type, err)
		}
		again, _ := got.MarshalBinary()
		if !bytes.Equal(again, b) {
			t.Fatalf("%s: re-encoding differs", tx.Type)
		}
		sender, err := got.Sender(1337)
		if err != nil {
			t.Fatalf("%s: %v", tx.Type, err)
		}
		want := addr
		switch tx.Type {
		case TxL1Message:
			want = tx.Owner
		case TxSeededSteps:
			want = common.Address{}
		}
		if sender != want {
			t.Fatalf("%s: sender %s, want %s", tx.Type, sender, want)
		}
	}

	// Another chain, a changed field, a high s, bad values: refused.
	tx := testTxs(t)[1]
	if err := tx.Sign(key); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Sender(1); !errors.Is(err, ErrChainID) {
		t.Fatalf("other chain: %v", err)
	}
	changed := *tx
	changed.Indices = []uint64{3, 1, 4, 1, 5, 9, 2, 7}
	if s, err := changed.Sender(1337); err == nil && s == addr {
		t.Fatal("a changed transaction still recovers the signer")
	}
	reg := testTxs(t)[4]
	if err := reg.Sign(key); err != nil {
		t.Fatal(err)
	}
	other := *reg
	other.Manifest = []byte{0xc0, 1, 2, 4}
	if s, err := other.Sender(1337); err == nil && s == addr {
		t.Fatal("a registration of another manifest still recovers the signer")
	}
	high := *tx
	high.S = new(big.Int).Sub(crypto.S256().Params().N, tx.S)
	high.V ^= 1
	if _, err := high.Sender(1337); !errors.Is(err, ErrSignature) {
		t.Fatalf("high s: %v", err)
	}
	for _, bad := range []*Tx{
		{Type: TxTrainStep, ChainID: 1337},
		{Type: TxTrainStep, ChainID: 1337, V: 2, R: big.NewInt(1), S: big.NewInt(1)},
		{Type: TxTrainStep, ChainID: 1337, V: 0, R: big.NewInt(0), S: big.NewInt(1)},
	} {
		if _, err := bad.Sender(1337); !errors.Is(err, ErrSignature) {
			t.Fatalf("signature %v %v %v: %v", bad.V, bad.R, bad.S, err)
		}
	}
}

func TestTxDecodeErrors(t *testing.T) {
	good, _ := testTxs(t)[1].MarshalBinary()
	for name, b := range map[string][]byte{
		"empty":          nil,
		"unknown type":   append([]byte{9}, good[1:]...),
		"truncated":      good[:len(good)-1],
		"trailing bytes": append(append([]byte{}, good...), 0x80),
		"not a list":     {byte(TxTrainStep), 0x05},
		"oversize":       append([]byte{byte(TxTrainStep)}, make([]byte, MaxTxSize)...),
		"wrong type":     append([]byte{byte(TxCreateJob)}, good[1:]...),
	} {
		var tx Tx
		if err := tx.UnmarshalBinary(b); !errors.Is(err, ErrDecode) {
			t.Errorf("%s: %v, want ErrDecode", name, err)
		}
	}
	// Non-canonical hashes in the parameters are refused when converted.
	p := testParams(t)
	for i := range p.DatasetRoot {
		p.DatasetRoot[i] = 0xff
	}
	if _, err := p.State(); err == nil {
		t.Fatal("a dataset root above the field modulus converted")
	}
	p = testParams(t)
	p.Model = []byte{1, 1, 1}
	if _, err := p.State(); err == nil {
		t.Fatal("a bad model spec converted")
	}
	if _, err := testParams(t).State(); err != nil {
		t.Fatal(err)
	}
}

// FuzzTxDecode: no input makes the decoder panic, and whatever decodes
// re-encodes to the same bytes (the encoding is canonical), so a
// transaction has one hash.
func FuzzTxDecode(f *testing.F) {
	key, _ := crypto.GenerateKey()
	for _, tx := range testTxs(f) {
		if tx.Type.Signed() {
			_ = tx.Sign(key)
		}
		b, _ := tx.MarshalBinary()
		f.Add(b)
	}
	f.Add([]byte{byte(TxTrainStep), 0xc0})
	f.Fuzz(func(t *testing.T, b []byte) {
		var tx Tx
		if err := tx.UnmarshalBinary(b); err != nil {
			return
		}
		again, err := tx.MarshalBinary()
		if err != nil {
			t.Fatalf("decoded but does not encode: %v", err)
		}
		if !bytes.Equal(again, b) {
			t.Fatalf("non-canonical input decoded: %x re-encodes as %x", b, again)
		}
		_, _ = tx.Sender(1337)
		_, _ = tx.Params.State()
	})
}
