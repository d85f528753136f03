package replay

import (
	"errors"
	"slices"
	"time"
)

// Player plays a replay the way a viewer does: it seeks to any tick, steps forward and back, and can hand the
// match over to a person at any tick (TakeOver). A World cannot be copied (its scripts are live coroutines), so
// going back in time is re-simulating: the Player keeps a few Sims parked at other ticks (the one it left when it
// last seeked back, a spare that Work keeps a little behind the current tick), seeks from the nearest one at or
// before the target, and re-simulates from tick 0 only when there is none. Work also runs a scout to the end of
// the replay, which finds where bots died (Deaths) and any tick the re-simulation does not match.
//
// A Player is used on one goroutine, the one that created it (with Ebitengine: Update); every Sim it builds is
// built and stepped there, on the Player's cores (NewPlayerCores): each Sim's scripts are spread over that many
// shards, each shard a goroutine of its own while the Sim is open. Cost: a Seek costs the ticks between the Sim
// it starts from and the target; Work costs what it is given; the Sims it holds (at most poolSize parked, the
// current one and the scout) hold their World's memory and, on several cores, their shards' goroutines, idle
// between Steps, until Close.
type Player struct {
	// Setup, when set, is called with every Sim the Player builds from now on, right after it is built (a
	// viewer switches its debug drawing on, or watches its scheduler).
	Setup func(*Sim)

	rep      *Replay
	cores    int // the shards of every Sim built (NewSimCores)
	cur      *Sim
	pool     []*Sim // parked Sims, the least recently used first
	scout    *Sim   // runs ahead to the end in Work; nil once done
	deaths   []Death
	mismatch *Mismatch
}

// Death is where a bot died, for the timeline's markers.
type Death struct {
	Tick uint64
	Bot  int // its ID
	Name string
}

// poolSize is how many parked Sims a Player keeps besides the current one and the scout.
const poolSize = 4

// Trail is how far behind the current tick Work keeps a spare Sim, so that stepping back costs at most about
// Trail ticks of re-simulation.
const Trail = 128

// NewPlayer starts playing rep at tick 0 on one shard (the World's own goroutine), calling setup (when not nil)
// with every Sim it builds, this first one included (see Player.Setup). It fails as NewSim does. Call it on the
// goroutine that will use the Player; it costs building the match. NewPlayerCores chooses the shards.
func NewPlayer(rep *Replay, setup func(*Sim)) (*Player, error) {
	return NewPlayerCores(rep, 1, setup)
}

// NewPlayerCores is NewPlayer with every Sim the Player builds (the first one, the rebuilds from tick 0 that a
// seek back or Work makes, the scout) on cores shards, as NewSimCores builds it. The replay plays the same
// match, to the same hashes, on any number of shards; more shards spread the scripts' phase of each tick, and so
// a long seek's re-simulation, over more cores. It fails as NewSimCores does (cores out of match.Options.Cores's
// range included). Call it on the goroutine that will use the Player; it costs building the match.
func NewPlayerCores(rep *Replay, cores int, setup func(*Sim)) (*Player, error) {
	p := &Player{rep: rep, cores: cores, Setup: setup}
	s, err := p.newSim()
	if err != nil {
		return nil, err
	}
	p.cur = s
	return p, nil
}

// newSim builds a Sim at tick 0 on the Player's cores and sets it up.
func (p *Player) newSim() (*Sim, error) {
	s, err := NewSimCores(p.rep, p.cores)
	if err == nil && p.Setup != nil {
		p.Setup(s)
	}
	return s, err
}

// Sim is the Sim at the current tick: read its World to show it. It changes with every Seek.
func (p *Player) Sim() *Sim { return p.cur }

// Tick is the current tick.
func (p *Player) Tick() uint64 { return p.cur.Tick() }

// End is the replay's last tick.
func (p *Player) End() uint64 { return p.rep.End.Tick }

// Replay is the replay played.
func (p *Player) Replay() *Replay { return p.rep }

// Cores is how many shards every Sim the Player builds runs its scripts on, as given to NewPlayerCores (0 and 1
// both mean one: the World's own goroutine). It is fixed for the Player's life and free to read.
func (p *Player) Cores() int { return p.cores }

// Step goes one tick forward (nothing at the end).
func (p *Player) Step() error { return p.Seek(p.Tick() + 1) }

// StepBack goes one tick back (nothing at tick 0).
func (p *Player) StepBack() error {
	if p.Tick() == 0 {
		return nil
	}
	return p.Seek(p.Tick() - 1)
}

// Seek makes tick (clamped to the replay's ticks) the current one: from the parked Sim, or the current one,
// with the latest tick at or before it, else from tick 0. A hash that differs from the replay's is not an
// error here: the Player goes on and Mismatch reports it. Other errors (a World's, a bad input) are returned.
func (p *Player) Seek(tick uint64) error {
	_, err := p.seek(tick, time.Time{})
	return err
}

// SeekWithin is Seek for about budget at most (the clock is read every few ticks): it reports whether it got
// there. Call it again, frame after frame, until it does: the current tick moves toward the target meanwhile (a
// viewer shows the re-simulation fast-forwarding, its progress), and no work is lost between calls.
func (p *Player) SeekWithin(tick uint64, budget time.Duration) (bool, error) {
	return p.seek(tick, time.Now().Add(budget))
}

