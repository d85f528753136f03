// Package replay records matches and plays them again. A match is deterministic, so a replay is not a film of
// the match but its recipe: the match description, the seed, the source of every .star script, the engine's
// rules version, and the input log, every input that entered the simulation from outside it (a person's
// controls, a script reloaded mid-match, ...), by tick. Playing a replay is re-simulating it; the state hashes
// it stores every HashEvery ticks and at the end prove that the re-simulation is the match that was recorded.
//
// The file is gzip-compressed JSON lines (docs/REPLAYS.md describes it, with an example): [Write] and [Read]
// convert it, and Read bounds what a hostile file can cost.
//
// # Recording
//
// A [Recorder] follows a live match: [Recorder.Input] takes each input from outside as it enters,
// [Recorder.Stepped] notes the state hash after each Step, and [Recorder.Replay] returns the replay so far.
//
// # Re-simulating
//
// A [Sim] rebuilds the recorded match and steps it, feeding each recorded input back just before the Step of
// its tick, and checks the stored hashes. A [Player] is what a viewer needs on top: seek to any tick, step
// forward and back, with checkpoints that make it fast.
//
// # The input log, and how a new input source plugs in
//
// Every input is an [Input]: the tick of the Step it affects, the name of its source, and its data as JSON. One
// log holds them all, in the order they entered. A new source of inputs (a network bot's commands, a watchdog's
// verdicts) needs two things:
//
//  1. While a match is recorded, the code that lets the input in calls Recorder.Input(tick, "name", data) with
//     the tick whose Step first sees it: World.Tick()+1 between Steps, World.Tick() during a Step.
//  2. A [Source] registered under "name" ([Register], from an init function in a package that imports this
//     one; the player's and the reloads' are in this package) puts the inputs back when the match is
//     re-simulated: Open gets all of its inputs once, right after the match is built (to hand a recorded list
//     to the part that replaces the live source), and Apply gets each input just before the Step of its tick.
//
// A replay that names a source this build does not know is refused when it is read, with its name.
//
// # Threading
//
// A Recorder, a Sim and a Player are used on the goroutine that steps their World; none is safe for concurrent
// use. Read, Write and Register may be called from any goroutine (Register before any Sim is built).
package replay
