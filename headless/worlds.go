package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"stackarena/actors"
	"stackarena/bots"
	"stackarena/engine"
	"stackarena/match"
)

// The bench's worlds and modes. A world is a population of behaviours kept at a fixed number of actors; a mode
// is how the behaviours run. Every mode of a world builds the same arena, draws the same random numbers in the
// same order and performs the same actions in the same ticks, so that the three modes of a row end in the
// same state hash: they do the same work, and only the way it is scheduled differs.
const (
	worldMixed = "mixed"
	worldBusy  = "busy"

	modeTasklets     = "tasklets"     // each behaviour is a script on a tasklet (engine.NewTaskletDriver)
	modeGoroutines   = "goroutines"   // each script on a goroutine of its own (engine.NewGoroutineDriver)
	modeStateMachine = "statemachine" // each behaviour hand-written as per-tick code (machines)
)

var (
	worldNames = []string{worldMixed, worldBusy}
	modeNames  = []string{modeTasklets, modeGoroutines, modeStateMachine}
)

// benchEnergy is added to every bench bot's energy, so that no bot dies during a run and the mix stays as it
// was built. Hits still land, take energy, credit their shooter and cut the bot's action short.
const benchEnergy = 1e9

// Bench world shapes.
const (
	botShare      = 10    // mixed and busy: one actor in 10 is a bot
	doorShare     = 10    // mixed: one actor in 10 is a door
	launchPower   = 1.0   // mixed: the power of the bullets launched to top the world up
	talkSpeed     = 8.0   // busy: a talk bullet's speed, units per tick
	areaPerThing  = 120.0 // the arena gives each bot and door a square of this side, as match sizes arenas
	minArenaSide  = 800.0
	benchMaxTicks = 1 << 62 // a bench world never ends by itself

	minBenchActors = botShare // one bot, at least
)

// benchWorld is a World built for one bench row, with the means to keep its actors at n.
type benchWorld struct {
	w        *engine.World
	n        int
	rng      *rand.Rand // the bench's own draws (door timings, top-ups), apart from the World's
	bots     []*engine.Bot
	machines *machines // the statemachine mode's behaviours; nil in the other modes
	topUp    func()
}

// newBenchWorld builds world ("mixed" or "busy") with n actors, its behaviours run the mode's way; in the
// tasklets mode, cores > 1 spreads the scripts over that many shards (engine.Config.Shards).
func newBenchWorld(world, mode string, n int, seed uint64, cores int) (*benchWorld, error) {
	if !slices.Contains(modeNames, mode) {
		return nil, fmt.Errorf("unknown mode %q: modes are %v", mode, modeNames)
	}
	if n < minBenchActors {
		return nil, fmt.Errorf("%d actors: a bench world needs at least %d", n, minBenchActors)
	}
	nBots := n / botShare
	nDoors := 0
	switch world {
	case worldMixed:
		nDoors = n / doorShare
	case worldBusy:
	default:
		return nil, fmt.Errorf("unknown world %q: worlds are %v", world, worldNames)
	}
	side := math.Max(minArenaSide, math.Ceil(areaPerThing*math.Sqrt(float64(nBots+nDoors))))
	bw := &benchWorld{n: n, rng: rand.New(rand.NewPCG(seed, 0xbe4c))}
	cfg := engine.Config{Width: side, Height: math.Round(side * 3 / 4), Seed: seed, MaxTicks: benchMaxTicks}
	switch mode {
	case modeTasklets:
		cfg.Driver = engine.NewTaskletDriver
		if cores > 1 {
			cfg.Driver, cfg.Shards = nil, cores // the World's sharded tasklet driver
		}
	default:
		if cores > 1 {
			return nil, fmt.Errorf("%d cores: only the %s mode runs on shards", cores, modeTasklets)
		}
	}
	switch mode {
	case modeGoroutines:
		cfg.Driver = engine.NewGoroutineDriver
	case modeStateMachine:
		bw.machines = &machines{}
		cfg.Driver = func(func(engine.ScriptError)) engine.Driver { return bw.machines }
	}
	w, err := engine.New(cfg)
	if err != nil {
		return nil, err
	}
	bw.w = w
	if bw.machines != nil {
		bw.machines.w = w
	}
	if err := bw.addDoors(nDoors); err != nil {
		w.Close()
		return nil, err
	}
	kinds := []botKind{squarebot, spinbot}
	if world == worldBusy {
		kinds = []botKind{spinbot}
	}
	if err := bw.addBots(nBots, kinds); err != nil {
		w.Close()
		return nil, err
	}
	if world == worldMixed {
		bw.topUp = bw.launchBullets
	} else {
		bw.topUp = bw.spawnTalkBullets
	}
	return bw, nil
}

