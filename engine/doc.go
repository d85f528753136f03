// Package engine is the arena's simulation: the [World], its bots, bullets, doors and walls, the physics of one
// tick, a uniform spatial grid, the state hash, and the read side that renderers and reports use between ticks.
// It knows nothing of windows; scripts reach it through package actors.
//
// The World is sealed. [*World] is its owner's handle (build, step, close). What renderers, reports and tools
// read is [View] and the read-only [*Bot], [*Door] and [*Bullet] it hands out. What a script changes (its own
// bot's intents) goes through a [BotControl], [DoorControl] or [BulletControl], which only the World's holder
// gets ([World.ControlBot] ...): package actors keeps one behind each script's handle and never hands it out, so
// a script can change its own actor and nothing else.
//
// Every bot, bullet and door runs a script as an actor of the World's [Driver]: a tasklet of a scheduler
// ([NewTaskletDriver], the default), or, for benchmarks, a goroutine ([NewGoroutineDriver]). A script asks for an
// action (move 100 units, turn 90 degrees, wait for the gun) and parks; [World.Step] runs the scripts' turns,
// then the physics, then wakes the scripts whose action is over, so an action that lasts many ticks costs two
// switches whatever its length. The tick's order is written on Step, the rules' numbers in rules.go and in
// docs/RULES.md.
//
// A World is deterministic: it reads no clock, iterates no map in an order that matters, and draws from seeded
// generators only (one for the World, one per bot), so the same Config and scripts give the same [World.Hash] at
// every tick. One goroutine drives a World; with many actors, Step runs the physics that is one computation per
// bullet or bot (flights, moves, what ending flights do to bots, finding collisions, burials and wake-ups) on
// several goroutines, each writing only its own items, and applies what crosses items in actor order (parallel.go),
// so the hash is the same whatever GOMAXPROCS and Config.Shards are.
//
// Costs: a tick is one switch per runnable script plus O(1) per actor on average (the grid keeps every query to
// the cells around it); parked scripts cost nothing, and a bullet holds no goroutine while it flies.
package engine
