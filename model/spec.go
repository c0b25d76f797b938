// Package model describes a network: its shape and loss (Spec), its weights
// and their deterministic initialisation. The encoding, the hash and the
// initialisation are normative: spec/model.md.
package model

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/fault"
)

// Loss selects the loss function and so the output-layer gradient.
type Loss uint8

const (
	// SoftmaxCE is softmax cross-entropy over the output logits, with the
	// integer softmax of spec/model.md#softmax.
	SoftmaxCE Loss = 1
	// MSE is the squared error against a one-hot target.
	MSE Loss = 2
)

func (l Loss) String() string {
	switch l {
	case SoftmaxCE:
		return "ce"
	case MSE:
		return "mse"
	}
	return fmt.Sprintf("loss(%d)", uint8(l))
}

// ParseLoss parses "ce" or "mse".
func ParseLoss(s string) (Loss, error) {
	switch s {
	case "ce", "softmax-ce", "cross-entropy":
		return SoftmaxCE, nil
	case "mse":
		return MSE, nil
	}
	return 0, fmt.Errorf("%w: loss %q (want ce or mse)", ErrInvalidSpec, s)
}

// Limits of a spec (spec/model.md#limits). They keep every accumulator of
// spec/fixedpoint.md inside int64.
const (
	MaxLayers = 16   // dense layers
	MaxWidth  = 4096 // units in any layer, input included
	MaxParams = 1 << 24
	Version   = 1
)

// ErrInvalidSpec reports a model spec that breaks spec/model.md.
var ErrInvalidSpec = fault.Invalid("invalid model spec")

// Spec is a multilayer perceptron: Widths[0] inputs, dense layers of
// Widths[1..], ReLU after every layer but the last, and a loss.
type Spec struct {
	Widths []int
	Loss   Loss
}

// Check reports whether s respects spec/model.md#limits.
func (s Spec) Check() error {
	if s.Loss != SoftmaxCE && s.Loss != MSE {
		return fmt.Errorf("%w: unknown loss %d", ErrInvalidSpec, s.Loss)
	}
	if len(s.Widths) < 2 {
		return fmt.Errorf("%w: need an input width and at least one layer, got %d widths", ErrInvalidSpec, len(s.Widths))
	}
	if len(s.Widths)-1 > MaxLayers {
		return fmt.Errorf("%w: %d layers, at most %d", ErrInvalidSpec, len(s.Widths)-1, MaxLayers)
	}
	for i, w := range s.Widths {
		if w < 1 || w > MaxWidth {
			return fmt.Errorf("%w: width %d of layer %d outside [1, %d]", ErrInvalidSpec, w, i, MaxWidth)
		}
	}
	if s.Classes() < 2 {
		return fmt.Errorf("%w: output width %d, need at least 2 classes", ErrInvalidSpec, s.Classes())
	}
	if n := s.NumParams(); n > MaxParams {
		return fmt.Errorf("%w: %d parameters, at most %d", ErrInvalidSpec, n, MaxParams)
	}
	return nil
}

// Layers returns the number of dense layers.
func (s Spec) Layers() int { return len(s.Widths) - 1 }

// Inputs returns the input width.
func (s Spec) Inputs() int { return s.Widths[0] }

// Classes returns the output width.
func (s Spec) Classes() int { return s.Widths[len(s.Widths)-1] }

// NumParams returns the number of weights and biases.
func (s Spec) NumParams() int {
	n := 0
	for l := 1; l < len(s.Widths); l++ {
		n += s.Widths[l]*s.Widths[l-1] + s.Widths[l]
	}
	return n
}

// MACs returns the multiply-accumulates of one training step on a batch:
// forward, the weight gradients and the back-propagated errors.
func (s Spec) MACs(batch int) int64 {
	var n int64
	for l := 1; l < len(s.Widths); l++ {
		m := int64(s.Widths[l]) * int64(s.Widths[l-1]) * int64(batch)
		n += 2 * m // forward and weight gradient
		if l > 1 {
			n += m // error propagated to layer l-1
		}
	}
	return n
}

