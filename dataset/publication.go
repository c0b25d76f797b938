package dataset

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rlp"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/fixed"
)

// Publication limits (spec/dataset.md#publication).
const (
	MaxValues       = 1 << 28
	MaxChunks       = 1024
	MaxChunkBytes   = 1_900_000
	MaxNameBytes    = 64
	ChunkVersion    = 0x01
	chunkHeaderSize = 1 + 32 + 4 + 4 + 2
	// CommitmentSize is the size of a DA share commitment.
	CommitmentSize = 32
)

var (
	// ErrManifest reports a manifest that is not well formed, or that
	// does not reproduce its root.
	ErrManifest = fault.Invalid("bad dataset manifest")
	// ErrChunk reports a chunk blob that does not decode as its manifest
	// entry says.
	ErrChunk = fault.Invalid("bad dataset chunk")
)

// ChunkRef is a manifest's entry for one chunk: where it is on DA and how
// many samples it holds.
type ChunkRef struct {
	Height     uint64
	Commitment []byte
	Count      uint32
}

// Manifest describes a published dataset (spec/dataset.md#manifest).
type Manifest struct {
	Root     commit.Element
	Samples  uint64 // N
	Features uint32 // n
	Classes  uint32 // C
	Name     string
	Chunks   []ChunkRef
}

// manifestRLP is the manifest's wire form.
type manifestRLP struct {
	Root     [32]byte
	Samples  uint64
	Features uint32
	Classes  uint32
	Name     string
	Chunks   []ChunkRef
}

// Check reports whether m is well formed (spec/dataset.md#manifest).
func (m *Manifest) Check() error {
	switch {
	case m.Samples < 1 || m.Samples > MaxSamples:
		return fmt.Errorf("%w: %d samples, want 1..%d", ErrManifest, m.Samples, MaxSamples)
	case m.Features < 1 || m.Features > MaxFeatures:
		return fmt.Errorf("%w: %d features, want 1..%d", ErrManifest, m.Features, MaxFeatures)
	case m.Classes < 2 || m.Classes > MaxClasses:
		return fmt.Errorf("%w: %d classes, want 2..%d", ErrManifest, m.Classes, MaxClasses)
	case m.Samples*uint64(m.Features) > MaxValues:
		return fmt.Errorf("%w: %d samples of %d features are %d values, at most %d", ErrManifest, m.Samples, m.Features, m.Samples*uint64(m.Features), MaxValues)
	case len(m.Name) > MaxNameBytes || !utf8.ValidString(m.Name):
		return fmt.Errorf("%w: the name is not UTF-8 of at most %d bytes", ErrManifest, MaxNameBytes)
	case len(m.Chunks) < 1 || len(m.Chunks) > MaxChunks:
		return fmt.Errorf("%w: %d chunks, want 1..%d", ErrManifest, len(m.Chunks), MaxChunks)
	}
	var sum uint64
	seen := make(map[string]int, len(m.Chunks))
	for c, ref := range m.Chunks {
		if ref.Count < 1 {
			return fmt.Errorf("%w: chunk %d holds no sample", ErrManifest, c)
		}
		if len(ref.Commitment) != CommitmentSize {
			return fmt.Errorf("%w: chunk %d: a commitment of %d bytes, want %d", ErrManifest, c, len(ref.Commitment), CommitmentSize)
		}
		if prev, dup := seen[string(ref.Commitment)]; dup {
			return fmt.Errorf("%w: chunks %d and %d have one commitment", ErrManifest, prev, c)
		}
		seen[string(ref.Commitment)] = c
		sum += uint64(ref.Count)
	}
	if sum != m.Samples {
		return fmt.Errorf("%w: the chunks hold %d samples, the manifest says %d", ErrManifest, sum, m.Samples)
	}
	return nil
}

// First is the index of chunk c's first sample.
func (m *Manifest) First(c int) uint64 {
	var first uint64
	for _, ref := range m.Chunks[:c] {
		first += uint64(ref.Count)
	}
	return first
}

