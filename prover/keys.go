package prover

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	chacha "math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
)

// Keys is a compiled circuit with its Groth16 keys.
type Keys struct {
	Name  string
	Curve ecc.ID
	CCS   constraint.ConstraintSystem
	PK    groth16.ProvingKey
	VK    groth16.VerifyingKey
	// Hash is the SHA-256 of the serialized constraint system: the cache key.
	Hash [32]byte
	// Randomness says where the keys' toxic waste came from.
	Randomness Randomness
	// CompileTime is how long compiling the circuit took.
	CompileTime time.Duration
	// SetupTime is how long the key generation took; zero when the keys came
	// from the cache.
	SetupTime time.Duration

	base string // the cache files, base.pk and base.vk
}

// Sizes returns the sizes of the cached key files, proving key first (0
// where a file is missing).
func (k *Keys) Sizes() (pk, vk int64) {
	for _, f := range []struct {
		ext  string
		size *int64
	}{{".pk", &pk}, {".vk", &vk}} {
		if fi, err := os.Stat(k.base + f.ext); err == nil {
			*f.size = fi.Size()
		}
	}
	return pk, vk
}

// Randomness is where a key store's setup draws the toxic waste from. Both
// kinds are for development only: a Groth16 setup whose toxic waste anyone
// knows lets that one forge proofs. Production keys come from a multi-party
// ceremony (gnark's mpcsetup) and are imported.
type Randomness int

const (
	// PublicSeed derives the toxic waste from the circuit's hash: every
	// machine generates the same keys, so that a dev chain's L1 verifier is
	// reproducible, and anyone can forge proofs. The default.
	PublicSeed Randomness = iota
	// LocalRandom draws it from crypto/rand: whoever ran the setup can
	// forge proofs.
	LocalRandom
	// Ceremony marks keys imported from a multi-party setup (Import).
	Ceremony
)

func (r Randomness) String() string {
	switch r {
	case LocalRandom:
		return "local"
	case Ceremony:
		return "mpc"
	}
	return "seed"
}

// KeyStore compiles circuits and caches their keys in a directory.
type KeyStore struct {
	dir        string
	log        *slog.Logger
	randomness Randomness
	progress   func(name string, done, total int64)
}

// Option configures a KeyStore.
type Option func(*KeyStore)

// WithRandomness sets where setups draw their toxic waste from.
func WithRandomness(r Randomness) Option { return func(s *KeyStore) { s.randomness = r } }

// WithProgress reports each setup's scalar multiplications, done and due.
func WithProgress(f func(name string, done, total int64)) Option {
	return func(s *KeyStore) { s.progress = f }
}

// Dir is the directory that holds the keys.
func (s *KeyStore) Dir() string { return s.dir }

// DefaultKeyDir is the key cache used when none is configured:
// $TRAINROLLUP_KEYS, else the user cache directory's trainrollup/keys.
func DefaultKeyDir() (string, error) {
	if d := os.Getenv("TRAINROLLUP_KEYS"); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no key directory: set TRAINROLLUP_KEYS: %w", err)
	}
	return filepath.Join(d, "trainrollup", "keys"), nil
}