// String renders s as "196-16-10" (with ":mse" for MSE).
func (s Spec) String() string {
	parts := make([]string, len(s.Widths))
	for i, w := range s.Widths {
		parts[i] = strconv.Itoa(w)
	}
	out := strings.Join(parts, "-")
	if s.Loss == MSE {
		out += ":mse"
	}
	return out
}

// Parse parses the text form: widths joined by '-', optionally followed by
// ":ce" or ":mse" (default ce). "196-16-10" is 196 inputs, a hidden layer of
// 16 and 10 classes.
func Parse(text string) (Spec, error) {
	shape, loss, hasLoss := strings.Cut(strings.TrimSpace(text), ":")
	s := Spec{Loss: SoftmaxCE}
	if hasLoss {
		l, err := ParseLoss(loss)
		if err != nil {
			return Spec{}, err
		}
		s.Loss = l
	}
	fields := strings.Split(shape, "-")
	if len(fields) > MaxLayers+1 {
		return Spec{}, fmt.Errorf("%w: %d widths, at most %d", ErrInvalidSpec, len(fields), MaxLayers+1)
	}
	for _, f := range fields {
		w, err := strconv.Atoi(f)
		if err != nil || f == "" || f[0] < '0' || f[0] > '9' || (len(f) > 1 && f[0] == '0') {
			return Spec{}, fmt.Errorf("%w: width %q is not a number (want e.g. 196-16-10)", ErrInvalidSpec, f)
		}
		s.Widths = append(s.Widths, w)
	}
	if err := s.Check(); err != nil {
		return Spec{}, err
	}
	return s, nil
}

// MarshalBinary encodes s as spec/model.md#encoding: version (1 byte), loss
// (1 byte), number of widths (1 byte), then each width as a big-endian
// uint16.
func (s Spec) MarshalBinary() ([]byte, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	b := []byte{Version, byte(s.Loss), byte(len(s.Widths))}
	for _, w := range s.Widths {
		b = binary.BigEndian.AppendUint16(b, uint16(w))
	}
	return b, nil
}

// UnmarshalBinary decodes spec/model.md#encoding, rejecting trailing bytes
// and anything Check rejects.
func (s *Spec) UnmarshalBinary(b []byte) error {
	d, err := decodeLayout(b)
	if err != nil {
		return err
	}
	if err := d.Check(); err != nil {
		return err
	}
	*s = d
	return nil
}

// decodeLayout reads the encoding's layout (version, length) without the
// limits of Check.
func decodeLayout(b []byte) (Spec, error) {
	if len(b) < 3 {
		return Spec{}, fmt.Errorf("%w: %d bytes, need at least 3", ErrInvalidSpec, len(b))
	}
	if b[0] != Version {
		return Spec{}, fmt.Errorf("%w: version %d, want %d", ErrInvalidSpec, b[0], Version)
	}
	n := int(b[2])
	if len(b) != 3+2*n {
		return Spec{}, fmt.Errorf("%w: %d widths need %d bytes, got %d", ErrInvalidSpec, n, 3+2*n, len(b))
	}
	d := Spec{Loss: Loss(b[1]), Widths: make([]int, n)}
	for i := range d.Widths {
		d.Widths[i] = int(binary.BigEndian.Uint16(b[3+2*i:]))
	}
	return d, nil
}

// HashEncoding is the model hash of an encoding that has the layout of
// spec/model.md#encoding (version 1, 3 + 2 count bytes), valid model or
// not: the hash the L1 bridge computes of a requested model
// (spec/bridge.md#jobs), which the rollup must reproduce for the requests it
// rejects too.
func HashEncoding(b []byte) (commit.Element, error) {
	d, err := decodeLayout(b)
	if err != nil {
		return commit.Element{}, err
	}
	return d.Hash(), nil
}

// Hash is the model spec hash H(TagModel, version, loss, n, w_0, ..., w_{n-1})
// (spec/model.md#hash).
func (s Spec) Hash() commit.Element {
	var h commit.Hasher
	h.WriteUint64(commit.TagModel)
	h.WriteUint64(Version)
	h.WriteUint64(uint64(s.Loss))
	h.WriteUint64(uint64(len(s.Widths)))
	for _, w := range s.Widths {
		h.WriteUint64(uint64(w))
	}
	return h.Sum()
}
