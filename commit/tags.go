package commit

import "encoding/hex"

// Domain tags: the first element of every Merkle-Damgard hash names what is
// hashed, so that two kinds of object never share a preimage
// (spec/commitments.md#tags).
const (
	TagSample  = 1 // a dataset sample (spec/dataset.md#leaf)
	TagWeights = 2 // a model's weights (spec/commitments.md#weights)
	TagModel   = 3 // a model spec (spec/model.md#hash)
	TagParams  = 4 // a job's parameters (spec/commitments.md#params)
	TagJob     = 5 // a job leaf of the state tree (spec/state.md#leaf)
	TagSteps   = 6 // the steps a step proof covers (spec/proofs.md#step)
	TagCreate  = 7 // the job a creation proof covers (spec/proofs.md#step)
	TagOrder   = 8 // a seeded job's sample order (spec/dataset.md#order)
)

// Hex renders e as 0x-prefixed big-endian hex of its canonical 32 bytes, the
// form used in JSON and logs.
func Hex(e Element) string {
	b := e.Bytes()
	return "0x" + hex.EncodeToString(b[:])
}
