package replay

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"stackarena/engine"
)

// Limits on what a replay file may ask for: Read refuses more, so that a hostile file costs bounded memory and
// time.
const (
	// MaxBytes is the most a replay may hold once decompressed (a gzip bomb stops here).
	MaxBytes = 64 << 20
	// MaxLine is the longest line, in bytes (the header carries the scripts' sources).
	MaxLine = 8 << 20
	// MaxBots is the most bots a replayed match may have.
	MaxBots = 200_000
	// MaxTicks is the longest match a replay may describe.
	MaxTicks = 10_000_000
	// MaxRandomDoors is the most random doors a replayed match may ask for.
	MaxRandomDoors = 10_000
)

// line is any line after the header: an input ("in"), a stored hash ("hash") or the end ("end").
type line struct {
	Kind   string          `json:"k"`
	Tick   uint64          `json:"t"`
	Source string          `json:"s,omitempty"`
	Data   json.RawMessage `json:"d,omitempty"`
	Hash   string          `json:"h,omitempty"`
}

// Write writes rep as a replay file: JSON lines compressed with gzip's best compression, the header first, then the inputs and hashes
// in tick order (a tick's inputs before its hash), then the end. It returns the first write error.
func Write(w io.Writer, rep *Replay) error {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression) // about 8% smaller than the default level; a replay is written once
	bw := bufio.NewWriter(zw)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rep.Header); err != nil {
		return err
	}
	ins, hs := rep.Inputs, rep.Hashes
	for len(ins) > 0 || len(hs) > 0 {
		var l line
		if len(ins) > 0 && (len(hs) == 0 || ins[0].Tick <= hs[0].Tick) {
			l = line{Kind: "in", Tick: ins[0].Tick, Source: ins[0].Source, Data: ins[0].Data}
			ins = ins[1:]
		} else {
			l = line{Kind: "hash", Tick: hs[0].Tick, Hash: hs[0].String()}
			hs = hs[1:]
		}
		if err := enc.Encode(l); err != nil {
			return err
		}
	}
	if err := enc.Encode(line{Kind: "end", Tick: rep.End.Tick, Hash: rep.End.String()}); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Save writes rep to the file path (created or truncated).
func Save(path string, rep *Replay) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := Write(f, rep); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}

// Load reads the replay file at path; see Read.
func Load(path string) (*Replay, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(path, f)
}

// Read reads a replay file, gzip-compressed or not, and checks it: the format and its version, the match (within
// MaxBots, MaxTicks, MaxRandomDoors), a source for every .star bot, inputs of known sources with ticks in
// order and within the match, hashes in order, and the end line (a file cut short has none). Every error is
// one line: "name:line: what is wrong". Its cost is bounded by MaxBytes of input and MaxLine per line, whatever
// the file says. Read does not check the rules version: NewSim does, so that a replay of other rules can still
// be read and shown.
func Read(name string, r io.Reader) (*Replay, error) {
	br := bufio.NewReader(r)
	var src io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: not a replay: %v", name, err)
		}
		defer zr.Close()
		src = zr
	}
	limited := &io.LimitedReader{R: src, N: MaxBytes + 1}
	sc := bufio.NewScanner(limited)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLine)
	rd := reader{name: name}
	for sc.Scan() {
		rd.n++
		if limited.N <= 0 {
			return nil, fmt.Errorf("%s: larger than %d MiB once decompressed: not a replay this program plays", name, MaxBytes>>20)
		}
		if err := rd.line(sc.Bytes()); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, rd.n, err)
		}
	}
	if err := sc.Err(); err != nil {
		switch {
		case errors.Is(err, bufio.ErrTooLong):
			return nil, fmt.Errorf("%s:%d: a line longer than %d MiB: not a replay this program plays", name, rd.n+1, MaxLine>>20)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, fmt.Errorf("%s: truncated (the compressed data ends early after line %d)", name, rd.n)
		}
		return nil, fmt.Errorf("%s: after line %d: %v", name, rd.n, err)
	}
	if limited.N <= 0 {
		return nil, fmt.Errorf("%s: larger than %d MiB once decompressed: not a replay this program plays", name, MaxBytes>>20)
	}
	switch {
	case rd.n == 0:
		return nil, fmt.Errorf("%s: empty: not a replay", name)
	case !rd.ended:
		return nil, fmt.Errorf("%s: truncated after line %d: no end line", name, rd.n)
	}
	return &rd.rep, nil
}

