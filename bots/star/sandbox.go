package star

import (
	"fmt"
	"slices"
	"sync"
	"time"

	"stackarena/actors"
)

// Limits bound what one match's scripts may use. A script that passes one is stopped with an *Error at its
// line and only its bot dies. The zero value of a field means its default (DefaultLimits).
//
// Everything but Watchdog* is counted, not timed: the cut falls at the same line in the same tick on every
// machine. The watchdog's verdicts depend on the machine, so they are recorded (Sandbox.Verdicts) and a replay
// applies them instead of watching (Sandbox.Replay).
type Limits struct {
	// MaxDepth is how deep a script's calls may nest: 1,000, Python's default.
	MaxDepth int
	// MaxElements is the most elements (list, tuple, dict, set or range entries) a value built by a builtin
	// may hold; 1,048,576.
	MaxElements int
	// BotMemory is the most bytes of Starlark values (reachable from the script's globals and call frames)
	// one bot may hold: 4 MiB. Its call frames, which MaxDepth bounds, are not in it, but they count in
	// MatchMemory.
	BotMemory int64
	// MatchMemory is the most bytes all the match's script bots may hold together, values and call frames
	// (as the goroutine stack they take): 256 MiB. The total is settled after each tick in bot order,
	// whatever order the scripts ran in (on one shard or several): a bot whose growth takes it past the limit
	// dies at the start of its next turn.
	MatchMemory int64
	// WatchdogCPU is the most CPU time one turn of a script (from the tick it woke to the action that parks
	// it) may use before the watchdog stops it: 1 s. An honest turn takes microseconds. It is CPU time, not
	// wall-clock time, so that a loaded machine does not count against a script (on systems without
	// getrusage, it is wall-clock time).
	WatchdogCPU time.Duration
	// WatchdogAlloc is the most bytes one turn may allocate before the watchdog stops it: 64 MiB.
	WatchdogAlloc int64
}

// DefaultLimits are the limits a match gets unless it says otherwise.
func DefaultLimits() Limits {
	return Limits{
		MaxDepth:      1000,
		MaxElements:   1 << 20,
		BotMemory:     4 << 20,
		MatchMemory:   256 << 20,
		WatchdogCPU:   time.Second,
		WatchdogAlloc: 64 << 20,
	}
}

// withDefaults fills the zero fields of l from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxElements <= 0 {
		l.MaxElements = d.MaxElements
	}
	if l.BotMemory <= 0 {
		l.BotMemory = d.BotMemory
	}
	if l.MatchMemory <= 0 {
		l.MatchMemory = d.MatchMemory
	}
	if l.WatchdogCPU <= 0 {
		l.WatchdogCPU = d.WatchdogCPU
	}
	if l.WatchdogAlloc <= 0 {
		l.WatchdogAlloc = d.WatchdogAlloc
	}
	return l
}

// Verdict is one stop of a script by the watchdog: bot Bot (actors.Bot.ID) was stopped in tick Tick when its
// Starlark thread had run Step steps, for Reason (the message its error shows). A verdict depends on the
// machine (CPU time, the heap), so it is an input of the match, like the seed: a replay file records the
// list (Sandbox.Verdicts or Sandbox.OnVerdict) and a replay hands it to Sandbox.Replay, which stops the same bot
// at the same step with the same message, whatever the machine.
//
// Call is set when the bot was stopped in a call to a blocking action (bot.tick(), bot.forward(...)), as it
// was about to park, rather than between two steps: a replay stops it in that call, before the action.
type Verdict struct {
	Tick   uint64 `json:"tick"`
	Bot    int    `json:"bot"`
	Step   uint64 `json:"step"`
	Call   bool   `json:"call,omitempty"`
	Reason string `json:"reason"`
}

// Sandbox holds one match's limits and the state they share: the memory its scripts hold together, and the
// watchdog's verdicts. Load scripts through the match's Sandbox (match.Build makes one per match). The
// package-level Load and LoadSource use a Sandbox of their own with DefaultLimits, shared by every script
// they load.
//
// A Sandbox is safe for concurrent use: a World's scripts may run on several shards at once. Scripts of
// several Worlds may share one, but then they share its MatchMemory too, and its total is no longer settled
// in a fixed order; and its watchdog slots, so that the turns of one World may hide another's from the watchdog
// (match.Build makes a Sandbox per match).
type Sandbox struct {
	limits Limits
	// mem is what its live script bots hold together (account.go).
	mem account
	// slots are the watchdog's, one per shard of the World its scripts run in (watchdog.go).
	slotsMu sync.Mutex
	slots   []*watchSlot

	mu        sync.Mutex
	verdicts  []Verdict
	onVerdict func(Verdict)
	replay    map[int][]Verdict // by bot id, in step order; nil: the watchdog is on
	// unguarded runs scripts as before the guards existed (the step budget alone): for the benchmarks'
	// baseline only (export_test.go).
	unguarded bool
}

