package star

import (
	"errors"
	"fmt"
	"math/bits"
	"runtime"
	"strings"
	"sync/atomic"
	"time"
	"unsafe"

	"go.starlark.net/starlark"
)

// The guards a script runs under, beside the step budget: a cap on its call depth, a cap on the memory its
// values hold (each bot's and the match's), the charges of the builtins that do bulk work, and the
// watchdog. All but the watchdog are counted, so they cut at the same step on every machine.
//
// How they run on an interpreter nobody patched: the interpreter calls Thread.OnMaxSteps when the step count
// reaches the thread's maximum, so the maximum is set to the next checkpoint (every checkEvery steps, or the
// budget's end, or a replayed verdict's step, whichever comes first), and the checkpoint checks the depth
// and, now and then, measures the memory, then sets the next checkpoint.

// checkEvery is how many steps a script runs between checkpoints: a recursion outgrows MaxDepth by at most
// about checkEvery/2 frames before it is stopped, and a string or list that doubles at each pass of a loop
// grows about 8 times between two (what the watchdog may look at). A checkpoint costs a few nanoseconds: about
// 0.3 ns a step.
const checkEvery = 16

// walkEvery is how many steps a script runs, at least, between two measures of its memory; tickWalkEvery is
// how many ticks, at most. A measure visits every value the script holds, so after a measure that visited n
// values the next waits at least 4n steps: measuring never costs more than a quarter of what the script
// runs. Between two measures a script can grow only by what its steps build (a step appends one element
// at most, or builds a value whose size a builtin capped); what one step can build beyond that (s + s,
// "".join) is the watchdog's.
const (
	walkEvery     = 20_000
	tickWalkEvery = 256
)

// stackBytes is what depth nested calls take on a goroutine stack, which grows by doubling: the power of two
// at or above depth·stackBytesPerCall.
func stackBytes(depth int) int64 {
	n := int64(depth) * stackBytesPerCall
	if n <= 8<<10 {
		return n
	}
	return 1 << bits.Len64(uint64(n-1))
}

// bigKill is what a script stopped for its memory must have held for its end to collect the garbage at once.
const bigKill = 32 << 20

// bigIntWeight is how many times its size a big int counts in a bot's memory.
const bigIntWeight = 64

// stackBytesPerCall is what a nested Starlark call costs on the goroutine stack (the interpreter's Go frames
// for a call: Call, CallInternal and the builtin or function in between), counted in a bot's memory: a
// recursion holds its frames on the stack, not in Starlark values.
const stackBytesPerCall = 2800

// guardState is the guards' per-bot state, in scriptBot.
type guardState struct {
	// replaying is set when the match replays verdicts; replay holds this bot's, in step order.
	replaying bool
	replay    []Verdict
	// nextCheck is the step of the next counted checkpoint (onStep).
	nextCheck uint64
	// held is what the last measure counted; nextWalk the step from which the next one is due; walkTick
	// the tick of the last one. heldStack is the part of held that is call frames (holdStack).
	held      int64
	heldStack int64
	nextWalk  uint64
	walkTick  uint64
	// turn counts the script's turns (the ticks it ran in), for the watchdog; verdict is the watchdog's
	// reason once it fired; gen is the watch.gen it last peeked at.
	turn    atomic.Uint64
	verdict atomic.Pointer[string]
	gen     uint64
	// peekStep and peekVisits are the step of the last peek and the values it visited.
	peekStep   uint64
	peekVisits int
	// bigKill is what the peek that stopped the script counted.
	bigKill int64
	// changes counts the changes of held noted in the match's account; doom is set, by whichever script
	// settles the account, when one of them took the match past its limit (account.go).
	changes uint64
	doom    atomic.Pointer[string]
	// settledHeld is what the account's settled total counts for the bot (under the account's lock).
	settledHeld int64
	// seen and todo are the measures' buffers, kept from one to the next so that measuring allocates little.
	seen map[uintptr]struct{}
	todo []starlark.Value
	// cut is the message of a stop under way (startCut), cutVerdict whether it is a verdict; scriptBot.cutAt is
	// the step at which it happens at the latest.
	cut        string
	cutVerdict bool
	// turnStart is when the turn under way began, for turnTimer.
	turnStart time.Time
	watchState
}

// arm sets the thread's next checkpoint: the next counted one (nextCheck, or the budget's end), or a replayed
// verdict's step, or the next step when the script is a suspect (peek).
func (s *scriptBot) arm() {
	next := min(s.limit, s.nextCheck)
	if s.suspect.Load() && !s.replaying {
		next = min(next, s.thread.Steps+1)
	}
	if len(s.replay) > 0 && !s.replay[0].Call {
		next = min(next, s.replay[0].Step)
	}
	s.thread.SetMaxExecutionSteps(next)
}

