package dataset

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/rlp"

	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/fixed"
)

// randomDataset is n samples of width features, values over the whole
// fixed-point range with many zeros (as in images), labels below classes.
func randomDataset(n, features, classes int, seed uint64) *Dataset {
	r := rand.New(rand.NewPCG(seed, 1))
	d := &Dataset{Name: "random", Features: features, Classes: classes}
	for range n * features {
		v := int32(0)
		if r.IntN(3) > 0 {
			v = int32(r.IntN(fixed.Max-fixed.Min+1) + fixed.Min)
		}
		d.X = append(d.X, v)
	}
	for range n {
		d.Y = append(d.Y, uint32(r.IntN(classes)))
	}
	return d
}

// publish builds d's manifest and chunk blobs, with commitments that are
// the blobs' SHA-256 (the DA's are the share commitments; the format only
// needs them distinct).
func publish(t *testing.T, d *Dataset) (*Manifest, [][]byte) {
	t.Helper()
	tree, err := NewTree(d)
	if err != nil {
		t.Fatal(err)
	}
	counts, err := Chunking(d)
	if err != nil {
		t.Fatal(err)
	}
	m := &Manifest{Root: tree.Root(), Samples: uint64(d.Len()), Features: uint32(d.Features), Classes: uint32(d.Classes), Name: d.Name}
	var blobs [][]byte
	first := 0
	for c, n := range counts {
		b := EncodeChunk(d, m.Root, c, first, int(n))
		if len(b) > MaxChunkBytes {
			t.Fatalf("chunk %d is %d bytes", c, len(b))
		}
		sum := sha256.Sum256(b)
		m.Chunks = append(m.Chunks, ChunkRef{Height: uint64(10 + c), Commitment: sum[:], Count: n})
		blobs = append(blobs, b)
		first += int(n)
	}
	return m, blobs
}

func TestPublicationRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name              string
		d                 *Dataset
		wantChunksAtLeast int
	}{
		{"one sample", randomDataset(1, 3, 2, 1), 1},
		{"iris-like", randomDataset(120, 4, 3, 2), 1},
		// 196 values of up to 4 bytes: about 2,400 samples fill a chunk.
		{"mnist-like", randomDataset(9000, 196, 10, 3), 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, blobs := publish(t, tc.d)
			if len(m.Chunks) < tc.wantChunksAtLeast {
				t.Fatalf("%d chunks, want at least %d", len(m.Chunks), tc.wantChunksAtLeast)
			}
			enc, err := m.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var back Manifest
			if err := back.UnmarshalBinary(enc); err != nil {
				t.Fatal(err)
			}
			got, err := Assemble(&back, blobs)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(tc.d) {
				t.Fatal("the assembled dataset differs from the published one")
			}
			// Greedy: every chunk but the last is full (the next sample
			// would not have fit).
			first := 0
			for c, ref := range m.Chunks[:len(m.Chunks)-1] {
				first += int(ref.Count)
				if len(blobs[c])+sampleSize(tc.d, first) <= MaxChunkBytes {
					t.Fatalf("chunk %d (%d bytes) had room for sample %d", c, len(blobs[c]), first)
				}
			}
			t.Logf("%d samples of %d features: %d chunks, %d manifest bytes", tc.d.Len(), tc.d.Features, len(m.Chunks), len(enc))
		})
	}
}

func TestChunkRefusals(t *testing.T) {
	d := randomDataset(50, 5, 4, 7)
	m, blobs := publish(t, d)
	varintAt := chunkHeaderSize // the first sample's label
	cases := []struct {
		name   string
		mutate func(b []byte) []byte
		want   string
	}{
		{"version", func(b []byte) []byte { b[0] = 0; return b }, "version"},
		{"root", func(b []byte) []byte { b[5] ^= 1; return b }, "of dataset"},
		{"index", func(b []byte) []byte { binary.BigEndian.PutUint32(b[33:], 1); return b }, "says it is chunk 1"},
		{"count", func(b []byte) []byte { binary.BigEndian.PutUint32(b[37:], 49); return b }, "holds 49 samples"},
		{"width", func(b []byte) []byte { binary.BigEndian.PutUint16(b[41:], 6); return b }, "6 features"},
		{"short", func(b []byte) []byte { return b[:chunkHeaderSize-1] }, "shorter than its header"},
		{"truncated", func(b []byte) []byte { return b[:len(b)-1] }, "runs past the end"},
		{"trailing", func(b []byte) []byte { return append(b, 0) }, "after the last sample"},
		{"label", func(b []byte) []byte { b[varintAt] = 4; return b }, "label 4"},
		{"non-shortest varint", func(b []byte) []byte {
			// The first label again, as two bytes.
			out := append([]byte{}, b[:varintAt]...)
			out = append(out, b[varintAt]|0x80, 0)
			return append(out, b[varintAt+1:]...)
		}, "shortest form"},
		{"value range", func(b []byte) []byte {
			// The first value replaced by zigzag(2^23) = 2^24, 4 bytes.
			x0 := varintAt + 1
			_, k := binary.Uvarint(b[x0:])
			out := append([]byte{}, b[:x0]...)
			out = binary.AppendUvarint(out, 1<<24)
			return append(out, b[x0+k:]...)
		}, "value 8388608"},
	}
	for _, tc := range cases {
		b := tc.mutate(bytes.Clone(blobs[0]))
		var dst Dataset
		err := DecodeChunk(m, 0, b, &dst)
		if !errors.Is(err, ErrChunk) || !fault.IsInvalid(err) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want ErrChunk naming %q", tc.name, err, tc.want)
		}
	}
	// A value changed within range decodes, and the root gives it away.
	b := bytes.Clone(blobs[0])
	b[len(b)-1] ^= 0x02
	if _, err := Assemble(m, [][]byte{b}); !errors.Is(err, ErrManifest) || !strings.Contains(err.Error(), "reproduce root") {
		t.Fatalf("a tampered value: %v", err)
	}
	if _, err := Assemble(m, nil); !errors.Is(err, ErrManifest) {
		t.Fatalf("no chunks: %v", err)
	}
}

