package tournament

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"syscall"
)

// A results file is JSON lines: the first is {"tournament": Plan}, each other one a Result, appended as its
// match ends, in any order. A results file is input (it may come from another machine, or be cut short by a
// kill), so reading it checks every line:
//   - a last line without its newline is what a killed writer leaves: it is dropped with a warning (its match
//     counts as not played, and -resume plays it again);
//   - any other line that is not JSON, has unknown fields, is longer than MaxLine, or does not belong to the
//     plan (index out of range, another seed, other bots, placings or scores that do not fit) is an error
//     naming the file and line;
//   - blank lines are skipped.

// MaxLine is the longest line a results file may hold.
const MaxLine = 1 << 20

// header is a results file's first line.
type header struct {
	Tournament *Plan `json:"tournament"`
}

// File is a results file as read: its plan and its results in file order. Read only once made: any goroutine.
type File struct {
	Name    string
	Plan    *Plan
	Results []Result
	Lines   []int // Lines[k] is the line Results[k] is on
	// Complete is the length of the file's part that ends with a whole line: where appending may start.
	Complete int64
	// Warnings are what was dropped or skipped, one line each.
	Warnings []string
}

// ReadFile reads and checks a results file (see File). Anything but a regular file (a FIFO, a device, a
// directory) is refused before a byte is read, so that it cannot stall the command. Any goroutine; O(lines),
// holding every result.
func ReadFile(path string) (*File, error) {
	f, err := openRegular(path, os.O_RDONLY)
	if err != nil {
		return nil, fmt.Errorf("reading results: %w", err)
	}
	defer f.Close()
	return Parse(path, f)
}

// openRegular opens path without blocking (a FIFO without a peer would block an ordinary open) and refuses
// what is not a regular file.
func openRegular(path string, flag int) (*os.File, error) {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() { // a FIFO opened to write fails unclearly
		return nil, fmt.Errorf("%s: not a regular file (%s)", path, kind(st.Mode()))
	}
	f, err := os.OpenFile(path, flag|syscall.O_NONBLOCK, 0o644)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = fmt.Errorf("%s: not a regular file (%s)", path, kind(st.Mode()))
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func kind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeNamedPipe != 0:
		return "a FIFO"
	case m&os.ModeDevice != 0:
		return "a device"
	default:
		return "mode " + m.Type().String()
	}
}

// Parse reads results from r; name is used in messages. An input with no line at all is an error.
func Parse(name string, r io.Reader) (*File, error) {
	out := &File{Name: name}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLine+1)
	partial := false
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			return i + 1, data[:i], nil
		}
		if atEOF && len(data) > 0 {
			partial = true
			return len(data), data, nil
		}
		return 0, nil, nil
	})
	line := 0
	var offset int64
	for sc.Scan() {
		line++
		text := sc.Bytes()
		if partial {
			out.Warnings = append(out.Warnings, fmt.Sprintf("%s:%d: the last line is cut short (a run was killed while writing it): dropped, its match counts as not played", name, line))
			break
		}
		offset += int64(len(text)) + 1
		if len(bytes.TrimSpace(text)) == 0 {
			out.Complete = offset
			continue
		}
		if out.Plan == nil {
			var h header
			if err := strictJSON(text, &h); err != nil || h.Tournament == nil {
				return nil, fmt.Errorf("%s:%d: not a tournament results file (the first line must be {\"tournament\": ...})", name, line)
			}
			if h.Tournament.Version != Version {
				return nil, fmt.Errorf("%s:%d: results file version %d: this headless reads version %d", name, line, h.Tournament.Version, Version)
			}
			if err := h.Tournament.check(); err != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, line, err)
			}
			out.Plan = h.Tournament
			out.Complete = offset
			continue
		}
		var res Result
		if err := strictJSON(text, &res); err != nil {
			return nil, fmt.Errorf("%s:%d: not a match result: %v", name, line, err)
		}
		if err := out.Plan.checkResult(res); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, line, err)
		}
		out.Results = append(out.Results, res)
		out.Lines = append(out.Lines, line)
		out.Complete = offset
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("%s:%d: a line longer than %d bytes: not a results file", name, line+1, MaxLine)
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if out.Plan == nil {
		return nil, fmt.Errorf("%s: empty: not a tournament results file", name)
	}
	return out, nil
}

