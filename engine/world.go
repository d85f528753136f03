package engine

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"unsafe"

	"stackarena/scheduler/prefetch"
)

// Config describes an arena. The zero value of an optional field takes its default.
type Config struct {
	Width, Height float64 // the arena's size in units, each between MinArena and MaxArena
	Seed          uint64  // the seed of every random choice in the match
	Walls         []Rect  // static walls, inside the arena
	// MaxTicks ends the match after that many ticks; 0 means MaxTicksDefault.
	MaxTicks uint64
	// Driver makes the driver that runs the actors; nil means tasklets (NewTaskletDriver). A driver that is not a
	// ScriptDriver (the benchmarks' state machines) runs no script: engine bullets then fly with none.
	Driver func(onError func(ScriptError)) Driver
	// BulletsWithoutScripts fires engine bullets with no script even when the driver runs scripts (for tests
	// that compare the two).
	BulletsWithoutScripts bool
	// Shards spreads the scripts over that many tasklet schedulers, each driven by a worker goroutine of its own
	// during the script phase (shards.go); 0 or 1 runs them all on the goroutine that calls Step, as before. Any
	// value gives the same match. More than 1 needs Driver nil, and scripts that share no mutable state beyond
	// what the World gives them (package actors' scripts, .star bots).
	Shards int
	// Gate, when set, joins the script phase of every tick after the scripts' turn, to deliver what other
	// goroutines posted to the scripts (the remote bots' lockstep, bots/remote): see Gate. Needs Driver nil.
	Gate Gate
}

// Arena size limits.
const (
	MinArena = 200.0
	MaxArena = 200_000.0
)

// World is an arena and everything in it: bots, bullets, doors and walls, their scripts' driver, a seeded
// random source and the tick counter. Step advances it one tick. Nothing in it reads the clock, iterates a
// map or uses a global random source: the same Config and the same scripts give the same state hash at every
// tick.
//
// A World is driven by one goroutine; renderers and reports read it between Steps.
type World struct {
	cfg     Config
	driver  Driver
	scripts ScriptDriver // driver, if it runs scripts; nil if not
	rng     *rand.Rand
	tick    uint64

	bots     []*Bot
	bullets  []*Bullet
	doors    []*Door
	walls    []Rect
	blockers []Rect // walls, then doorways; grid indices point here
	grid     grid

	nextBullet  int
	effects     []Effect
	lastDamage  uint64
	aliveBots   int
	over        bool
	closed      bool
	peakActors  int
	errors      []ScriptError
	deaths      []Event // a BotDied event per bot that left the match, in order: every bot hears them
	botsByName  map[string]int
	blockersSet bool
	gridStale   bool            // bots were added since the grid was built
	bulletSlab  []Bullet        // where the next scripted bullets are allocated
	bulletPool  bulletPool      // the engine bullets
	spent       [][]*Bullet     // per shard: engine bullets whose tasklet has ended, for reuseBullets
	blockState  []blockState    // blockers[i]'s state, dense, so that flights need not load the doors
	flightEnds  [][]flightEnd   // per part of the flights (parallel.go): the flights that end this tick, in order
	flightKept  [][2]int        // per part of the flights: the part's bullets that fly on are bullets[lo:out]
	botMoves    [][]botMove     // per part of the bots' moves (parallel.go): shots and wake-ups to apply
	crowded     []bool          // crowded[i]: collideBots checks bots[i]
	movedBots   []*Bot          // the bots collideBots moved, for the grid
	endOfTick   [][]*Bot        // per part of the bots (parallel.go): those buryAndWake buries or wakes
	deferWakes  bool            // wake queues in wakes, for wakeDeferred (sharded flights' ends)
	wakes       [][]Actor       // wakes[k]: actors of shard k to wake, in order
	wakeJobs    []func()        // wakeJobs[k] wakes wakes[k] on shard k's worker
	blockRect   []Rect          // what blockers[i] blocks now: the wall, or the door's panel
	doorBusy    []bool          // doors[i] is moving or waits for a bot: only those need a step
	placed      map[int32][]Vec // where bots are, by grid cell, while bots are being added (lookups only)
	drawing     bool            // a viewer shows debug drawing: record it (draw.go)
	sides       []ScriptSide    // sides[k]: what the scripts of shard k call to wait; one entry unless sharded
	flyScripts  []func()        // flyScripts[k]: the engine bullets' script on shard k
	hurts       [][]hurt        // hurts[k]: scripted bullets' damage dealt on shard k during the script phase
	failed      []ScriptError   // scripts that failed during the script phase, applied after it
	inScripts   bool            // the script phase runs: effects on other actors are buffered
}

