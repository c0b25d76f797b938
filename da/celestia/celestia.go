// Package celestia speaks the celestia-node JSON-RPC subset a rollup needs
// (blob.Submit, blob.Get, blob.GetAll, blob.GetProof, blob.Included,
// header.GetByHeight, header.NetworkHead) with bearer-token auth, in both
// directions: Client is a da.Layer over that API, and NewHandler serves any
// da.Layer through it (`trainrollup da serve` serves da/local).
//
// Where it sits: between the batcher or a verifier and a DA node in
// another process. Wire formats follow celestia-node: blobs as
// {namespace, data, share_version, commitment, index} with base64 bytes;
// headers as {header: {height, time, data_hash}, dah: {row_roots,
// column_roots}}. Proofs are this project's da.Proof (row NMT proofs and
// row-root paths), not celestia-node's.
//
// Invariants:
//   - da.ErrNotFound, da.ErrBlobTooLarge and da.ErrInvalid survive the wire
//     (typed JSON-RPC errors), so callers match them with errors.Is on
//     either side.
//   - A request without the server's token is refused before any method
//     runs.
package celestia

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/filecoin-project/go-jsonrpc"

	"github.com/trainrollup/trainrollup/da"
)

// Blob is a blob on the wire.
type Blob struct {
	Namespace    []byte `json:"namespace"`
	Data         []byte `json:"data"`
	ShareVersion uint8  `json:"share_version"`
	Commitment   []byte `json:"commitment"`
	Index        int    `json:"index"`
}

func toWire(b *da.Blob) *Blob {
	return &Blob{Namespace: b.Namespace.Bytes(), Data: b.Data, ShareVersion: b.ShareVersion, Commitment: b.Commitment, Index: b.Index}
}

func fromWire(w *Blob) (*da.Blob, error) {
	if w == nil {
		return nil, fmt.Errorf("%w: null blob", da.ErrInvalid)
	}
	ns, err := da.NamespaceFromBytes(w.Namespace)
	if err != nil {
		return nil, err
	}
	return &da.Blob{Namespace: ns, Data: w.Data, ShareVersion: w.ShareVersion, Commitment: w.Commitment, Index: w.Index}, nil
}

// SubmitOptions are celestia-node's submit options; the local layer
// ignores them.
type SubmitOptions struct {
	GasPrice float64 `json:"gas_price,omitempty"`
}

// ExtendedHeader is the subset of celestia-node's header the API returns.
type ExtendedHeader struct {
	Header struct {
		Height   string    `json:"height"`
		Time     time.Time `json:"time"`
		DataHash []byte    `json:"data_hash"`
	} `json:"header"`
	DAH struct {
		RowRoots    [][]byte `json:"row_roots"`
		ColumnRoots [][]byte `json:"column_roots"`
	} `json:"dah"`
}

func headerToWire(h *da.Header) *ExtendedHeader {
	var e ExtendedHeader
	e.Header.Height = strconv.FormatUint(h.Height, 10)
	e.Header.Time = time.Unix(0, h.Time).UTC()
	e.Header.DataHash = h.DataRoot
	e.DAH.RowRoots, e.DAH.ColumnRoots = h.RowRoots, h.ColumnRoots
	return &e
}

func headerFromWire(e *ExtendedHeader) (*da.Header, error) {
	if e == nil {
		return nil, fmt.Errorf("%w: null header", da.ErrInvalid)
	}
	h, err := strconv.ParseUint(e.Header.Height, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("%w: header height %q", da.ErrInvalid, e.Header.Height)
	}
	out := &da.Header{Height: h, Time: e.Header.Time.UnixNano(), SquareSize: len(e.DAH.RowRoots) / 2, DataRoot: e.Header.DataHash,
		RowRoots: e.DAH.RowRoots, ColumnRoots: e.DAH.ColumnRoots}
	if err := da.CheckHeader(out); err != nil {
		return nil, err
	}
	return out, nil
}

// Typed errors, registered with go-jsonrpc so that they keep their kind.
type (
	notFoundError struct{ msg string }
	tooLargeError struct{ msg string }
	invalidError  struct{ msg string }
)

func (e *notFoundError) Error() string { return e.msg }
func (e *notFoundError) Unwrap() error { return da.ErrNotFound }
func (e *tooLargeError) Error() string { return e.msg }
func (e *tooLargeError) Unwrap() error { return da.ErrBlobTooLarge }
func (e *invalidError) Error() string  { return e.msg }
func (e *invalidError) Unwrap() error  { return da.ErrInvalid }