// Lacks returns the indices, in their order, that have no result in f: what -resume still plays.
func (f *File) Lacks(indices []int) []int {
	done := make(map[int]bool, len(f.Results))
	for _, r := range f.Results {
		done[r.Index] = true
	}
	var out []int
	for _, i := range indices {
		if !done[i] {
			out = append(out, i)
		}
	}
	return out
}

// strictJSON decodes one JSON value, refusing unknown fields and anything after it.
func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one JSON value on the line")
	}
	return nil
}

// check verifies a plan read from a file: rebuilding it from its own parts must give it back (a hand-edited
// match count or size is refused), without reading any script.
func (p *Plan) check() error {
	if len(p.Field) < 2 || len(p.Field) > MaxField || p.Rounds < 1 || p.Rounds > MaxMatches {
		return errors.New("the tournament's field or rounds are out of range")
	}
	names := map[string]bool{}
	for _, e := range p.Field {
		if e.Count < 1 || e.Count > 10_000 || e.Name == "" || names[e.Name] {
			return fmt.Errorf("field entry %q: a bad count or a repeated name", e.Name)
		}
		names[e.Name] = true
	}
	want := 0
	n := len(p.Field)
	switch p.Format {
	case Duel:
		if p.Size != 2 {
			return errors.New("a duel's size must be 2")
		}
		want = p.Rounds * n * (n - 1)
	case Melee:
		if p.Size < 2 || p.Size > n {
			return fmt.Errorf("melee size %d out of range", p.Size)
		}
		want = p.Rounds * ((n + p.Size - 1) / p.Size)
	default:
		return fmt.Errorf("format %q: want duel or melee", p.Format)
	}
	if p.Matches != want || want > MaxMatches {
		return fmt.Errorf("the match count %d does not fit the format, field and rounds", p.Matches)
	}
	return nil
}

// checkResult verifies that r is a result of this plan's match r.Index.
func (p *Plan) checkResult(r Result) error {
	if r.Index < 0 || r.Index >= p.Matches {
		return fmt.Errorf("match index %d: the tournament has matches 0 to %d", r.Index, p.Matches-1)
	}
	pr := p.Pairing(r.Index)
	if r.Seed != pr.Seed {
		return fmt.Errorf("match %d: seed %d, but this tournament's match %d has seed %d", r.Index, r.Seed, r.Index, pr.Seed)
	}
	names := make([]string, len(pr.Entries))
	for k, e := range pr.Entries {
		names[k] = p.Field[e].Name
	}
	if !slices.Equal(r.Bots, names) {
		return fmt.Errorf("match %d: bots %s, but this tournament's match %d is %s", r.Index, strings.Join(r.Bots, ","), r.Index, strings.Join(names, ","))
	}
	if len(r.Placings) != len(names) || len(r.Scores) != len(names) {
		return fmt.Errorf("match %d: %d placings and %d scores for %d bots", r.Index, len(r.Placings), len(r.Scores), len(names))
	}
	for _, pl := range r.Placings {
		if pl < 1 || pl > len(names) {
			return fmt.Errorf("match %d: placing %d out of range", r.Index, pl)
		}
	}
	if len(r.StateHash) != 16 {
		return fmt.Errorf("match %d: state hash %q is not 16 hex digits", r.Index, r.StateHash)
	}
	return nil
}

// Writer appends results to a results file, one whole line per Write, so that a kill leaves at most one
// partial last line. Not safe for concurrent use: Run calls done on one goroutine.
type Writer struct {
	f   *os.File
	buf bytes.Buffer
}