// New builds an empty World. It checks the configuration: an arena size out of range or a wall outside the
// arena is an error.
func New(cfg Config) (*World, error) {
	if !(cfg.Width >= MinArena && cfg.Width <= MaxArena && cfg.Height >= MinArena && cfg.Height <= MaxArena) {
		return nil, fmt.Errorf("arena size %gx%g: each side must be between %g and %g", cfg.Width, cfg.Height, MinArena, MaxArena)
	}
	bounds := R(0, 0, cfg.Width, cfg.Height)
	for i, r := range cfg.Walls {
		if r.Empty() || r.Min.X < 0 || r.Min.Y < 0 || r.Max.X > bounds.Max.X || r.Max.Y > bounds.Max.Y {
			return nil, fmt.Errorf("wall %d (%g,%g)-(%g,%g) is empty or outside the %gx%g arena", i+1, r.Min.X, r.Min.Y, r.Max.X, r.Max.Y, cfg.Width, cfg.Height)
		}
	}
	if err := checkShards(cfg); err != nil {
		return nil, err
	}
	if cfg.MaxTicks == 0 {
		cfg.MaxTicks = MaxTicksDefault
	}
	w := &World{
		cfg:        cfg,
		rng:        rand.New(rand.NewPCG(cfg.Seed, 0x5eed)),
		walls:      cfg.Walls,
		botsByName: map[string]int{},
	}
	makeDriver := cfg.Driver
	if makeDriver == nil {
		makeDriver = NewTaskletDriver
	}
	if cfg.Shards > 1 {
		sd := newShardDriver(cfg.Shards, w.scriptFailed)
		w.driver = sd
		for _, s := range sd.shards {
			w.sides = append(w.sides, s)
		}
	} else {
		w.driver = makeDriver(w.scriptError)
	}
	if cfg.Gate != nil {
		w.driver = attachGate(w.driver, cfg.Gate)
	}
	w.scripts, _ = w.driver.(ScriptDriver)
	if w.scripts != nil && w.sides == nil {
		w.sides = []ScriptSide{w.scripts}
	}
	for _, side := range w.sides {
		w.flyScripts = append(w.flyScripts, func() { side.Owner().(*Bullet).fly() })
	}
	w.hurts = make([][]hurt, max(1, len(w.sides)))
	w.spent = make([][]*Bullet, max(1, len(w.sides)))
	w.grid = newGrid(cfg.Width, cfg.Height)
	return w, nil
}

// Driver is the driver running the World's actors (for tools and tests: engine.Scheduler(w.Driver())).
func (w *World) Driver() Driver { return w.driver }

// spawn starts a script for owner (a *Bot, *Bullet or *Door) as a new actor. Main side only: before the first
// Step or between Steps. It fails if the World's driver runs no scripts.
func (w *World) spawn(name string, owner any, script func()) (Actor, error) {
	if w.scripts == nil {
		return nil, errors.New("this World's driver runs no scripts")
	}
	return w.scripts.Spawn(name, owner, script), nil
}

// Rand is the World's random source. Use it only on the main side (placing things), in a fixed order.
func (w *World) Rand() *rand.Rand { return w.rng }

// AddBot places a new bot at a random free spot (away from walls, doors and other bots) with a random heading.
// Its name is made unique by a "#n" suffix when the base name repeats. It fails when no free spot is found: the
// arena is too small for its bots. Start its script with ControlBot(b).Run (package actors does). Main side
// only.
func (w *World) AddBot(name string) (*Bot, error) {
	w.addStatic()
	w.botsByName[name]++
	if n := w.botsByName[name]; n > 1 {
		name = fmt.Sprintf("%s#%d", name, n)
	}
	id := len(w.bots) + 1
	if w.placed == nil { // first bot since the last Step: index where the live bots are now
		w.placed = map[int32][]Vec{}
		for _, o := range w.bots {
			if o.alive {
				c := int32(w.grid.cellOf(o.pos))
				w.placed[c] = append(w.placed[c], o.pos)
			}
		}
	}
	pos, ok := w.freeSpot()
	if !ok {
		return nil, fmt.Errorf("the %gx%g arena is too small for %d bots: no free spot for %s", w.cfg.Width, w.cfg.Height, id, name)
	}
	h := float64(w.rng.IntN(360))
	b := &Bot{
		w: w, id: id, shard: shardOf(id, w.Shards()), name: name, pos: pos, prev: pos, heading: h, gunHeading: h,
		energy: StartEnergy, gunHeat: StartGunHeat, alive: true,
		rng: rand.New(rand.NewPCG(w.cfg.Seed, uint64(id))), style: id - 1, deathsRead: len(w.deaths),
	}
	w.bots = append(w.bots, b)
	w.aliveBots++
	w.gridStale = true
	c := int32(w.grid.cellOf(pos))
	w.placed[c] = append(w.placed[c], pos)
	return b, nil
}

// freeSpot draws random positions until one is clear of the edges, walls, doorways and other bots. O(1) per
// try: walls and doorways through the grid, bots through the placement index.
func (w *World) freeSpot() (Vec, bool) {
	margin := BotRadius + 2
	gap := 2*BotRadius + 4
	for range 2000 {
		p := Vec{margin + w.rng.Float64()*(w.cfg.Width-2*margin), margin + w.rng.Float64()*(w.cfg.Height-2*margin)}
		if w.blockedAt(p, BotRadius+4) || w.crowdedAt(p, gap) {
			continue
		}
		return p, true
	}
	return Vec{}, false
}

// blockedAt reports whether a circle at p overlaps a wall or a doorway (open or not).
func (w *World) blockedAt(p Vec, radius float64) bool {
	blocked := false
	w.grid.blockersIn(Vec{p.X - radius, p.Y - radius}, Vec{p.X + radius, p.Y + radius}, func(i int) {
		blocked = blocked || w.blockers[i].CircleOverlaps(p, radius)
	})
	return blocked
}

