package prover

import (
	"math/bits"
	"slices"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/state"
)

// A job's state proof at the two ends of an L1 proof is what finalizeJob
// needs (spec/bridge.md#finalize). The prover has the witness of every
// transition in the range, each with its leaf before and after and its
// siblings, so it can move any job's path across the range without keeping
// old states: a change of another job's leaf changes exactly one sibling of
// the path, the one where the two paths meet.

// movePath returns the siblings of key once the leaf of another key o
// is leaf, o's siblings being osib (which its own change leaves as they
// are). The changed sibling is at the height of the highest bit in which
// the keys differ: there o's subtree is key's sibling.
func movePath(key state.JobID, sib []commit.Element, o state.JobID, leaf commit.Element, osib []commit.Element) []commit.Element {
	out := slices.Clone(sib)
	h := bits.Len64(uint64(key^o)) - 1
	node := leaf
	for i := range h {
		if uint64(o)>>i&1 == 1 {
			node = commit.Compress(osib[i], node)
		} else {
			node = commit.Compress(node, osib[i])
		}
	}
	out[h] = node
	return out
}

// pathAtEnd returns job id's siblings after every transition of units,
// given its siblings after units[i] (units[i] changed id's leaf, or i is
// -1 and sib is the path before units[0]).
func pathAtEnd(id state.JobID, sib []commit.Element, units []*executor.StepWitness, i int) []commit.Element {
	for _, u := range units[i+1:] {
		if u.Step.Job != id {
			sib = movePath(id, sib, u.Step.Job, u.LeafAfter, u.StateProof)
		}
	}
	return sib
}

// pathAtStart returns job id's siblings before every transition of units,
// given its siblings before units[i].
func pathAtStart(id state.JobID, sib []commit.Element, units []*executor.StepWitness, i int) []commit.Element {
	for j := i - 1; j >= 0; j-- {
		if u := units[j]; u.Step.Job != id {
			sib = movePath(id, sib, u.Step.Job, u.LeafBefore, u.StateProof)
		}
	}
	return sib
}
