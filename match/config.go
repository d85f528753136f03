// Package match turns a match description (flags, a JSON file, or the embedded default) into a ready World,
// and a finished World into a report. The headless and the desktop commands share it, so they take the same
// flags and play the same match for the same seed.
package match

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"strconv"
	"strings"

	"stackarena/engine"
	"stackarena/match/input"
)

// Config describes a match. It reads from and writes to JSON (see match/default.json for an example).
type Config struct {
	Width    float64   `json:"width,omitempty"`  // arena width; 0 sizes the arena to the bots
	Height   float64   `json:"height,omitempty"` // arena height; 0 sizes the arena to the bots
	Seed     uint64    `json:"seed"`
	MaxTicks uint64    `json:"max_ticks,omitempty"` // 0: engine.MaxTicksDefault
	Walls    []Box     `json:"walls,omitempty"`
	Doors    []DoorDef `json:"doors,omitempty"`
	// RandomDoors adds that many timed doors at random free spots (for stress tests).
	RandomDoors int       `json:"random_doors,omitempty"`
	Bots        []BotSpec `json:"bots"`
}

// Box is a rectangle in JSON: its top-left corner and size.
type Box struct {
	X, Y, W, H float64
}

// Rect converts the box.
func (b Box) Rect() engine.Rect { return engine.R(b.X, b.Y, b.W, b.H) }

// DoorDef is a door in JSON: its doorway and how it behaves. Mode "timed" (the default) opens for Open ticks
// and closes for Closed ticks; mode "proximity" opens when a bot comes within Distance.
type DoorDef struct {
	Box
	Mode     string  `json:"mode,omitempty"`
	Open     int     `json:"open,omitempty"`
	Closed   int     `json:"closed,omitempty"`
	Distance float64 `json:"distance,omitempty"`
}

// BotSpec asks for Count bots running the script Name: a built-in bot's name, or a path to a .star file.
type BotSpec struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

//go:embed default.json
var defaultJSON []byte

// Default is the match the desktop opens with: a walled map with doors and a mix of the built-in bots.
func Default() Config {
	var c Config
	if err := json.Unmarshal(defaultJSON, &c); err != nil {
		panic("match: embedded default.json: " + err.Error()) // a build defect, caught by the tests
	}
	return c
}

// Limits on what a match may ask for, so that a config or a flag cannot make the process read, allocate or
// place without bound. Each error that enforces one names it.
const (
	MaxConfigBytes = 16 << 20 // a match config file
	MaxActors      = 200_000  // bots and doors together (about 1.2 GB at the busiest 6 KB per actor)
	MaxWalls       = 10_000   // walls in a config
	// MaxWallCells caps the grid cells (engine.CellSize square) the walls cover together: the World lists each
	// wall in every cell it covers, so a few walls the size of a 200,000-unit arena would take gigabytes. A
	// map's walls cover a few thousand cells.
	MaxWallCells = 4_000_000
)

// Load reads a match from a JSON file: a regular file of at most MaxConfigBytes (a FIFO or a device is an error,
// not a read that never ends). Unknown fields are errors, so that a typo does not pass silently.
func Load(path string) (Config, error) {
	data, err := input.ReadFile(path, MaxConfigBytes)
	if err != nil {
		return Config{}, fmt.Errorf("reading match config %s: %w", input.Shorten(path), err)
	}
	return Parse(path, data)
}

// Parse reads a match from JSON: one object, with nothing but white space after it; name is used in errors.
func Parse(name string, data []byte) (Config, error) {
	name = input.Shorten(name)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	lineAt := func(offset int64) int { return 1 + bytes.Count(data[:min(int(offset), len(data))], []byte("\n")) }
	var c Config
	if err := dec.Decode(&c); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return Config{}, fmt.Errorf("%s:%d: malformed match config: %v", name, lineAt(se.Offset), err)
		}
		// An unknown field's name or a bad value is echoed as it is: clip it, on one line.
		return Config{}, fmt.Errorf("%s: malformed match config: %s", name, input.OneLine(input.Clip(err.Error(), 200)))
	}
	end := dec.InputOffset()
	if rest := bytes.TrimLeft(data[end:], " \t\r\n"); len(rest) > 0 {
		return Config{}, fmt.Errorf("%s:%d: malformed match config: data after the JSON object (%d bytes)",
			name, lineAt(int64(len(data)-len(rest))), len(rest))
	}
	return c, nil
}