// addDoors places n timed doors (60x12 or 12x60, apart from one another) with timings like match's random
// doors: open 90 to 209 ticks, closed 60 to 179.
func (bw *benchWorld) addDoors(n int) error {
	width, height := bw.w.Size()
	placed := match.NewRectIndex()
	for range n {
		var r engine.Rect
		for try := 0; ; try++ {
			if try == 1000 {
				return fmt.Errorf("no room for %d doors in the %gx%g arena", n, width, height)
			}
			if bw.rng.IntN(2) == 0 {
				r = engine.R(20+bw.rng.Float64()*(width-100), 20+bw.rng.Float64()*(height-52), 60, 12)
			} else {
				r = engine.R(20+bw.rng.Float64()*(width-52), 20+bw.rng.Float64()*(height-100), 12, 60)
			}
			if !placed.Overlaps(r.Inset(-4)) {
				break
			}
		}
		placed.Add(r)
		open, closed := 90+bw.rng.IntN(120), 60+bw.rng.IntN(120)
		if bw.machines != nil {
			d, err := bw.w.AddDoor(r)
			if err != nil {
				return err
			}
			bw.machines.doors = append(bw.machines.doors, doorMachine{body: bw.w.ControlDoor(d), open: open, closed: closed})
			continue
		}
		if _, err := actors.SpawnDoor(bw.w, r, actors.TimedDoor(open, closed)); err != nil {
			return err
		}
	}
	return nil
}

// addBots adds n bots, cycling through kinds, each with benchEnergy more energy.
func (bw *benchWorld) addBots(n int, kinds []botKind) error {
	for i := range n {
		kind := kinds[i%len(kinds)]
		var body *engine.Bot
		if bw.machines != nil {
			b, err := bw.w.AddBot(kind.String())
			if err != nil {
				return err
			}
			body = b
			bw.machines.bots = append(bw.machines.bots, botMachine{body: bw.w.ControlBot(b), kind: kind})
		} else {
			b, err := actors.SpawnBot(bw.w, kind.String(), kind.script())
			if err != nil {
				return err
			}
			body = bw.w.Bot(b.ID())
		}
		bw.w.ControlBot(body).AddEnergy(benchEnergy)
		bw.bots = append(bw.bots, body)
	}
	return nil
}

// launchBullets tops the mixed world up to n actors with engine bullets, each fired (power 1) along the gun of a
// bot drawn at random.
func (bw *benchWorld) launchBullets() {
	for bw.w.Actors() < bw.n && bw.w.AliveBots() > 0 {
		bw.w.Launch(bw.bots[bw.rng.IntN(len(bw.bots))], launchPower)
	}
}

// spawnTalkBullets tops the busy world up to n actors with the talk's scripted bullets, each at a random spot
// with a random heading.
func (bw *benchWorld) spawnTalkBullets() {
	width, height := bw.w.Size()
	for bw.w.Actors() < bw.n {
		x, y := bw.rng.Float64()*width, bw.rng.Float64()*height
		sin, cos := math.Sincos(bw.rng.Float64() * 2 * math.Pi)
		dx, dy := talkSpeed*cos, talkSpeed*sin
		if bw.machines != nil {
			bw.machines.addTalkBullet(bw.w.ControlBullet(bw.w.AddScriptedBullet(engine.Vec{X: x, Y: y}, nil)), dx, dy)
			continue
		}
		actors.SpawnBullet(bw.w, x, y, nil, bots.TalkBullet(dx, dy))
	}
}

// step tops the world up to n actors and steps it; it returns how many actors the tick began with.
func (bw *benchWorld) step() (int, error) {
	bw.topUp()
	live := bw.w.Actors()
	return live, bw.w.Step()
}

func (bw *benchWorld) close() { bw.w.Close() }

// botKind is a bench bot's behaviour.
type botKind uint8

const (
	squarebot botKind = iota
	spinbot
)

func (k botKind) String() string { return [...]string{"squarebot", "spinbot"}[k] }

// script is the kind's built-in script, for the tasklet and goroutine modes.
func (k botKind) script() actors.Script {
	if k == squarebot {
		return bots.Squarebot
	}
	return bots.Spinbot
}
