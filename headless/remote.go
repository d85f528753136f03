package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"

	"stackarena/bots/remote"
	"stackarena/bots/remote/listen"
	"stackarena/match"
)

// serveRemote starts the bot server when -listen is set and waits for the remote bots, telling stderr where it
// listens. It sizes an arena the config leaves open to the remote bots too, and adds them to opt. It returns
// nil (and exitOK) without -listen; an exit status on failure, with the error written.
func serveRemote(f *listen.Flags, cfg *match.Config, opt *match.Options, stderr io.Writer) (*remote.Server, []string, int) {
	if err := f.Check(); err != nil {
		return nil, nil, complain(stderr, exitBadInput, "%v", err)
	}
	srv, err := remote.Serve(f)
	if err != nil {
		return nil, nil, complain(stderr, exitBadInput, "%v", err)
	}
	if srv == nil {
		return nil, nil, exitOK
	}
	fmt.Fprintf(stderr, "headless: listening on %s for %d remote bots (protocol version %d)\n", srv.Addr(), f.Remote, remote.Version)
	if err := srv.WaitJoins(f.Remote, f.JoinTimeout); err != nil {
		srv.Close()
		return nil, nil, complain(stderr, exitFailure, "%v", err)
	}
	if cfg.Width == 0 && cfg.Height == 0 {
		all := *cfg
		all.Bots = append(append([]match.BotSpec(nil), cfg.Bots...), match.BotSpec{Name: "remote", Count: f.Remote})
		cfg.Width, cfg.Height = all.Size()
	}
	var names []string
	for _, e := range srv.Bots() {
		opt.Extra = append(opt.Extra, match.ExtraBot{Name: e.Name, Script: e.Script})
		names = append(names, e.Name)
	}
	opt.Gate = srv.Gate()
	return srv, names, exitOK
}

// closeOnInterrupt closes srv when Ctrl-C comes during the match, so that a tick waiting for a silent peer (with
// -turn-timeout 0 it waits for ever) ends: the peers are disconnected, their bots die, and the match loop sees
// the interrupt and prints its report. stop ends the watch.
func closeOnInterrupt(srv *remote.Server) (stop func()) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	done := make(chan struct{})
	go func() {
		select {
		case <-sig:
			srv.Close()
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sig)
		close(done)
	}
}