// crowdedAt reports whether a bot already placed is closer than gap to p.
func (w *World) crowdedAt(p Vec, gap float64) bool {
	cx0, cy0, cx1, cy1 := w.grid.span(Vec{p.X - gap, p.Y - gap}, Vec{p.X + gap, p.Y + gap})
	for cy := cy0; cy <= cy1; cy++ {
		for cx := cx0; cx <= cx1; cx++ {
			for _, q := range w.placed[int32(cy*w.grid.cols+cx)] {
				if q.Dist2(p) < gap*gap {
					return true
				}
			}
		}
	}
	return false
}

// freshGrid rebuilds the grid if bots were added since it was built.
func (w *World) freshGrid() {
	if w.gridStale {
		w.gridStale = false
		w.grid.rebuild(w.bots)
	}
}

// AddDoor adds a closed door over the doorway r, which must lie inside the arena and clear of bots. Start its
// script with ControlDoor(d).Run (package actors does). Doors must be added before bots. Main side only.
func (w *World) AddDoor(r Rect) (*Door, error) {
	if w.blockersSet {
		return nil, errors.New("doors must be added before bots")
	}
	if r.Empty() || r.Min.X < 0 || r.Min.Y < 0 || r.Max.X > w.cfg.Width || r.Max.Y > w.cfg.Height {
		return nil, fmt.Errorf("door (%g,%g)-(%g,%g) is empty or outside the %gx%g arena", r.Min.X, r.Min.Y, r.Max.X, r.Max.Y, w.cfg.Width, w.cfg.Height)
	}
	d := &Door{w: w, id: len(w.doors) + 1, shard: shardOf(len(w.doors)+1, w.Shards()), rect: r}
	w.doors = append(w.doors, d)
	w.doorBusy = append(w.doorBusy, false)
	return d, nil
}

// addStatic buckets walls and doorways in the grid, once, before the first bot is placed.
func (w *World) addStatic() {
	if w.blockersSet {
		return
	}
	w.blockersSet = true
	w.blockers = append(w.blockers[:0], w.walls...)
	w.blockState = make([]blockState, len(w.walls), len(w.walls)+len(w.doors))
	w.blockRect = append(make([]Rect, 0, len(w.walls)+len(w.doors)), w.walls...)
	for _, d := range w.doors {
		d.blocker = len(w.blockers)
		w.blockers = append(w.blockers, d.rect)
		w.blockState = append(w.blockState, blockNothing)
		w.blockRect = append(w.blockRect, Rect{})
		d.updateBlock()
	}
	w.grid.buildBlockers(w.blockers)
	for i := range w.blockers {
		w.grid.setBox(i, w.bulletBox(i))
	}
}

// AddScriptedBullet adds a bullet at p that its own script moves (the talk's bullet loop); owner may be nil.
// Start its script with ControlBullet(b).Run. Main side only.
func (w *World) AddScriptedBullet(p Vec, owner *Bot) *Bullet {
	w.nextBullet++
	b := w.newBullet()
	*b = Bullet{w: w, id: w.nextBullet, owner: owner, pos: p, prev: p, power: 1, alive: true, scripted: true,
		shard: shardOf(w.nextBullet, w.Shards())}
	w.bullets = append(w.bullets, b)
	return b
}

// Step advances the World one tick, in this order:
//
//  1. scripts: every runnable actor (bot, bullet, door) gets its turn and asks for actions;
//  2. guns: bots that asked to fire and may fire do so, then every gun cools;
//  3. bots turn (body, then gun), change speed and move; walls, doors and the arena's edge stop them;
//  4. bots that overlap collide: both stop and take RamDamage;
//  5. engine bullets fly and hit the first bot, wall, door or edge on their path;
//  6. doors move toward open or closed;
//  7. inactivity drains energy when no bullet has hit for InactivityTicks ticks;
//  8. bots at 0 energy die and their scripts are killed;
//  9. scripts whose action ended or was interrupted are woken, in bot order, to run next tick;
//  10. the match ends when at most one bot is left or MaxTicks is reached.
//
// Cost: one tasklet switch per runnable script plus O(1) per actor on average (the grid); parked scripts cost
// nothing. With many bullets or bots, phases 2 to 5, 8 and 9 run on up to GOMAXPROCS goroutines (parallel.go),
// all ended when Step returns; the outcome is the same. Step after the match is over does nothing.
func (w *World) Step() error {
	if w.over || w.closed {
		return nil
	}
	w.addStatic()
	w.placed = nil // bots move from now on: the grid knows where they are
	w.freshGrid()
	w.tick++
	w.inScripts = true
	err := w.driver.Tick()
	w.inScripts = false
	w.applyScriptEffects()
	w.reuseBullets()
	if err != nil {
		return err
	}
	w.moveBots()
	w.grid.rebuild(w.bots)
	w.collideBots()
	w.flyBullets()
	for i, d := range w.doors {
		if w.doorBusy[i] {
			d.step()
		}
	}
	w.drainInactive()
	w.buryAndWake()
	w.sweep()
	if actors := w.aliveBots + len(w.bullets) + len(w.doors); actors > w.peakActors {
		w.peakActors = actors
	}
	if (len(w.bots) >= 2 && w.aliveBots <= 1) || (len(w.bots) == 1 && w.aliveBots == 0) || w.tick >= w.cfg.MaxTicks {
		w.over = true
	}
	return nil
}

// Close ends every script (their deferred calls run) and releases their goroutines. The World can still be
// read afterwards.
func (w *World) Close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	return w.driver.Close()
}

