// Package remote is the bot server: bots written in any language, in any process, play in the arena over a
// socket, each as a tasklet of the World like any other. It is the talk's stacklesssocket turned around: there,
// a tasklet reading a socket blocks on a channel until the I/O loop hands it the data; here, a remote bot's
// tasklet blocks on its channel until its connection's goroutine posts the next command ([scheduler.Channel.Post],
// the one goroutine-safe way into a World), then runs it with the same blocking API a local bot uses
// (actors.Bot's Forward, Turn, Shoot, Scan, ...) and answers when the action ends. No goroutine but the World's
// touches the World, and nothing polls.
//
// The protocol (docs/PROTOCOL.md) is newline-delimited JSON over TCP, or the same messages over WebSocket on
// the same port: a join with a name (and a token when the server wants one), a welcome with the arena and the
// bot's ID, then commands that mirror the bot API, each answered when its action ends.
//
// Timing is lockstep by tick, so that matches are fair and reproducible: after the scripts' turn of every tick,
// the gate waits until every remote bot whose action ended has sent its next command, or the turn timeout
// passes, and the commands that came run in that same tick ([scheduler.Scheduler.Deliver]). A bot that misses
// the timeout idles and is told (a "skipped turn" event). With no timeout a remote bot plays exactly as the same
// script would locally. What each bot received at which tick is the input log ([Arrival], [Server.Record]);
// [NewReplay] plays it back without a network.
//
// A typical match:
//
//	srv, err := remote.Listen(remote.Options{Addr: "127.0.0.1:7878", Seats: 2, TurnTimeout: remote.DefaultTurnTimeout})
//	...
//	err = srv.WaitJoins(2, time.Minute)
//	for _, e := range srv.Bots() { /* add e.Name, e.Script to the match */ }
//	m, err := match.Build(cfg, match.Options{Extra: extra, Gate: srv.Gate()})
//	for !m.World.Over() { m.World.Step() }
//	srv.Finish(m.World)
//	m.World.Close()
//	srv.Close()
//
// Security: the server listens on loopback unless given a token; messages, names, instant commands per tick,
// commands ahead of their answers, connections and the time to join are capped (see the constants and
// [Options]); a malformed message gets an error answer and MaxGarbage of them a disconnection, as does a peer
// that sends a message too slowly or does not read its answers. A peer that leaves kills its bot only.
package remote
