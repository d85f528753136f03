package star

import (
	"errors"
	"fmt"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"stackarena/actors"
)

// StepBudget is how many Starlark execution steps (about one bytecode instruction each: a load, an add, a
// call; an empty `for` pass is 6) a bot's script may run in one tick. Every action that takes the script into a
// new tick grants a fresh budget (the module's top level spends the first tick's); a script that spends it
// without waiting for the next tick is stopped with an *Error at the line it had reached, and only its bot
// dies.
//
// Why 10,000: the example bots spend at most 11 to 78 steps in a tick, and a loop that goes through all 32
// events a bot may hold, with a few tests and a turn computed for each, about 1,000; so honest scripts have
// ten to a thousand times headroom (about 1,600 loop passes a tick: sorting targets, a small search over a
// grid). A step costs about 4-5 ns, so a script that burns its whole budget costs about 50 us a tick: a
// runaway loop is caught within its first tick, in a fraction of a 60 Hz frame (16.7 ms), instead of hanging
// the match, and even a few hundred greedy scripts fit in a frame. The budget counts steps, not time, so a
// script is stopped at the same line in the same tick on every machine: the match stays deterministic.
const StepBudget = 10_000

// botKey is the thread-local key under which a script's thread keeps its bot, for the module builtins that
// draw from the bot's random source.
const botKey = "stackarena.bot"

// run is the Script of a program in sandbox sb: it runs as the bot's tasklet, executes the module in a fresh
// thread with globals of its own, and calls the entry point with the bot. A Starlark error panics with an
// *Error; the World buries the bot and logs it.
func (p *program) run(sb *Sandbox, bot *actors.Bot) {
	thread, s := p.newThread(sb, bot)
	defer s.gone()
	p.exec(thread, s)
}

// newThread makes the Starlark thread a bot's script runs in, with the bot and a first tick's budget.
func (p *program) newThread(sb *Sandbox, bot *actors.Bot) (*starlark.Thread, *scriptBot) {
	s := &scriptBot{bot: bot, sb: sb, p: p, budgetTick: bot.Tick(), limit: StepBudget}
	thread := &starlark.Thread{
		Name:       bot.Name(),
		Print:      func(_ *starlark.Thread, msg string) { bot.Log(msg) },
		OnMaxSteps: s.onStep,
	}
	s.thread = thread
	watchBot(s)
	s.replaying, s.replay = sb.replayed(bot.ID())
	s.nextWalk = walkEvery
	s.nextCheck = checkEvery
	s.walkTick = bot.Tick()
	thread.SetLocal(botKey, s)
	if sb.unguarded { // the step budget alone, as before the guards
		s.replaying = true // no watchdog
		thread.OnMaxSteps = func(t *starlark.Thread) { p.overBudget(t, s) }
		thread.SetMaxExecutionSteps(StepBudget)
	} else {
		s.arm()
	}
	// The inspector's "suspended at" line: the script's frame that called the blocking builtin.
	bot.SetWhereFunc(func() string { return thread.CallFrame(1).Pos.String() })
	return thread, s
}

// exec runs the module's top level, then the entry point with the bot.
func (p *program) exec(thread *starlark.Thread, s *scriptBot) {
	s.beginTurn()
	defer s.endTurn()
	env := predeclared
	if s.sb.unguarded {
		env = unguardedPredeclared
	}
	globals, err := p.prog.Init(thread, env)
	if err != nil {
		panic(p.runtimeError(s, err))
	}
	entry, ok := globals[p.entry].(starlark.Callable)
	if !ok {
		what := "never set"
		if v := globals[p.entry]; v != nil {
			what = "a " + v.Type() + ", not a function"
			if strings.ContainsRune("aeiou", rune(v.Type()[0])) {
				what = "an " + v.Type() + ", not a function"
			}
		}
		panic(&Error{Pos: p.entryPos, Msg: fmt.Sprintf("%s is %s: define %s(bot)", p.entry, what, p.entry)})
	}
	globals = nil
	if _, err := starlark.Call(thread, entry, starlark.Tuple{s}, nil); err != nil {
		panic(p.runtimeError(s, err))
	}
}

// cutSlack is how many steps past its budget a script may run while the cut looks for a line in a loop.
const cutSlack = 64

// overBudget is called at every step a script runs past its budget. It stops the script at the first of
// those steps that lies in a loop, or cutSlack steps later (a runaway recursion). The detour is for the error
// to name the right line: Starlark places an instruction that has no position of its own (a while loop's
// test, say) at the last instruction before it in the code, which may be a line before the loop.
func (p *program) overBudget(t *starlark.Thread, s *scriptBot) {
	if !s.overBudget {
		s.overBudget = true
		s.cutAt = t.ExecutionSteps() + cutSlack
	}
	if p.inLoop(t.CallFrame(0).Pos) || t.ExecutionSteps() >= s.cutAt {
		t.Cancel("too many steps")
	}
}

// runtimeError places a Starlark evaluation error at the innermost line of the script, with its backtrace.
func (p *program) runtimeError(s *scriptBot, err error) *Error {
	var ee *starlark.EvalError
	if !errors.As(err, &ee) {
		return &Error{Pos: syntax.MakePosition(&p.path, 0, 0), Msg: err.Error()}
	}
	e := &Error{Msg: ee.Msg}
	if v := s.verdict.Load(); v != nil && s.failure == "" && strings.HasPrefix(ee.Msg, "Starlark computation cancelled") {
		s.applyVerdict(*v, false)
	}
	stack := ee.CallStack
	builtin := ""
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i].Pos.Filename() != "<builtin>" {
			e.Pos = stack[i].Pos
			break
		}
		builtin = stack[i].Name
		stack = stack[:i]
	}
	if s.failure != "" { // a guard stopped it: say which
		e.Msg = s.failure
	} else if s.overBudget {
		e.Msg = fmt.Sprintf("ran more than %d steps in tick %d without waiting for the next tick "+
			"(an endless loop? call bot.tick() in long loops)", StepBudget, s.bot.Tick())
	} else if builtin != "" && !strings.HasPrefix(e.Msg, builtin+": ") {
		e.Msg = builtin + ": " + e.Msg
	}
	e.Backtrace = stack.String() + "Error: " + e.Msg
	return e
}