// shootAndCool cools b's gun after firing the shot b asked for, if its gun is cold and its energy allows; it
// reports the shot's power, 0 if none. The bullet itself is launched by the caller (launch): this touches only b.
func shootAndCool(b *Bot) (power float64) {
	if p := b.firePower; p > 0 {
		b.firePower = 0
		if b.gunHeat == 0 && b.energy > p {
			b.energy -= p
			b.gunHeat = GunHeat(p)
			b.shots++
			power = p
		}
	}
	b.gunHeat = max(0, b.gunHeat-GunCooling)
	if b.gunHeat < 1e-9 {
		b.gunHeat = 0
	}
	return power
}

// launch fires an engine bullet of owner's from pos along gunHeading; the bullet's tasklet waits for the flight.
func (w *World) launch(owner *Bot, pos Vec, gunHeading, power float64) {
	w.nextBullet++
	bl := w.bulletPool.get()
	*bl = Bullet{w: w, id: w.nextBullet, owner: owner, pos: pos, prev: pos, power: power, alive: true,
		vel: Heading(gunHeading).Scale(BulletSpeed(power)), slot: bl.slot}
	if w.scripts != nil && !w.cfg.BulletsWithoutScripts {
		bl.parked = true // waiting for its flight from the start: end wakes it
		bl.shard = shardOf(bl.id, w.Shards())
		bl.actor = w.scripts.SpawnPaused("bullet", bl, w.flyScripts[bl.shard])
	}
	w.bullets = append(w.bullets, bl)
}

// botMove is what moving a bot leaves for the World's goroutine: a shot to launch (power > 0) from where the bot
// stood, and whether its script must be woken (it ran into something).
type botMove struct {
	b          *Bot
	pos        Vec
	gunHeading float64
	power      float64
	wake       bool
}

// moveBots is the guns' and the bots' part of a tick: each bot fires from where it stands, then turns, changes
// speed and moves. Moving a bot touches only that bot and reads only the static blockers, so with many bots the
// moves run on every core (parallel.go); the shots and the wake-ups, which touch the World, are listed and
// applied afterwards in bot order.
func (w *World) moveBots() {
	n := len(w.bots)
	parts := chunksFor(n, parallelBots)
	w.botMoves = perPart(w.botMoves, parts)
	inParts(n, parts, func(k, lo, hi int) {
		out := w.botMoves[k]
		for _, b := range w.bots[lo:hi] {
			if !b.alive {
				continue
			}
			m := botMove{b: b, pos: b.pos, gunHeading: b.gunHeading, power: shootAndCool(b)}
			m.wake = w.moveBot(b)
			if m.power > 0 || m.wake {
				out = append(out, m)
			}
		}
		w.botMoves[k] = out
	})
	for _, moves := range w.botMoves[:parts] {
		for _, m := range moves {
			if m.power > 0 {
				w.launch(m.b, m.pos, m.gunHeading, m.power)
			}
			if m.wake {
				m.b.resume()
			}
		}
	}
}

// moveBot turns b, changes its speed and moves it. It touches only b; it reports whether b's script must be
// woken (b ran into a wall, a door or the edge).
func (w *World) moveBot(b *Bot) (wake bool) {
	// Turn: the body at its speed-dependent rate, the gun (mounted on the body) on top of it.
	if b.turnLeft != 0 {
		rate := TurnRate(b.speed)
		t := max(-rate, min(rate, b.turnLeft))
		b.heading = NormalizeHeading(b.heading + t)
		b.gunHeading = NormalizeHeading(b.gunHeading + t)
		b.turnLeft -= t
		if abs(b.turnLeft) < 1e-9 {
			b.turnLeft = 0
		}
	}
	if b.gunTurnLeft != 0 {
		t := max(-GunTurnRate, min(GunTurnRate, b.gunTurnLeft))
		b.gunHeading = NormalizeHeading(b.gunHeading + t)
		b.gunTurnLeft -= t
		if abs(b.gunTurnLeft) < 1e-9 {
			b.gunTurnLeft = 0
		}
	}
	// Speed: hold a driven speed, close in on a move's end, or brake.
	switch {
	case b.drive:
		b.speed = nextSpeed(b.speed, b.targetSpeed)
	case b.moveLeft != 0:
		b.speed = moveSpeed(b.speed, b.moveLeft)
	default:
		b.speed = nextSpeed(b.speed, 0)
	}
	b.prev = b.pos
	if b.speed == 0 {
		return false
	}
	b.pos = b.pos.Add(Heading(b.heading).Scale(b.speed))
	if b.moveLeft != 0 {
		b.moveLeft -= b.speed
		if abs(b.moveLeft) < 1e-9 || (b.moveLeft > 0) != (b.moveLeft+b.speed > 0) {
			b.moveLeft = 0
		}
	}
	return w.stopAtWalls(b)
}

