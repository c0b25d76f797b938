package l1_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/l1/bindings"
)

// TestClassifierCheck reads a job's model as the bridge publishes it
// (none before the job is finalized) and checks it on the on-chain
// classifier: it answers as the executor on every Iris sample, weights L1
// did not finalize are refused, and held-out samples of another width are
// refused before anything is sent.
func TestClassifierCheck(t *testing.T) {
	ctx := t.Context()
	s := newFinalizeSetup(t)
	abiC := bindings.NewOnchainClassifier()
	classifier := s.deploy(s.deployer, common.FromHex(bindings.OnchainClassifierMetaData.Bin), abiC.PackConstructor(s.bridge, 1, []uint16{4, 8, 3}))
	if _, _, err := l1.PublishedModel(ctx, s.client, classifier, s.a, 0); !errors.Is(err, l1.ErrNoModel) {
		t.Fatalf("the model of a job not finalized: %v, want ErrNoModel", err)
	}
	if err := s.finalize(s.b1, l1.LeafOf(s.jobs[s.a]), s.tr.path(s.a)); err != nil {
		t.Fatal(err)
	}
	w := s.weights[s.a]
	wc := w.Commitment()
	bridge, mc, err := l1.PublishedModel(ctx, s.client, classifier, s.a, time.Minute)
	if want := common.Hash(wc.Bytes()); err != nil || bridge != s.bridge || mc != want {
		t.Fatalf("published model: bridge %s, commitment %s (%v); want %s, %s", bridge, mc, err, s.bridge, want)
	}

	// From here the transaction manager sends: mine a block every 10 ms.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
				s.sim.Commit()
			}
		}
	})
	defer wg.Wait()
	defer close(stop)
	txm, err := l1.NewTxManager(ctx, s.client, s.alice.key, l1.TxConfig{PollInterval: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	cls := l1.NewClassifier(classifier, txm)
	p := s.jobs[s.a].Params
	a, err := cls.Check(ctx, s.a, p, w.Flat, s.tr.d)
	if err != nil {
		t.Fatal(err)
	}
	if a.Samples != s.tr.d.Len() || a.Agree() != a.Samples || len(a.Disagree) != 0 || a.Correct == 0 || a.Accuracy() != float64(a.Correct)/float64(a.Samples) {
		t.Fatalf("check on %d samples: %+v (agree %d, accuracy %v)", s.tr.d.Len(), a, a.Agree(), a.Accuracy())
	}

	tampered := append([]int32(nil), w.Flat...)
	tampered[0]++
	if _, err := cls.Check(ctx, s.a, p, tampered, s.tr.d); err == nil {
		t.Fatal("the classifier loaded weights L1 did not finalize")
	}
	narrow := &dataset.Dataset{Name: "narrow", Features: 3, Classes: 3, X: make([]int32, 6), Y: make([]uint32, 2)}
	if _, err := cls.Check(ctx, s.a, p, w.Flat, narrow); err == nil {
		t.Fatal("held-out samples of 3 features for a model of 4")
	}
}
