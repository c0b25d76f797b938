// Package dataset holds training samples in fixed point, the loaders that
// produce them (MNIST idx files, CSV) and the Merkle tree that commits to
// them. Sample encoding, leaf and node hashing and the root are normative:
// spec/dataset.md.
package dataset

import (
	"fmt"
	"slices"

	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/fixed"
)

// Limits (spec/dataset.md#samples).
const (
	MaxSamples  = 1 << 24
	MaxFeatures = 4096
	MaxClasses  = 4096
)

var (
	// ErrFormat reports an input file that does not follow its format.
	ErrFormat = fault.Invalid("malformed dataset")
	// ErrIndex reports a sample index outside the dataset.
	ErrIndex = fault.Invalid("sample index out of range")
)

// Dataset is n samples of Features fixed-point values and a label in
// [0, Classes).
type Dataset struct {
	Name     string
	Features int
	Classes  int
	X        []int32  // sample i is X[i*Features : (i+1)*Features]
	Y        []uint32 // labels
}

// Len returns the number of samples.
func (d *Dataset) Len() int { return len(d.Y) }

// Equal reports whether d and o hold the same samples in the same order,
// of the same width and class count: the same dataset root. Names may
// differ.
func (d *Dataset) Equal(o *Dataset) bool {
	return d.Features == o.Features && d.Classes == o.Classes && slices.Equal(d.X, o.X) && slices.Equal(d.Y, o.Y)
}

// Sample returns the features and label of sample i.
func (d *Dataset) Sample(i int) ([]int32, uint32) {
	return d.X[i*d.Features : (i+1)*d.Features], d.Y[i]
}

// Gather copies the samples at indices into x (sample-major, len(indices)
// x Features values) and their labels into y.
func (d *Dataset) Gather(indices []uint64, x []int32, y []uint32) {
	for b, i := range indices {
		xi, yi := d.Sample(int(i))
		copy(x[b*d.Features:], xi)
		y[b] = yi
	}
}

// Check reports whether d is well formed: sizes within limits, every value
// in range, every label below Classes.
func (d *Dataset) Check() error {
	n := d.Len()
	switch {
	case n == 0:
		return fmt.Errorf("%w: %s has no samples", ErrFormat, d.Name)
	case n > MaxSamples:
		return fmt.Errorf("%w: %s has %d samples, at most %d", ErrFormat, d.Name, n, MaxSamples)
	case d.Features < 1 || d.Features > MaxFeatures:
		return fmt.Errorf("%w: %s has %d features, want 1..%d", ErrFormat, d.Name, d.Features, MaxFeatures)
	case d.Classes < 2 || d.Classes > MaxClasses:
		return fmt.Errorf("%w: %s has %d classes, want 2..%d", ErrFormat, d.Name, d.Classes, MaxClasses)
	case len(d.X) != n*d.Features:
		return fmt.Errorf("%w: %s has %d values for %d samples of %d features", ErrFormat, d.Name, len(d.X), n, d.Features)
	}
	for i, v := range d.X {
		if !fixed.InRange(int64(v)) {
			return fmt.Errorf("%w: %s sample %d feature %d: %w", ErrFormat, d.Name, i/d.Features, i%d.Features, fixed.ErrRange)
		}
	}
	for i, y := range d.Y {
		if int(y) >= d.Classes {
			return fmt.Errorf("%w: %s sample %d: label %d, want < %d", ErrFormat, d.Name, i, y, d.Classes)
		}
	}
	return nil
}

// Split moves every k-th sample (indices i with i mod k = k-1) into a test
// set and keeps the rest for training, preserving order. Iris, sorted by
// class, splits into stratified 120/30 with k = 5.
func (d *Dataset) Split(k int) (train, test *Dataset) {
	train = &Dataset{Name: d.Name + "/train", Features: d.Features, Classes: d.Classes}
	test = &Dataset{Name: d.Name + "/test", Features: d.Features, Classes: d.Classes}
	for i := range d.Len() {
		x, y := d.Sample(i)
		dst := train
		if k > 0 && i%k == k-1 {
			dst = test
		}
		dst.X = append(dst.X, x...)
		dst.Y = append(dst.Y, y)
	}
	return train, test
}
