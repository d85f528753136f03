package match

import (
	"fmt"
	"runtime"
	"strings"

	"stackarena/actors"
	"stackarena/bots"
	"stackarena/bots/star"
	"stackarena/engine"
	"stackarena/match/input"
)

// Match is a World built from a Config, with the handles of what was spawned in it.
type Match struct {
	Config Config
	World  *engine.World
	Bots   []*actors.Bot
	Doors  []*actors.Door
	// Sources holds the source of every .star script the match runs, by the name its BotSpec gives, as compiled
	// (read from the file, or taken from Options.Sources): what a replay records.
	Sources map[string][]byte
	// Sandbox is what the match's .star bots run in: its limits, and the watchdog's verdicts (inputs of the
	// match that a replay records: Sandbox.Verdicts, Sandbox.OnVerdict, Sandbox.Replay).
	Sandbox *star.Sandbox
}

// Options change how Build builds; the zero value is the normal match.
type Options struct {
	// Driver runs the scripts; nil means tasklets.
	Driver func(onError func(engine.ScriptError)) engine.Driver
	// Gate joins every tick's script phase (engine.Config.Gate): the remote bots' lockstep, remote.Server.Gate.
	Gate engine.Gate
	// Extra bots added after the configured ones, each with its own script (the desktop's player).
	Extra []ExtraBot
	// Sources, when it has a .star name of the config, gives that script's source instead of the file's (a
	// replay's recorded scripts): the file is not read.
	Sources map[string][]byte
	// Sandbox runs the .star bots; nil means a new one with star.DefaultLimits. Pass one to set other limits,
	// to record the watchdog's verdicts from the start (OnVerdict), or to replay them (Replay).
	Sandbox *star.Sandbox
	// Cores spreads the scripts over that many shards, each run on a core of its own during the script phase
	// (engine.Config.Shards); 0 or 1 runs them on the goroutine that steps the World. The match is the same for
	// any value, .star bots included (their memory account is settled in bot order; the watchdog's verdicts,
	// which depend on the machine, are inputs of the match; remote bots' commands are delivered on every shard).
	// More than 1 refuses a Driver.
	Cores int
}

// DefaultCores is how many shards a match spreads its scripts over unless told otherwise, in the headless
// command (-cores) and the desktop: the machine's cores (runtime.NumCPU), at most engine.MaxShards. The zero
// Options.Cores is 1, not this: a tournament plays each match on one shard, since it fills the cores with whole
// matches. Any goroutine; O(1).
func DefaultCores() int { return min(runtime.NumCPU(), engine.MaxShards) }

// ExtraBot is a bot Build adds with a script of the caller's.
type ExtraBot struct {
	Name   string
	Script actors.Script
}

// Resolve finds the script for a bot name: a built-in bot, or a .star file, which it reads and compiles
// (star.Load): a file that cannot be read or does not compile is a one-line error, "path: ..." or
// "path:line:col: ...".
func Resolve(name string) (actors.Script, string, error) {
	script, name, _, err := resolve(name, nil, nil)
	return script, name, err
}

// resolve is Resolve that takes a .star script's source from sources when it is there, loads it in the
// match's sandbox sb (nil: star.Load's), and returns the source of a .star script.
func resolve(name string, sources map[string][]byte, sb *star.Sandbox) (actors.Script, string, []byte, error) {
	if in, ok := bots.Lookup(name); ok {
		return in.Script, in.Name, nil, nil
	}
	if strings.HasSuffix(name, ".star") {
		if sb == nil {
			sb = star.DefaultSandbox()
		}
		var script actors.Script
		var err error
		src, ok := sources[name]
		if ok {
			script, err = sb.LoadSource(name, src)
		} else {
			script, src, err = sb.LoadFile(name)
		}
		if err != nil {
			return nil, "", nil, err
		}
		return script, scriptName(name), src, nil
	}
	return nil, "", nil, fmt.Errorf("unknown bot %q: built-in bots are %s; or give a path to a .star file", input.Shorten(name), strings.Join(builtinNames(), ", "))
}