// MarshalBinary is RLP(manifest).
func (m *Manifest) MarshalBinary() ([]byte, error) {
	return rlp.EncodeToBytes(&manifestRLP{Root: m.Root.Bytes(), Samples: m.Samples, Features: m.Features, Classes: m.Classes, Name: m.Name, Chunks: m.Chunks})
}

// UnmarshalBinary decodes a manifest and checks that it is well formed
// and canonical: the root a canonical field element, nothing trailing.
func (m *Manifest) UnmarshalBinary(b []byte) error {
	var w manifestRLP
	if err := rlp.DecodeBytes(b, &w); err != nil {
		return fmt.Errorf("%w: %w", ErrManifest, err)
	}
	var root commit.Element
	if err := root.SetBytesCanonical(w.Root[:]); err != nil {
		return fmt.Errorf("%w: the root %x is not a canonical field element", ErrManifest, w.Root)
	}
	*m = Manifest{Root: root, Samples: w.Samples, Features: w.Features, Classes: w.Classes, Name: w.Name, Chunks: w.Chunks}
	if again, err := m.MarshalBinary(); err != nil || !bytes.Equal(again, b) {
		return fmt.Errorf("%w: not the canonical encoding", ErrManifest)
	}
	return m.Check()
}

// Hash is keccak256(RLP(manifest)), which names one publication.
func (m *Manifest) Hash() ([32]byte, error) {
	b, err := m.MarshalBinary()
	if err != nil {
		return [32]byte{}, err
	}
	return crypto.Keccak256Hash(b), nil
}

// sampleSize is the encoded size of sample i of d.
func sampleSize(d *Dataset, i int) int {
	x, y := d.Sample(i)
	n := uvarintLen(uint64(y))
	for _, v := range x {
		n += uvarintLen(zigzag(v))
	}
	return n
}

// Chunking splits d greedily into chunks of as many samples as fit
// MaxChunkBytes and returns each chunk's sample count
// (spec/dataset.md#manifest). It checks d and the publication limits.
func Chunking(d *Dataset) ([]uint32, error) {
	if v := d.Len() * d.Features; v > MaxValues {
		return nil, fmt.Errorf("%w: %s has %d values, a publication at most %d", ErrFormat, d.Name, v, MaxValues)
	}
	if err := d.Check(); err != nil {
		return nil, err
	}
	var counts []uint32
	size, count := chunkHeaderSize, uint32(0)
	for i := range d.Len() {
		s := sampleSize(d, i)
		if chunkHeaderSize+s > MaxChunkBytes {
			return nil, fmt.Errorf("%w: %s sample %d encodes to %d bytes, over a chunk's %d", ErrFormat, d.Name, i, s, MaxChunkBytes-chunkHeaderSize)
		}
		if size+s > MaxChunkBytes {
			counts = append(counts, count)
			size, count = chunkHeaderSize, 0
		}
		size += s
		count++
	}
	counts = append(counts, count)
	if len(counts) > MaxChunks {
		return nil, fmt.Errorf("%w: %s needs %d chunks, a publication at most %d", ErrFormat, d.Name, len(counts), MaxChunks)
	}
	return counts, nil
}

// EncodeChunk is the blob of chunk c of d: count samples from first
// (spec/dataset.md#chunk). root is d's dataset root.
func EncodeChunk(d *Dataset, root commit.Element, c int, first, count int) []byte {
	size := chunkHeaderSize
	for i := first; i < first+count; i++ {
		size += sampleSize(d, i)
	}
	b := make([]byte, 0, size)
	b = append(b, ChunkVersion)
	r := root.Bytes()
	b = append(b, r[:]...)
	b = binary.BigEndian.AppendUint32(b, uint32(c))
	b = binary.BigEndian.AppendUint32(b, uint32(count))
	b = binary.BigEndian.AppendUint16(b, uint16(d.Features))
	for i := first; i < first+count; i++ {
		x, y := d.Sample(i)
		b = binary.AppendUvarint(b, uint64(y))
		for _, v := range x {
			b = binary.AppendUvarint(b, zigzag(v))
		}
	}
	return b
}

