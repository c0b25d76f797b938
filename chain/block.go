package chain

import (
	"bytes"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rlp"
	"github.com/ethereum/go-ethereum/trie"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/state"
)

// MaxBlockTxs is the most transactions one block holds.
const MaxBlockTxs = 1 << 16

// Header is a block header (spec/blocks.md#header).
type Header struct {
	ParentHash common.Hash
	Number     uint64
	Time       uint64      // unix seconds
	TxRoot     common.Hash // TxRoot of the block's transactions
	StateRoot  [32]byte    // the state root after the block (a field element)
	Digest     [32]byte    // the running transaction digest after the block
	L1Messages uint64      // L1 messages the chain consumed up to this block
	L1Digest   [32]byte    // the rolling hash of those messages (the bridge's queue hash)
}

// Hash is keccak256 of the header's RLP encoding.
func (h *Header) Hash() common.Hash {
	b, err := rlp.EncodeToBytes(h)
	if err != nil {
		// A struct of fixed-size fields always encodes.
		panic(fmt.Sprintf("chain: encode header: %v", err))
	}
	return crypto.Keccak256Hash(b)
}

// Block is a header and its transactions.
type Block struct {
	Header Header
	Txs    []*Tx
}

type blockRLP struct {
	Header Header
	Txs    [][]byte
}

// MarshalBinary encodes b as RLP([header, [tx encodings]]).
func (b *Block) MarshalBinary() ([]byte, error) {
	enc := blockRLP{Header: b.Header, Txs: make([][]byte, len(b.Txs))}
	for i, tx := range b.Txs {
		t, err := tx.MarshalBinary()
		if err != nil {
			return nil, fmt.Errorf("block %d tx %d: %w", b.Header.Number, i, err)
		}
		enc.Txs[i] = t
	}
	return rlp.EncodeToBytes(&enc)
}

// UnmarshalBinary decodes a block: canonical RLP, at most MaxBlockTxs
// transactions, each a valid transaction encoding, and a TxRoot that is
// the transactions'.
func (b *Block) UnmarshalBinary(data []byte) error {
	var enc blockRLP
	if err := rlp.DecodeBytes(data, &enc); err != nil {
		return fmt.Errorf("%w: block: %v", ErrDecode, err)
	}
	if len(enc.Txs) > MaxBlockTxs {
		return fmt.Errorf("%w: block with %d transactions, at most %d", ErrDecode, len(enc.Txs), MaxBlockTxs)
	}
	txs := make([]*Tx, len(enc.Txs))
	for i, t := range enc.Txs {
		txs[i] = new(Tx)
		if err := txs[i].UnmarshalBinary(t); err != nil {
			return fmt.Errorf("block %d tx %d: %w", enc.Header.Number, i, err)
		}
	}
	root, err := TxRoot(txs)
	if err != nil {
		return err
	}
	if root != enc.Header.TxRoot {
		return fmt.Errorf("%w: block %d: tx root %s, its transactions give %s", ErrDecode, enc.Header.Number, enc.Header.TxRoot, root)
	}
	b.Header, b.Txs = enc.Header, txs
	return nil
}

// txList is the transactions as go-ethereum's trie derivation reads them.
type txList [][]byte

func (l txList) Len() int                           { return len(l) }
func (l txList) EncodeIndex(i int, w *bytes.Buffer) { w.Write(l[i]) }

// TxRoot is the root of the Merkle-Patricia trie mapping RLP(index) to
// each transaction's encoding: Ethereum's transactions root
// (spec/blocks.md#header), so inclusion proofs are Ethereum's.
func TxRoot(txs []*Tx) (common.Hash, error) {
	l := make(txList, len(txs))
	for i, tx := range txs {
		b, err := tx.MarshalBinary()
		if err != nil {
			return common.Hash{}, fmt.Errorf("tx %d: %w", i, err)
		}
		l[i] = b
	}
	return types.DeriveSha(l, trie.NewStackTrie(nil)), nil
}

// StepDigest advances the running step digest d over one applied training
// step of job id with the given sample indices (spec/blocks.md#header):
// Compress(d, H(6, id, indices...)), the digest a step proof of that one
// step ends at (spec/proofs.md#step).
func StepDigest(d commit.Element, id state.JobID, indices []uint64) commit.Element {
	var h commit.Hasher
	h.WriteUint64(commit.TagSteps)
	h.WriteUint64(uint64(id))
	for _, i := range indices {
		h.WriteUint64(i)
	}
	return commit.Compress(d, h.Sum())
}

// CreateDigest advances the running step digest d over one applied job
// creation (spec/blocks.md#header): Compress(d, H(7, id, paramsHash,
// owner)), the digest a creation proof ends at (spec/proofs.md#step).
func CreateDigest(d commit.Element, id state.JobID, paramsHash commit.Element, owner [20]byte) commit.Element {
	t := commit.Hash(commit.FromUint64(commit.TagCreate), commit.FromUint64(uint64(id)), paramsHash, commit.FromAddress(owner))
	return commit.Compress(d, t)
}

// Digests are the two running digests of a point of the chain: the
// transaction digest (over the rollup's own creations and steps) and the L1
// queue hash (over the L1 messages consumed), as a block header holds them
// (spec/blocks.md#header).
type Digests struct {
	Tx, L1 commit.Element
}

// DigestsOf reads h's digests, which must be canonical field elements.
func DigestsOf(h *Header) (Digests, error) {
	var d Digests
	if err := d.Tx.SetBytesCanonical(h.Digest[:]); err != nil {
		return d, fmt.Errorf("digest of block %d: %w", h.Number, err)
	}
	if err := d.L1.SetBytesCanonical(h.L1Digest[:]); err != nil {
		return d, fmt.Errorf("L1 digest of block %d: %w", h.Number, err)
	}
	return d, nil
}

// Proof is the one digest step proofs chain (spec/proofs.md#step):
// Compress(Tx, L1).
func (d Digests) Proof() commit.Element { return commit.Compress(d.Tx, d.L1) }

// Genesis is block 0 of a chain (spec/blocks.md#header): no transactions,
// the empty state (the genesis state root of spec/bridge.md#parameters), a
// zero digest and no L1 messages, at time t.
func Genesis(t uint64) *Block {
	root := state.EmptyRoot()
	return &Block{Header: Header{Time: t, TxRoot: types.EmptyTxsHash, StateRoot: root.Bytes()}}
}
