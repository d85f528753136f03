// Package listen holds what a command needs to offer the bot server (package bots/remote) before any network
// code runs: its command-line flags, and the rule that an address other machines can reach needs a token. It
// imports no network package, so that a command line can be parsed and checked by code that must stay light
// (the desktop's, which runs before its display is opened).
package listen

import (
	"flag"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// DefaultTurnTimeout is how long a tick waits for remote bots' commands unless told otherwise.
const DefaultTurnTimeout = 30 * time.Millisecond

// Flags are the bot server's command-line flags, the same in the headless and the desktop commands.
type Flags struct {
	Listen      string        // -listen host:port; "" serves no remote bots
	Remote      int           // -remote N: the bots to wait for
	Token       string        // -token
	TurnTimeout time.Duration // -turn-timeout
	JoinTimeout time.Duration // -join-timeout: how long to wait for the N bots
}

// AddFlags binds the bot server's flags to fs.
func AddFlags(fs *flag.FlagSet) *Flags {
	f := &Flags{}
	fs.StringVar(&f.Listen, "listen", "", "serve remote bots on this `host:port` (loopback unless -token is set; TCP lines of JSON and WebSocket on the same port; see docs/PROTOCOL.md)")
	fs.IntVar(&f.Remote, "remote", 1, "with -listen: wait for `N` remote bots to join before the match starts")
	fs.StringVar(&f.Token, "token", "", "with -listen: the `secret` every remote bot must give to join (required off loopback)")
	fs.DurationVar(&f.TurnTimeout, "turn-timeout", DefaultTurnTimeout, "with -listen: how long a tick waits for remote bots' commands (0: for ever, for learning agents)")
	fs.DurationVar(&f.JoinTimeout, "join-timeout", time.Minute, "with -listen: how long to wait for the -remote bots to join (0: for ever)")
	return f
}

// Check reports flags that cannot work, in one line.
func (f *Flags) Check() error {
	if f.Listen == "" {
		return nil
	}
	switch {
	case f.Remote < 1:
		return fmt.Errorf("-remote %d: want at least 1 remote bot with -listen", f.Remote)
	case f.TurnTimeout < 0:
		return fmt.Errorf("-turn-timeout %v: must not be negative (0 waits for ever)", f.TurnTimeout)
	case f.JoinTimeout < 0:
		return fmt.Errorf("-join-timeout %v: must not be negative (0 waits for ever)", f.JoinTimeout)
	}
	if err := CheckAddr(f.Listen, f.Token); err != nil {
		return fmt.Errorf("-listen: %v", err)
	}
	return nil
}

// CheckAddr checks a listening address, host:port: one that other machines can reach (any host but localhost
// or a loopback IP, an empty host included) needs a token.
func CheckAddr(addr, token string) error {
	i := strings.LastIndexByte(addr, ':')
	if i < 0 {
		return fmt.Errorf("address %q: want host:port, like 127.0.0.1:7878", addr)
	}
	host, port := strings.TrimSuffix(strings.TrimPrefix(addr[:i], "["), "]"), addr[i+1:]
	if p, err := strconv.ParseUint(port, 10, 16); err != nil && port != "" || p > 65535 {
		return fmt.Errorf("address %q: port %q is not a number from 0 to 65535", addr, port)
	}
	if token != "" || host == "localhost" {
		return nil
	}
	if ip, err := netip.ParseAddr(host); err == nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("address %q is not loopback: other machines could join, so set a token (-token)", addr)
}