func (e *notFoundError) FromJSONRPCError(j jsonrpc.JSONRPCError) error { e.msg = j.Message; return nil }
func (e *tooLargeError) FromJSONRPCError(j jsonrpc.JSONRPCError) error { e.msg = j.Message; return nil }
func (e *invalidError) FromJSONRPCError(j jsonrpc.JSONRPCError) error  { e.msg = j.Message; return nil }
func (e *notFoundError) ToJSONRPCError() (jsonrpc.JSONRPCError, error) {
	return jsonrpc.JSONRPCError{Code: codeNotFound, Message: e.msg}, nil
}
func (e *tooLargeError) ToJSONRPCError() (jsonrpc.JSONRPCError, error) {
	return jsonrpc.JSONRPCError{Code: codeTooLarge, Message: e.msg}, nil
}
func (e *invalidError) ToJSONRPCError() (jsonrpc.JSONRPCError, error) {
	return jsonrpc.JSONRPCError{Code: codeInvalid, Message: e.msg}, nil
}

const (
	codeNotFound jsonrpc.ErrorCode = 2 + iota
	codeTooLarge
	codeInvalid
)

func wireErrors() jsonrpc.Errors {
	es := jsonrpc.NewErrors()
	es.Register(codeNotFound, new(*notFoundError))
	es.Register(codeTooLarge, new(*tooLargeError))
	es.Register(codeInvalid, new(*invalidError))
	return es
}

// typed gives err the wire type of its kind.
func typed(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, da.ErrNotFound):
		return &notFoundError{err.Error()}
	case errors.Is(err, da.ErrBlobTooLarge):
		return &tooLargeError{err.Error()}
	case errors.Is(err, da.ErrInvalid):
		return &invalidError{err.Error()}
	}
	return err
}

// blobAPI and headerAPI are the served namespaces.
type blobAPI struct{ l da.Layer }
type headerAPI struct{ l da.Layer }

func (a *blobAPI) Submit(ctx context.Context, blobs []*Blob, _ *SubmitOptions) (uint64, error) {
	bs := make([]*da.Blob, len(blobs))
	for i, w := range blobs {
		b, err := fromWire(w)
		if err != nil {
			return 0, typed(err)
		}
		bs[i] = b
	}
	h, err := a.l.Submit(ctx, bs)
	return h, typed(err)
}

func (a *blobAPI) Get(ctx context.Context, height uint64, ns []byte, commitment []byte) (*Blob, error) {
	n, err := da.NamespaceFromBytes(ns)
	if err != nil {
		return nil, typed(err)
	}
	b, err := a.l.Get(ctx, height, n, commitment)
	if err != nil {
		return nil, typed(err)
	}
	return toWire(b), nil
}

func (a *blobAPI) GetAll(ctx context.Context, height uint64, nss [][]byte) ([]*Blob, error) {
	var ns []da.Namespace
	for _, b := range nss {
		n, err := da.NamespaceFromBytes(b)
		if err != nil {
			return nil, typed(err)
		}
		ns = append(ns, n)
	}
	bs, err := a.l.GetAll(ctx, height, ns)
	if err != nil {
		return nil, typed(err)
	}
	out := make([]*Blob, len(bs))
	for i, b := range bs {
		out[i] = toWire(b)
	}
	return out, nil
}

func (a *blobAPI) GetProof(ctx context.Context, height uint64, ns []byte, commitment []byte) (*da.Proof, error) {
	n, err := da.NamespaceFromBytes(ns)
	if err != nil {
		return nil, typed(err)
	}
	p, err := a.l.GetProof(ctx, height, n, commitment)
	return p, typed(err)
}

func (a *blobAPI) Included(ctx context.Context, height uint64, ns []byte, proof *da.Proof, commitment []byte) (bool, error) {
	n, err := da.NamespaceFromBytes(ns)
	if err != nil {
		return false, typed(err)
	}
	ok, err := a.l.Included(ctx, height, n, proof, commitment)
	return ok, typed(err)
}

func (a *headerAPI) GetByHeight(ctx context.Context, height uint64) (*ExtendedHeader, error) {
	h, err := a.l.Header(ctx, height)
	if err != nil {
		return nil, typed(err)
	}
	return headerToWire(h), nil
}

func (a *headerAPI) NetworkHead(ctx context.Context) (*ExtendedHeader, error) {
	h, err := a.l.NetworkHead(ctx)
	if err != nil {
		return nil, typed(err)
	}
	return headerToWire(h), nil
}

// MaxRequestBytes bounds a request to the server (a submission of the
// largest blobs, base64-encoded, with room to spare).
const MaxRequestBytes = 16 << 20

