package engine

import (
	"cmp"
	"math"
	"slices"
)

// The World's read side: what renderers and reports read between Steps. Slices returned here belong to the
// World and must not be changed; they stay valid until the next Step.

// View is the World's read side, what renderers, reports and tools are given: it reads and never changes the
// World, and the bots, bullets and doors it hands out are read-only views too. Call it between Steps, on the
// goroutine that steps the World; each method costs what the World's method of the same name costs (O(1) but
// Ranking, Winner and Hash).
type View interface {
	Tick() uint64
	Size() (width, height float64)
	Seed() uint64
	MaxTicks() uint64
	Walls() []Rect
	Bots() []*Bot
	Bot(id int) *Bot
	Bullets() []*Bullet
	Doors() []*Door
	Effects() []Effect
	AliveBots() int
	Actors() int
	PeakActors() int
	Switches() uint64
	Over() bool
	Ranking() []Standing
	Winner() *Bot
	Hash() uint64
	ScriptErrors() []ScriptError
}

var _ View = (*World)(nil)

// Tick is the number of ticks stepped so far.
func (w *World) Tick() uint64 { return w.tick }

// Size is the arena's width and height.
func (w *World) Size() (width, height float64) { return w.cfg.Width, w.cfg.Height }

// Seed is the match's seed.
func (w *World) Seed() uint64 { return w.cfg.Seed }

// MaxTicks is the tick at which the match ends at the latest.
func (w *World) MaxTicks() uint64 { return w.cfg.MaxTicks }

// Walls are the arena's static walls.
func (w *World) Walls() []Rect { return w.walls }

// Bots are all the bots, dead ones included, in ID order.
func (w *World) Bots() []*Bot { return w.bots }

// Bot returns the bot with the given ID, or nil.
func (w *World) Bot(id int) *Bot {
	if id < 1 || id > len(w.bots) {
		return nil
	}
	return w.bots[id-1]
}

// Bullets are the bullets in flight, in firing order. The pointers are the World's: a bullet whose flight ends
// keeps reading as it ended (not Alive, where it hit) through the Step after, then the World reuses an engine
// bullet's memory for another bullet (bulletPool); keep a bullet's ID across Steps, not its pointer.
func (w *World) Bullets() []*Bullet { return w.bullets }

// Doors are the doors, in ID order.
func (w *World) Doors() []*Door { return w.doors }

// Effects are the explosions and impacts of the last EffectTicks ticks, oldest first.
func (w *World) Effects() []Effect { return w.effects }

// AliveBots is the number of bots still in the match.
func (w *World) AliveBots() int { return w.aliveBots }

// Actors is the number of live actors: bots in the match, bullets in flight and doors.
func (w *World) Actors() int { return w.aliveBots + len(w.bullets) + len(w.doors) }

// PeakActors is the largest Actors seen at the end of a tick.
func (w *World) PeakActors() int { return w.peakActors }

// Switches counts the script turns given so far (each a coroutine resume and yield).
func (w *World) Switches() uint64 { return w.driver.Switches() }

// Over reports whether the match has ended: at most one bot is left, or MaxTicks was reached.
func (w *World) Over() bool { return w.over }

// Standing is a bot's place in the ranking.
type Standing struct {
	Place int
	Bot   *Bot
}

// Ranking orders the bots: survivors first, then by how long they survived, then kills, then damage dealt,
// then ID. O(n log n); call it for reports and HUDs, not every tick of a big world.
func (w *World) Ranking() []Standing {
	bots := slices.Clone(w.bots)
	slices.SortStableFunc(bots, func(a, b *Bot) int {
		if a.alive != b.alive {
			if a.alive {
				return -1
			}
			return 1
		}
		return cmp.Or(
			-cmp.Compare(a.deathTick, b.deathTick),
			-cmp.Compare(a.kills, b.kills),
			-cmp.Compare(a.damageDealt, b.damageDealt),
			cmp.Compare(a.id, b.id),
		)
	})
	out := make([]Standing, len(bots))
	for i, b := range bots {
		out[i] = Standing{Place: i + 1, Bot: b}
	}
	return out
}

// Winner is the ranking's first bot once the match is over, or nil before that or without bots.
func (w *World) Winner() *Bot {
	if !w.over || len(w.bots) == 0 {
		return nil
	}
	return w.Ranking()[0].Bot
}

// Hash is a hash of the World's state: tick, and every bot's, bullet's and door's position, motion, energy and
// life. Two Worlds built from the same Config and scripts have the same Hash at every tick, in any process, on
// any machine. O(actors): compute it when needed, not necessarily every tick.
func (w *World) Hash() uint64 {
	h := newHasher()
	h.u64(w.tick)
	for _, b := range w.bots {
		h.u64(uint64(b.id))
		h.vec(b.pos)
		h.f64(b.heading)
		h.f64(b.gunHeading)
		h.f64(b.speed)
		h.f64(b.energy)
		h.f64(b.gunHeat)
		h.bool(b.alive)
	}
	for _, bl := range w.bullets {
		h.u64(uint64(bl.id))
		h.vec(bl.pos)
		h.bool(bl.alive)
	}
	for _, d := range w.doors {
		h.f64(d.open)
	}
	return h.sum()
}

// hasher mixes 64-bit words (a fixed multiply-xorshift, so the hash is the same in every process, unlike
// hash/maphash).
type hasher struct{ h uint64 }

func newHasher() hasher { return hasher{0x9E3779B97F4A7C15} }

func (h *hasher) u64(x uint64) {
	h.h ^= x
	h.h *= 0xBF58476D1CE4E5B9
	h.h ^= h.h >> 31
}

func (h *hasher) f64(x float64) { h.u64(math.Float64bits(x)) }
func (h *hasher) vec(v Vec)     { h.f64(v.X); h.f64(v.Y) }
func (h *hasher) bool(b bool) {
	if b {
		h.u64(1)
	} else {
		h.u64(0)
	}
}
func (h *hasher) sum() uint64 {
	x := h.h
	x ^= x >> 33
	x *= 0xFF51AFD7ED558CCD
	x ^= x >> 33
	return x
}