// onStep is the thread's OnMaxSteps: a checkpoint. The counted checks (depth, budget, memory) run only at the
// counted checkpoints, every checkEvery steps from the tick's first step, whatever other checkpoints the
// watchdog asks for (a suspect peeks at every step, when the process allocated enough, which depends on the
// machine): so they cut at the same step on every machine, and in a replay, which does not peek.
func (s *scriptBot) onStep(t *starlark.Thread) {
	if s.failure != "" {
		t.Cancel(s.failure)
		return
	}
	if len(s.replay) > 0 && !s.replay[0].Call && t.Steps >= s.replay[0].Step {
		s.applyVerdict(s.replay[0].Reason, false)
		s.replay = s.replay[1:]
		t.Cancel(s.failure)
		return
	}
	if s.cut != "" {
		s.cutting(t)
		return
	}
	if t.Steps >= s.nextCheck || t.Steps >= s.limit {
		s.nextCheck = t.Steps + checkEvery
		if d := t.CallStackDepth(); d > s.sb.limits.MaxDepth {
			s.stop(fmt.Sprintf("calls nested more than %d deep (a runaway recursion?)", s.sb.limits.MaxDepth))
			return
		}
		if t.Steps >= s.limit {
			s.p.overBudget(t, s) // and every step after, until it cancels
			return
		}
		if t.Steps >= s.nextWalk {
			if msg := s.measure(); msg != "" {
				s.startCut(t, msg, false)
				return
			}
		}
	}
	if msg := s.peek(); msg != "" {
		s.startCut(t, msg, true)
		return
	}
	s.arm()
}

// startCut begins to stop the script with msg: at the first step that lies in a loop, or cutSlack steps
// later (see overBudget: a stop between a loop's last instruction and its first would name the line of
// the def). A verdict's cut is a watchdog verdict, recorded at the step it takes effect.
func (s *scriptBot) startCut(t *starlark.Thread, msg string, verdict bool) {
	s.cut, s.cutVerdict, s.cutAt = msg, verdict, t.Steps+cutSlack
	s.cutting(t)
}

func (s *scriptBot) cutting(t *starlark.Thread) {
	if !s.p.inLoop(t.CallFrame(0).Pos) && t.Steps < s.cutAt {
		t.SetMaxExecutionSteps(t.Steps + 1) // look again at the next step
		return
	}
	if s.cutVerdict {
		s.fire(s.cut) // seen at once, in this step
	} else {
		s.stop(s.cut)
	}
}

// stop cancels the script with msg as its error.
func (s *scriptBot) stop(msg string) {
	s.failure = msg
	s.thread.Cancel(msg)
}

// tickChecks runs at the start of each tick the script runs in: a measure of its memory if one is due.
func (s *scriptBot) tickChecks(th *starlark.Thread) error {
	if msg := s.sb.mem.doomed(s, s.bot.Tick(), s.sb.limits.MatchMemory); msg != "" {
		s.failure = msg
		return errors.New(msg)
	}
	if s.bot.Tick()-s.walkTick >= tickWalkEvery || th.Steps >= s.nextWalk {
		if msg := s.measure(); msg != "" {
			s.failure = msg
			return fmt.Errorf("%s", msg)
		}
	}
	return nil
}

// charge spends n steps of the tick's budget on a builtin's own work (the elements it touches), or fails
// without doing it if the budget has not that much left: what reaches Go in one call stays within the budget.
//
// what says what the work is, for the error: a format of count ("%d elements", 1000), or, with a negative
// count, the text itself. It is formatted only for the error: charging costs nothing else.
func (s *scriptBot) charge(b *starlark.Builtin, n int64, what string, count int64) error {
	t := s.thread
	var left uint64
	if t.Steps < s.limit {
		left = s.limit - t.Steps
	}
	if n < 0 || uint64(n) > left {
		if count >= 0 {
			what = fmt.Sprintf(what, count)
		}
		return fmt.Errorf("%s: %s would take %d steps, more than the %d left in tick %d (the budget is %d steps a tick)",
			b.Name(), what, n, left, s.bot.Tick(), StepBudget)
	}
	t.Steps += uint64(n)
	return nil
}

// gone is called when the script's tasklet ends, however: its memory leaves the match's total. After a bot
// stopped holding or allocating a great deal (bigKill), a collection returns it at once, so that the next
// one's cannot stack up on it.
func (s *scriptBot) gone() {
	s.endTurn()
	unwatch(s)
	s.hold(0)
	if s.bigKill >= bigKill || s.failure != "" && strings.Contains(s.failure, "allocated more than") {
		runtime.GC()
	}
}

// applyVerdict makes a watchdog verdict the script's error and records it; call says that it stops the
// script in a call to a blocking action, before the action.
func (s *scriptBot) applyVerdict(reason string, call bool) {
	s.failure = reason
	s.sb.record(Verdict{Tick: s.bot.Tick(), Bot: s.bot.ID(), Step: s.thread.Steps, Call: call, Reason: reason})
}

