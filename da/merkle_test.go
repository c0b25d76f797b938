package da

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/celestiaorg/go-square/v3/inclusion"
	"github.com/celestiaorg/go-square/v3/share"
	"github.com/celestiaorg/merkletree"
)

// TestMerkleRoot checks the RFC 6962 root against an independent
// implementation (the merkle tree rsmt2d uses, with the same prefixes) for
// every size up to 40, the empty tree, and every proof of every size.
func TestMerkleRoot(t *testing.T) {
	if got := hex.EncodeToString(MerkleRoot(nil)); got != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Fatalf("empty root %s", got)
	}
	for n := 1; n <= 40; n++ {
		items := make([][]byte, n)
		ref := merkletree.New(sha256.New())
		for i := range items {
			items[i] = []byte(fmt.Sprintf("item %d", i))
			ref.Push(items[i])
		}
		root := MerkleRoot(items)
		if !bytes.Equal(root, ref.Root()) {
			t.Fatalf("%d items: root differs from the reference", n)
		}
		for i := range items {
			p := NewMerkleProof(items, i)
			if !p.Verify(root, items[i]) {
				t.Fatalf("%d items: proof of %d does not verify", n, i)
			}
			if p.Verify(root, []byte("other")) {
				t.Fatalf("%d items: proof of %d verifies another item", n, i)
			}
			if n > 1 {
				bad := p
				bad.Index = (i + 1) % n
				if bad.Verify(root, items[i]) {
					t.Fatalf("%d items: proof of %d verifies at another index", n, i)
				}
			}
		}
	}
}

// TestCommitmentMatchesGoSquare checks that Commitment is go-square's share
// commitment: go-square's own test vector (a 2-share blob, two-leaf root)
// through the same share splitting, and the RFC 6962 commitment of blobs of
// many sizes against inclusion.CreateCommitment with the reference tree.
func TestCommitmentMatchesGoSquare(t *testing.T) {
	ns1 := share.MustNewV0Namespace(bytes.Repeat([]byte{1}, share.NamespaceVersionZeroIDSize))
	sb, err := share.NewV0Blob(ns1, bytes.Repeat([]byte{0xff}, share.AvailableBytesFromSparseShares(2)))
	if err != nil {
		t.Fatal(err)
	}
	twoLeaf := func(d [][]byte) []byte {
		h1, h2 := sha256.Sum256(d[0]), sha256.Sum256(d[1])
		s := sha256.Sum256(append(h1[:], h2[:]...))
		return s[:]
	}
	got, err := inclusion.CreateCommitment(sb, twoLeaf, SubtreeRootThreshold)
	if err != nil {
		t.Fatal(err)
	}
	if hex.EncodeToString(got) != "31f5156d5db9a7f5b43b297a14c070c2cc4ef3d69d87ed08addd216d9b9fa118" {
		t.Fatalf("go-square's vector: %x", got)
	}
	ns, err := NewNamespace([]byte("trainrl"))
	if err != nil {
		t.Fatal(err)
	}
	refRoot := func(d [][]byte) []byte {
		tr := merkletree.New(sha256.New())
		for _, x := range d {
			tr.Push(x)
		}
		return tr.Root()
	}
	for _, size := range []int{1, 478, 479, 5000, 100_000, 600_000} {
		data := bytes.Repeat([]byte{byte(size)}, size)
		c, err := Commitment(ns, data)
		if err != nil {
			t.Fatal(err)
		}
		sb, _ := share.NewV0Blob(ns, data)
		want, err := inclusion.CreateCommitment(sb, refRoot, SubtreeRootThreshold)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(c, want) {
			t.Fatalf("%d bytes: commitment %x, go-square with the reference root %x", size, c, want)
		}
	}
	if _, err := NewNamespace(nil); err == nil {
		t.Fatal("empty namespace id accepted")
	}
	if _, err := Commitment(ns, nil); err == nil {
		t.Fatal("empty blob accepted")
	}
}
