// Package scheduler runs tasklets: straight-line Go functions that take turns on one goroutine, with the
// semantics of Stackless Python's tasklets and channels, plus ticks for games.
//
// A [Tasklet] is a function run as a coroutine (an [iter.Pull] goroutine that only runs while the scheduler
// resumes it). Tasklets are cooperative: a tasklet runs until it yields ([Scheduler.Schedule]), blocks on a
// [Channel], sleeps ([Scheduler.Sleep]), parks ([Scheduler.Park]) or ends. Nothing is preempted, so tasklet code
// needs no locks.
//
// # The run queue
//
// Runnable tasklets sit in a ring, the run queue. The running tasklet is its head; a new tasklet is appended at
// the tail, so tasklets run in creation order. [Scheduler.Schedule] moves the caller to the tail and runs the next
// one. [Scheduler.Run] runs the ring until it is empty, as stackless.run does.
//
// # Ticks
//
// Games advance in ticks. [Scheduler.Tick] gives every tasklet that was runnable when the tick began exactly one
// turn, in ring order: think of a marker placed at the tail of the ring when the tick starts; the tick ends when
// the marker reaches the head. A tasklet that calls Schedule goes behind the marker and runs again next tick (it
// yields "once per frame"). Sleep parks a tasklet off the ring for a number of ticks, and a blocked, sleeping or
// parked tasklet costs nothing per tick: nothing polls it.
//
// # Channels
//
// A [Channel] is an unbuffered rendezvous between tasklets. Its balance counts who waits (> 0: senders, < 0:
// receivers) and its preference decides who runs when a send meets a receive, exactly as in Stackless (see
// [Channel.SetPreference]). Errors travel through channels too ([Channel.SendError]), so a server tasklet can
// raise an error in its client.
//
// # The main side
//
// The goroutine that owns a Scheduler (the one that calls Run and Tick) is the main tasklet, [Scheduler.Main].
// It may send, receive, schedule and kill: such a call drives the scheduler until the operation completes, which
// turns a callback API into an iterator. When nothing could ever complete it, the call returns an error wrapping
// [ErrDeadlock] instead of hanging.
//
// # Errors
//
// A panic that escapes a tasklet ends that tasklet and reaches the caller of Run or Tick (or the main side
// operation that was driving) as a [*TaskletError] carrying the panic value and the tasklet's stack; the other
// tasklets keep their places and a later Run or Tick continues them. [Scheduler.SetErrorHandler] can take such
// errors instead. [Tasklet.Throw] raises an error in another tasklet at its suspension point, and [Tasklet.Kill]
// unwinds a tasklet from there with a panic of [ErrTaskletExit], so its deferred calls run. A tasklet that calls
// runtime.Goexit ends alone, with a *TaskletError wrapping [ErrGoexit].
//
// # Stalls
//
// Nothing is preempted: a tasklet that neither yields nor returns holds the driver. [Scheduler.Watch] starts a
// wall-clock watchdog that reports such a tasklet, with the file:line it is stuck in, to a handler of the
// caller's; it costs two atomic stores per turn, and nothing without it.
//
// # Goroutines
//
// A Scheduler is driven by one goroutine at a time, and tasklet code runs only inside Run, Tick or a main side
// operation, on the tasklet's own goroutine while the driver waits. Entering the scheduler from outside is
// guarded by an atomic flag: Run, Tick and Close called while the scheduler runs (from a second goroutine, or
// from inside a tasklet) return [ErrConcurrentUse] instead of racing, and main side operations from different
// goroutines are serialized by the same flag. While a tasklet runs, though, an operation a goroutine makes on a
// tasklet's behalf (Spawn, Schedule, Send...) cannot be told apart from the running tasklet's own: Go gives no
// cheap goroutine identity. Never call them from a goroutine a tasklet started; the race detector reports it.
// Other goroutines talk to tasklets through [Channel.Post], which is safe for concurrent use and delivers at the
// next Tick or Run.
//
// Coroutines are created lazily on the goroutine that first resumes them, so a Scheduler and its tasklets may be
// created anywhere, as long as one goroutine drives it (with Ebitengine: inside Update).
//
// Every tasklet goroutine ends when its tasklet ends, is killed, or the Scheduler is closed: [Scheduler.Close]
// kills whatever is left, running its deferred calls, and leaves no goroutine behind. Where tasklets come and go
// all the time, [Scheduler.SetIdleCoroutines] keeps a few goroutines of ended tasklets to run new ones (no
// creation, no allocation), and [Scheduler.SpawnPaused] makes a tasklet that waits, with no goroutine at all,
// until it is first made ready: a game's bullet has nothing to run until its flight ends.
package scheduler
