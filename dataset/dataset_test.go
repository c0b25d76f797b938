package dataset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/fixed"
)

func TestParseCSV(t *testing.T) {
	d, err := ParseCSV(strings.NewReader("a,b,label\n1.5,-2,0\n0.25,3e-1,2\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != 2 || d.Features != 2 || d.Classes != 3 {
		t.Fatalf("got %d samples, %d features, %d classes", d.Len(), d.Features, d.Classes)
	}
	x, y := d.Sample(1)
	if x[0] != fixed.One/4 || x[1] != 19661 || y != 2 {
		t.Fatalf("sample 1 = %v %d", x, y)
	}
}

func TestParseCSVErrors(t *testing.T) {
	tests := map[string]string{
		"nan":          "1,NaN,0\n",
		"inf":          "1,2,0\n1,+Inf,1\n",
		"text":         "1,2,0\n1,two,1\n",
		"label text":   "1,2,zero\n",
		"label neg":    "1,2,-1\n",
		"label frac":   "1,2,1.5\n",
		"label big":    "1,2,99999\n",
		"ragged":       "1,2,0\n1,1\n",
		"one column":   "0\n1\n",
		"empty":        "",
		"header only":  "a,b,c\n",
		"out of range": "1000,2,0\n",
		"quote":        "1,\"2,0\n",
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseCSV(strings.NewReader(in)); !errors.Is(err, ErrFormat) {
				t.Fatalf("err = %v, want ErrFormat", err)
			}
		})
	}
}

func TestLoadIris(t *testing.T) {
	d, err := LoadCSV("../testdata/iris.csv")
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != 150 || d.Features != 4 || d.Classes != 3 {
		t.Fatalf("iris: %d samples, %d features, %d classes", d.Len(), d.Features, d.Classes)
	}
	train, test := d.Split(5)
	if train.Len() != 120 || test.Len() != 30 {
		t.Fatalf("split %d/%d", train.Len(), test.Len())
	}
	counts := map[uint32]int{}
	for _, y := range test.Y {
		counts[y]++
	}
	if counts[0] != 10 || counts[1] != 10 || counts[2] != 10 {
		t.Fatalf("test split not stratified: %v", counts)
	}
}

func idxImages(n, rows, cols uint32, pix []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, idxImagesMagic)
	b = binary.BigEndian.AppendUint32(b, n)
	b = binary.BigEndian.AppendUint32(b, rows)
	b = binary.BigEndian.AppendUint32(b, cols)
	return append(b, pix...)
}

func idxLabels(labels []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, idxLabelsMagic)
	b = binary.BigEndian.AppendUint32(b, uint32(len(labels)))
	return append(b, labels...)
}

func TestIDX(t *testing.T) {
	pix := []byte{0, 255, 128, 64, 10, 20, 30, 40}
	imgs, err := ParseIDXImages(bytes.NewReader(idxImages(2, 2, 2, pix)))
	if err != nil {
		t.Fatal(err)
	}
	labels, err := ParseIDXLabels(bytes.NewReader(idxLabels([]byte{3, 9})))
	if err != nil {
		t.Fatal(err)
	}
	d, err := FromImages("t", imgs, labels, false)
	if err != nil {
		t.Fatal(err)
	}
	if d.X[0] != 0 || d.X[1] != fixed.One || d.X[2] != (128<<16+127)/255 || d.Y[1] != 9 {
		t.Fatalf("converted %v %v", d.X, d.Y)
	}
	p, err := FromImages("t", imgs, labels, true)
	if err != nil {
		t.Fatal(err)
	}
	if p.Features != 1 || p.X[0] != int32(((0+255+128+64)<<16+510)/1020) {
		t.Fatalf("pooled %v", p.X)
	}
}

func TestIDXErrors(t *testing.T) {
	good := idxImages(2, 2, 2, make([]byte, 8))
	cases := map[string][]byte{
		"empty":           nil,
		"short header":    good[:10],
		"truncated":       good[:len(good)-1],
		"trailing":        append(append([]byte(nil), good...), 0),
		"bad magic":       append([]byte{0, 0, 8, 1}, good[4:]...),
		"zero rows":       idxImages(2, 0, 2, nil),
		"huge count":      idxImages(1<<30, 28, 28, nil),
		"huge side":       idxImages(1, 5000, 5000, nil),
		"too many pixels": idxImages(1, 100, 100, nil),
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseIDXImages(bytes.NewReader(in)); !errors.Is(err, ErrFormat) {
				t.Fatalf("err = %v, want ErrFormat", err)
			}
		})
	}
	lab := idxLabels([]byte{1, 2, 3})
	for name, in := range map[string][]byte{"truncated": lab[:len(lab)-1], "magic": append([]byte{0, 0, 8, 3}, lab[4:]...), "empty": nil} {
		t.Run("labels "+name, func(t *testing.T) {
			if _, err := ParseIDXLabels(bytes.NewReader(in)); !errors.Is(err, ErrFormat) {
				t.Fatalf("err = %v, want ErrFormat", err)
			}
		})
	}
	imgs, _ := ParseIDXImages(bytes.NewReader(good))
	if _, err := FromImages("t", imgs, []byte{1}, false); !errors.Is(err, ErrFormat) {
		t.Fatalf("count mismatch: %v", err)
	}
	if _, err := FromImages("t", imgs, []byte{1, 10}, false); !errors.Is(err, ErrFormat) {
		t.Fatalf("label 10: %v", err)
	}
}

