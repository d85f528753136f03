package star

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"
)

// The match's memory account (Limits.MatchMemory), deterministic whatever the order the scripts run in: a
// World may run its scripts on several shards at once (engine.Config.Shards), so the order in which their
// measures reach the account changes from run to run. A bot's own limit (BotMemory) is checked at once, at
// its measure; a change of what a bot holds is only noted for the match's total, and the total is settled
// after the tick, in bot order (by ID, each bot's changes in the order it made them), as if the bots had run
// one after another: a growth that takes the total past MatchMemory dooms its bot, which dies at the start of
// its next turn ("holds ..., and the match's scripts more than ... together"); what it holds leaves the
// settled total at once, since it runs no more, and the changes it still makes are not settled. The settling is done by the first script that runs in a later tick, before it looks whether
// it is doomed, so every script sees the settled total of the ticks before its own: the same verdicts for any
// number of shards. Between a growth and its bot's end, the scripts may hold more than MatchMemory by what
// they grew in one tick (at most BotMemory and MaxDepth's frames each).
type account struct {
	// held is what the Sandbox's live bots hold, all changes counted (Sandbox.Held).
	held atomic.Int64
	// oldest is the earliest tick of the changes not yet settled; math.MaxUint64 when none is.
	oldest atomic.Uint64

	mu      sync.Mutex
	settled int64    // the total of the settled changes
	changes []change // not yet settled, in the order they came
}

// change is one change of what a bot holds, noted in tick for settling.
type change struct {
	tick  uint64
	bot   int
	seq   uint64 // the bot's own count of its changes: its order
	delta int64
	held  int64 // what the bot held after it
	s     *scriptBot
}

func (a *account) init() { a.oldest.Store(math.MaxUint64) }

// note records that s now holds held bytes, delta more than before, in tick. Cost: a lock, and an append.
func (a *account) note(s *scriptBot, tick uint64, delta, held int64) {
	if delta == 0 {
		return
	}
	a.held.Add(delta)
	s.changes++
	a.mu.Lock()
	a.changes = append(a.changes, change{tick, s.bot.ID(), s.changes, delta, held, s})
	if tick < a.oldest.Load() {
		a.oldest.Store(tick)
	}
	a.mu.Unlock()
}

// doomed settles the changes of the ticks before tick, if any is left, and returns why s must stop: the
// message of a growth of its that took the match past limit, or "". Cost when nothing is left to settle: two
// atomic loads.
func (a *account) doomed(s *scriptBot, tick uint64, limit int64) string {
	if a.oldest.Load() < tick {
		a.settle(tick, limit)
	}
	if msg := s.doom.Load(); msg != nil {
		return *msg
	}
	return ""
}

// settle applies, in bot order, the changes made before tick, and dooms each bot whose growth takes the total
// past limit.
func (a *account) settle(tick uint64, limit int64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.oldest.Load() >= tick {
		return // another script settled them
	}
	var due []change
	n := 0
	for _, c := range a.changes {
		if c.tick < tick {
			due = append(due, c)
		} else {
			a.changes[n] = c
			n++
		}
	}
	clear(a.changes[n:]) // forget the ended bots
	a.changes = a.changes[:n]
	slices.SortFunc(due, func(x, y change) int { return cmp.Or(cmp.Compare(x.bot, y.bot), cmp.Compare(x.seq, y.seq)) })
	for _, c := range due {
		if c.s.doom.Load() != nil {
			continue // written off
		}
		a.settled += c.delta
		c.s.settledHeld += c.delta
		if c.delta > 0 && a.settled > limit {
			msg := fmt.Sprintf("holds %s of memory, and the match's scripts more than %s together (the match's limit)",
				mib(c.held), mib(limit))
			c.s.doom.Store(&msg)
			a.settled -= c.s.settledHeld // it runs no more: what it holds is as good as gone
		}
	}
	oldest := uint64(math.MaxUint64)
	for _, c := range a.changes {
		oldest = min(oldest, c.tick)
	}
	a.oldest.Store(oldest) // after the dooms: a script that sees it sees them
}
