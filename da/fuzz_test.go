package da

import (
	"encoding/json"
	"testing"
)

// FuzzBlobProof decodes arbitrary proofs (JSON, as the wire carries them)
// and checks them against a real blob and header: nothing panics, and only
// a proof that is the real one's bytes verifies.
func FuzzBlobProof(f *testing.F) {
	ns, _ := NewNamespace([]byte("fuzz"))
	data := make([]byte, 3000)
	for i := range data {
		data[i] = byte(i)
	}
	b, _ := NewBlob(ns, data)
	other, _ := NewBlob(ns, []byte("neighbour"))
	sq, err := BuildSquare([]*Blob{other, b}, 64)
	if err != nil {
		f.Fatal(err)
	}
	rows, cols, root, err := sq.Roots()
	if err != nil {
		f.Fatal(err)
	}
	h := &Header{Height: 1, SquareSize: sq.Width, DataRoot: root, RowRoots: rows, ColumnRoots: cols}
	p, err := sq.Prove(sq.Starts[1], ShareCount(len(data)))
	if err != nil {
		f.Fatal(err)
	}
	if err := VerifyBlob(h, b, p); err != nil {
		f.Fatal(err)
	}
	good, _ := json.Marshal(p)
	f.Add(good)
	f.Add([]byte(`{"rows":[]}`))
	f.Add([]byte(`{"rows":[{"row":0,"shares":{"start":0,"end":1,"nodes":[]},"row_root":"","row_in_data_root":{"index":0,"total":1,"aunts":[]}}]}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var q Proof
		if err := json.Unmarshal(raw, &q); err != nil {
			return
		}
		err := VerifyBlob(h, b, &q)
		if err == nil {
			again, _ := json.Marshal(&q)
			if string(again) != string(good) {
				t.Fatalf("a proof other than the real one verified: %s", raw)
			}
		}
	})
}
