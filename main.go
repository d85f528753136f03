// Command stackarena is the desktop arena: a window on a match, with a tank for you to drive against the bots.
//
//	stackarena [flags]
//
// With no flags it opens the default match embedded in the binary (walls, doors and a mix of the built-in bots)
// plus your tank. It takes the headless command's match flags (-config, -bots, -arena, -seed, -ticks, -doors)
// and the desktop's own: -player, -speed, -frames, -screenshot, -window, -fullscreen, -inspect, -cpuprofile,
// -record FILE (save the match as a replay on exit; F6 saves it at any time) and -replay FILE (watch a replay:
// timeline, step back, take over). -listen ADDR lets bots written in any language join the first match over
// the network (-remote N, -token, -turn-timeout, -join-timeout: see docs/PROTOCOL.md). F1 in the window lists
// the controls.
//
// The flags and the match are checked before the window opens: bad input prints one line on stderr and exits
// with status 2; an internal error (a bug) exits with 3 and one line naming the file that holds its stack. It
// needs a display; without one (package nodisplay answers before Ebitengine starts) -h still prints the usage,
// and any other command line is checked and then gets one line saying the display is missing, with status 2:
// run a match without a window with ./headless.
package main

import (
	"errors"
	"fmt"
	"image/png"
	"io"
	"os"
	"runtime/pprof"
	"strings"

	"stackarena/bots/remote"
	"stackarena/bots/remote/listen"
	"stackarena/bots/star"
	"stackarena/match"
	"stackarena/match/replay"
	"stackarena/window"
	"stackarena/window/cmdline"
	_ "stackarena/window/nodisplay" // answers without a display, before Ebitengine would panic
)

// The exit statuses.
const (
	exitOK       = 0
	exitFailure  = 1 // something failed while running
	exitBadInput = 2 // the command line, or a file or bot it names, is wrong
)

func main() {
	args := os.Args[1:]
	os.Exit(match.Guard("stackarena", args, os.Stderr, func() int { return run(args, os.Stdout, os.Stderr) }))
}

// options are the parsed command line.
type options struct {
	game       window.Options
	screenshot string
	cpuProfile string
	record     string // the replay file the match is saved to on exit
	remote     *listen.Flags
}

// parseArgs reads the command line and checks it (see [cmdline.Parse]): whatever it accepts opens a window that
// works.
func parseArgs(args []string, stdout io.Writer) (options, error) {
	set, err := cmdline.Parse(args, stdout)
	if err != nil {
		return options{}, err
	}
	cores := match.DefaultCores() // the live matches' and the replay viewer's shards alike
	var rep *replay.Replay
	if set.ReplayPath != "" {
		if rep, err = loadReplay(set.ReplayPath, set.Inspect, cores); err != nil {
			return options{}, err
		}
	}
	return options{
		game: window.Options{Match: set.Match, Player: set.Player, Speed: set.Speed, Frames: set.Frames,
			Capture: set.Screenshot != "", Width: set.Width, Height: set.Height, Fullscreen: set.Fullscreen,
			Inspect: set.Inspect, Scripts: &scriptReloader{},
			Replay: rep, ReplayName: set.ReplayPath, Record: set.Record, Cores: cores},
		record:     set.Record,
		screenshot: set.Screenshot,
		cpuProfile: set.CPUProfile,
		remote:     set.Remote,
	}, nil
}

// loadReplay reads the replay file path and checks it: its match is built as the replay mode will build it, on
// cores shards (and closed), on a goroutine of its own, as cmdline.CheckMatch does, so that a replay of other
// rules, or one whose match does not build, fails here in one line; and inspect must name one of its bots.
func loadReplay(path string, inspect, cores int) (*replay.Replay, error) {
	rep, err := replay.Load(path)
	if err != nil {
		return nil, err
	}
	errc := make(chan error, 1)
	go func() {
		s, err := replay.NewSimCores(rep, cores)
		if err == nil {
			err = s.Close()
		}
		errc <- err
	}()
	if err := <-errc; err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	n := rep.Match.BotCount() + len(rep.Remote)
	if rep.Player != "" {
		n++
	}
	if inspect > n {
		return nil, fmt.Errorf("-inspect %d: the replay's match has bots 1 to %d", inspect, n)
	}
	return rep, nil
}

// run is the command: parse, open the window, play, then report. It returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fail := func(code int, err error) int {
		msg, _, _ := strings.Cut(err.Error(), "\n")
		fmt.Fprintln(stderr, "stackarena: "+msg)
		return code
	}
	opt, err := parseArgs(args, stdout)
	if errors.Is(err, cmdline.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return fail(exitBadInput, err)
	}
	if opt.cpuProfile != "" {
		f, err := os.Create(opt.cpuProfile)
		if err != nil {
			return fail(exitBadInput, err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fail(exitFailure, err)
		}
		defer pprof.StopCPUProfile()
	}
	if w, h, shrunk := window.FitScreen(opt.game.Width, opt.game.Height); shrunk && !opt.game.Fullscreen {
		fmt.Fprintf(stderr, "stackarena: -window %dx%d is larger than the screen: the window is %dx%d\n",
			opt.game.Width, opt.game.Height, w, h)
	}
	srv, err := remote.Serve(opt.remote)
	if err != nil {
		return fail(exitBadInput, err)
	}
	if srv != nil {
		defer srv.Close()
		fmt.Fprintf(stderr, "stackarena: listening on %s for %d remote bots (protocol version %d)\n", srv.Addr(), opt.remote.Remote, remote.Version)
		if err := srv.WaitJoins(opt.remote.Remote, opt.remote.JoinTimeout); err != nil {
			return fail(exitFailure, err)
		}
		opt.game.Remote = srv
	}
	g, err := window.NewGame(opt.game)
	if err != nil {
		return fail(exitBadInput, err)
	}
	err = g.Run()
	if srv != nil && g.World() != nil {
		srv.Finish(g.World()) // the remote bots still in the match hear how it ended
	}
	if err != nil {
		return fail(exitFailure, err)
	}
	if opt.game.Frames > 0 {
		fmt.Fprintln(stdout, g.Stats())
	}
	if opt.screenshot != "" {
		if err := savePNG(opt.screenshot, g); err != nil {
			return fail(exitFailure, err)
		}
	}
	if opt.record != "" && (opt.game.Replay == nil || g.Recording()) {
		if err := g.SaveReplay(opt.record); err != nil {
			return fail(exitFailure, err)
		}
	}
	return exitOK
}

// savePNG writes the game's last frame.
func savePNG(path string, g *window.Game) error {
	img := g.Screenshot()
	if img == nil {
		return errors.New("no frame was drawn to save")
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// scriptReloader is the reload key's work (F5): it reloads the match's .star files that changed and restarts
// their bots, through star.Reloader. Called from Update only.
type scriptReloader struct{ r *star.Reloader }

// Track forgets the previous match and records which of m's bots run which file: Build spawns them in the
// order of m.Config.Bots.
func (s *scriptReloader) Track(m *match.Match) {
	s.r = &star.Reloader{}
	i := 0
	for _, spec := range m.Config.Bots {
		s.r.Track(spec.Name, m.Bots[i:i+spec.Count]...)
		i += spec.Count
	}
}

// Reload reloads the files that changed; see star.Reloader.Reload.
func (s *scriptReloader) Reload() ([]string, error) {
	if s.r == nil {
		return nil, nil
	}
	return s.r.Reload()
}

// Source is the source the bots of the tracked file path run now, for the replay's record of a reload.
func (s *scriptReloader) Source(path string) []byte {
	if s.r == nil {
		return nil
	}
	return s.r.Source(path)
}