// beforeAction is called as the script calls a blocking action, before it parks: the last moment to stop a
// script that holds too much before the other scripts take their turns. It returns the error that stops it:
// the watchdog's peek in a match, the recorded verdict in a replay.
func (s *scriptBot) beforeAction() error {
	if msg := s.holdStack(); msg != "" {
		s.failure = msg
		return errors.New(msg)
	}
	if s.replaying {
		if len(s.replay) > 0 && s.replay[0].Call && s.replay[0].Step == s.thread.Steps {
			s.applyVerdict(s.replay[0].Reason, true)
			s.replay = s.replay[1:]
			return errors.New(s.failure)
		}
		return nil
	}
	if msg := s.peek(); msg != "" {
		s.applyVerdict(msg, true)
		return errors.New(msg)
	}
	return nil
}

// holdStack counts, as the script is about to park, the call frames it keeps on its goroutine stack while it
// waits (a recursion that waits a tick every few levels keeps them all), in its memory and the match's, and
// returns why it must stop, or "". It is counted (the depth is the script's), so it runs in replays too.
// Cost: nothing unless the depth changed since the last action.
func (s *scriptBot) holdStack() string {
	stack := stackBytes(s.thread.CallStackDepth())
	if stack == s.heldStack {
		return ""
	}
	s.hold(s.held + stack - s.heldStack)
	s.heldStack = stack
	return s.overLimit()
}

// hold sets what the script holds to n bytes, and notes the change in the match's account, which settles it
// after the tick (account.go).
func (s *scriptBot) hold(n int64) {
	s.sb.mem.note(s, s.bot.Tick(), n-s.held, n)
	s.held = n
}

// overLimit says why the script must stop for what it holds, or "": its values past BotMemory (MaxDepth bounds
// its frames). The match's limit is the account's, after the tick.
func (s *scriptBot) overLimit() string {
	if values, lim := s.held-s.heldStack, s.sb.limits.BotMemory; values > lim {
		return overBot(values, lim)
	}
	return ""
}

// measure counts the bytes the script holds (its values and its call stack), updates the match's total, and
// returns why the script must stop, or "".
func (s *scriptBot) measure() string {
	w := s.size()
	t := s.thread
	s.walkTick = s.bot.Tick()
	s.nextWalk = t.Steps + max(walkEvery, 4*uint64(w.visits))
	s.hold(w.bytes)
	s.heldStack = w.stack // counted in w.bytes
	return s.overLimit()
}

func overBot(n, limit int64) string {
	return fmt.Sprintf("holds more than %s of memory (the limit is %s a bot)", mib(n), mib(limit))
}

// peek is the watchdog's measure, on the script's own goroutine: when the process has allocated a lot since
// the script last looked (watch.gen moved), it measures what the script holds, and returns why it must stop
// if it holds more than its limit. It changes nothing else (the counted measure's schedule and totals stay
// as they were), so that a replay, which does not peek, only needs the stop: a verdict.
func (s *scriptBot) peek() string {
	if s.replaying {
		return ""
	}
	g := watch.gen.Load()
	if g == s.gen && !s.suspect.Load() {
		return ""
	}
	if (s.thread.Steps-s.peekStep)*16 < uint64(s.peekVisits) {
		return "" // a measure costs at most one value visited per 16 steps run
	}
	s.gen = g
	w := s.size()
	s.peekStep, s.peekVisits = s.thread.Steps, w.visits
	if values := w.bytes - w.stack; values > s.sb.limits.BotMemory {
		s.bigKill = values
		return overBot(values, s.sb.limits.BotMemory)
	}
	return ""
}

// size counts what the script holds: the values reachable from its globals and its frames, and its frames
// on the goroutine stack.
func (s *scriptBot) size() walker {
	w := walker{limit: s.sb.limits.BotMemory + 1, seen: s.seen, todo: s.todo}
	defer func() { // keep small buffers for the next measure, empty
		s.seen, s.todo = nil, nil
		if len(w.seen) <= 1024 {
			clear(w.seen)
			s.seen = w.seen
		}
		if cap(w.todo) <= 1024 {
			s.todo = w.todo[:0]
		}
	}()
	t := s.thread
	depth := t.CallStackDepth()
	w.stack = stackBytes(depth)
	w.bytes = w.stack
	w.limit += w.stack // the limit is on the values
	globals := false
	for i := range depth {
		fr := t.DebugFrame(i)
		fn, ok := fr.Callable().(*starlark.Function)
		if !ok {
			continue
		}
		if !globals {
			globals = true
			for _, v := range fn.Globals() {
				w.value(v)
			}
		}
		w.value(fn)
		for j := range fr.NumLocals() {
			if _, v := fr.Local(j); v != nil {
				w.value(v)
			}
		}
	}
	return w
}

