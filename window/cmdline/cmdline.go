// Package cmdline is the desktop command's command line: its flags, their checks and its usage, with no
// dependency on Ebitengine. Ebitengine opens its display while the program initialises, and panics without
// one; keeping the command line apart lets the command check its flags and print its usage anywhere (see
// package nodisplay), and lets tools build the same options without a window.
package cmdline

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"stackarena/bots"
	"stackarena/bots/remote/listen"
	"stackarena/match"
)

// Settings are the desktop command's parsed and checked command line.
type Settings struct {
	// Match is the match to play, already built once and closed to check it (see [CheckMatch]).
	Match match.Config
	// Player adds the tank the person at the keyboard drives.
	Player bool
	// Speed is the starting speed, one of [Speeds].
	Speed float64
	// Frames stops the window after that many frames (0: runs until closed).
	Frames int
	// Screenshot is the PNG file the last frame is saved to ("": none).
	Screenshot string
	// Width and Height are the window's size in pixels.
	Width, Height int
	// Fullscreen starts the window in fullscreen.
	Fullscreen bool
	// Inspect is the bot whose inspector is open at the start (1-based; 0: none).
	Inspect int
	// CPUProfile is the file a CPU profile of the whole run is written to ("": none).
	CPUProfile string
	// Record is the replay file the last match is saved to on exit and on the save key ("": the save key
	// picks a name).
	Record string
	// ReplayPath is the replay file to watch instead of a live match ("": none). Parse does not read it: the
	// command reads and checks it with package match/replay, which this package must not import (see package
	// nodisplay: its imports must be ready before Ebitengine's), and checks Inspect against its bots.
	ReplayPath string
	// Remote are the bot server's flags (-listen, -remote, ...): remote bots join the first match.
	Remote *listen.Flags
}

// ErrHelp is Parse's answer to -h: the usage went to stdout and the command ends well.
var ErrHelp = errors.New("help")

// PlayerName is the player's bot's name in the match; the window labels it "you".
const PlayerName = "player"

// Minimum window size, in pixels: the smallest in which the arena and every panel still fit and read.
const (
	MinWidth  = 640
	MinHeight = 480
)

// flagValues are where the command's flags land.
type flagValues struct {
	mf      *match.Flags
	player  *bool
	speed   *string
	frames  *int
	shot    *string
	size    *string
	full    *bool
	inspect *int
	prof    *string
	record  *string
	watch   *string
	net     *listen.Flags
}

// defineFlags defines the command's flags on fs.
func defineFlags(fs *flag.FlagSet) flagValues {
	var v flagValues
	v.mf = match.AddFlags(fs)
	v.player = fs.Bool("player", true, "add a tank for you to drive (WASD, mouse to aim, left button to fire); false only watches")
	v.speed = fs.String("speed", "1", "starting `speed`: 0.25, 0.5, 1, 2, 4, 8 or 16 ticks per frame")
	v.frames = fs.Int("frames", 0, "draw `N` frames, then exit and print the average FPS and TPS (0: run until closed)")
	v.shot = fs.String("screenshot", "", "save the last frame drawn to this PNG `file` on exit")
	v.size = fs.String("window", "1280x800", fmt.Sprintf("the window's size as `WxH` pixels, at least %dx%d", MinWidth, MinHeight))
	v.full = fs.Bool("fullscreen", false, "start in fullscreen (F11 toggles)")
	v.inspect = fs.Int("inspect", 0, "open the inspector on the bot with this `ID` (1-based, in the order of -bots; your tank is the last)")
	v.prof = fs.String("cpuprofile", "", "write a CPU profile of the whole run to `file`")
	v.record = fs.String("record", "", "save the match to this replay `file` on exit (F6 saves it at any time; see docs/REPLAYS.md)")
	v.watch = fs.String("replay", "", "watch the replay in this `file`: timeline, pause, step back, take over (T)")
	v.net = listen.AddFlags(fs)
	return v
}

