package datastore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"
	"unicode/utf8"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/internal/atomicfile"
)

// PublishConfig says how Publish records and reports its work.
type PublishConfig struct {
	// Journal is a file that records every chunk on DA as it is
	// submitted, so that a publication resumes where it stopped ("": none,
	// every chunk is submitted).
	Journal string
	// Progress, when set, is called after each chunk is on DA (resumed
	// ones included) with the chunks and bytes done and in all.
	Progress func(chunks, totalChunks int, bytes, totalBytes int64)
	// Retry is the first wait after a failed submission; it doubles up to
	// MaxRetry. Zero: 500 ms and 10 s.
	Retry, MaxRetry time.Duration
	Log             *slog.Logger
}

// journal is the record of a publication in progress.
type journal struct {
	Root   string         `json:"root"`
	Chunks []journalChunk `json:"chunks"`
}

type journalChunk struct {
	Index      int    `json:"index"`
	Height     uint64 `json:"height"`
	Commitment []byte `json:"commitment"`
}

// Publish submits d's chunks to layer in namespace ns and returns the
// manifest (spec/dataset.md#manifest). With a journal, chunks recorded in
// it that DA holds are not submitted again. A failed submission is tried
// again, with backoff, until ctx ends (then the journal keeps what is
// done); a blob DA refuses outright (too large, invalid) fails at once.
// Nothing else is registered: the manifest is complete only when Publish
// returns it.
func Publish(ctx context.Context, layer da.Layer, ns da.Namespace, d *dataset.Dataset, cfg PublishConfig) (*dataset.Manifest, error) {
	if cfg.Retry <= 0 {
		cfg.Retry = 500 * time.Millisecond
	}
	if cfg.MaxRetry < cfg.Retry {
		cfg.MaxRetry = max(cfg.Retry, 10*time.Second)
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	counts, err := dataset.Chunking(d)
	if err != nil {
		return nil, err
	}
	tree, err := dataset.NewTree(d)
	if err != nil {
		return nil, err
	}
	m := &dataset.Manifest{Root: tree.Root(), Samples: uint64(d.Len()), Features: uint32(d.Features), Classes: uint32(d.Classes),
		Name: shortName(d.Name), Chunks: make([]dataset.ChunkRef, len(counts))}
	for c, n := range counts {
		m.Chunks[c].Count = n
	}
	blobs, comms, err := Chunks(m, d, ns)
	if err != nil {
		return nil, err
	}
	var total int64
	for _, b := range blobs {
		total += int64(len(b))
	}
	rec := journal{Root: commit.Hex(m.Root)}
	done := make([]bool, len(blobs))
	var doneChunks int
	var doneBytes int64
	report := func(c int) {
		done[c] = true
		doneChunks++
		doneBytes += int64(len(blobs[c]))
		if cfg.Progress != nil {
			cfg.Progress(doneChunks, len(blobs), doneBytes, total)
		}
	}
	for _, jc := range readJournal(cfg.Journal, rec.Root, log) {
		if jc.Index < 0 || jc.Index >= len(blobs) || done[jc.Index] || string(jc.Commitment) != string(comms[jc.Index]) {
			continue
		}
		// On DA still? A chunk the journal names but DA lacks is sent again.
		if _, err := layer.Get(ctx, jc.Height, ns, jc.Commitment); err != nil {
			if ctx.Err() != nil {
				return nil, context.Cause(ctx)
			}
			log.Warn("a journaled chunk is not on DA, submitting it again", "chunk", jc.Index, "height", jc.Height, "err", err)
			continue
		}
		m.Chunks[jc.Index].Height, m.Chunks[jc.Index].Commitment = jc.Height, jc.Commitment
		rec.Chunks = append(rec.Chunks, jc)
		report(jc.Index)
	}
	if doneChunks > 0 {
		log.Info("resuming a publication", "root", rec.Root, "chunks on DA", doneChunks, "of", len(blobs))
	}
	for c, b := range blobs {
		if done[c] {
			continue
		}
		blob, err := da.NewBlob(ns, b)
		if err != nil {
			return nil, err
		}
		height, err := submit(ctx, layer, blob, cfg, log.With("chunk", c))
		if err != nil {
			return nil, fmt.Errorf("chunk %d of %d: %w", c, len(blobs), err)
		}
		m.Chunks[c].Height, m.Chunks[c].Commitment = height, comms[c]
		rec.Chunks = append(rec.Chunks, journalChunk{Index: c, Height: height, Commitment: comms[c]})
		if err := writeJournal(cfg.Journal, rec); err != nil {
			return nil, err
		}
		report(c)
	}
	if err := m.Check(); err != nil {
		return nil, err
	}
	return m, nil
}

// submit submits one blob until it is on DA, ctx ends or DA refuses it.
func submit(ctx context.Context, layer da.Layer, blob *da.Blob, cfg PublishConfig, log *slog.Logger) (uint64, error) {
	wait := cfg.Retry
	for attempt := 1; ; attempt++ {
		height, err := layer.Submit(ctx, []*da.Blob{blob})
		if err == nil {
			return height, nil
		}
		if errors.Is(err, da.ErrBlobTooLarge) || errors.Is(err, da.ErrInvalid) {
			return 0, err
		}
		log.Warn("DA submission failed, trying again", "attempt", attempt, "in", wait, "err", err)
		select {
		case <-ctx.Done():
			return 0, fmt.Errorf("%w (last DA error: %v)", context.Cause(ctx), err)
		case <-time.After(wait):
		}
		wait = min(2*wait, cfg.MaxRetry)
	}
}

// readJournal returns the journaled chunks of root; a missing, unreadable
// or other root's journal is none.
func readJournal(path, root string, log *slog.Logger) []journalChunk {
	if path == "" {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			log.Warn("publication journal unreadable, starting over", "path", path, "err", err)
		}
		return nil
	}
	var j journal
	if err := json.Unmarshal(b, &j); err != nil || j.Root != root {
		log.Warn("publication journal of another dataset or malformed, starting over", "path", path)
		return nil
	}
	return j.Chunks
}

func writeJournal(path string, j journal) error {
	if path == "" {
		return nil
	}
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(path, b); err != nil {
		return fmt.Errorf("publication journal: %w", err)
	}
	return nil
}

// shortName cuts name to MaxNameBytes on a rune boundary.
func shortName(name string) string {
	if !utf8.ValidString(name) {
		name = "dataset"
	}
	for len(name) > dataset.MaxNameBytes {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name
}
