package replay

import (
	"encoding/json"
	"fmt"

	"stackarena/bots/remote"
	"stackarena/match"
)

// SourceNet is the remote bots' input (package bots/remote): one remote.Arrival per command a remote bot's
// tasklet received, or per peer that left, at the tick it was received. The header's Remote names the remote
// bots in join order; NewSim plays them from these inputs, through the bot server's replay driver.
const SourceNet = "net"

// MaxRemote is the most remote bots a replay may name.
const MaxRemote = 10_000

func init() {
	// No Apply: the arrivals are all handed to the remote bots' replay driver when the match is built, and it
	// feeds each to its bot in the tick it was received.
	Register(Source{Name: SourceNet})
}

// RecordRemote makes r record the remote bots of srv (which joined as names, in order): their names in the
// header, and every arrival in the input log. Call it right after NewRecorder, before the first Step.
func (r *Recorder) RecordRemote(srv *remote.Server, names []string) {
	r.rep.Remote = append([]string(nil), names...)
	srv.Record(func(a remote.Arrival) { r.Input(a.Tick, SourceNet, a) })
}

// remoteOptions adds to opt the remote bots of rep, after its player's bot, driven by their logged arrivals.
func (rep *Replay) remoteOptions(opt *match.Options) error {
	if len(rep.Remote) == 0 {
		return nil
	}
	if len(rep.Remote) > MaxRemote {
		return fmt.Errorf("the replay names %d remote bots: at most %d", len(rep.Remote), MaxRemote)
	}
	var arrivals []remote.Arrival
	for i, in := range rep.Inputs {
		if in.Source != SourceNet {
			continue
		}
		a, err := decodeArrival(in.Data, len(rep.Remote))
		if err != nil {
			return fmt.Errorf("input %d (tick %d, %s): %w", i+1, in.Tick, in.Source, err)
		}
		arrivals = append(arrivals, a)
	}
	srv := remote.NewReplay(rep.Remote, arrivals)
	for _, e := range srv.Bots() {
		opt.Extra = append(opt.Extra, match.ExtraBot{Name: e.Name, Script: e.Script})
	}
	opt.Driver = srv.Driver
	return nil
}

// decodeArrival reads one arrival and checks it as the server checks what a peer sends.
func decodeArrival(raw json.RawMessage, bots int) (remote.Arrival, error) {
	var a remote.Arrival
	if err := strictJSON(raw, &a); err != nil {
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
