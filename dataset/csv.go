package dataset

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/trainrollup/trainrollup/fixed"
)

// LoadCSV reads a CSV file (spec/dataset.md#csv).
func LoadCSV(path string) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d, err := ParseCSV(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	d.Name = "csv:" + path
	return d, nil
}

// ParseCSV decodes rows of numeric features followed by an integer label.
// The first row is a header, and skipped, when none of its fields is a
// number. Features are decimals converted with fixed.ParseDecimal; labels are
// integers in [0, MaxClasses); Classes is the largest label plus one. Every
// row has the same number of fields, at least two.
func ParseCSV(r io.Reader) (*Dataset, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	cr.TrimLeadingSpace = true
	d := &Dataset{Name: "csv"}
	for first := true; ; first = false {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		line, _ := cr.FieldPos(0) // the physical line, blank lines and quoted newlines included
		if first && isHeader(rec) {
			continue
		}
		if len(rec) < 2 {
			return nil, fmt.Errorf("%w: line %d: %d field(s), need features and a label", ErrFormat, line, len(rec))
		}
		if d.Features == 0 {
			d.Features = len(rec) - 1
			if d.Features > MaxFeatures {
				return nil, fmt.Errorf("%w: %d features, at most %d", ErrFormat, d.Features, MaxFeatures)
			}
		}
		if d.Len() >= MaxSamples {
			return nil, fmt.Errorf("%w: more than %d samples", ErrFormat, MaxSamples)
		}
		for k, field := range rec[:len(rec)-1] {
			v, err := fixed.ParseDecimal(field)
			if err != nil {
				return nil, fmt.Errorf("%w: line %d, column %d: %w", ErrFormat, line, k+1, err)
			}
			d.X = append(d.X, v)
		}
		label, err := strconv.ParseUint(strings.TrimSpace(rec[len(rec)-1]), 10, 32)
		if err != nil || label >= MaxClasses {
			return nil, fmt.Errorf("%w: line %d, column %d: label %q is not an integer in [0, %d)", ErrFormat, line, len(rec), rec[len(rec)-1], MaxClasses)
		}
		d.Y = append(d.Y, uint32(label))
		d.Classes = max(d.Classes, int(label)+1)
	}
	if d.Len() == 0 {
		return nil, fmt.Errorf("%w: no data rows", ErrFormat)
	}
	d.Classes = max(d.Classes, 2)
	return d, d.Check()
}

func isHeader(rec []string) bool {
	for _, f := range rec {
		if _, err := fixed.ParseDecimal(f); err == nil || errors.Is(err, fixed.ErrRange) {
			return false // a number, even an out-of-range one, makes a data row
		}
	}
	return true
}