// ParseBots reads the -bots flag's syntax: "name=count,name=count,..."; a name alone counts 1. A .star path may
// itself contain '=': the count is after the last one. Counts are checked by Config.Validate; names and counts
// echoed in errors are shortened (input.Shorten).
func ParseBots(s string) ([]BotSpec, error) {
	var specs []BotSpec
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, count := part, 1
		if i := strings.LastIndexByte(part, '='); i >= 0 {
			n, err := strconv.Atoi(strings.TrimSpace(part[i+1:]))
			if err != nil {
				return nil, fmt.Errorf("-bots: %q: the count after '=' must be a whole number from 0 to %d", input.Shorten(part), MaxActors)
			}
			name, count = strings.TrimSpace(part[:i]), n
		}
		if name == "" {
			return nil, fmt.Errorf("-bots: %q: missing the bot's name", input.Shorten(part))
		}
		specs = append(specs, BotSpec{Name: name, Count: count})
	}
	if len(specs) == 0 {
		return nil, errors.New("-bots: no bots given (example: -bots spinbot=5,squarebot=5)")
	}
	return specs, nil
}

// Validate checks what can be checked before building: counts and their totals against MaxActors and MaxWalls,
// sizes, door modes and timings. Counts are reported as asked for, whatever their size.
func (c *Config) Validate() error {
	total := 0
	for _, b := range c.Bots {
		name := input.Shorten(b.Name)
		switch {
		case b.Name == "":
			return errors.New("a bot without a name: give a built-in bot's name or a .star file's path")
		case b.Count < 0:
			return fmt.Errorf("bot count for %q is %d: counts must not be negative", name, b.Count)
		case b.Count > MaxActors-total:
			return fmt.Errorf("%d bots of %q (%d before them): a match holds at most %d bots and doors (match.MaxActors)",
				b.Count, name, total, MaxActors)
		}
		total += b.Count
	}
	if total == 0 {
		return errors.New("the match has no bots")
	}
	for _, side := range []float64{c.Width, c.Height} {
		if side != 0 && !(side >= engine.MinArena && side <= engine.MaxArena) {
			return fmt.Errorf("arena size %gx%g: each side must be from %g to %g (or 0: sized to the bots)",
				c.Width, c.Height, engine.MinArena, engine.MaxArena)
		}
	}
	if c.RandomDoors < 0 {
		return fmt.Errorf("-doors %d: must not be negative", c.RandomDoors)
	}
	if doors := len(c.Doors); c.RandomDoors > MaxActors-total-doors {
		return fmt.Errorf("%d random doors, %d doors and %d bots: a match holds at most %d bots and doors (match.MaxActors)",
			c.RandomDoors, doors, total, MaxActors)
	}
	if len(c.Walls) > MaxWalls {
		return fmt.Errorf("%d walls: a match holds at most %d (match.MaxWalls)", len(c.Walls), MaxWalls)
	}
	cells := 0.0
	for _, w := range c.Walls {
		cells += max(1, w.W/engine.CellSize+2) * max(1, w.H/engine.CellSize+2) // +2: a wall straddles cells
	}
	if cells > MaxWallCells {
		return fmt.Errorf("the walls cover more than %d grid cells of %g units (match.MaxWallCells): are there huge walls?",
			MaxWallCells, engine.CellSize)
	}
	for i, d := range c.Doors {
		switch d.Mode {
		case "", "timed", "proximity":
		default:
			return fmt.Errorf("door %d: mode %q: must be \"timed\" or \"proximity\"", i+1, input.Shorten(d.Mode))
		}
		if d.Open > engine.MaxWaitTicks || d.Closed > engine.MaxWaitTicks {
			return fmt.Errorf("door %d: open %d, closed %d: at most %d ticks each", i+1, d.Open, d.Closed, engine.MaxWaitTicks)
		}
		if !(d.Distance >= 0 && d.Distance <= engine.MaxDistance) {
			return fmt.Errorf("door %d: distance %g: must be from 0 to %d", i+1, d.Distance, engine.MaxDistance)
		}
	}
	return nil
}