// mib writes a byte count for a message: "4 MiB", "1.5 MiB", "300 KiB".
func mib(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KiB", (n+1023)>>10)
}

// walker counts the bytes of the values reachable from some roots, each container and long string once, and
// gives up when it has counted past limit (the caller only needs to know that).
type walker struct {
	seen   map[uintptr]struct{}
	bytes  int64
	limit  int64
	visits int
	// stack is the part of bytes that is call frames.
	stack int64
	// ints asks for bigInt: the digits of the longest int met past maxIntDigits.
	ints   bool
	bigInt int
	todo   []starlark.Value
}

// once reports whether p is met for the first time.
func (w *walker) once(p unsafe.Pointer) bool {
	k := uintptr(p)
	if w.seen == nil {
		w.seen = map[uintptr]struct{}{}
	}
	if _, ok := w.seen[k]; ok {
		return false
	}
	w.seen[k] = struct{}{}
	return true
}

// value counts v and what it holds. The sizes are what the values take in Go, roughly: an interface word
// pair per element, a header per container, the bytes of a string. It keeps its own stack of values to visit,
// so that a deeply nested value costs no Go stack.
func (w *walker) value(v starlark.Value) {
	w.todo = append(w.todo, v)
	for len(w.todo) > 0 && w.bytes <= w.limit {
		v := w.todo[len(w.todo)-1]
		w.todo[len(w.todo)-1] = nil
		w.todo = w.todo[:len(w.todo)-1]
		w.one(v)
	}
	clear(w.todo)
	w.todo = w.todo[:0]
}

// one counts v and queues what it holds.
func (w *walker) one(v starlark.Value) {
	w.visits++
	switch x := v.(type) {
	case starlark.String:
		w.str(string(x))
	case starlark.Bytes:
		w.str(string(x))
	case starlark.Int:
		w.bytes += 16
		if _, ok := x.Int64(); !ok {
			// A big int counts bigIntWeight times its size: arithmetic on it takes more than linear time
			// (squaring a 4 MiB int takes seconds), and honest scripts have no use for huge ones.
			bitLen := x.BigInt().BitLen()
			w.bytes += bigIntWeight * int64(bitLen/8)
			if digits := bitLen * 30103 / 100000; w.ints && digits > maxIntDigits {
				w.bigInt = max(w.bigInt, digits)
			}
		}
	case *starlark.List:
		if w.once(unsafe.Pointer(x)) {
			n := x.Len()
			w.bytes += 48 + 16*int64(n)
			for i := 0; i < n && w.bytes <= w.limit; i++ {
				w.todo = append(w.todo, x.Index(i))
			}
		}
	case starlark.Tuple:
		w.bytes += 24 + 16*int64(len(x))
		if w.bytes <= w.limit {
			w.todo = append(w.todo, x...)
		}
	case *starlark.Dict:
		if w.once(unsafe.Pointer(x)) {
			w.bytes += 64 + 64*int64(x.Len())
			w.iterable(x, func(k starlark.Value) {
				w.todo = append(w.todo, k)
				if e, found, _ := x.Get(k); found {
					w.todo = append(w.todo, e)
				}
			})
		}
	case *starlark.Set:
		if w.once(unsafe.Pointer(x)) {
			w.bytes += 64 + 48*int64(x.Len())
			w.iterable(x, func(k starlark.Value) { w.todo = append(w.todo, k) })
		}
	case *starlark.Function:
		if w.once(unsafe.Pointer(x)) {
			w.bytes += 128
			for i := range x.NumParams() {
				if d := x.ParamDefault(i); d != nil {
					w.todo = append(w.todo, d)
				}
			}
			for i := range x.NumFreeVars() {
				if _, e := x.FreeVar(i); e != nil {
					w.todo = append(w.todo, e)
				}
			}
		}
	case *record:
		w.bytes += 64 + 16*int64(len(x.values))
	default: // None, bools, floats, builtins, the bot
		w.bytes += 16
	}
}

func (w *walker) str(s string) {
	if len(s) >= 256 && !w.once(unsafe.Pointer(unsafe.StringData(s))) {
		return // counted where first met
	}
	w.bytes += 16 + int64(len(s))
}

func (w *walker) iterable(x starlark.Iterable, f func(starlark.Value)) {
	it := x.Iterate()
	defer it.Done()
	var k starlark.Value
	for n := 0; w.bytes+int64(n)*16 <= w.limit && it.Next(&k); n++ {
		f(k)
	}
}

// log2 is the ceiling of log2(n), for n >= 1; 0 for smaller n.
func log2(n int64) int64 {
	if n <= 1 {
		return 0
	}
	return int64(bits.Len64(uint64(n - 1)))
}