// stopAtWalls keeps b inside the arena and out of walls and door panels: a bot that runs into one goes back
// where it was, stops, and takes WallDamage. It touches only b; it reports whether b's script must be woken.
func (w *World) stopAtWalls(b *Bot) (wake bool) {
	r := BotRadius
	hit := false
	var toward Vec
	// Written so that a NaN coordinate fails the test: a position that is not finite goes back where it was (the
	// arguments are clamped on the way in, so this never happens; the invariant costs nothing here).
	if !(b.pos.X >= r && b.pos.Y >= r && b.pos.X <= w.cfg.Width-r && b.pos.Y <= w.cfg.Height-r) {
		if b.pos.X != b.pos.X || b.pos.Y != b.pos.Y {
			b.pos = b.prev
		}
		clamped := Vec{max(r, min(w.cfg.Width-r, b.pos.X)), max(r, min(w.cfg.Height-r, b.pos.Y))}
		toward = b.pos
		b.pos = clamped
		hit = true
	}
	w.grid.blockersIn(Vec{b.pos.X - r, b.pos.Y - r}, Vec{b.pos.X + r, b.pos.Y + r}, func(i int) {
		if hit {
			return
		}
		rect, ok := w.blockerRect(i)
		if ok && rect.CircleOverlaps(b.pos, r) {
			toward = rect.Closest(b.pos)
			b.pos = b.prev
			hit = true
		}
	})
	if !hit {
		return false
	}
	b.addEnergy(-WallDamage(b.speed), nil)
	b.speed = 0
	b.moveLeft = 0
	b.drive = false
	b.event(Event{Kind: HitWall, Bearing: b.pos.BearingTo(toward)})
	return b.cutShort()
}

// collideBots stops overlapping bots: each goes back where it was, stops and takes RamDamage; the grid then
// follows the bots that moved.
//
// One pass over the bots in ID order, each checked against the bots of higher ID near it, where a collision
// moves bots that later checks see. Most bots touch nobody: a first pass, on every core with many bots
// (parallel.go), finds the crowded ones, those that overlap another bot; the ordered pass then checks only those,
// and every bot near where a collision moved a bot. That is every bot the full pass would find overlapping (at
// its turn it has moved, a bot that moved is near it, or it overlapped from the start), so the outcome is the
// same.
func (w *World) collideBots() {
	n := len(w.bots)
	if cap(w.crowded) < n {
		w.crowded = make([]bool, n, n+n/4)
	}
	w.crowded = w.crowded[:n]
	inParts(n, chunksFor(n, parallelBots), func(_, lo, hi int) {
		for i, a := range w.bots[lo:hi] {
			crowded := false
			if a.alive {
				w.grid.near(a.pos, BotRadius, func(b *Bot, p Vec) {
					crowded = crowded || (b != a && a.pos.Dist2(p) < 4*BotRadius*BotRadius)
				})
			}
			w.crowded[lo+i] = crowded
		}
	})
	moved := w.movedBots[:0]
	move := func(x *Bot, to Vec) { // and check, later in the pass, the bots near where x is now
		x.pos = to
		moved = append(moved, x)
		w.crowded[x.id-1] = true // w.bots[i].id is i+1
		w.grid.near(x.pos, BotRadius, func(b *Bot, _ Vec) { w.crowded[b.id-1] = true })
	}
	for i, a := range w.bots {
		if !w.crowded[i] || !a.alive {
			continue
		}
		w.grid.near(a.pos, BotRadius, func(b *Bot, _ Vec) {
			if b.id > a.id {
				w.ram(a, b, move)
			}
		})
	}
	w.grid.follow(moved, w.bots)
	clear(moved)
	w.movedBots = moved[:0]
}

// ram applies the collision rule to a and b if they overlap (by their positions, not the grid's: bots move back
// while collideBots goes through them): each goes back where it was, stops, takes RamDamage and hears of it; if
// they still overlap (one stood still), both are pushed apart. move puts a bot somewhere; it reports whether they
// collided. O(1).
func (w *World) ram(a, b *Bot, move func(x *Bot, to Vec)) bool {
	if a.pos.Dist2(b.pos) >= 4*BotRadius*BotRadius {
		return false
	}
	for _, x := range [2]*Bot{a, b} {
		other := b
		if x == b {
			other = a
		}
		x.addEnergy(-RamDamage, nil)
		move(x, x.prev)
		x.speed = 0
		x.moveLeft = 0
		x.drive = false
		x.event(Event{Kind: HitBot, Bearing: x.pos.BearingTo(other.pos), Other: other.id})
		x.interrupt()
	}
	if d := a.pos.Dist(b.pos); d < 2*BotRadius {
		push := (2*BotRadius - d) / 2
		dir := Heading(a.pos.BearingTo(b.pos))
		move(a, w.inside(a.pos.Sub(dir.Scale(push))))
		move(b, w.inside(b.pos.Add(dir.Scale(push))))
	}
	return true
}

func (w *World) inside(p Vec) Vec {
	r := BotRadius
	return Vec{max(r, min(w.cfg.Width-r, p.X)), max(r, min(w.cfg.Height-r, p.Y))}
}

