// Package netplay records and replays the remote bots of a match (package bots/remote): their arrivals by tick
// are the replay's "net" inputs. Import it in a command that serves remote bots or plays their replays; it
// registers the source with package replay from its init function.
package netplay

import (
	"encoding/json"
	"fmt"
	"strings"

	"stackarena/bots/remote"
	"stackarena/match"
	"stackarena/match/replay"
)

func init() {
	// No Apply: the arrivals are all handed to the remote bots' replay driver when the match is built, and it
	// feeds each to its bot in the tick it was received.
	replay.Register(replay.Source{Name: replay.SourceNet})
	replay.RegisterRemote(build)
}

// Record makes rec record the remote bots of srv, which joined as names (in order): their names in the header,
// and every arrival in the input log. Call it right after replay.NewRecorder, before the first Step, on the
// World's goroutine.
func Record(rec *replay.Recorder, srv *remote.Server, names []string) {
	rec.SetRemote(names)
	srv.Record(func(a remote.Arrival) { rec.Input(a.Tick, replay.SourceNet, a) })
}

// build adds the remote bots to opt, with the bot server's replay driver feeding them their logged arrivals.
func build(names []string, inputs []replay.Input, opt *match.Options) error {
	var arrivals []remote.Arrival
	for i, in := range inputs {
		a, err := decodeArrival(in.Data, len(names))
		if err != nil {
			return fmt.Errorf("net input %d (tick %d): %w", i+1, in.Tick, err)
		}
		arrivals = append(arrivals, a)
	}
	srv := remote.NewReplay(names, arrivals)
	for _, e := range srv.Bots() {
		opt.Extra = append(opt.Extra, match.ExtraBot{Name: e.Name, Script: e.Script})
	}
	opt.Gate = srv.Gate()
	return nil
}

// decodeArrival reads one arrival and checks it as the server checks what a peer sends.
func decodeArrival(raw json.RawMessage, bots int) (remote.Arrival, error) {
	var a remote.Arrival
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		return a, err
	}
	if a.Bot < 0 || a.Bot >= bots {
		return a, fmt.Errorf("remote bot %d: the replay names %d", a.Bot, bots)
	}
	if (a.Command == nil) == (a.Gone == "") {
		return a, fmt.Errorf("an arrival is a command or a departure (gone), exactly one")
	}
	if a.Command != nil {
		line, _ := json.Marshal(a.Command)
		c, err := remote.DecodeCommand(line)
		if err != nil {
			return a, err
		}
		a.Command = &c
	}
	return a, nil
}
