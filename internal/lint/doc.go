// Package lint holds the checks of the repository as a whole that go vet
// and staticcheck do not make, run as tests by make test (in the manner of
// pebble's internal/lint):
//
//   - every citation of the spec (a spec/ file with an optional heading
//     anchor, in code, docs and Solidity) names a file under spec/ and a
//     heading of that file, and so does every link between spec files;
//   - only cmd/ knows about the CLI library;
//   - the prover, derivation and the batcher never link the sequencer;
//   - production code never imports a package that exists for tests.
//
// It has no non-test code.
package lint