// flyBullets moves every engine bullet and resolves the first thing on its path, and forgets, keeping the
// order of the rest, the bullets that ended this tick or in the scripts' turns.
//
// A flight only reads the World (nothing moves or dies during the flights) and writes its own bullet, so with
// many bullets the flights run on every core (parallel.go), and list the flights that end (at a bot, a wall, the
// edge). What an ending does to bots (energy, events, cut-short actions) is applied next, on every core too, each
// part owning a range of bots and going through the whole list in firing order; what it does to the rest of the
// World (the effects, the scripts woken) is applied last, one ending at a time in firing order. Every bot and
// every list sees the same changes in the same order as in one pass over the bullets, whatever GOMAXPROCS is.
func (w *World) flyBullets() {
	n := len(w.bullets)
	parts := chunksFor(n, parallelFlights)
	w.flightEnds = perPart(w.flightEnds, parts)
	if cap(w.flightKept) < parts {
		w.flightKept = make([][2]int, parts)
	}
	w.flightKept = w.flightKept[:parts] // each part sets its own
	inParts(n, parts, func(k, lo, hi int) {
		ends := w.flightEnds[k]
		out := lo // the part's bullets that fly on move down to w.bullets[lo:out], in order
		for i := lo; i < hi; i++ {
			if j := i + prefetchAhead; j < hi {
				prefetch.Line(unsafe.Pointer(w.bullets[j]))
			}
			bl := w.bullets[i]
			keep := bl.alive
			if keep && !bl.scripted {
				if e, ended := w.flyOne(bl); ended {
					e.bl = bl
					ends = append(ends, e)
					keep = false
				}
			}
			if keep {
				w.bullets[out] = bl
				out++
			}
		}
		w.flightEnds[k] = ends
		w.flightKept[k] = [2]int{lo, out}
	})
	live := 0
	for _, run := range w.flightKept {
		live += copy(w.bullets[live:], w.bullets[run[0]:run[1]])
	}
	clear(w.bullets[live:])
	w.bullets = w.bullets[:live]

	ends := w.flightEnds[:parts]
	total := 0
	for _, e := range ends {
		total += len(e)
	}
	nb := len(w.bots)
	botParts := min(partsFor(total, parallelEnds), max(1, nb))
	inParts(nb, botParts, func(_, lo, hi int) { w.endsToBots(ends, lo, hi) })
	w.deferWakes = botParts > 1 && w.Shards() > 1
	for _, list := range ends {
		for j := range list {
			w.endFlight(&list[j])
		}
	}
	if w.deferWakes {
		w.deferWakes = false
		w.wakeDeferred()
	}
}

// flightEnd is a flight that ends this tick: the bullet, what its path met (a bot, a wall or door, or else the
// arena's edge), and whether the bot it hit must have its script woken.
type flightEnd struct {
	bl         *Bullet
	wall       bool
	wakeVictim bool
	victim     *Bot
}

// flyOne moves the engine bullet bl one tick, to the first thing on its path if any, and reports whether its
// flight ends there. It touches only bl.
func (w *World) flyOne(bl *Bullet) (e flightEnd, ended bool) {
	from, to := bl.pos, bl.pos.Add(bl.vel)
	t, victim, wall := w.firstHit(from, to, bl.owner)
	bl.prev = from
	switch {
	case victim != nil || wall:
		bl.pos = from.Add(to.Sub(from).Scale(t))
		return flightEnd{victim: victim, wall: wall}, true
	case to.X < 0 || to.Y < 0 || to.X > w.cfg.Width || to.Y > w.cfg.Height:
		bl.pos = to
		return flightEnd{}, true
	}
	bl.pos = to
	return flightEnd{}, false
}

// prefetchAhead is how many bullets ahead of the one flying the flights ask for a bullet's cache line: about the
// number of flights a memory load takes.
const prefetchAhead = 16

// parallelEnds is how many flights ending in a tick make it worth applying them to the bots on several cores.
var parallelEnds = 1024

// endsToBots applies to the bots w.bots[lo:hi] what the flights that end this tick do to them, in firing order:
// a victim loses energy, hears the hit and has its action cut short; an owner counts the hit, gets its refund and
// hears of it, or hears of the miss. It touches only those bots (and the ends' wakeVictim of their victims).
func (w *World) endsToBots(ends [][]flightEnd, lo, hi int) {
	mine := func(b *Bot) bool { return b != nil && b.id > lo && b.id <= hi } // w.bots[i].id is i+1
	for _, list := range ends {
		for j := range list {
			e := &list[j]
			bl := e.bl
			owner, victim := bl.owner, e.victim
			if victim == nil {
				if mine(owner) && owner.alive {
					owner.event(Event{Kind: BulletMissed, Power: bl.power})
				}
				continue
			}
			damage := BulletDamage(bl.power)
			hurts := victim.alive && owner != nil && owner != victim // addEnergy's credit to the owner
			if mine(victim) {
				if victim.alive {
					victim.energy -= damage
					if hurts {
						victim.lastHitBy = owner
					}
				}
				victim.event(Event{Kind: HitByBullet, Bearing: victim.pos.BearingTo(bl.pos.Sub(bl.vel)), Power: bl.power,
					Other: ownerID(owner)})
				e.wakeVictim = victim.cutShort()
			}
			if mine(owner) {
				if hurts {
					owner.damageDealt += damage
				}
				owner.hits++
				if owner.alive {
					owner.energy += BulletRefund(bl.power)
					owner.event(Event{Kind: BulletHit, Bearing: owner.pos.BearingTo(victim.pos), Power: bl.power, Other: victim.id})
				}
			}
		}
	}
}

