package datastore

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/da/datest"
	"github.com/trainrollup/trainrollup/da/local"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/fixed"
)

var testNS = func() da.Namespace {
	ns, err := da.NewNamespace([]byte("dstest"))
	if err != nil {
		panic(err)
	}
	return ns
}()

func openDA(t *testing.T) *local.Local {
	t.Helper()
	l, err := local.Open(t.TempDir(), local.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// imageLike is n samples of 196 values anywhere in the fixed-point range
// (about 760 bytes a sample in a chunk, the most there is: few samples to
// hash for several chunks): a chunk holds about 2,500.
func imageLike(n int, seed uint64) *dataset.Dataset {
	r := rand.New(rand.NewPCG(seed, 2))
	d := &dataset.Dataset{Name: "image-like", Features: 196, Classes: 10}
	for range n * d.Features {
		d.X = append(d.X, int32(r.IntN(fixed.Max-fixed.Min+1)+fixed.Min))
	}
	for range n {
		d.Y = append(d.Y, uint32(r.IntN(10)))
	}
	return d
}

// iris is the Iris training split.
func iris(t *testing.T) *dataset.Dataset {
	t.Helper()
	d, err := dataset.LoadCSV(filepath.Join("..", "testdata", "iris.csv"))
	if err != nil {
		t.Fatal(err)
	}
	train, _ := d.Split(5)
	return train
}

func TestPublishAndGet(t *testing.T) {
	ctx := context.Background()
	for _, d := range []*dataset.Dataset{iris(t), imageLike(2600, 1)} {
		t.Run(d.Name, func(t *testing.T) {
			l := &datest.Faulty{Layer: openDA(t)}
			var last [4]int64
			m, err := Publish(ctx, l, testNS, d, PublishConfig{Progress: func(c, tc int, b, tb int64) { last = [4]int64{int64(c), int64(tc), b, tb} }})
			if err != nil {
				t.Fatal(err)
			}
			if int(last[0]) != len(m.Chunks) || last[0] != last[1] || last[2] != last[3] || l.Submits.Load() != int64(len(m.Chunks)) {
				t.Fatalf("progress %v, %d submissions, for %d chunks", last, l.Submits.Load(), len(m.Chunks))
			}
			t.Logf("%s: %d samples, %d chunks, %d bytes on DA (%.0f per sample)", d.Name, d.Len(), len(m.Chunks), last[3], float64(last[3])/float64(d.Len()))

			cache := t.TempDir()
			s, err := Open(cache, l, testNS, nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.Get(ctx, m)
			if err != nil || !got.Equal(d) {
				t.Fatalf("from DA: %v (same %v)", err, got != nil && got.Equal(d))
			}
			if got, checked := s.Lookup(m.Root); !checked || got == nil {
				t.Fatal("Lookup after Get")
			}
			// Another store over the same cache, with no DA at all.
			s2, _ := Open(cache, nil, testNS, nil)
			if got, err := s2.Get(ctx, m); err != nil || !got.Equal(d) {
				t.Fatalf("from the cache: %v", err)
			}
			// A store with a local copy asks DA nothing.
			gets := l.Gets.Load()
			s3, _ := Open("", l, testNS, nil)
			if _, err := s3.Add(d); err != nil {
				t.Fatal(err)
			}
			if got, err := s3.Get(ctx, m); err != nil || !got.Equal(d) || l.Gets.Load() != gets {
				t.Fatalf("from a local copy: %v, %d gets", err, l.Gets.Load()-gets)
			}
		})
	}
}

// TestPublishResumes stops a publication after its first chunk (the context
// ends, as on Ctrl-C) and starts it again with the same journal: only the
// others are submitted, and the manifest is the one an uninterrupted
// publication makes.
func TestPublishResumes(t *testing.T) {
	d := imageLike(5500, 2)
	journal := filepath.Join(t.TempDir(), "journal.json")
	l := &datest.Faulty{Layer: openDA(t)}
	ctx, cancel := context.WithCancel(context.Background())
	l.AfterSubmit = func(n int64) {
		if n == 1 {
			cancel()
		}
	}
	if _, err := Publish(ctx, l, testNS, d, PublishConfig{Journal: journal}); err == nil {
		t.Fatal("an interrupted publication returned a manifest")
	}
	l.AfterSubmit = nil
	first := l.Submits.Load()
	m, err := Publish(context.Background(), l, testNS, d, PublishConfig{Journal: journal})
	if err != nil {
		t.Fatal(err)
	}
	if first != 1 || len(m.Chunks) < 3 || l.Submits.Load() != int64(len(m.Chunks)) {
		t.Fatalf("%d submissions before the interrupt, %d in all, for %d chunks", first, l.Submits.Load(), len(m.Chunks))
	}
	s, _ := Open("", l, testNS, nil)
	if got, err := s.Get(context.Background(), m); err != nil || !got.Equal(d) {
		t.Fatalf("the resumed publication: %v", err)
	}
	// A journal of another dataset is ignored.
	other := imageLike(10, 3)
	if m2, err := Publish(context.Background(), l, testNS, other, PublishConfig{Journal: journal}); err != nil || len(m2.Chunks) != 1 {
		t.Fatalf("another dataset over the journal: %v", err)
	}
}

func TestPublishDAFaults(t *testing.T) {
	d := iris(t)
	l := &datest.Faulty{Layer: openDA(t)}
	l.FailSubmits.Store(3)
	m, err := Publish(context.Background(), l, testNS, d, PublishConfig{Retry: time.Millisecond})
	if err != nil || l.Submits.Load() != 1 {
		t.Fatalf("after three failed submissions: %v, %d", err, l.Submits.Load())
	}
	_ = m
	l.Down.Store(true)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := Publish(ctx, l, testNS, d, PublishConfig{Retry: time.Millisecond}); err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("DA down until the deadline: %v", err)
	}
	l.Down.Store(false)
	small, err := local.Open(t.TempDir(), local.Config{MaxSquareWidth: 128, MaxSubmitBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	defer small.Close()
	if _, err := Publish(context.Background(), small, testNS, d, PublishConfig{Retry: time.Hour}); !errors.Is(err, da.ErrBlobTooLarge) {
		t.Fatalf("a blob over the DA's limit: %v", err)
	}
}

func TestGetRefusals(t *testing.T) {
	ctx := context.Background()
	d := imageLike(2600, 4)
	l := &datest.Faulty{Layer: openDA(t)}
	m, err := Publish(ctx, l, testNS, d, PublishConfig{})
	if err != nil {
		t.Fatal(err)
	}
	get := func(m *dataset.Manifest) error {
		s, _ := Open(t.TempDir(), l, testNS, nil)
		_, err := s.Get(ctx, m)
		return err
	}
	clone := func() *dataset.Manifest {
		c := *m
		c.Chunks = append([]dataset.ChunkRef(nil), m.Chunks...)
		return &c
	}

	// Not at its height, which DA has: rejected for everyone.
	missing := clone()
	missing.Chunks[1].Commitment = append([]byte(nil), m.Chunks[0].Commitment...)
	missing.Chunks[1].Commitment[0] ^= 1
	if err := get(missing); !errors.Is(err, ErrMissing) || !fault.IsInvalid(err) {
		t.Fatalf("a chunk not on DA: %v", err)
	}
	// Beyond DA's head: not decided.
	future := clone()
	future.Chunks[0].Height = 1 << 40
	if err := get(future); !errors.Is(err, ErrUnavailable) || fault.IsInvalid(err) {
		t.Fatalf("a chunk beyond DA's head: %v", err)
	}
	// DA down: not decided; DA back: the same dataset.
	l.Down.Store(true)
	if err := get(m); !errors.Is(err, ErrUnavailable) || fault.IsInvalid(err) {
		t.Fatalf("DA down: %v", err)
	}
	l.Down.Store(false)
	if err := get(m); err != nil {
		t.Fatalf("DA back: %v", err)
	}
	// DA answering with other bytes: its fault, not decided.
	l.Tamper.Store(true)
	if err := get(m); !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "another commitment") {
		t.Fatalf("a tampered answer: %v", err)
	}
	l.Tamper.Store(false)

	// A publisher that posted a tampered chunk: the commitments hold, the
	// root does not. Rejected for everyone.
	blobs, _, err := Chunks(m, d, testNS)
	if err != nil {
		t.Fatal(err)
	}
	bad := append([]byte(nil), blobs[1]...)
	bad[len(bad)-1] ^= 2
	blob, _ := da.NewBlob(testNS, bad)
	h, err := l.Submit(ctx, []*da.Blob{blob})
	if err != nil {
		t.Fatal(err)
	}
	forged := clone()
	forged.Chunks[1].Height, forged.Chunks[1].Commitment = h, blob.Commitment
	if err := get(forged); !errors.Is(err, dataset.ErrManifest) || !fault.IsInvalid(err) || !strings.Contains(err.Error(), "reproduce root") {
		t.Fatalf("a tampered chunk on DA: %v", err)
	}
	// A local copy that is not the manifest's dataset.
	s, _ := Open("", nil, testNS, nil)
	other := imageLike(2600, 5)
	if _, err := s.Add(other); err != nil {
		t.Fatal(err)
	}
	otherM := clone()
	tree, _ := dataset.NewTree(other)
	otherM.Root = tree.Root()
	if _, err := s.Get(ctx, otherM); !errors.Is(err, dataset.ErrManifest) || !strings.Contains(err.Error(), "local copy has commitment") {
		t.Fatalf("a local copy with other chunks: %v", err)
	}

	// A corrupted cache entry is dropped and fetched again.
	cache := t.TempDir()
	s, _ = Open(cache, l, testNS, nil)
	if _, err := s.Get(ctx, m); err != nil {
		t.Fatal(err)
	}
	chunk := filepath.Join(s.entryDir(m.Root), "chunk-0001")
	if err := os.WriteFile(chunk, []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	gets := l.Gets.Load()
	s, _ = Open(cache, l, testNS, nil)
	if got, err := s.Get(ctx, m); err != nil || !got.Equal(d) || l.Gets.Load() == gets {
		t.Fatalf("a corrupted cache entry: %v, %d gets", err, l.Gets.Load()-gets)
	}
}

// BenchmarkPublishMNIST publishes MNIST's 60,000 training samples (14x14,
// pooled: the 196-64-10 jobs' dataset) to a local DA and fetches them
// back into an empty store, reporting chunks, bytes on DA and bytes per
// sample against the raw idx files (785 per sample: 784 pixels and a
// label). Needs TRAINROLLUP_MNIST_DIR (make -s mnist):
//
//	TRAINROLLUP_MNIST_DIR=$(make -s mnist) go test ./datastore -run '^$' -bench PublishMNIST -benchtime 1x
func BenchmarkPublishMNIST(b *testing.B) {
	dir := os.Getenv("TRAINROLLUP_MNIST_DIR")
	if dir == "" {
		b.Skip("TRAINROLLUP_MNIST_DIR is not set (make -s mnist)")
	}
	for _, pool := range []bool{true, false} {
		name := map[bool]string{true: "14x14", false: "28x28"}[pool]
		b.Run(name, func(b *testing.B) {
			train, _, err := dataset.LoadMNIST(dir, pool)
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			for range b.N {
				l, err := local.Open(b.TempDir(), local.DefaultConfig())
				if err != nil {
					b.Fatal(err)
				}
				t0 := time.Now()
				var bytes int64
				m, err := Publish(ctx, l, testNS, train, PublishConfig{Progress: func(_, _ int, done, _ int64) { bytes = done }})
				if err != nil {
					b.Fatal(err)
				}
				publish := time.Since(t0)
				s, _ := Open(b.TempDir(), l, testNS, nil)
				t1 := time.Now()
				got, err := s.Get(ctx, m)
				if err != nil || got.Len() != train.Len() {
					b.Fatalf("fetch: %v", err)
				}
				fetch := time.Since(t1)
				l.Close()
				enc, _ := m.MarshalBinary()
				b.ReportMetric(float64(len(m.Chunks)), "chunks")
				b.ReportMetric(float64(bytes), "DA-bytes")
				b.ReportMetric(float64(bytes)/float64(train.Len()), "DA-bytes/sample")
				b.ReportMetric(float64(bytes)/float64(train.Len())/785, "ratio-to-idx")
				b.ReportMetric(float64(len(enc)), "manifest-bytes")
				b.ReportMetric(publish.Seconds(), "publish-s")
				b.ReportMetric(fetch.Seconds(), "fetch-s")
			}
		})
	}
}
