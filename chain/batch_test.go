package chain

import (
	"bytes"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rlp"

	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/state"
)

// stepBatch is a batch of n signed Iris-shaped TrainSteps from senders
// accounts, in blocks of perBlock, in the protocol's sample order.
func stepBatch(t testing.TB, n, senders, perBlock int) *Batch {
	t.Helper()
	keys := make([]*ecdsa.PrivateKey, senders)
	orders := make([]dataset.Order, senders)
	for i := range keys {
		keys[i], _ = crypto.GenerateKey()
		orders[i] = dataset.NewOrder(uint64(i), 120)
	}
	b := &Batch{First: 7}
	for i := range n {
		if i%perBlock == 0 {
			b.Blocks = append(b.Blocks, BatchBlock{Time: 1_700_000_000 + uint64(i/perBlock)})
		}
		s := i % senders
		tx := &Tx{Type: TxTrainStep, ChainID: 1337, Nonce: uint64(i / senders), Job: state.JobID(s + 1), Indices: orders[s].Step(uint64(i/senders), 8)}
		if err := tx.Sign(keys[s]); err != nil {
			t.Fatal(err)
		}
		raw, err := tx.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		blk := &b.Blocks[len(b.Blocks)-1]
		blk.Txs = append(blk.Txs, raw)
	}
	return b
}

// TestBatchRoundTrip: a batch decodes to itself; compression gets a signed
// step under 100 bytes on DA (the batcher's goal), reported per transaction.
func TestBatchRoundTrip(t *testing.T) {
	b := stepBatch(t, 4096, 16, 256)
	enc, err := b.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var d Batch
	if err := d.UnmarshalBinary(enc); err != nil {
		t.Fatal(err)
	}
	if d.First != b.First || len(d.Blocks) != len(b.Blocks) || d.Last() != b.Last() {
		t.Fatalf("decoded %d blocks from %d", len(d.Blocks), d.First)
	}
	for i := range b.Blocks {
		for j := range b.Blocks[i].Txs {
			if !bytes.Equal(b.Blocks[i].Txs[j], d.Blocks[i].Txs[j]) {
				t.Fatalf("block %d tx %d changed", i, j)
			}
		}
	}
	rlpEnc, err := rlp.EncodeToBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	raw := len(rlpEnc)
	per := float64(len(enc)) / 4096
	t.Logf("4,096 signed steps: %d bytes of RLP, %d on DA: %.1f bytes per step (RLP %.1f)", raw, len(enc), per, float64(raw)/4096)
	if per > 100 {
		t.Errorf("%.1f bytes per step on DA, goal <= 100", per)
	}
}

// TestBatchDecodeErrors: corrupt, truncated and malformed batches are
// refused with ErrBatch.
func TestBatchDecodeErrors(t *testing.T) {
	b := stepBatch(t, 64, 4, 16)
	enc, _ := b.MarshalBinary()
	flipped := bytes.Clone(enc)
	flipped[len(flipped)/2] ^= 0x40
	for name, data := range map[string][]byte{
		"empty":       nil,
		"version":     append([]byte{9}, enc[1:]...),
		"truncated":   enc[:len(enc)-7],
		"flipped":     flipped,
		"not zstd":    append([]byte{0}, []byte("hello")...),
		"only header": enc[:1],
	} {
		var d Batch
		if err := d.UnmarshalBinary(data); !errors.Is(err, ErrBatch) {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name, bad := range map[string]*Batch{
		"genesis":      {First: 0, Blocks: []BatchBlock{{}}},
		"no blocks":    {First: 1},
		"time back":    {First: 1, Blocks: []BatchBlock{{Time: 5}, {Time: 4}}},
		"l1 back":      {First: 1, Blocks: []BatchBlock{{L1Messages: 2}, {L1Messages: 1}}},
		"bad tx":       {First: 1, Blocks: []BatchBlock{{Txs: [][]byte{{2, 0xc0}}}}},
		"number wraps": {First: 1<<64 - 1, Blocks: []BatchBlock{{}, {}}},
	} {
		if _, err := bad.MarshalBinary(); err == nil && name != "bad tx" {
			t.Errorf("%s: encoded", name)
		}
		// Encoded by hand past the encoder's checks, the decoder refuses it.
		raw, _ := encodeUnchecked(bad)
		var d Batch
		if err := d.UnmarshalBinary(raw); !errors.Is(err, ErrBatch) {
			t.Errorf("%s: decoded (%v)", name, err)
		}
	}
}

func encodeUnchecked(b *Batch) ([]byte, error) {
	codecs()
	enc, err := rlp.EncodeToBytes(b)
	if err != nil {
		return nil, err
	}
	return encoder.EncodeAll(enc, []byte{BatchVersion}), nil
}

func FuzzBatchDecode(f *testing.F) {
	b := stepBatch(f, 8, 2, 4)
	enc, _ := b.MarshalBinary()
	f.Add(enc)
	f.Add([]byte{0})
	f.Add([]byte{0, 0x28, 0xb5, 0x2f, 0xfd})
	f.Fuzz(func(t *testing.T, data []byte) {
		var d Batch
		if err := d.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrBatch) {
				t.Fatalf("error without ErrBatch: %v", err)
			}
			return
		}
		// What decodes re-encodes and decodes to the same blocks.
		again, err := d.MarshalBinary()
		if err != nil {
			t.Fatalf("accepted batch does not encode: %v", err)
		}
		var d2 Batch
		if err := d2.UnmarshalBinary(again); err != nil || d2.Last() != d.Last() || len(d2.Blocks) != len(d.Blocks) {
			t.Fatalf("re-encoded batch differs: %v", err)
		}
	})
}

// BenchmarkSeededDABytes measures what a seeded job's step costs the DA
// (spec/transactions.md#seeded-steps): a batch of 64 blocks, each with one
// SeededSteps of perBlock steps, against the same steps as signed
// TrainSteps of 8 indices (the bytes of a posted batch, compressed as
// posted, per step).
func BenchmarkSeededDABytes(b *testing.B) {
	key, _ := crypto.GenerateKey()
	for _, perBlock := range []uint64{1, 8, 64} {
		for _, kind := range []string{"seeded", "signed"} {
			b.Run(fmt.Sprintf("%s/%d-per-block", kind, perBlock), func(b *testing.B) {
				const blocks = 64
				batch := &Batch{First: 1}
				nonce := uint64(0)
				for n := range uint64(blocks) {
					blk := BatchBlock{Time: 1_700_000_000 + n}
					if kind == "seeded" {
						raw, err := (&Tx{Type: TxSeededSteps, Job: 1 << 31, First: n * perBlock, Count: perBlock}).MarshalBinary()
						if err != nil {
							b.Fatal(err)
						}
						blk.Txs = append(blk.Txs, raw)
					} else {
						for range perBlock {
							ix := make([]uint64, 8)
							for i := range ix {
								ix[i] = (nonce*8 + uint64(i)*37) % 120
							}
							tx := &Tx{Type: TxTrainStep, ChainID: 1337, Nonce: nonce, Job: 1, Indices: ix}
							nonce++
							if err := tx.Sign(key); err != nil {
								b.Fatal(err)
							}
							raw, _ := tx.MarshalBinary()
							blk.Txs = append(blk.Txs, raw)
						}
					}
					batch.Blocks = append(batch.Blocks, blk)
				}
				var size int
				for b.Loop() {
					data, err := batch.MarshalBinary()
					if err != nil {
						b.Fatal(err)
					}
					size = len(data)
				}
				b.ReportMetric(float64(size)/float64(blocks*perBlock), "DA-bytes/step")
			})
		}
	}
}