// NewHandler serves l over the API; requests must carry
// "Authorization: Bearer <token>".
func NewHandler(l da.Layer, token string) http.Handler {
	s := jsonrpc.NewServer(jsonrpc.WithServerErrors(wireErrors()), jsonrpc.WithMaxRequestSize(MaxRequestBytes))
	s.Register("blob", &blobAPI{l})
	s.Register("header", &headerAPI{l})
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := []byte(r.Header.Get("Authorization"))
		if token == "" || subtle.ConstantTimeCompare(got, want) != 1 {
			http.Error(w, "unauthorized: missing or wrong bearer token", http.StatusUnauthorized)
			return
		}
		s.ServeHTTP(w, r)
	})
}

// Client is a da.Layer over a celestia-node-style JSON-RPC endpoint.
type Client struct {
	blob struct {
		Submit   func(ctx context.Context, blobs []*Blob, opts *SubmitOptions) (uint64, error)
		Get      func(ctx context.Context, height uint64, ns []byte, commitment []byte) (*Blob, error)
		GetAll   func(ctx context.Context, height uint64, nss [][]byte) ([]*Blob, error)
		GetProof func(ctx context.Context, height uint64, ns []byte, commitment []byte) (*da.Proof, error)
		Included func(ctx context.Context, height uint64, ns []byte, proof *da.Proof, commitment []byte) (bool, error)
	}
	header struct {
		GetByHeight func(ctx context.Context, height uint64) (*ExtendedHeader, error)
		NetworkHead func(ctx context.Context) (*ExtendedHeader, error)
	}
	closers []jsonrpc.ClientCloser
}

var _ da.Layer = (*Client)(nil)

// Dial connects to url (http:// or ws://) with token. Over HTTP nothing is
// held open: a server that is down fails each call, which callers retry.
func Dial(ctx context.Context, url, token string) (*Client, error) {
	if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "ws://") && !strings.HasPrefix(url, "wss://") {
		return nil, fmt.Errorf("DA URL %q: want http(s):// or ws(s)://", url)
	}
	hdr := http.Header{"Authorization": {"Bearer " + token}}
	c := &Client{}
	for ns, out := range map[string]any{"blob": &c.blob, "header": &c.header} {
		closer, err := jsonrpc.NewMergeClient(ctx, url, ns, []any{out}, hdr, jsonrpc.WithErrors(wireErrors()), jsonrpc.WithTimeout(time.Minute))
		if err != nil {
			c.Close()
			return nil, fmt.Errorf("dial DA %s: %w", url, err)
		}
		c.closers = append(c.closers, closer)
	}
	return c, nil
}

// Close closes the connections.
func (c *Client) Close() {
	for _, cl := range c.closers {
		cl()
	}
}

func (c *Client) Submit(ctx context.Context, blobs []*da.Blob) (uint64, error) {
	ws := make([]*Blob, len(blobs))
	for i, b := range blobs {
		ws[i] = toWire(b)
	}
	return c.blob.Submit(ctx, ws, &SubmitOptions{})
}

func (c *Client) Get(ctx context.Context, height uint64, ns da.Namespace, commitment []byte) (*da.Blob, error) {
	w, err := c.blob.Get(ctx, height, ns.Bytes(), commitment)
	if err != nil {
		return nil, err
	}
	return fromWire(w)
}

func (c *Client) GetAll(ctx context.Context, height uint64, nss []da.Namespace) ([]*da.Blob, error) {
	raw := make([][]byte, len(nss))
	for i, n := range nss {
		raw[i] = n.Bytes()
	}
	ws, err := c.blob.GetAll(ctx, height, raw)
	if err != nil {
		return nil, err
	}
	out := make([]*da.Blob, 0, len(ws))
	for _, w := range ws {
		b, err := fromWire(w)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

func (c *Client) GetProof(ctx context.Context, height uint64, ns da.Namespace, commitment []byte) (*da.Proof, error) {
	return c.blob.GetProof(ctx, height, ns.Bytes(), commitment)
}

func (c *Client) Included(ctx context.Context, height uint64, ns da.Namespace, proof *da.Proof, commitment []byte) (bool, error) {
	return c.blob.Included(ctx, height, ns.Bytes(), proof, commitment)
}

func (c *Client) Header(ctx context.Context, height uint64) (*da.Header, error) {
	e, err := c.header.GetByHeight(ctx, height)
	if err != nil {
		return nil, err
	}
	return headerFromWire(e)
}

func (c *Client) NetworkHead(ctx context.Context) (*da.Header, error) {
	e, err := c.header.NetworkHead(ctx)
	if err != nil {
		return nil, err
	}
	return headerFromWire(e)
}
