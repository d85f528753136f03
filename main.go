// Command stackarena is the desktop arena: a window on a match, with a tank for you to drive against the bots.
//
//	stackarena [flags]
//
// With no flags it opens the default match embedded in the binary (walls, doors and a mix of the built-in bots)
// plus your tank. It takes the headless command's match flags (-config, -bots, -arena, -seed, -ticks, -doors)
// and the desktop's own: -player, -speed, -frames, -screenshot, -window, -fullscreen, -inspect, -cpuprofile. F1 in the
// window lists the controls.
//
// The flags and the match are checked before the window opens: bad input prints one line on stderr and exits
// with status 2. It needs a display: Ebitengine panics at start-up without one, so `make run` checks DISPLAY
// first; run a match without a window with ./headless.
package main

import (
	"errors"
	"flag"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"

	"stackarena/bots/star"
	"stackarena/match"
	"stackarena/window"
)

// The exit statuses.
const (
	exitOK       = 0
	exitFailure  = 1 // something failed while running
	exitBadInput = 2 // the command line, or a file or bot it names, is wrong
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// options are the parsed command line.
type options struct {
	game       window.Options
	screenshot string
	cpuProfile string
}

// errHelp is parseArgs' answer to -h: the usage went to stdout and the command ends well.
var errHelp = errors.New("help")

// parseArgs reads the command line and checks it, the match included (built once and closed, off the main
// goroutine): whatever it accepts opens a window that works.
func parseArgs(args []string, stdout io.Writer) (options, error) {
	fs := flag.NewFlagSet("stackarena", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	mf := match.AddFlags(fs)
	player := fs.Bool("player", true, "add a tank for you to drive (WASD, mouse to aim, left button to fire); false only watches")
	speed := fs.String("speed", "1", "starting `speed`: 0.25, 0.5, 1, 2, 4, 8 or 16 ticks per frame")
	frames := fs.Int("frames", 0, "draw `N` frames, then exit and print the average FPS and TPS (0: run until closed)")
	shot := fs.String("screenshot", "", "save the last frame drawn to this PNG `file` on exit")
	size := fs.String("window", "1280x800", "the window's size as `WxH` pixels")
	full := fs.Bool("fullscreen", false, "start in fullscreen (F11 toggles)")
	inspect := fs.Int("inspect", 0, "open the inspector on the bot with this `ID` (1-based, in the order of -bots; your tank is the last)")
	prof := fs.String("cpuprofile", "", "write a CPU profile of the whole run to `file`")
	fs.Usage = func() {} // errors are one line, below; -h prints the usage
	usage := func() {
		fmt.Fprintf(stdout, "Usage: stackarena [flags]\n\nThe desktop arena: the default match plus your tank, or the match the flags describe.\n"+
			"Examples:\n  stackarena -seed 7\n  stackarena -bots spinbot=1000,squarebot=1000 -arena 2400x1600 -player=false -frames 600\n\nFlags:\n")
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage()
			return options{}, errHelp
		}
		return options{}, fmt.Errorf("%v (see -h)", err)
	}
	if fs.NArg() > 0 {
		return options{}, fmt.Errorf("unexpected argument %q: every setting is a flag (see -h)", fs.Arg(0))
	}
	cfg, err := mf.Config(match.Default())
	if err != nil {
		return options{}, err
	}
	si, err := window.ParseSpeed(*speed)
	if err != nil {
		return options{}, fmt.Errorf("-speed: %v", err)
	}
	if *frames < 0 {
		return options{}, fmt.Errorf("-frames %d: must not be negative", *frames)
	}
	w, h, err := parseSize(*size)
	if err != nil {
		return options{}, err
	}
	if *shot != "" {
		if !strings.HasSuffix(strings.ToLower(*shot), ".png") {
			return options{}, fmt.Errorf("-screenshot %q: the file must end in .png", *shot)
		}
		if err := os.MkdirAll(filepath.Dir(*shot), 0o755); err != nil {
			return options{}, fmt.Errorf("-screenshot: %v", err)
		}
	}
	if err := window.CheckMatch(cfg, *player); err != nil {
		return options{}, err
	}
	if n := cfg.BotCount() + btoi(*player); *inspect < 0 || *inspect > n {
		return options{}, fmt.Errorf("-inspect %d: the match has bots 1 to %d", *inspect, n)
	}
	return options{
		game: window.Options{Match: cfg, Player: *player, Speed: window.Speeds[si], Frames: *frames,
			Capture: *shot != "", Width: w, Height: h, Fullscreen: *full, Inspect: *inspect,
			Scripts: &scriptReloader{}},
		screenshot: *shot,
		cpuProfile: *prof,
	}, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// parseSize reads -window's WxH.
func parseSize(s string) (int, int, error) {
	ws, hs, ok := strings.Cut(strings.ToLower(s), "x")
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if !ok || err1 != nil || err2 != nil || w < 320 || h < 240 || w > 16384 || h > 16384 {
		return 0, 0, fmt.Errorf("-window %q: want WIDTHxHEIGHT in pixels, at least 320x240, like 1280x800", s)
	}
	return w, h, nil
}

// run is the command: parse, open the window, play, then report. It returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fail := func(code int, err error) int {
		msg, _, _ := strings.Cut(err.Error(), "\n")
		fmt.Fprintln(stderr, "stackarena: "+msg)
		return code
	}
	opt, err := parseArgs(args, stdout)
	if errors.Is(err, errHelp) {
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
	g, err := window.NewGame(opt.game)
	if err != nil {
		return fail(exitBadInput, err)
	}
	if err := g.Run(); err != nil {
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