func TestManifestRefusals(t *testing.T) {
	d := randomDataset(6000, 196, 10, 3)
	valid, _ := publish(t, d)
	if len(valid.Chunks) < 2 {
		t.Fatal("want several chunks")
	}
	cases := []struct {
		name   string
		mutate func(m *Manifest)
		want   string
	}{
		{"no samples", func(m *Manifest) { m.Samples = 0 }, "0 samples"},
		{"too many samples", func(m *Manifest) { m.Samples = MaxSamples + 1 }, "samples"},
		{"features", func(m *Manifest) { m.Features = MaxFeatures + 1 }, "features"},
		{"classes", func(m *Manifest) { m.Classes = 1 }, "1 classes"},
		{"values", func(m *Manifest) { m.Samples, m.Features = 1<<20, 1<<9 }, "values"},
		{"name", func(m *Manifest) { m.Name = strings.Repeat("x", MaxNameBytes+1) }, "name"},
		{"name utf-8", func(m *Manifest) { m.Name = "\xff" }, "name"},
		{"no chunks", func(m *Manifest) { m.Chunks = nil }, "0 chunks"},
		{"empty chunk", func(m *Manifest) { m.Chunks[1].Count = 0 }, "chunk 1 holds no sample"},
		{"commitment size", func(m *Manifest) { m.Chunks[0].Commitment = m.Chunks[0].Commitment[:31] }, "31 bytes"},
		{"duplicate", func(m *Manifest) { m.Chunks[1].Commitment = m.Chunks[0].Commitment }, "chunks 0 and 1 have one commitment"},
		{"sum", func(m *Manifest) { m.Chunks[0].Count++ }, "hold 6001 samples"},
	}
	for _, tc := range cases {
		m := *valid
		m.Chunks = append([]ChunkRef(nil), valid.Chunks...)
		tc.mutate(&m)
		err := m.Check()
		if !errors.Is(err, ErrManifest) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want ErrManifest naming %q", tc.name, err, tc.want)
		}
		if enc, merr := m.MarshalBinary(); merr == nil {
			var back Manifest
			if err := back.UnmarshalBinary(enc); !errors.Is(err, ErrManifest) {
				t.Errorf("%s: UnmarshalBinary took it: %v", tc.name, err)
			}
		}
	}
	enc, _ := valid.MarshalBinary()
	var back Manifest
	if err := back.UnmarshalBinary(append(enc, 0)); !errors.Is(err, ErrManifest) {
		t.Errorf("trailing bytes: %v", err)
	}
	w := manifestRLP{Samples: valid.Samples, Features: valid.Features, Classes: valid.Classes, Chunks: valid.Chunks}
	copy(w.Root[:], bytes.Repeat([]byte{0xff}, 32))
	bad, err := rlp.EncodeToBytes(&w)
	if err != nil {
		t.Fatal(err)
	}
	if err := back.UnmarshalBinary(bad); !errors.Is(err, ErrManifest) || !strings.Contains(err.Error(), "canonical field element") {
		t.Errorf("a root of 0xff..: %v", err)
	}
}

func TestChunkingLimits(t *testing.T) {
	d := randomDataset(10, 4, 2, 1)
	d.Y[3] = 9 // label past Classes
	if _, err := Chunking(d); !errors.Is(err, ErrFormat) {
		t.Fatalf("a bad dataset: %v", err)
	}
	wide := &Dataset{Name: "wide", Features: MaxFeatures, Classes: 2, Y: make([]uint32, MaxValues/MaxFeatures+1)}
	if _, err := Chunking(wide); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "values") {
		t.Fatalf("over the value limit: %v", err)
	}
}

func FuzzDecodeChunk(f *testing.F) {
	d := randomDataset(3, 4, 3, 9)
	tree, _ := NewTree(d)
	m := &Manifest{Root: tree.Root(), Samples: 3, Features: 4, Classes: 3, Chunks: []ChunkRef{{Height: 1, Commitment: make([]byte, 32), Count: 3}}}
	f.Add(EncodeChunk(d, m.Root, 0, 0, 3))
	f.Add([]byte{ChunkVersion})
	f.Fuzz(func(t *testing.T, b []byte) {
		var dst Dataset
		if err := DecodeChunk(m, 0, b, &dst); err != nil {
			if !errors.Is(err, ErrChunk) {
				t.Fatalf("an error outside ErrChunk: %v", err)
			}
			return
		}
		// What decodes re-encodes to the same bytes (canonical).
		dst.Features, dst.Classes = 4, 3
		if again := EncodeChunk(&dst, m.Root, 0, 0, 3); !bytes.Equal(again, b) {
			t.Fatalf("decoded and re-encoded differ:\n%x\n%x", b, again)
		}
	})
}