// DecodeChunk decodes chunk c of the dataset m describes into dst,
// appending its samples. It refuses anything but the canonical encoding
// of m's entry for c.
func DecodeChunk(m *Manifest, c int, blob []byte, dst *Dataset) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w %d: %s", ErrChunk, c, fmt.Sprintf(format, args...))
	}
	if len(blob) < chunkHeaderSize {
		return bad("%d bytes, shorter than its header", len(blob))
	}
	if blob[0] != ChunkVersion {
		return bad("version %#x, want %#x", blob[0], ChunkVersion)
	}
	if r := m.Root.Bytes(); !bytes.Equal(blob[1:33], r[:]) {
		return bad("of dataset %x, not %x", blob[1:33], r)
	}
	if got := binary.BigEndian.Uint32(blob[33:]); got != uint32(c) {
		return bad("says it is chunk %d", got)
	}
	count := binary.BigEndian.Uint32(blob[37:])
	if count != m.Chunks[c].Count {
		return bad("holds %d samples, the manifest says %d", count, m.Chunks[c].Count)
	}
	if n := binary.BigEndian.Uint16(blob[41:]); uint32(n) != m.Features {
		return bad("samples of %d features, the manifest says %d", n, m.Features)
	}
	p := blob[chunkHeaderSize:]
	next := func(what string, i uint32) (uint64, error) {
		v, k := binary.Uvarint(p)
		if k <= 0 {
			return 0, bad("sample %d: the %s runs past the end or overflows", i, what)
		}
		if k != uvarintLen(v) {
			return 0, bad("sample %d: the %s is not in its shortest form", i, what)
		}
		p = p[k:]
		return v, nil
	}
	for i := range count {
		y, err := next("label", i)
		if err != nil {
			return err
		}
		if y >= uint64(m.Classes) {
			return bad("sample %d: label %d, want < %d", i, y, m.Classes)
		}
		for range m.Features {
			u, err := next("value", i)
			if err != nil {
				return err
			}
			v := unzigzag(u)
			if !fixed.InRange(v) {
				return bad("sample %d: value %d: %v", i, v, fixed.ErrRange)
			}
			dst.X = append(dst.X, int32(v))
		}
		dst.Y = append(dst.Y, uint32(y))
	}
	if len(p) != 0 {
		return bad("%d bytes after the last sample", len(p))
	}
	return nil
}

// Assemble decodes every chunk of m (blobs[c] is chunk c) and checks that
// the samples reproduce m's root (spec/dataset.md#manifest).
func Assemble(m *Manifest, blobs [][]byte) (*Dataset, error) {
	if err := m.Check(); err != nil {
		return nil, err
	}
	if len(blobs) != len(m.Chunks) {
		return nil, fmt.Errorf("%w: %d chunks for a manifest of %d", ErrManifest, len(blobs), len(m.Chunks))
	}
	d := &Dataset{Name: m.Name, Features: int(m.Features), Classes: int(m.Classes),
		X: make([]int32, 0, m.Samples*uint64(m.Features)), Y: make([]uint32, 0, m.Samples)}
	for c, b := range blobs {
		if err := DecodeChunk(m, c, b, d); err != nil {
			return nil, err
		}
	}
	tree, err := NewTree(d)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrManifest, err)
	}
	if got := tree.Root(); !got.Equal(&m.Root) {
		return nil, fmt.Errorf("%w: the chunks reproduce root %s, not the manifest's %s", ErrManifest, commit.Hex(got), commit.Hex(m.Root))
	}
	return d, nil
}

func zigzag(v int32) uint64 {
	if v >= 0 {
		return uint64(v) << 1
	}
	return uint64(-int64(v))<<1 - 1
}

func unzigzag(u uint64) int64 {
	if u&1 == 0 {
		return int64(u >> 1)
	}
	return -int64(u>>1) - 1
}

func uvarintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}