// endFlight applies what a flight that ends does to the rest of the World, after endsToBots: the victim's
// script woken, the impact drawn, the bullet ended and its script woken. World goroutine, in firing order.
func (w *World) endFlight(e *flightEnd) {
	bl := e.bl
	if e.victim != nil {
		w.lastDamage = w.tick
		if e.wakeVictim && e.victim.actor != nil {
			w.wake(e.victim.shard, e.victim.actor)
		}
	}
	if e.victim != nil || e.wall {
		w.effects = append(w.effects, Effect{Kind: Impact, Pos: bl.pos, Tick: w.tick, Bot: ownerID(e.victim)})
	}
	bl.end(e.victim)
	if bl.slot != 0 && bl.actor == nil {
		w.spent[0] = append(w.spent[0], bl) // no tasklet waits for this flight: reusable after the next script phase
	}
}

// wake wakes a, an actor of shard k, now or, while deferWakes, in wakeDeferred.
func (w *World) wake(k int32, a Actor) {
	if !w.deferWakes {
		w.scripts.Wake(a)
		return
	}
	for int(k) >= len(w.wakes) {
		w.wakes = append(w.wakes, nil)
	}
	w.wakes[k] = append(w.wakes[k], a)
}

// wakeDeferred wakes the actors that wake deferred, each shard's on the shard's worker, all shards at once. A
// shard's run queue gets its actors in the order wake was called, as if they were woken one by one; the order
// between shards does not matter, their queues are apart.
func (w *World) wakeDeferred() {
	sd := w.driver.(*shardDriver)
	for len(w.wakeJobs) < len(sd.shards) {
		k := len(w.wakeJobs)
		w.wakeJobs = append(w.wakeJobs, func() {
			if k < len(w.wakes) {
				for _, a := range w.wakes[k] {
					sd.shards[k].Wake(a)
				}
				clear(w.wakes[k])
				w.wakes[k] = w.wakes[k][:0]
			}
		})
	}
	_ = sd.all(w.wakeJobs) // no error: the jobs set none, and the tick's were nil or Step had returned
}

func ownerID(b *Bot) int {
	if b == nil {
		return 0
	}
	return b.id
}

// interrupt cuts short the action b's script waits in, so that the script can react in the next tick.
func (b *Bot) interrupt() {
	if b.cutShort() {
		b.resume()
	}
}

// cutShort is interrupt's part that touches only b: it reports whether b's script must be resumed.
func (b *Bot) cutShort() bool {
	switch b.act {
	case actMove, actTurn, actTurnGun, actWaitGun, actWait:
		b.moveLeft, b.turnLeft, b.gunTurnLeft = 0, 0, 0
		return b.wakes()
	}
	return false
}

// wakes reports whether b's script waits on the World and must be resumed, and marks it as no longer waiting.
func (b *Bot) wakes() bool {
	if b.act == actWait {
		b.act = actNone
		return true
	}
	if b.parked {
		b.parked = false
		return true
	}
	return false
}

// resume wakes b's script; a bot without one (stepped by plain code) just sees isParked turn false.
func (b *Bot) resume() {
	if b.actor != nil {
		b.w.scripts.Wake(b.actor)
	}
}

func (w *World) drainInactive() {
	if w.tick-w.lastDamage <= InactivityTicks {
		return
	}
	for _, b := range w.bots {
		if b.alive {
			b.addEnergy(-InactivityZap, nil)
		}
	}
}

// buryAndWake is the end of a tick, one pass over the bots in order: a bot at 0 energy leaves the match (its
// killer is credited and its script ended); a live bot whose action is over has its script woken, to run next
// tick. Which bots that concerns depends on each bot alone, so with many bots they are found on every core first
// (parallel.go), then buried or woken in bot order.
func (w *World) buryAndWake() {
	n := len(w.bots)
	parts := chunksFor(n, parallelBots)
	w.endOfTick = perPart(w.endOfTick, parts)
	inParts(n, parts, func(k, lo, hi int) {
		due := w.endOfTick[k]
		for _, b := range w.bots[lo:hi] {
			if b.alive && (b.energy <= 0 || (b.parked && b.actionOver())) {
				due = append(due, b)
			}
		}
		w.endOfTick[k] = due
	})
	for _, due := range w.endOfTick[:parts] {
		for _, b := range due {
			if b.energy <= 0 {
				cause := "ran out of energy"
				if k := b.lastHitBy; k != nil {
					k.kills++
					cause = "destroyed by " + k.String()
				}
				w.kill(b, cause)
				continue
			}
			b.parked = false
			b.resume()
		}
	}
}

// kill takes b out of the match for the given cause and ends its script.
func (w *World) kill(b *Bot, cause string) {
	w.bury(b, cause)
	if b.actor != nil && b.actor.Alive() {
		w.scripts.Kill(b.actor)
	}
}

// bury takes b out of the match, leaving its script alone (it is ending already).
func (w *World) bury(b *Bot, cause string) {
	b.alive = false
	b.energy = max(0, b.energy)
	b.speed = 0
	b.deathTick = w.tick
	b.cause = cause
	b.parked = false
	w.aliveBots--
	w.deaths = append(w.deaths, Event{Kind: BotDied, Tick: w.tick, Other: b.id})
	w.grid.strike(b)
	w.effects = append(w.effects, Effect{Kind: Explosion, Pos: b.pos, Tick: w.tick, Bot: b.id})
}

// actionOver reports whether the action b's script waits in is over.
func (b *Bot) actionOver() bool {
	switch b.act {
	case actMove:
		return b.moveLeft == 0 && b.speed == 0
	case actTurn:
		return b.turnLeft == 0
	case actTurnGun:
		return b.gunTurnLeft == 0
	case actWaitGun:
		return b.gunHeat == 0
	}
	return false
}

