package chain

import (
	"bytes"
	"fmt"
	"io"
	"sync"

	"github.com/ethereum/go-ethereum/rlp"
	"github.com/klauspost/compress/zstd"

	"github.com/trainrollup/trainrollup/fault"
)

// Batch encoding (spec/batches.md).
const (
	// BatchVersion is the first byte of an encoded batch.
	BatchVersion = 0
	// MaxBatchBytes caps a batch's decompressed RLP.
	MaxBatchBytes = 16 << 20
	// MaxBatchBlocks caps the blocks of one batch (the bridge's
	// MAX_BATCH_BLOCKS).
	MaxBatchBlocks = 1 << 20
)

// ErrBatch reports bytes that are not a batch.
var ErrBatch = fault.Invalid("malformed batch")

// Batch is a run of consecutive sequenced blocks as posted to DA: what
// anyone needs, with the L1 batch header, to re-execute them.
type Batch struct {
	First  uint64 // the first block's number
	Blocks []BatchBlock
}

// BatchBlock is a block of a batch: its number is First plus its position.
type BatchBlock struct {
	Time       uint64
	L1Messages uint64
	Txs        [][]byte // transaction encodings
}

// Last is the last block's number.
func (b *Batch) Last() uint64 { return b.First + uint64(len(b.Blocks)) - 1 }

var (
	encoderOnce sync.Once
	encoder     *zstd.Encoder
	decoder     *zstd.Decoder
)

func codecs() {
	encoderOnce.Do(func() {
		encoder, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBetterCompression), zstd.WithEncoderConcurrency(1))
		decoder, _ = zstd.NewReader(nil, zstd.WithDecoderMaxMemory(MaxBatchBytes), zstd.WithDecoderConcurrency(1))
	})
}

// MarshalBinary encodes b as version || zstd(RLP([first, [[time,
// l1_messages, [tx, ...]], ...]])).
func (b *Batch) MarshalBinary() ([]byte, error) {
	if err := b.check(); err != nil {
		return nil, err
	}
	enc, err := rlp.EncodeToBytes(b)
	if err != nil {
		return nil, err
	}
	if len(enc) > MaxBatchBytes {
		return nil, fmt.Errorf("%w: %d bytes of RLP, at most %d", ErrBatch, len(enc), MaxBatchBytes)
	}
	codecs()
	return encoder.EncodeAll(enc, []byte{BatchVersion}), nil
}

// UnmarshalBinary decodes a batch: a known version, a zstd frame of at most
// MaxBatchBytes, one canonical RLP batch, consecutive blocks, each
// transaction a valid encoding.
func (b *Batch) UnmarshalBinary(data []byte) error {
	if len(data) == 0 {
		return fmt.Errorf("%w: empty", ErrBatch)
	}
	if data[0] != BatchVersion {
		return fmt.Errorf("%w: version %d, want %d", ErrBatch, data[0], BatchVersion)
	}
	codecs()
	raw, err := decoder.DecodeAll(data[1:], nil)
	if err != nil {
		return fmt.Errorf("%w: decompress: %v", ErrBatch, err)
	}
	if len(raw) > MaxBatchBytes {
		return fmt.Errorf("%w: %d bytes decompressed, at most %d", ErrBatch, len(raw), MaxBatchBytes)
	}
	var dec Batch
	s := rlp.NewStream(bytes.NewReader(raw), uint64(len(raw)))
	if err := s.Decode(&dec); err != nil {
		return fmt.Errorf("%w: %v", ErrBatch, err)
	}
	if _, err := s.Raw(); err != io.EOF {
		return fmt.Errorf("%w: trailing bytes after the batch", ErrBatch)
	}
	if err := dec.check(); err != nil {
		return err
	}
	for i, blk := range dec.Blocks {
		for j, raw := range blk.Txs {
			var tx Tx
			if err := tx.UnmarshalBinary(raw); err != nil {
				return fmt.Errorf("%w: block %d tx %d: %v", ErrBatch, dec.First+uint64(i), j, err)
			}
		}
	}
	*b = dec
	return nil
}

func (b *Batch) check() error {
	switch {
	case b.First == 0:
		return fmt.Errorf("%w: first block 0 (the genesis block is never posted)", ErrBatch)
	case len(b.Blocks) == 0 || len(b.Blocks) > MaxBatchBlocks:
		return fmt.Errorf("%w: %d blocks, want 1..%d", ErrBatch, len(b.Blocks), MaxBatchBlocks)
	case b.First+uint64(len(b.Blocks)) < b.First:
		return fmt.Errorf("%w: block numbers overflow", ErrBatch)
	}
	for i, blk := range b.Blocks {
		if len(blk.Txs) > MaxBlockTxs {
			return fmt.Errorf("%w: block %d has %d transactions, at most %d", ErrBatch, b.First+uint64(i), len(blk.Txs), MaxBlockTxs)
		}
		if i > 0 && (blk.Time < b.Blocks[i-1].Time || blk.L1Messages < b.Blocks[i-1].L1Messages) {
			return fmt.Errorf("%w: block %d goes back in time or in L1 messages", ErrBatch, b.First+uint64(i))
		}
	}
	return nil
}
