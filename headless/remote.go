package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"stackarena/bots/remote"
	"stackarena/match"
)

// remoteFlags are the bot server's flags: remote bots join the match over the network (docs/PROTOCOL.md).
type remoteFlags struct {
	listen      string
	remote      int
	token       string
	turnTimeout time.Duration
	joinTimeout time.Duration
}

func addRemoteFlags(fs *flag.FlagSet) *remoteFlags {
	r := &remoteFlags{}
	fs.StringVar(&r.listen, "listen", "", "serve remote bots on this `host:port` (loopback unless -token is set; TCP lines of JSON and WebSocket on the same port)")
	fs.IntVar(&r.remote, "remote", 1, "with -listen: wait for `N` remote bots to join before the match starts")
	fs.StringVar(&r.token, "token", "", "with -listen: the `secret` every remote bot must give to join (required off loopback)")
	fs.DurationVar(&r.turnTimeout, "turn-timeout", remote.DefaultTurnTimeout, "with -listen: how long a tick waits for remote bots' commands (0: for ever, for learning agents)")
	fs.DurationVar(&r.joinTimeout, "join-timeout", time.Minute, "with -listen: how long to wait for the -remote bots to join (0: for ever)")
	return r
}

// serve starts the bot server when -listen is set and waits for the remote bots, telling stderr where it
// listens. It sizes an arena the config leaves open to the remote bots too, and adds them to opt. It returns
// nil (and exitOK) without -listen; an exit status on failure, with the error written.
func (r *remoteFlags) serve(cfg *match.Config, opt *match.Options, stderr io.Writer) (*remote.Server, []string, int) {
	if r.listen == "" {
		return nil, nil, exitOK
	}
	switch {
	case r.remote < 1:
		return nil, nil, complain(stderr, exitBadInput, "-remote %d: want at least 1 remote bot with -listen", r.remote)
	case r.turnTimeout < 0:
		return nil, nil, complain(stderr, exitBadInput, "-turn-timeout %v: must not be negative (0 waits for ever)", r.turnTimeout)
	}
	srv, err := remote.Listen(remote.Options{Addr: r.listen, Token: r.token, TurnTimeout: r.turnTimeout, Seats: r.remote})
	if err != nil {
		return nil, nil, complain(stderr, exitBadInput, "-listen: %v", err)
	}
	fmt.Fprintf(stderr, "headless: listening on %s for %d remote bots (protocol version %d)\n", srv.Addr(), r.remote, remote.Version)
	if err := srv.WaitJoins(r.remote, r.joinTimeout); err != nil {
		srv.Close()
		return nil, nil, complain(stderr, exitFailure, "%v", err)
	}
	if cfg.Width == 0 && cfg.Height == 0 {
		all := *cfg
		all.Bots = append(append([]match.BotSpec(nil), cfg.Bots...), match.BotSpec{Name: "remote", Count: r.remote})
		cfg.Width, cfg.Height = all.Size()
	}
	var names []string
	for _, e := range srv.Bots() {
		opt.Extra = append(opt.Extra, match.ExtraBot{Name: e.Name, Script: e.Script})
		names = append(names, e.Name)
	}
	opt.Driver = srv.Driver
	return srv, names, exitOK
}