// BotCount is the number of bots the match asks for.
func (c *Config) BotCount() int {
	n := 0
	for _, b := range c.Bots {
		n += b.Count
	}
	return n
}

// Size is the arena's size Build gives the match: the configured one, or one that gives each bot and door
// about 120x120 units.
func (c *Config) Size() (float64, float64) { return c.size() }

// size returns the arena's size: the configured one, or one that gives each bot and door about 120x120 units.
func (c *Config) size() (float64, float64) {
	if c.Width > 0 && c.Height > 0 {
		return c.Width, c.Height
	}
	side := math.Max(800, math.Ceil(math.Sqrt(float64(c.BotCount()+c.RandomDoors))*120))
	w, h := c.Width, c.Height
	if w == 0 {
		w = side
	}
	if h == 0 {
		h = side * 3 / 4
		if h < engine.MinArena*3 {
			h = 600
		}
	}
	return w, h
}

// Flags binds the match flags both commands take to fs. After fs.Parse, call Config to get the match: the
// -config file (or base when none) with the other flags given on the command line applied on top.
type Flags struct {
	fs         *flag.FlagSet
	configPath string
	bots       string
	arena      string
	seed       uint64
	ticks      uint64
	doors      int
}

// AddFlags registers -config, -bots, -arena, -seed, -ticks and -doors on fs.
func AddFlags(fs *flag.FlagSet) *Flags {
	f := &Flags{fs: fs}
	fs.StringVar(&f.configPath, "config", "", "read the match from this JSON `file` (other flags override it)")
	fs.StringVar(&f.bots, "bots", "", "bots as `name=count,...`: built-in names ("+strings.Join(builtinNames(), ", ")+") or paths to .star files")
	fs.StringVar(&f.arena, "arena", "", "arena size as `WxH` units (default: the map's, or sized to the bots); a map is stretched to it")
	fs.Uint64Var(&f.seed, "seed", 1, "random `seed`: the same seed plays the same match")
	fs.Uint64Var(&f.ticks, "ticks", 0, "end the match after this many `ticks` (default 20000)")
	fs.IntVar(&f.doors, "doors", 0, "add `N` timed doors at random spots")
	return f
}

// Config builds the match from base (or the -config file) and the flags that were set.
func (f *Flags) Config(base Config) (Config, error) {
	c := base
	if f.configPath != "" {
		var err error
		if c, err = Load(f.configPath); err != nil {
			return Config{}, err
		}
	}
	set := map[string]bool{}
	f.fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	if set["bots"] {
		specs, err := ParseBots(f.bots)
		if err != nil {
			return Config{}, err
		}
		c.Bots = specs
	}
	if set["arena"] {
		w, h, ok := strings.Cut(strings.ToLower(f.arena), "x")
		wv, err1 := strconv.ParseFloat(w, 64)
		hv, err2 := strconv.ParseFloat(h, 64)
		if !ok || err1 != nil || err2 != nil || math.IsNaN(wv) || math.IsNaN(hv) || math.IsInf(wv, 0) || math.IsInf(hv, 0) {
			return Config{}, fmt.Errorf("-arena %q: want WIDTHxHEIGHT, like 1600x1200", input.Shorten(f.arena))
		}
		c.scaleTo(wv, hv)
	}
	if set["seed"] {
		c.Seed = f.seed
	}
	if set["ticks"] {
		c.MaxTicks = f.ticks
	}
	if set["doors"] {
		c.RandomDoors = f.doors
	}
	return c, c.Validate()
}

// scaleTo sets the arena's size; a map drawn for another size (walls and doors) is stretched to fit, so that
// -arena works with the default map or any config.
func (c *Config) scaleTo(width, height float64) {
	if c.Width > 0 && c.Height > 0 && (len(c.Walls) > 0 || len(c.Doors) > 0) {
		sx, sy := width/c.Width, height/c.Height
		scale := func(b Box) Box { return Box{X: b.X * sx, Y: b.Y * sy, W: b.W * sx, H: b.H * sy} }
		for i := range c.Walls {
			c.Walls[i] = scale(c.Walls[i])
		}
		for i := range c.Doors {
			c.Doors[i].Box = scale(c.Doors[i].Box)
		}
	}
	c.Width, c.Height = width, height
}
