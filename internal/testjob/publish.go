package testjob

import (
	"context"
	"crypto/ecdsa"
	"testing"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/da/local"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/datastore"
)

// Namespace is the rollup namespace of the tests: the nodes' default.
var Namespace = func() da.Namespace {
	ns, err := da.NewNamespace([]byte("trainrl"))
	if err != nil {
		panic(err)
	}
	return ns
}()

// Publication is a dataset published, for real, to a local DA of its own
// (pebble in a temporary directory, closed at the test's end).
type Publication struct {
	DA       da.Layer
	Data     *dataset.Dataset
	Manifest *dataset.Manifest
	// Raw is RLP(Manifest), what a RegisterDataset carries.
	Raw []byte
}

// Publish publishes d in Namespace to a new local DA.
func Publish(t testing.TB, d *dataset.Dataset) *Publication {
	t.Helper()
	l, err := local.Open(t.TempDir(), local.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return PublishTo(t, l, d)
}

// PublishTo publishes d in Namespace to l.
func PublishTo(t testing.TB, l da.Layer, d *dataset.Dataset) *Publication {
	t.Helper()
	m, err := datastore.Publish(context.Background(), l, Namespace, d, datastore.PublishConfig{})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return &Publication{DA: l, Data: d, Manifest: m, Raw: raw}
}

// Store opens a dataset store over the publication's DA (a cache in a
// temporary directory); with copies, it holds the dataset as a local
// copy as well.
func (p *Publication) Store(t testing.TB, copies bool) *datastore.Store {
	t.Helper()
	s, err := datastore.Open(t.TempDir(), p.DA, Namespace, nil)
	if err != nil {
		t.Fatal(err)
	}
	if copies {
		if _, err := s.Add(p.Data); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// RegisterTx is the signed RegisterDataset of the publication.
func (p *Publication) RegisterTx(t testing.TB, chainID uint64, key *ecdsa.PrivateKey, nonce uint64) []byte {
	t.Helper()
	return Sign(t, chainID, key, &chain.Tx{Type: chain.TxRegisterDataset, Nonce: nonce, Manifest: p.Raw})
}

// Copies is a dataset store that holds local copies of datasets and reads
// no DA: what a replayer of a chain over those datasets needs.
func Copies(t testing.TB, datasets ...*dataset.Dataset) *datastore.Store {
	t.Helper()
	s, err := datastore.Open("", nil, Namespace, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range datasets {
		if _, err := s.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	return s
}
