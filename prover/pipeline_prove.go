package prover

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/cockroachdb/pebble/v2"
	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/witness"

	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/model"
)

// Memory estimates per constraint: peak RSS of a proof over its constraint
// count, rounded up, from make chain-bench (Iris k 32 step proof 2.4 GiB
// for 769,604 constraints; aggregation of 32, 4.4 GiB for 1,107,176; wrap,
// 7.7 GiB for 4,922,278 with Go's default GC).
var bytesPerConstraint = map[ecc.ID]int64{ecc.BLS12_377: 3400, ecc.BW6_761: 4300, ecc.BN254: 1700}

// estimate is a task's memory estimate: from its circuit's size once its
// keys are loaded, else the whole budget (it runs alone). Called with p.mu
// held.
func (p *Pipeline) estimate(t *task) int64 {
	if n, ok := p.sizes[t.Circuit]; ok {
		return n
	}
	return p.cfg.MemoryBudget
}

func (t *task) shape() (circuits.StepShape, error) {
	spec, err := model.Parse(t.Model)
	if err != nil {
		return circuits.StepShape{}, fmt.Errorf("task %s: %w", t.ID, err)
	}
	return circuits.StepShape{Model: spec, Batch: t.Batch, DatasetDepth: t.Depth, Steps: t.Steps}, nil
}

// stepShape returns the shape of step task id and its circuit name.
func (p *Pipeline) stepShape(id string) (circuits.StepShape, string, error) {
	p.mu.Lock()
	t := p.tasks[id]
	p.mu.Unlock()
	shape, err := t.shape()
	return shape, t.Circuit, err
}

// stepKeys loads (lazily, once) the keys of the step task id's shape.
func (p *Pipeline) stepKeys(id string) (*Keys, error) {
	shape, circuit, err := p.stepShape(id)
	if err != nil {
		return nil, err
	}
	return p.loadKeys(circuit, func() (*Keys, error) { return p.keys.StepKeys(shape) })
}

// loadKeys returns the keys of circuit name, loading (or generating) them
// with setup the first time, and records the circuit's memory estimate.
func (p *Pipeline) loadKeys(name string, setup func() (*Keys, error)) (*Keys, error) {
	p.keyMu.Lock()
	defer p.keyMu.Unlock()
	if k, ok := p.loaded[name]; ok {
		return k, nil
	}
	k, err := setup()
	if err != nil {
		return nil, err
	}
	p.loaded[name] = k
	p.mu.Lock()
	p.sizes[name] = int64(k.CCS.GetNbConstraints()) * bytesPerConstraint[k.Curve]
	p.mu.Unlock()
	return k, nil
}

// Prepare loads the keys of the proof chain of step circuit shape (step,
// aggregation of the pipeline's slots, wrap), generating those this
// machine lacks (minutes, with the key store's progress), so that the
// first proofs do not wait for them.
func (p *Pipeline) Prepare(shape circuits.StepShape) error {
	stepName := "step/" + shape.String()
	step, err := p.loadKeys(stepName, func() (*Keys, error) { return p.keys.StepKeys(shape) })
	if err != nil {
		return err
	}
	aggName := fmt.Sprintf("aggregate/n%d/%s", p.cfg.Slots, stepName)
	agg, err := p.loadKeys(aggName, func() (*Keys, error) { return p.keys.AggregateKeys(step, p.cfg.Slots) })
	if err != nil {
		return err
	}
	_, err = p.loadKeys("wrap/"+aggName, func() (*Keys, error) { return p.keys.WrapKeys(agg) })
	return err
}

func (p *Pipeline) aggregateKeys(t *task) (*Keys, error) {
	step, err := p.stepKeys(t.Deps[0])
	if err != nil {
		return nil, err
	}
	return p.loadKeys(t.Circuit, func() (*Keys, error) { return p.keys.AggregateKeys(step, t.Slots) })
}

// proveTask proves one task and returns its encoded result.
func (p *Pipeline) proveTask(_ context.Context, t *task) ([]byte, error) {
	switch t.Kind {
	case StepTask:
		keys, err := p.stepKeys(t.ID)
		if err != nil {
			return nil, err
		}
		input, closer, err := p.db.Get([]byte("w/" + t.ID))
		if err != nil {
			return nil, fmt.Errorf("task %s: witness: %w", t.ID, err)
		}
		full, err := witness.New(ecc.BLS12_377.ScalarField())
		if err == nil {
			err = full.UnmarshalBinary(input)
		}
		closer.Close()
		if err != nil {
			return nil, fmt.Errorf("task %s: witness: %w", t.ID, err)
		}
		public, err := full.Public()
		if err != nil {
			return nil, err
		}
		proof, err := groth16.Prove(keys.CCS, keys.PK, full, proverOptions())
		if err != nil {
			return nil, fmt.Errorf("prove %s: %w", t.ID, err)
		}
		return encodeStepResult(proof, public)

	case AggregateTask:
		keys, err := p.aggregateKeys(t)
		if err != nil {
			return nil, err
		}
		steps := make([]*StepProof, len(t.Deps))
		for i, d := range t.Deps {
			if steps[i], err = p.StepResult(d); err != nil {
				return nil, err
			}
		}
		agg, err := ProveAggregate(keys, t.Slots, t.ChainID, t.First, t.Last, steps)
		if err != nil {
			return nil, err
		}
		return encodeClaimProof(&agg.Claim, agg.Proof)

	case WrapTask:
		p.mu.Lock()
		aggTask := p.tasks[t.Deps[0]]
		p.mu.Unlock()
		aggKeys, err := p.aggregateKeys(aggTask)
		if err != nil {
			return nil, err
		}
		keys, err := p.loadKeys(t.Circuit, func() (*Keys, error) { return p.keys.WrapKeys(aggKeys) })
		if err != nil {
			return nil, err
		}
		agg, err := p.AggregateResult(aggTask.ID)
		if err != nil {
			return nil, err
		}
		w, err := ProveWrap(keys, agg)
		if err != nil {
			return nil, err
		}
		return encodeClaimProof(&w.Claim, w.Proof)
	}
	return nil, fmt.Errorf("task %s: unknown kind %d", t.ID, t.Kind)
}

