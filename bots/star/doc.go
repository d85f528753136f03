// Package star runs bots written in Starlark, a Python dialect, so that users write bots without a compiler.
// The talk's squarebot is a .star file almost word for word:
//
//	def squarebot(bot):
//	    while 1:
//	        for _ in range(3):
//	            bot.shoot()
//	            bot.forward(10)
//	            bot.turn(90)
//	        bot.shoot()
//	        bot.forward(10)
//	        bot.turn(randrange(0, 360))
//
// and it is loaded wherever a bot is named: `-bots ./squarebot.star=10,spinbot=5`, or a match config's
// {"name": "./squarebot.star", "count": 3} (package match calls [Load]).
//
// # How a script runs
//
// [Load] reads and compiles a file once; syntax errors are load errors. The [actors.Script] it returns runs,
// for each bot, as that bot's tasklet: the module's top level executes in a fresh Starlark thread with globals
// of its own, then the entry point is called with the bot: main(bot) if the file defines it, else the
// function named after the file. The interpreter runs on the tasklet's goroutine, so a blocking method such
// as bot.forward calls the Go action (actors.Bot.Forward), which parks the tasklet, interpreter frames and
// all, until the World wakes it: a Starlark bot costs the same two switches per action as a Go bot, plus the
// interpretation of its own lines.
//
// # The script API
//
// The bot value mirrors [actors.Bot]. Actions block for game time and end early when the bot is hit or runs
// into something (read bot.events() after them):
//
//	bot.forward(d), bot.back(d), bot.turn(deg), bot.turn_to(heading), bot.turn_gun(deg), bot.aim_at(x, y)
//	bot.shoot(power=1) -> bool    one tick; whether it fired
//	bot.wait_gun()                until the gun is cold
//	bot.scan() -> target or None  one tick; target has id, name, x, y, bearing, distance, energy, heading, speed
//	bot.wait(ticks), bot.tick()   sleep; one frame (Go's Yield: yield is reserved in Starlark)
//
// Intents take effect in the coming tick and return at once: bot.set_speed(v), bot.set_turn(deg),
// bot.set_gun_turn(deg), bot.fire(power=1) -> bool. Readers: bot.position() -> (x, y), bot.heading(),
// bot.gun_heading(), bot.energy(), bot.speed(), bot.gun_heat(), bot.tick_count(), bot.arena() -> (w, h),
// bot.others(), bot.name(), bot.id(), and bot.events() -> a list of events with kind ("hit_by_bullet",
// "hit_wall", "hit_bot", "bullet_hit", "bullet_missed", "bot_died"), tick, bearing, power and other (a bot's
// id, 0 if none). bot.say(*args) and bot.log(*args) write a line to the bot's console, and so does print.
//
// Module builtins beside Starlark's own (len, range, sorted, ...): randrange(stop) or randrange(start, stop[,
// step]), random(), uniform(a, b) and choice(seq) draw from the bot's own seeded source ([actors.Bot.Rand]);
// bearing(x1, y1, x2, y2) and normalize_turn(deg) use the arena's angles (0 east, 90 south, clockwise);
// distance(x1, y1, x2, y2); and the math module (math.sqrt, math.atan2, math.pi, ...).
//
// The dialect allows while loops, recursion, sets, and if/for statements and reassignment at top level.
//
// # Sandbox and determinism
//
// A script has no file, network, clock or environment access: nothing in its environment reads them, and
// load statements are refused at load time. Its random numbers come from its bot's source and dict order is
// insertion order, so the same seed plays the same match with script bots as with Go bots.
//
// # Step budget
//
// A script may run [StepBudget] Starlark execution steps per tick. Every action that takes the script into a
// new tick grants a fresh budget; a script that loops without waiting is stopped with an [Error] at the line
// it had reached ("mybot.star:7:9: ran more than 10000 steps in tick 12 without waiting ..."), and only its
// bot dies: the match goes on. Steps are counted, not timed, so the cut falls at the same place on every
// machine. Builtins that do bulk work in Go (sorted, list, zip, str, ...) charge it to the budget, one step per
// element they touch.
//
// # Limits
//
// A script is untrusted: beside the step budget, its call depth, the size of the values builtins build and
// the memory it holds (its own and the match's scripts' together) are capped, all counted; and a watchdog
// stops, on CPU time and allocations, what one operation does beyond the counted (s + s, "".join). Its
// verdicts depend on the machine, so they are recorded (Verdict) and a replay applies them. The limits are a
// match's (Limits, Sandbox); docs/SCRIPTING.md lists them with their errors.
//
// # Errors
//
// Load's errors are one line: "path: cannot read the bot script: ..." or "path:line:col: message". A runtime
// error panics the bot's tasklet with an *[Error]; the World buries the bot and writes "error:
// path:line:col: message" and the Starlark backtrace (Error.ScriptBacktrace) to its console.
//
// # Hot reload
//
// A [Reloader] tracks which bots run which file; its Reload re-reads the files that changed, recompiles them
// and restarts their bots ([actors.Bot.Restart]); a file that no longer compiles keeps its bots on the old
// script and returns its error.
package star