func (p *Player) seek(tick uint64, deadline time.Time) (bool, error) {
	tick = min(tick, p.End())
	best := -1
	for i, s := range p.pool {
		if s.Tick() <= tick && (best < 0 || s.Tick() > p.pool[best].Tick()) {
			best = i
		}
	}
	if p.cur.Tick() > tick || best >= 0 && p.pool[best].Tick() > p.cur.Tick() {
		var from *Sim
		if best >= 0 {
			from = p.pool[best]
			p.pool = slices.Delete(p.pool, best, best+1)
		} else {
			var err error
			if from, err = p.newSim(); err != nil {
				return false, err
			}
		}
		p.park(p.cur)
		p.cur = from
	}
	if err := p.advance(p.cur, tick, deadline); err != nil {
		return false, err
	}
	return p.cur.Tick() == tick || p.cur.Done(), nil
}

// park keeps s for later seeks, closing the least recently used parked Sim if there are too many.
func (p *Player) park(s *Sim) {
	p.pool = append(p.pool, s)
	if len(p.pool) > poolSize {
		p.pool[0].Close()
		p.pool = p.pool[1:]
	}
}

// advance steps s to tick, or until the deadline when it is not zero.
func (p *Player) advance(s *Sim, tick uint64, deadline time.Time) error {
	for s.Tick() < tick && !s.Done() {
		if err := s.Step(); err != nil {
			var m *Mismatch
			if !errors.As(err, &m) {
				return err
			}
			if p.mismatch == nil || m.Tick < p.mismatch.Tick {
				p.mismatch = m
			}
		}
		if !deadline.IsZero() && s.Tick()%8 == 0 && time.Now().After(deadline) {
			return nil
		}
	}
	return nil
}

// Work does background work for about budget (the clock is read between ticks; nothing in the simulation reads
// it): first a spare Sim within Trail ticks behind the current tick, for StepBack; then the scout, toward the
// end of the replay. Call it when there is time to spare (a paused viewer's frames). It returns a World's or an
// input's error.
func (p *Player) Work(budget time.Duration) error {
	deadline := time.Now().Add(budget)
	if err := p.workSpare(deadline); err != nil || time.Now().After(deadline) {
		return err
	}
	return p.workScout(deadline)
}

func (p *Player) workSpare(deadline time.Time) error {
	t := p.cur.Tick()
	if t == 0 {
		return nil
	}
	low := t - min(t, Trail)
	best := -1
	for i, s := range p.pool {
		if s.Tick() < t && (best < 0 || s.Tick() > p.pool[best].Tick()) {
			best = i
		}
	}
	if best >= 0 && p.pool[best].Tick() >= low {
		return nil
	}
	var spare *Sim
	if best >= 0 {
		spare = p.pool[best]
		p.pool = slices.Delete(p.pool, best, best+1)
	} else {
		var err error
		if spare, err = p.newSim(); err != nil {
			return err
		}
	}
	p.park(spare)
	return p.advance(spare, low+(t-low)/2, deadline)
}

func (p *Player) workScout(deadline time.Time) error {
	if p.deaths != nil && p.scout == nil {
		return nil
	}
	if p.scout == nil {
		var err error
		if p.scout, err = p.newSim(); err != nil {
			return err
		}
	}
	if err := p.advance(p.scout, p.End(), deadline); err != nil {
		return err
	}
	if p.scout.Done() {
		p.deaths = p.deathsOf(p.scout)
		p.park(p.scout) // a Sim at the end: seeking there is free
		p.scout = nil
	}
	return nil
}

// deathsOf lists the bots dead in s's World, by tick then ID.
func (p *Player) deathsOf(s *Sim) []Death {
	deaths := []Death{}
	for _, b := range s.World().Bots() {
		if !b.Alive() {
			deaths = append(deaths, Death{Tick: b.DeathTick(), Bot: b.ID(), Name: b.Name()})
		}
	}
	slices.SortFunc(deaths, func(a, b Death) int {
		if a.Tick != b.Tick {
			return int(a.Tick) - int(b.Tick)
		}
		return a.Bot - b.Bot
	})
	return deaths
}

// Deaths lists where bots died, by tick: all of them once the scout reached the end (Scouted), those it met so
// far before.
func (p *Player) Deaths() []Death {
	if p.scout != nil {
		return p.deathsOf(p.scout)
	}
	return p.deaths
}

// Scouted reports whether Work has re-simulated the whole replay (Deaths is complete, and Mismatch reports any
// tick that differs).
func (p *Player) Scouted() bool { return p.deaths != nil && p.scout == nil }

// Mismatch is the earliest stored hash the re-simulation did not match so far, or nil.
func (p *Player) Mismatch() *Mismatch { return p.mismatch }

// TakeOver ends the replay at the current tick: it returns the current Sim, to be played on as a live match,
// with a Recorder that records it as a branch of the replay (from names the replay), and closes every other Sim.
// The Player must not be used afterwards.
func (p *Player) TakeOver(from string) (*Sim, *Recorder) {
	s := p.cur
	p.cur = nil
	p.Close()
	return s, s.Branch(from)
}

// Close closes every Sim the Player holds (their goroutines end).
func (p *Player) Close() {
	for _, s := range p.pool {
		s.Close()
	}
	p.pool = nil
	if p.scout != nil {
		p.scout.Close()
		p.scout = nil
	}
	if p.cur != nil {
		p.cur.Close()
	}
}