// Parse reads the command line and checks it, the match included (built once and closed, off the calling
// goroutine): whatever it accepts opens a window that works. The usage goes to stdout on -h; every other
// error is one line for the caller to print.
func Parse(args []string, stdout io.Writer) (Settings, error) {
	fs := flag.NewFlagSet("stackarena", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	v := defineFlags(fs)
	mf := v.mf
	player := v.player
	speed := v.speed
	frames := v.frames
	shot := v.shot
	size := v.size
	full := v.full
	inspect := v.inspect
	prof := v.prof
	record := v.record
	watch := v.watch
	net := v.net
	fs.Usage = func() {} // errors are one line, below; -h prints the usage
	usage := func() {
		fmt.Fprintf(stdout, "Usage: stackarena [flags]\n\nThe desktop arena: the default match plus your tank, or the match the flags describe.\n"+
			"It needs a display; without one, run matches with the headless command (go run ./headless).\n"+
			"Examples:\n  stackarena -seed 7\n  stackarena -record m.replay.gz    then: stackarena -replay m.replay.gz\n  stackarena -bots spinbot=1000,squarebot=1000 -arena 2400x1600 -player=false -frames 600\n\nFlags:\n")
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage()
			return Settings{}, ErrHelp
		}
		return Settings{}, fmt.Errorf("%v (see -h)", err)
	}
	if fs.NArg() > 0 {
		return Settings{}, fmt.Errorf("unexpected argument %q: every setting is a flag (see -h)", fs.Arg(0))
	}
	cfg, err := mf.Config(match.Default())
	if err != nil {
		return Settings{}, err
	}
	si, err := ParseSpeed(*speed)
	if err != nil {
		return Settings{}, fmt.Errorf("-speed: %v", err)
	}
	if *frames < 0 {
		return Settings{}, fmt.Errorf("-frames %d: must not be negative", *frames)
	}
	w, h, err := parseSize(*size)
	if err != nil {
		return Settings{}, err
	}
	if *shot != "" {
		if !strings.HasSuffix(strings.ToLower(*shot), ".png") {
			return Settings{}, fmt.Errorf("-screenshot %q: the file must end in .png", *shot)
		}
		if err := os.MkdirAll(filepath.Dir(*shot), 0o755); err != nil {
			return Settings{}, fmt.Errorf("-screenshot: %v", err)
		}
	}
	if *record != "" {
		if st, err := os.Stat(filepath.Dir(*record)); err != nil || !st.IsDir() {
			return Settings{}, fmt.Errorf("-record %q: no such directory", *record)
		}
	}
	if err := net.Check(); err != nil {
		return Settings{}, err
	}
	if *watch == "" {
		if err := CheckMatch(cfg, *player); err != nil {
			return Settings{}, err
		}
	}
	if n := cfg.BotCount() + btoi(*player); *inspect < 0 || *watch == "" && *inspect > n {
		return Settings{}, fmt.Errorf("-inspect %d: the match has bots 1 to %d", *inspect, n)
	}
	return Settings{Match: cfg, Player: *player, Speed: Speeds[si], Frames: *frames, Screenshot: *shot,
		Width: w, Height: h, Fullscreen: *full, Inspect: *inspect, CPUProfile: *prof,
		Record: *record, ReplayPath: *watch, Remote: net}, nil
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
	if !ok || err1 != nil || err2 != nil || w < MinWidth || h < MinHeight || w > 16384 || h > 16384 {
		return 0, 0, fmt.Errorf("-window %q: want WIDTHxHEIGHT in pixels, at least %dx%d, like 1280x800", s, MinWidth, MinHeight)
	}
	return w, h, nil
}

// Speeds are the simulation speeds the window offers, slowest first, in ticks per Update: at 0.25 the World steps
// once every fourth Update.
var Speeds = []float64{0.25, 0.5, 1, 2, 4, 8, 16}

// ParseSpeed reads a speed as the -speed flag gives it ("2", "2x", "0.25x") and returns its index in [Speeds]. It
// fails for anything that is not one of them.
func ParseSpeed(s string) (int, error) {
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "x"), 64)
	if err == nil {
		for i, sp := range Speeds {
			if sp == v {
				return i, nil
			}
		}
	}
	return 0, fmt.Errorf("speed %q: must be one of %s", s, speedList())
}

func speedList() string {
	var parts []string
	for _, s := range Speeds {
		parts = append(parts, SpeedLabel(s))
	}
	return strings.Join(parts, ", ")
}

// SpeedLabel is "0.25x", "1x", "16x".
func SpeedLabel(s float64) string { return strconv.FormatFloat(s, 'f', -1, 64) + "x" }

// CheckMatch builds the match cfg describes, with the player's bot when player is set, exactly as the game will,
// and closes it: an error here is one the game would meet. It builds on a goroutine of its own, which ends
// before it returns, so that no tasklet is created on the caller's goroutine (Ebitengine's main thread).
func CheckMatch(cfg match.Config, player bool) error {
	errc := make(chan error, 1)
	go func() {
		var opt match.Options
		if player {
			opt.Extra = []match.ExtraBot{{Name: PlayerName, Script: bots.Player(&bots.PlayerInput{})}}
		}
		m, err := match.Build(cfg, opt)
		if err == nil {
			err = m.World.Close()
		}
		errc <- err
	}()
	return <-errc
}