// scriptName is a script file's name without directory and extension.
func scriptName(path string) string {
	base := path[strings.LastIndexAny(path, `/\`)+1:]
	return strings.TrimSuffix(base, ".star")
}

func builtinNames() []string { return bots.Names() }

// Build checks c, builds its World and spawns its doors and bots, in the config's order. Every script is
// resolved (and every .star file loaded) before anything is spawned, so a bad name fails fast. Call it on the
// goroutine that will step the World.
func Build(c Config, opt Options) (*Match, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	type resolved struct {
		name   string
		script actors.Script
		count  int
	}
	sb := opt.Sandbox
	if sb == nil {
		sb = star.NewSandbox(star.Limits{})
	}
	var plan []resolved
	sources := map[string][]byte{}
	for _, spec := range c.Bots {
		script, name, src, err := resolve(spec.Name, opt.Sources, sb)
		if err != nil {
			return nil, err
		}
		if src != nil {
			sources[spec.Name] = src
		}
		plan = append(plan, resolved{name, script, spec.Count})
	}
	if opt.Cores > 1 && opt.Driver != nil {
		return nil, fmt.Errorf("%d cores: a driver of the caller's (Options.Driver) runs on one core only", opt.Cores)
	}
	if opt.Gate != nil && opt.Driver != nil {
		return nil, fmt.Errorf("a Gate (remote bots) needs the World's own tasklet driver, not Options.Driver")
	}
	width, height := c.size()
	walls := make([]engine.Rect, len(c.Walls))
	for i, b := range c.Walls {
		walls[i] = b.Rect()
	}
	w, err := engine.New(engine.Config{Width: width, Height: height, Seed: c.Seed, MaxTicks: c.MaxTicks, Walls: walls, Driver: opt.Driver,
		Shards: opt.Cores, Gate: opt.Gate})
	if err != nil {
		return nil, err
	}
	m := &Match{Config: c, World: w, Sources: sources, Sandbox: sb}
	fail := func(err error) (*Match, error) {
		w.Close()
		return nil, err
	}
	for i, d := range c.Doors {
		door, err := actors.SpawnDoor(w, d.Rect(), doorScript(d))
		if err != nil {
			return fail(fmt.Errorf("door %d: %w", i+1, err))
		}
		m.Doors = append(m.Doors, door)
	}
	if err := m.addRandomDoors(c.RandomDoors); err != nil {
		return fail(err)
	}
	for _, p := range plan {
		for range p.count {
			b, err := actors.SpawnBot(w, p.name, p.script)
			if err != nil {
				return fail(err)
			}
			m.Bots = append(m.Bots, b)
		}
	}
	for _, x := range opt.Extra {
		b, err := actors.SpawnBot(w, x.Name, x.Script)
		if err != nil {
			return fail(err)
		}
		m.Bots = append(m.Bots, b)
	}
	return m, nil
}

func doorScript(d DoorDef) func(*actors.Door) {
	if d.Mode == "proximity" {
		dist := d.Distance
		if dist <= 0 {
			dist = 120
		}
		return actors.ProximityDoor(dist)
	}
	open, closed := d.Open, d.Closed
	if open <= 0 {
		open = 180
	}
	if closed <= 0 {
		closed = 120
	}
	return actors.TimedDoor(open, closed)
}

// addRandomDoors scatters n timed doors (60x12 or 12x60, with varied timings) at spots that overlap no wall and
// no other door. O(n) tries of O(1) each, through a RectIndex.
func (m *Match) addRandomDoors(n int) error {
	w := m.World
	width, height := w.Size()
	rng := w.Rand()
	taken := NewRectIndex() // walls and the doors placed so far
	for _, r := range w.Walls() {
		taken.Add(r)
	}
	for i := range n {
		ok := false
		for range 500 {
			var r engine.Rect
			if rng.IntN(2) == 0 {
				r = engine.R(20+rng.Float64()*(width-100), 20+rng.Float64()*(height-52), 60, 12)
			} else {
				r = engine.R(20+rng.Float64()*(width-52), 20+rng.Float64()*(height-100), 12, 60)
			}
			grown := r.Inset(-4)
			if taken.Overlaps(grown) {
				continue
			}
			door, err := actors.SpawnDoor(w, r, actors.TimedDoor(90+rng.IntN(120), 60+rng.IntN(120)))
			if err != nil {
				return err
			}
			taken.Add(r)
			m.Doors = append(m.Doors, door)
			ok = true
			break
		}
		if !ok {
			return fmt.Errorf("-doors %d: the arena has room for only %d", n, i)
		}
	}
	return nil
}
