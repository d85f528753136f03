package replay

import (
	"fmt"

	"stackarena/match"
)

// SourceNet is the remote bots' input (package bots/remote): one arrival per command a remote bot's tasklet
// received, or per peer that left, at the tick it was received. The header's Remote names the remote bots in
// join order. Package match/replay/netplay registers the source and plays the remote bots back; this package
// stays free of the network code, so that what imports it (the desktop's command line) stays light.
const SourceNet = "net"

// MaxRemote is the most remote bots a replay may name.
const MaxRemote = 10_000

// RemoteBuilder adds to opt the remote bots a replay names (in join order), played from their logged inputs
// (those of SourceNet, in log order).
type RemoteBuilder func(names []string, inputs []Input, opt *match.Options) error

var remoteBuilder RemoteBuilder

// RegisterRemote sets how NewSim builds a replay's remote bots (package match/replay/netplay does, from its
// init function). Call it once, before any Sim is built.
func RegisterRemote(b RemoteBuilder) {
	sourcesMu.Lock()
	defer sourcesMu.Unlock()
	remoteBuilder = b
}

// SetRemote records the names of the match's remote bots, in join order, in the header. Call it right after
// NewRecorder, before the first Step.
func (r *Recorder) SetRemote(names []string) { r.rep.Remote = append([]string(nil), names...) }

// remoteOptions adds to opt the remote bots of rep, after its player's bot, driven by their logged arrivals.
func (rep *Replay) remoteOptions(opt *match.Options) error {
	if len(rep.Remote) == 0 {
		return nil
	}
	if len(rep.Remote) > MaxRemote {
		return fmt.Errorf("the replay names %d remote bots: at most %d", len(rep.Remote), MaxRemote)
	}
	sourcesMu.Lock()
	build := remoteBuilder
	sourcesMu.Unlock()
	if build == nil {
		return fmt.Errorf("the replay has %d remote bots, and this build cannot play them back (it lacks package match/replay/netplay)", len(rep.Remote))
	}
	var ins []Input
	for _, in := range rep.Inputs {
		if in.Source == SourceNet {
			ins = append(ins, in)
		}
	}
	return build(rep.Remote, ins, opt)
}