// NewKeyStore returns a key store in dir (empty: DefaultKeyDir), creating
// it if needed.
func NewKeyStore(dir string, log *slog.Logger, opts ...Option) (*KeyStore, error) {
	if dir == "" {
		var err error
		if dir, err = DefaultKeyDir(); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("key store: %w", err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &KeyStore{dir: dir, log: log.With("component", "keystore")}
	for _, o := range opts {
		o(s)
	}
	return s, nil
}

// Compile compiles circuit over the scalar field of curve and hashes the
// result.
func Compile(curve ecc.ID, circuit frontend.Circuit) (constraint.ConstraintSystem, [32]byte, error) {
	ccs, err := frontend.Compile(curve.ScalarField(), r1cs.NewBuilder, circuit)
	if err != nil {
		return nil, [32]byte{}, fmt.Errorf("compile: %w", err)
	}
	h := sha256.New()
	if _, err := ccs.WriteTo(h); err != nil {
		return nil, [32]byte{}, fmt.Errorf("hash constraint system: %w", err)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return ccs, sum, nil
}

// setupSeedDomain separates the public setup seed from other uses of a
// circuit hash.
const setupSeedDomain = "trainrollup unsafe public-seed groth16 setup v1"

// Setup compiles circuit over curve's scalar field and returns its keys:
// from the cache when present, else generated now (UNSAFE: see Randomness)
// and cached.
func (s *KeyStore) Setup(name string, curve ecc.ID, circuit frontend.Circuit) (*Keys, error) {
	start := time.Now()
	ccs, sum, err := Compile(curve, circuit)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	k := &Keys{Name: name, Curve: curve, CCS: ccs, Hash: sum, Randomness: s.randomness, CompileTime: time.Since(start)}
	base := s.keyBase(name, sum, s.randomness.String())
	k.base = base
	log := s.log.With("circuit", name, "curve", curve, "hash", hex.EncodeToString(sum[:8]), "constraints", ccs.GetNbConstraints())
	// Imported ceremony keys first, then development keys of this store's
	// randomness.
	if pk, vk, err := s.cached(curve, s.keyBase(name, sum, "mpc")); err == nil {
		log.Info("loaded imported ceremony keys")
		k.PK, k.VK, k.Randomness, k.base = pk, vk, Ceremony, s.keyBase(name, sum, "mpc")
		return k, nil
	}
	pk, vk, err := s.cached(curve, base)
	if err == nil {
		log.Info("loaded cached keys")
		k.PK, k.VK = pk, vk
		return k, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		log.Warn("cached key unreadable, regenerating", "err", err)
	}
	var rnd io.Reader = rand.Reader
	if s.randomness == PublicSeed {
		rnd = chacha.NewChaCha8(sha256.Sum256(append([]byte(setupSeedDomain), sum[:]...)))
	}
	log.Info("generating keys (unsafe, development only)", "randomness", s.randomness)
	start = time.Now()
	stop := heartbeat(log, "still generating keys", start)
	var progress func(done, total int64)
	if s.progress != nil {
		progress = func(done, total int64) { s.progress(name, done, total) }
	}
	k.PK, k.VK, err = fastSetup(ccs, rnd, progress)
	stop()
	if err != nil {
		return nil, fmt.Errorf("%s: setup: %w", name, err)
	}
	k.SetupTime = time.Since(start)
	if err := writeFile(base+".pk", k.PK.WriteRawTo); err != nil {
		return nil, err
	}
	if err := writeFile(base+".vk", k.VK.WriteRawTo); err != nil {
		return nil, err
	}
	log.Info("keys generated and cached", "seconds", k.SetupTime.Seconds())
	return k, nil
}

func (s *KeyStore) keyBase(name string, sum [32]byte, kind string) string {
	return filepath.Join(s.dir, fmt.Sprintf("%s-%s-%s", name, hex.EncodeToString(sum[:8]), kind))
}

// cached reads a key pair written by writeFile.
func (s *KeyStore) cached(curve ecc.ID, base string) (groth16.ProvingKey, groth16.VerifyingKey, error) {
	pk, vk := groth16.NewProvingKey(curve), groth16.NewVerifyingKey(curve)
	if err := readFile(base+".pk", pk.UnsafeReadFrom); err != nil {
		return nil, nil, err
	}
	if err := readFile(base+".vk", vk.UnsafeReadFrom); err != nil {
		return nil, nil, err
	}
	return pk, vk, nil
}

// Import installs the keys of a multi-party setup ceremony for circuit:
// the proving and verifying keys that gnark's mpcsetup phase 2 Seal
// returns, as written by their WriteTo. It checks that they parse as keys
// of curve (points on the curve and in their groups) and fit the circuit's
// public inputs; the ceremony's transcript itself is checked with gnark's
// mpcsetup verifier before import. Imported keys take precedence over
// development keys from then on.
func (s *KeyStore) Import(name string, curve ecc.ID, circuit frontend.Circuit, pkr, vkr io.Reader) (*Keys, error) {
	ccs, sum, err := Compile(curve, circuit)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	pk, vk := groth16.NewProvingKey(curve), groth16.NewVerifyingKey(curve)
	if _, err := pk.ReadFrom(pkr); err != nil {
		return nil, fmt.Errorf("import %s: proving key: %w", name, err)
	}
	if _, err := vk.ReadFrom(vkr); err != nil {
		return nil, fmt.Errorf("import %s: verifying key: %w", name, err)
	}
	// A commitment is a public input to the Groth16 verifier.
	if got, want := vk.NbPublicWitness(), ccs.GetNbPublicVariables()-1+len(ccs.GetCommitments().CommitmentIndexes()); got != want {
		return nil, fmt.Errorf("import %s: verifying key for %d public inputs and commitments, the circuit has %d", name, got, want)
	}
	base := s.keyBase(name, sum, "mpc")
	if err := writeFile(base+".pk", pk.WriteRawTo); err != nil {
		return nil, err
	}
	if err := writeFile(base+".vk", vk.WriteRawTo); err != nil {
		return nil, err
	}
	return &Keys{Name: name, Curve: curve, CCS: ccs, PK: pk, VK: vk, Hash: sum, Randomness: Ceremony, base: base}, nil
}

// readFile reads a key written by writeFile and checks its SHA-256 trailer,
// so that a damaged cache file is detected instead of loaded.
func readFile(path string, read func(io.Reader) (int64, error)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	h := sha256.New()
	if _, err := read(io.TeeReader(br, h)); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	var trailer [sha256.Size]byte
	if _, err := io.ReadFull(br, trailer[:]); err != nil {
		return fmt.Errorf("read %s: %w: no checksum", path, ErrCorruptKey)
	}
	if !bytes.Equal(trailer[:], h.Sum(nil)) {
		return fmt.Errorf("read %s: %w: checksum mismatch", path, ErrCorruptKey)
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return fmt.Errorf("read %s: %w: trailing data", path, ErrCorruptKey)
	}
	return nil
}

// ErrCorruptKey reports a cached key file that fails its checksum.
var ErrCorruptKey = errors.New("corrupt key file")

// writeFile writes through a temporary file renamed into place, so that a
// crash never leaves a partial file under the final name.
func writeFile(path string, write func(io.Writer) (int64, error)) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("cache key: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriterSize(tmp, 1<<20)
	h := sha256.New()
	if _, err = write(io.MultiWriter(w, h)); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err = w.Write(h.Sum(nil)); err != nil { // checksum trailer, see readFile
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = w.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}

// heartbeat logs msg with the elapsed time every 30 seconds until stop is
// called: gnark's setup and prover report no progress of their own.
func heartbeat(log *slog.Logger, msg string, start time.Time) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(30 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				log.Info(msg, "elapsed", time.Since(start).Round(time.Second))
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