func TestTree(t *testing.T) {
	for _, n := range []int{1, 2, 3, 5, 8, 9} {
		d := &Dataset{Name: "t", Features: 3, Classes: 2}
		for i := range n {
			d.X = append(d.X, int32(i), int32(-i), fixed.Max)
			d.Y = append(d.Y, uint32(i%2))
		}
		tr, err := NewTree(d)
		if err != nil {
			t.Fatal(err)
		}
		if tr.Depth() != Depth(n) {
			t.Fatalf("n=%d depth %d", n, tr.Depth())
		}
		for i := range n {
			x, y := d.Sample(i)
			p, err := tr.Proof(i)
			if err != nil {
				t.Fatal(err)
			}
			leaf := Leaf(x, y)
			if !Verify(tr.Root(), leaf, uint64(i), p) {
				t.Fatalf("n=%d: proof %d does not verify", n, i)
			}
			if n > 1 {
				if Verify(tr.Root(), leaf, uint64(i^1), p) {
					t.Fatalf("n=%d: proof %d verifies at the wrong index", n, i)
				}
				if Verify(tr.Root(), leaf, uint64(i)+1<<uint(len(p)), p) {
					t.Fatalf("n=%d: index beyond the tree accepted", n)
				}
				bad := append([]commit.Element(nil), p...)
				bad[0].SetUint64(12345)
				if Verify(tr.Root(), leaf, uint64(i), bad) {
					t.Fatalf("n=%d: tampered sibling accepted", n)
				}
			}
			if Verify(tr.Root(), Leaf(x, y+1), uint64(i), p) {
				t.Fatalf("n=%d: wrong label accepted", n)
			}
		}
		if _, err := tr.Proof(n); !errors.Is(err, ErrIndex) {
			t.Fatalf("proof past the end: %v", err)
		}
	}
}

func FuzzParseCSV(f *testing.F) {
	f.Add("a,b,label\n1.5,-2,0\n0.25,3e-1,2\n")
	f.Add("1,NaN,0\n")
	f.Add("1,2\n3,4\n")
	f.Fuzz(func(t *testing.T, in string) {
		d, err := ParseCSV(strings.NewReader(in))
		if err != nil {
			return
		}
		if err := d.Check(); err != nil {
			t.Fatalf("accepted a dataset that fails Check: %v", err)
		}
	})
}

func FuzzParseIDX(f *testing.F) {
	f.Add(idxImages(1, 2, 2, []byte{1, 2, 3, 4}), idxLabels([]byte{5}))
	f.Add(idxImages(1, 2, 2, []byte{1, 2, 3}), idxLabels([]byte{}))
	f.Fuzz(func(t *testing.T, imgBytes, labelBytes []byte) {
		imgs, err := ParseIDXImages(bytes.NewReader(imgBytes))
		if err != nil {
			return
		}
		if len(imgs.Pixels) != imgs.N*imgs.Rows*imgs.Cols {
			t.Fatal("pixel count does not match the header")
		}
		labels, err := ParseIDXLabels(bytes.NewReader(labelBytes))
		if err != nil {
			return
		}
		if d, err := FromImages("f", imgs, labels, imgs.Rows%2 == 0 && imgs.Cols%2 == 0); err == nil {
			if err := d.Check(); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestLoadMNISTUncompressed reads idx files without the .gz suffix, as
// distributed after gunzip.
func TestLoadMNISTUncompressed(t *testing.T) {
	dir := t.TempDir()
	pix := make([]byte, 3*4*4)
	for i := range pix {
		pix[i] = byte(i * 5)
	}
	files := map[string][]byte{
		"train-images-idx3-ubyte": idxImages(3, 4, 4, pix), "train-labels-idx1-ubyte": idxLabels([]byte{1, 2, 3}),
		"t10k-images-idx3-ubyte": idxImages(3, 4, 4, pix), "t10k-labels-idx1-ubyte": idxLabels([]byte{4, 5, 6}),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	train, test, err := LoadMNIST(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	if train.Len() != 3 || test.Features != 4 || test.Y[2] != 6 {
		t.Fatalf("train %d samples, test %d features, label %d", train.Len(), test.Features, test.Y[2])
	}
	if _, _, err := LoadMNIST(t.TempDir(), false); err == nil {
		t.Fatal("an empty directory loaded")
	}
}

func TestEqual(t *testing.T) {
	a := &Dataset{Name: "a", Features: 2, Classes: 2, X: []int32{1, 2, 3, 4}, Y: []uint32{0, 1}}
	b := &Dataset{Name: "b", Features: 2, Classes: 2, X: []int32{1, 2, 3, 4}, Y: []uint32{0, 1}}
	if !a.Equal(b) {
		t.Fatal("datasets that differ in name only are not Equal")
	}
	for _, change := range []func(d *Dataset){
		func(d *Dataset) { d.X[3] = 5 },
		func(d *Dataset) { d.Y[1] = 0 },
		func(d *Dataset) { d.Classes = 3 },
		func(d *Dataset) { d.Features, d.X = 4, d.X[:4] },
		func(d *Dataset) { d.X, d.Y = d.X[:2], d.Y[:1] },
	} {
		c := &Dataset{Features: b.Features, Classes: b.Classes, X: slices.Clone(b.X), Y: slices.Clone(b.Y)}
		change(c)
		if a.Equal(c) {
			t.Errorf("Equal to %+v", c)
		}
	}
}