// reader checks a replay line by line.
type reader struct {
	name     string
	n        int // lines read
	rep      Replay
	ended    bool
	maxTicks uint64
}

func (rd *reader) line(b []byte) error {
	if rd.n == 1 {
		return rd.header(b)
	}
	if rd.ended {
		return errors.New("a line after the end line")
	}
	var l line
	if err := strictJSON(b, &l); err != nil {
		return fmt.Errorf("malformed line: %v", err)
	}
	last := uint64(0)
	if n := len(rd.rep.Inputs); n > 0 {
		last = rd.rep.Inputs[n-1].Tick
	}
	if n := len(rd.rep.Hashes); n > 0 {
		last = max(last, rd.rep.Hashes[n-1].Tick)
	}
	if l.Tick > rd.maxTicks {
		return fmt.Errorf("tick %d: the match ends at tick %d at the latest", l.Tick, rd.maxTicks)
	}
	switch l.Kind {
	case "in":
		if l.Tick == 0 || l.Tick < last {
			return fmt.Errorf("input at tick %d: out of order (the last line was of tick %d; inputs start at tick 1)", l.Tick, last)
		}
		if _, ok := lookupSource(l.Source); !ok {
			return fmt.Errorf("input from %q: not an input source this build knows", l.Source)
		}
		if len(l.Data) == 0 {
			return fmt.Errorf("input at tick %d: no data (\"d\")", l.Tick)
		}
		rd.rep.Inputs = append(rd.rep.Inputs, Input{Tick: l.Tick, Source: l.Source, Data: l.Data})
	case "hash", "end":
		h, err := hexHash(l.Hash)
		if err != nil {
			return err
		}
		if l.Kind == "end" {
			if l.Tick < last {
				return fmt.Errorf("end at tick %d: before the last line's tick %d", l.Tick, last)
			}
			rd.rep.End, rd.ended = Hash{Tick: l.Tick, Hash: h}, true
			return nil
		}
		if n := len(rd.rep.Hashes); l.Tick == 0 || n > 0 && rd.rep.Hashes[n-1].Tick >= l.Tick {
			return fmt.Errorf("hash at tick %d: out of order", l.Tick)
		}
		rd.rep.Hashes = append(rd.rep.Hashes, Hash{Tick: l.Tick, Hash: h})
	default:
		return fmt.Errorf("unknown line kind %q: want \"in\", \"hash\" or \"end\"", l.Kind)
	}
	return nil
}

func (rd *reader) header(b []byte) error {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	h := &rd.rep.Header
	if err := strictJSON(b, h); err != nil {
		return fmt.Errorf("not a replay header: %v", err)
	}
	if h.Format != Format {
		return fmt.Errorf("not a replay: the format is %q, not %q", h.Format, Format)
	}
	if h.Version != Version {
		return fmt.Errorf("replay format version %d: this program reads version %d", h.Version, Version)
	}
	c := &h.Match
	if err := c.Validate(); err != nil {
		return fmt.Errorf("the match: %v", err)
	}
	if n := c.BotCount(); n > MaxBots {
		return fmt.Errorf("the match has %d bots: a replay may have at most %d", n, MaxBots)
	}
	if c.RandomDoors > MaxRandomDoors {
		return fmt.Errorf("the match asks for %d random doors: a replay may have at most %d", c.RandomDoors, MaxRandomDoors)
	}
	rd.maxTicks = c.MaxTicks
	if rd.maxTicks == 0 {
		rd.maxTicks = engine.MaxTicksDefault
	}
	if rd.maxTicks > MaxTicks {
		return fmt.Errorf("the match lasts %d ticks: a replay may last at most %d", rd.maxTicks, MaxTicks)
	}
	have := h.sources()
	if len(have) != len(h.Scripts) {
		return errors.New("a script appears twice in \"scripts\"")
	}
	for _, spec := range c.Bots {
		if strings.HasSuffix(spec.Name, ".star") {
			if _, ok := have[spec.Name]; !ok {
				return fmt.Errorf("bot %s: its source is missing from \"scripts\"", spec.Name)
			}
		}
	}
	return nil
}
