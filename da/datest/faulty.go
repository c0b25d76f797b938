package datest

import (
	"context"
	"errors"
	"sync/atomic"

	"github.com/trainrollup/trainrollup/da"
)

// ErrDown is what a Faulty layer's calls return while it is Down, as a
// call to a stopped DA server does.
var ErrDown = errors.New("DA unreachable: connection refused")

// Faulty wraps a DA layer with the faults a test switches on and off, and
// counts what reaches it. The zero switches pass every call through.
type Faulty struct {
	da.Layer
	// Down fails every call with ErrDown (Refused counts submissions
	// refused so).
	Down atomic.Bool
	// FailSubmits fails that many next submissions with ErrDown.
	FailSubmits atomic.Int64
	// Lost stores a submission but fails the call, as a client that
	// crashed before it heard back sees it.
	Lost atomic.Bool
	// Tamper answers Get with the blob's last byte altered.
	Tamper atomic.Bool
	// AfterSubmit, when set before use, is called after each stored
	// submission with the count so far.
	AfterSubmit func(n int64)

	Submits atomic.Int64 // submissions that reached the layer
	Refused atomic.Int64 // submissions refused while Down
	Gets    atomic.Int64 // Get calls that reached the layer
}

var _ da.Layer = (*Faulty)(nil)

func (f *Faulty) Submit(ctx context.Context, blobs []*da.Blob) (uint64, error) {
	if f.Down.Load() {
		f.Refused.Add(1)
		return 0, ErrDown
	}
	for n := f.FailSubmits.Load(); n > 0; n = f.FailSubmits.Load() {
		if f.FailSubmits.CompareAndSwap(n, n-1) {
			return 0, ErrDown
		}
	}
	h, err := f.Layer.Submit(ctx, blobs)
	if err != nil {
		return h, err
	}
	n := f.Submits.Add(1)
	if f.AfterSubmit != nil {
		f.AfterSubmit(n)
	}
	if f.Lost.Load() {
		return 0, errors.New("the connection broke before the DA answered")
	}
	return h, nil
}

func (f *Faulty) Get(ctx context.Context, height uint64, ns da.Namespace, c []byte) (*da.Blob, error) {
	if f.Down.Load() {
		return nil, ErrDown
	}
	f.Gets.Add(1)
	b, err := f.Layer.Get(ctx, height, ns, c)
	if err == nil && f.Tamper.Load() && len(b.Data) > 0 {
		data := append([]byte(nil), b.Data...)
		data[len(data)-1] ^= 2
		b = &da.Blob{Namespace: b.Namespace, Data: data, Commitment: b.Commitment, Index: b.Index}
	}
	return b, err
}

func (f *Faulty) GetAll(ctx context.Context, height uint64, namespaces []da.Namespace) ([]*da.Blob, error) {
	if f.Down.Load() {
		return nil, ErrDown
	}
	return f.Layer.GetAll(ctx, height, namespaces)
}

func (f *Faulty) GetProof(ctx context.Context, height uint64, ns da.Namespace, c []byte) (*da.Proof, error) {
	if f.Down.Load() {
		return nil, ErrDown
	}
	return f.Layer.GetProof(ctx, height, ns, c)
}

func (f *Faulty) Included(ctx context.Context, height uint64, ns da.Namespace, proof *da.Proof, c []byte) (bool, error) {
	if f.Down.Load() {
		return false, ErrDown
	}
	return f.Layer.Included(ctx, height, ns, proof, c)
}

func (f *Faulty) Header(ctx context.Context, height uint64) (*da.Header, error) {
	if f.Down.Load() {
		return nil, ErrDown
	}
	return f.Layer.Header(ctx, height)
}

func (f *Faulty) NetworkHead(ctx context.Context) (*da.Header, error) {
	if f.Down.Load() {
		return nil, ErrDown
	}
	return f.Layer.NetworkHead(ctx)
}