// sweep forgets old effects. Effects are recorded in tick order, so the old ones are at the front: O(forgotten),
// with the list moved down to the start of its array only once it has gone halfway along.
func (w *World) sweep() {
	n := 0
	for n < len(w.effects) && w.tick-w.effects[n].Tick >= EffectTicks {
		n++
	}
	w.effects = w.effects[n:]
	if cap(w.effects) > 64 && len(w.effects) < cap(w.effects)/2 {
		w.effects = append(make([]Effect, 0, 2*len(w.effects)+16), w.effects...)
	}
}

// scriptError takes a script's panic from the World's own driver: during the script phase it is kept for
// applyScriptEffects, which buries in actor order; otherwise it is applied at once.
func (w *World) scriptError(e ScriptError) {
	if w.inScripts {
		w.failed = append(w.failed, e)
		return
	}
	w.scriptFailed(e)
}

// scriptFailed takes a script's panic: a bot dies with the error and stack in its console, a bullet ends, a
// door stays as it is; the match goes on. An error that carries its own script-level backtrace (a Starlark
// bot's: it has a ScriptBacktrace method) is logged with that backtrace instead of the Go stack, which would
// show only the interpreter's frames.
func (w *World) scriptFailed(e ScriptError) {
	w.errors = append(w.errors, e)
	switch o := e.Owner.(type) {
	case *Bot:
		msg, trace := e.Err.Error(), string(e.Stack)
		var se interface {
			error
			ScriptBacktrace() string
		}
		if errors.As(e.Err, &se) {
			msg, trace = se.Error(), se.ScriptBacktrace()
		}
		o.log("error: " + msg)
		for _, line := range strings.Split(strings.TrimSpace(trace), "\n") {
			o.log("  " + line)
		}
		if o.alive {
			w.bury(o, "script error: "+msg) // its tasklet is ending: nothing to kill
		}
	case *Bullet:
		o.alive = false
	}
}

// ScriptErrors lists the scripts that panicked, in order.
func (w *World) ScriptErrors() []ScriptError { return w.errors }

// botInRect reports whether a live bot overlaps r.
func (w *World) botInRect(r Rect) bool {
	c := Vec{(r.Min.X + r.Max.X) / 2, (r.Min.Y + r.Max.Y) / 2}
	reach := max(r.W(), r.H())/2 + BotRadius
	found := false
	w.grid.near(c, reach, func(_ *Bot, p Vec) {
		if r.CircleOverlaps(p, BotRadius) {
			found = true
		}
	})
	return found
}

// blockState is what a wall or a door does to what moves, kept dense by blocker for the flights.
type blockState uint8

const (
	blockWall    blockState = iota // always blocks, its whole rect
	blockPanel                     // a door that is not fully open: its panel blocks
	blockNothing                   // a fully open door
)

// updateBlock records in the World's dense arrays what the door blocks now; called when it moves.
func (d *Door) updateBlock() {
	st := blockNothing
	if d.blocks() {
		st = blockPanel
	}
	d.w.blockState[d.blocker] = st
	d.w.blockRect[d.blocker] = d.Panel()
	d.w.grid.setBox(d.blocker, d.w.bulletBox(d.blocker))
}

// nothingBox overlaps no path: what an open door blocks.
var nothingBox = Rect{Min: Vec{math.Inf(1), math.Inf(1)}, Max: Vec{math.Inf(-1), math.Inf(-1)}}

// bulletBox is what blocker i blocks for a bullet's centre now: its rect widened by BulletRadius, or nothingBox
// if it blocks nothing (an open door). O(1).
func (w *World) bulletBox(i int) Rect {
	if r, blocks := w.blockerRect(i); blocks {
		return r.Inset(-BulletRadius)
	}
	return nothingBox
}

// blockerRect is what blocker i blocks now, and false if nothing. O(1), from dense arrays.
func (w *World) blockerRect(i int) (Rect, bool) {
	return w.blockRect[i], w.blockState[i] != blockNothing
}

// reuseBullets gives the pool back the engine bullets that nothing reaches any more: those whose tasklet had its
// last turn in the script phase just ended, and those with no tasklet whose flight ended last tick. So a bullet
// stays readable for the Step after its flight ends (through a pointer kept from World.Bullets) and its memory
// holds another bullet from the Step after that on. O(1) per bullet.
func (w *World) reuseBullets() {
	for k, list := range w.spent {
		for _, b := range list {
			w.bulletPool.put(b)
		}
		clear(list)
		w.spent[k] = list[:0]
	}
}

// bulletSlab is how many scripted bullets newBullet allocates at once. A scripted bullet's script holds it as
// long as it likes, so these stay with the garbage collector rather than the pool, which reuses memory: a slab
// lives while any of its bullets is referenced, and 8 keeps the runs that scripts move one after another short
// enough to waste little.
const bulletSlab = 8

// newBullet returns a zeroed Bullet from the current slab. A slab is garbage once all its bullets are.
func (w *World) newBullet() *Bullet {
	if len(w.bulletSlab) == 0 {
		w.bulletSlab = make([]Bullet, bulletSlab)
	}
	bl := &w.bulletSlab[0]
	w.bulletSlab = w.bulletSlab[1:]
	return bl
}
