// Package datest is for tests of DA clients and layers: the conformance
// suite every da.Layer passes (Run, in the manner of go-ethereum's
// ethdb/dbtest: submission and retrieval, share commitments, inclusion
// proofs that verify against the header alone and tampered ones that do
// not, errors for missing, oversized and malformed data), and Faulty, a
// layer with the faults a test switches on and off.
package datest

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/trainrollup/trainrollup/da"
)

// Run runs the suite on a fresh layer from open. maxSubmit is the
// layer's submission limit in bytes (a submission above it must fail).
func Run(t *testing.T, open func(t *testing.T) da.Layer, maxSubmit int) {
	ctx := context.Background()
	nsA, _ := da.NewNamespace([]byte("rollup-a"))
	nsB, _ := da.NewNamespace([]byte("rollup-b"))
	blob := func(ns da.Namespace, size int, seed byte) *da.Blob {
		data := make([]byte, size)
		for i := range data {
			data[i] = seed + byte(i*7)
		}
		b, err := da.NewBlob(ns, data)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	t.Run("SubmitGet", func(t *testing.T) {
		l := open(t)
		if _, err := l.NetworkHead(ctx); !errors.Is(err, da.ErrNotFound) {
			t.Fatalf("head of an empty layer: %v", err)
		}
		small, big, other := blob(nsA, 100, 1), blob(nsA, 70_000, 2), blob(nsB, 3_000, 3)
		h1, err := l.Submit(ctx, []*da.Blob{small, big, other})
		if err != nil {
			t.Fatal(err)
		}
		h2, err := l.Submit(ctx, []*da.Blob{blob(nsB, 10, 4)})
		if err != nil || h2 <= h1 {
			t.Fatalf("second height %d after %d: %v", h2, h1, err)
		}
		for _, want := range []*da.Blob{small, big, other} {
			got, err := l.Get(ctx, h1, want.Namespace, want.Commitment)
			if err != nil {
				t.Fatal(err)
			}
			c, _ := da.Commitment(want.Namespace, want.Data)
			if !bytes.Equal(got.Data, want.Data) || !bytes.Equal(got.Commitment, c) || !got.Namespace.Equals(want.Namespace) || got.Index < 0 {
				t.Fatalf("blob of %d bytes came back different", len(want.Data))
			}
		}
		all, err := l.GetAll(ctx, h1, []da.Namespace{nsA})
		if err != nil || len(all) != 2 {
			t.Fatalf("GetAll(a): %d blobs, %v", len(all), err)
		}
		if all[0].Index >= all[1].Index {
			t.Fatal("GetAll is not in square order")
		}
		if none, err := l.GetAll(ctx, h2, []da.Namespace{nsA}); err != nil || len(none) != 0 {
			t.Fatalf("GetAll of an absent namespace: %d, %v", len(none), err)
		}
		head, err := l.NetworkHead(ctx)
		if err != nil || head.Height != h2 {
			t.Fatalf("head %+v, %v", head, err)
		}
		if _, err := l.Get(ctx, h1, nsA, other.Commitment); !errors.Is(err, da.ErrNotFound) {
			t.Fatalf("a blob under another namespace: %v", err)
		}
		if _, err := l.Get(ctx, h2+1, nsA, small.Commitment); !errors.Is(err, da.ErrNotFound) {
			t.Fatalf("a height beyond the head: %v", err)
		}
		if _, err := l.Header(ctx, h2+5); !errors.Is(err, da.ErrNotFound) {
			t.Fatalf("header beyond the head: %v", err)
		}
	})

	t.Run("Proofs", func(t *testing.T) {
		l := open(t)
		// A blob that spans several rows, beside others.
		target := blob(nsA, 40_000, 9)
		h, err := l.Submit(ctx, []*da.Blob{blob(nsB, 2_000, 1), target, blob(nsA, 500, 2)})
		if err != nil {
			t.Fatal(err)
		}
		hdr, err := l.Header(ctx, h)
		if err != nil {
			t.Fatal(err)
		}
		if err := da.CheckHeader(hdr); err != nil {
			t.Fatal(err)
		}
		p, err := l.GetProof(ctx, h, nsA, target.Commitment)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Rows) < 2 {
			t.Fatalf("a 40 kB blob in %d rows", len(p.Rows))
		}
		got, _ := l.Get(ctx, h, nsA, target.Commitment)
		if err := da.VerifyBlob(hdr, got, p); err != nil {
			t.Fatalf("proof does not verify: %v", err)
		}
		if ok, err := l.Included(ctx, h, nsA, p, target.Commitment); err != nil || !ok {
			t.Fatalf("Included: %v, %v", ok, err)
		}
		// Tampering with the blob, the proof or the header fails.
		tampered := *got
		tampered.Data = append([]byte{}, got.Data...)
		tampered.Data[12345] ^= 1
		if err := da.VerifyBlob(hdr, &tampered, p); err == nil {
			t.Fatal("a changed byte verified")
		}
		tampered.Commitment, _ = da.Commitment(nsA, tampered.Data)
		if err := da.VerifyBlob(hdr, &tampered, p); err == nil {
			t.Fatal("a changed blob with its own commitment verified")
		}
		short := *p
		short.Rows = p.Rows[:len(p.Rows)-1]
		if err := da.VerifyBlob(hdr, got, &short); err == nil {
			t.Fatal("a proof missing a row verified")
		}
		if ok, _ := l.Included(ctx, h, nsA, &short, target.Commitment); ok {
			t.Fatal("Included accepted a proof missing a row")
		}
		shifted := *p
		shifted.Rows = append([]da.RowProof{}, p.Rows...)
		shifted.Rows[0].Row++
		if err := da.VerifyBlob(hdr, got, &shifted); err == nil {
			t.Fatal("a proof for another row verified")
		}
		badRoot := *hdr
		badRoot.DataRoot = append([]byte{}, hdr.DataRoot...)
		badRoot.DataRoot[0] ^= 1
		if err := da.VerifyBlob(&badRoot, got, p); err == nil {
			t.Fatal("a proof verified against another data root")
		}
		other, _ := l.Get(ctx, h, nsA, blob(nsA, 500, 2).Commitment)
		if other == nil || da.VerifyBlob(hdr, other, p) == nil {
			t.Fatal("the proof of one blob verified another")
		}
		if _, err := l.GetProof(ctx, h, nsB, target.Commitment); !errors.Is(err, da.ErrNotFound) {
			t.Fatalf("proof of a blob under another namespace: %v", err)
		}
	})

	t.Run("Limits", func(t *testing.T) {
		l := open(t)
		if _, err := l.Submit(ctx, []*da.Blob{blob(nsA, maxSubmit+1, 1)}); !errors.Is(err, da.ErrBlobTooLarge) {
			t.Fatalf("oversized submission: %v", err)
		}
		if _, err := l.Submit(ctx, nil); !errors.Is(err, da.ErrInvalid) {
			t.Fatalf("empty submission: %v", err)
		}
		bad := blob(nsA, 10, 1)
		bad.Commitment = bytes.Repeat([]byte{1}, 32)
		if _, err := l.Submit(ctx, []*da.Blob{bad}); !errors.Is(err, da.ErrInvalid) {
			t.Fatalf("a blob with a wrong commitment: %v", err)
		}
		if _, err := l.Submit(ctx, []*da.Blob{{Namespace: nsA, Index: -1}}); !errors.Is(err, da.ErrInvalid) {
			t.Fatalf("an empty blob: %v", err)
		}
		// Nothing above made a height.
		if _, err := l.NetworkHead(ctx); !errors.Is(err, da.ErrNotFound) {
			t.Fatalf("refused submissions made a height: %v", err)
		}
	})
}