// NewSandbox makes a Sandbox with limits (zero fields take DefaultLimits' values). Any goroutine; no cost per
// tick of its own.
func NewSandbox(limits Limits) *Sandbox {
	sb := &Sandbox{limits: limits.withDefaults()}
	sb.mem.init()
	return sb
}

// defaultSandbox is the package-level Load's.
var defaultSandbox = NewSandbox(Limits{})

// DefaultSandbox is the Sandbox the package-level Load, LoadFile and LoadSource load into.
func DefaultSandbox() *Sandbox { return defaultSandbox }

// Limits are the limits in force. Any goroutine.
func (sb *Sandbox) Limits() Limits { return sb.limits }

// Load is the package-level Load, for this Sandbox's match: its scripts run under the Sandbox's limits. Any
// goroutine; the Script runs as a bot's tasklet.
func (sb *Sandbox) Load(path string) (actors.Script, error) {
	p, err := compileFile(path)
	if err != nil {
		return nil, err
	}
	return sb.script(p), nil
}

// LoadFile is the package-level LoadFile, for this Sandbox's match.
func (sb *Sandbox) LoadFile(path string) (actors.Script, []byte, error) {
	p, err := compileFile(path)
	if err != nil {
		return nil, nil, err
	}
	return sb.script(p), p.src, nil
}

// LoadSource is the package-level LoadSource, for this Sandbox's match.
func (sb *Sandbox) LoadSource(name string, src []byte) (actors.Script, error) {
	p, err := compile(name, src)
	if err != nil {
		return nil, err
	}
	return sb.script(p), nil
}

func (sb *Sandbox) script(p *program) actors.Script {
	return func(bot *actors.Bot) { p.run(sb, bot) }
}

// OnVerdict sets a function called with each watchdog verdict as it takes effect. It is called during
// World.Step, on the stopped bot's tasklet, while the World waits: it must not call into the World, and when
// the World runs its scripts on shards (engine.Config.Shards) it may be called on several goroutines at once,
// in any order. Set it before the match starts; nil sets none. (A replay recorder reads Verdicts after each
// Step instead, in a fixed order.)
func (sb *Sandbox) OnVerdict(f func(Verdict)) {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	sb.onVerdict = f
}

// Verdicts returns a copy of the watchdog's verdicts so far, in the order they took effect. Any goroutine
// (between Steps, to see all of a tick's); O(verdicts).
func (sb *Sandbox) Verdicts() []Verdict {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	return slices.Clone(sb.verdicts)
}

// Replay turns the watchdog off and applies verdicts instead: each one stops its bot when that bot's thread
// reaches the verdict's step, with its reason, as the recorded match did. Verdicts are still reported to
// OnVerdict and Verdicts as they take effect. Call it before the match starts. A nil or empty list replays a
// match in which the watchdog never fired.
func (sb *Sandbox) Replay(verdicts []Verdict) {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	sb.replay = map[int][]Verdict{}
	for _, v := range verdicts {
		sb.replay[v.Bot] = append(sb.replay[v.Bot], v)
	}
	for _, vs := range sb.replay {
		slices.SortFunc(vs, func(a, b Verdict) int {
			if a.Step < b.Step {
				return -1
			}
			if a.Step > b.Step {
				return 1
			}
			return 0
		})
	}
}

// replayed reports whether the Sandbox replays verdicts (its watchdog is off), and the verdicts for bot id.
func (sb *Sandbox) replayed(id int) (bool, []Verdict) {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	if sb.replay == nil {
		return false, nil
	}
	return true, slices.Clone(sb.replay[id])
}

// record notes a verdict that took effect.
func (sb *Sandbox) record(v Verdict) {
	sb.mu.Lock()
	sb.verdicts = append(sb.verdicts, v)
	f := sb.onVerdict
	sb.mu.Unlock()
	if f != nil {
		f(v)
	}
}

// Held is the bytes the Sandbox's live script bots held at their last measure, together. Any goroutine.
func (sb *Sandbox) Held() int64 { return sb.mem.held.Load() }

// String is "tick 12: bot 3 stopped at step 4567: watchdog: ...".
func (v Verdict) String() string {
	return fmt.Sprintf("tick %d: bot %d stopped at step %d: %s", v.Tick, v.Bot, v.Step, v.Reason)
}

// slot is the watchdog's slot of shard k. Cost: a lock.
func (sb *Sandbox) slot(k int) *watchSlot {
	sb.slotsMu.Lock()
	defer sb.slotsMu.Unlock()
	for len(sb.slots) <= k {
		sb.slots = append(sb.slots, &watchSlot{})
	}
	return sb.slots[k]
}