// Create starts a new results file with the plan's line; it refuses to overwrite a file that has content.
func Create(path string, p *Plan) (*Writer, error) {
	f, err := openRegular(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err != nil || st.Size() > 0 {
		f.Close()
		return nil, fmt.Errorf("%s already holds results: give -resume to go on with them, or another -out", path)
	}
	w := &Writer{f: f}
	if err := w.line(header{Tournament: p}); err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

// Append opens a results file read by ReadFile for more results: it cuts off a partial last line first.
func Append(path string, read *File) (*Writer, error) {
	f, err := openRegular(path, os.O_WRONLY|os.O_APPEND)
	if err != nil {
		return nil, err
	}
	if err := f.Truncate(read.Complete); err != nil {
		f.Close()
		return nil, err
	}
	return &Writer{f: f}, nil
}

// Write appends one result.
func (w *Writer) Write(r Result) error { return w.line(r) }

func (w *Writer) line(v any) error {
	w.buf.Reset()
	enc := json.NewEncoder(&w.buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.f.Write(w.buf.Bytes())
	return err
}

// Close flushes the file to disk and closes it.
func (w *Writer) Close() error {
	err := w.f.Sync()
	return errors.Join(err, w.f.Close())
}

// Combined is the union of results files of one tournament: one result per match, sorted by index, with what
// was found twice and what is missing.
type Combined struct {
	Plan    *Plan
	Results []Result
	// Duplicates counts results found more than once, identical (a shard run twice); they count once.
	Duplicates int
	// Missing lists the matches of Indices no file holds.
	Missing []int
}

// Combine checks that the files are of the same tournament and merges their results (any goroutine; O(results)). A match with two
// different results is an error (the files are not of one tournament, or were edited). indices are the matches
// expected (nil: all of the plan's).
func Combine(files []*File, indices []int) (*Combined, error) {
	if len(files) == 0 {
		return nil, errors.New("no results files")
	}
	c := &Combined{Plan: files[0].Plan}
	type seen struct {
		r    Result
		file string
		line int
	}
	byIndex := map[int]seen{}
	for _, f := range files {
		if !f.Plan.Same(c.Plan) {
			return nil, fmt.Errorf("%s is of another tournament than %s (its first lines differ)", f.Name, files[0].Name)
		}
		for k, r := range f.Results {
			if prev, ok := byIndex[r.Index]; ok {
				a, _ := json.Marshal(prev.r)
				b, _ := json.Marshal(r)
				if !bytes.Equal(a, b) {
					return nil, fmt.Errorf("match %d has two different results: %s:%d and %s:%d", r.Index, prev.file, prev.line, f.Name, f.Lines[k])
				}
				c.Duplicates++
				continue
			}
			byIndex[r.Index] = seen{r, f.Name, f.Lines[k]}
		}
	}
	if indices == nil {
		indices = make([]int, c.Plan.Matches)
		for i := range indices {
			indices[i] = i
		}
	}
	for _, i := range indices {
		if _, ok := byIndex[i]; !ok {
			c.Missing = append(c.Missing, i)
		}
	}
	for _, s := range byIndex {
		c.Results = append(c.Results, s.r)
	}
	slices.SortFunc(c.Results, func(a, b Result) int { return a.Index - b.Index })
	return c, nil
}

// Ranges writes indices (sorted) as "1-4, 9, 12-13", at most limit ranges then "...".
func Ranges(indices []int, limit int) string {
	var parts []string
	for k := 0; k < len(indices); {
		j := k
		for j+1 < len(indices) && indices[j+1] == indices[j]+1 {
			j++
		}
		if len(parts) == limit {
			parts = append(parts, "...")
			break
		}
		if j > k {
			parts = append(parts, fmt.Sprintf("%d-%d", indices[k], indices[j]))
		} else {
			parts = append(parts, fmt.Sprint(indices[k]))
		}
		k = j + 1
	}
	return strings.Join(parts, ", ")
}