// Results: a step task's is the proof then the public witness, each with a
// 4-byte length; an aggregate or wrap task's is the claim (152 bytes) then
// the proof.

func encodeStepResult(proof groth16.Proof, public witness.Witness) ([]byte, error) {
	var buf bytes.Buffer
	if err := writeFramed(&buf, proof.WriteRawTo); err != nil {
		return nil, err
	}
	pub, err := public.MarshalBinary()
	if err != nil {
		return nil, err
	}
	buf.Write(binary.BigEndian.AppendUint32(nil, uint32(len(pub))))
	buf.Write(pub)
	return buf.Bytes(), nil
}

func writeFramed(buf *bytes.Buffer, write func(io.Writer) (int64, error)) error {
	var body bytes.Buffer
	if _, err := write(&body); err != nil {
		return err
	}
	buf.Write(binary.BigEndian.AppendUint32(nil, uint32(body.Len())))
	buf.Write(body.Bytes())
	return nil
}

func encodeClaimProof(c *circuits.Claim, proof groth16.Proof) ([]byte, error) {
	var buf bytes.Buffer
	buf.Write(c.Encode())
	if _, err := proof.WriteRawTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ErrNotDone reports a result asked of a task that is not done.
var ErrNotDone = errors.New("task not done")

func (p *Pipeline) result(id string, kind TaskKind) ([]byte, error) {
	p.mu.Lock()
	t, ok := p.tasks[id]
	p.mu.Unlock()
	switch {
	case !ok:
		return nil, fmt.Errorf("no task %q", id)
	case t.Kind != kind:
		return nil, fmt.Errorf("task %s is a %s task, not %s", id, t.Kind, kind)
	case t.State != Done:
		return nil, fmt.Errorf("task %s: %w (%s)", id, ErrNotDone, t.State)
	}
	v, closer, err := p.db.Get([]byte("r/" + id))
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, fmt.Errorf("task %s: result missing", id)
	}
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	return bytes.Clone(v), nil
}

// StepResult returns a done step task's proof.
func (p *Pipeline) StepResult(id string) (*StepProof, error) {
	b, err := p.result(id, StepTask)
	if err != nil {
		return nil, err
	}
	shape, _, err := p.stepShape(id)
	if err != nil {
		return nil, err
	}
	r := bytes.NewReader(b)
	proofBytes, err := readFramed(r)
	if err != nil {
		return nil, fmt.Errorf("task %s result: %w", id, err)
	}
	proof := groth16.NewProof(ecc.BLS12_377)
	if _, err := proof.ReadFrom(bytes.NewReader(proofBytes)); err != nil {
		return nil, fmt.Errorf("task %s result: %w", id, err)
	}
	pubBytes, err := readFramed(r)
	if err != nil {
		return nil, fmt.Errorf("task %s result: %w", id, err)
	}
	public, err := witness.New(ecc.BLS12_377.ScalarField())
	if err == nil {
		err = public.UnmarshalBinary(pubBytes)
	}
	if err != nil {
		return nil, fmt.Errorf("task %s result: %w", id, err)
	}
	return &StepProof{Shape: shape, Proof: proof, Public: public}, nil
}

func readFramed(r *bytes.Reader) ([]byte, error) {
	var n [4]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return nil, err
	}
	b := make([]byte, binary.BigEndian.Uint32(n[:]))
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, err
	}
	return b, nil
}

// claimResult decodes a done aggregate or wrap task's result.
func (p *Pipeline) claimResult(id string, kind TaskKind, curve ecc.ID) (*circuits.Claim, groth16.Proof, error) {
	b, err := p.result(id, kind)
	if err != nil {
		return nil, nil, err
	}
	c, err := circuits.DecodeClaim(b)
	if err != nil {
		return nil, nil, fmt.Errorf("task %s result: %w", id, err)
	}
	proof := groth16.NewProof(curve)
	if _, err := proof.ReadFrom(bytes.NewReader(b[circuits.ClaimLen:])); err != nil {
		return nil, nil, fmt.Errorf("task %s result: %w", id, err)
	}
	return c, proof, nil
}

// AggregateResult returns a done aggregate task's proof.
func (p *Pipeline) AggregateResult(id string) (*AggregateProof, error) {
	c, proof, err := p.claimResult(id, AggregateTask, ecc.BW6_761)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	n := len(p.tasks[id].Deps)
	p.mu.Unlock()
	return &AggregateProof{Claim: *c, Steps: n, Proof: proof}, nil
}

// WrapResult returns a done wrap task's proof.
func (p *Pipeline) WrapResult(id string) (*WrapProof, error) {
	c, proof, err := p.claimResult(id, WrapTask, ecc.BN254)
	if err != nil {
		return nil, err
	}
	return &WrapProof{Claim: *c, Proof: proof}, nil
}
