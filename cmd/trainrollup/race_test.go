//go:build race

package main

// raceEnabled is true under the race detector, which makes gnark's key
// generation too slow for a test; `make test` runs those tests again without
// it.
const raceEnabled = true
