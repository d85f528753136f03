package window

import (
	"errors"
	"image"
	"stackarena/window/cmdline"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"stackarena/bots"
	"stackarena/bots/remote"
	"stackarena/engine"
	"stackarena/match"
	"stackarena/match/replay"
	"stackarena/match/scene"
)

// Options configure a [Game].
type Options struct {
	// Match is the match to play. It is built inside the first Update, not before (see [Game]).
	Match match.Config
	// Player adds a bot driven by the person at the keyboard and mouse.
	Player bool
	// Speed is the starting speed in ticks per Update, one of [Speeds]; 0 means 1.
	Speed float64
	// Input reads the keyboard and mouse; nil means the real ones ([EbitenInput]).
	Input Input
	// Inspect selects the bot with this ID (1-based, in the match's order; the player's tank is the last) in
	// every match built, with its inspector open; 0 selects none.
	Inspect int
	// Frames stops the game after it has drawn that many frames (for measurements and screenshots); 0 runs until
	// the window is closed.
	Frames int
	// Capture keeps the last frame drawn, for [Game.Screenshot]. It reads the frame back from the GPU once, at
	// the end.
	Capture bool
	// Scripts, when set, reloads the bots' script files on the reload key (F5); nil: the key says it is not
	// available.
	Scripts ScriptReloader
	// Width and Height are the window's starting size in pixels (0: 1280x800), for [Game.Run]; the screen's
	// size is the window's, whatever it is resized to.
	Width, Height int
	// Fullscreen starts [Game.Run] in fullscreen.
	Fullscreen bool
	// StallLimit is how long a Go bot may hold its turn without yielding before the stall watchdog ends the
	// process with a one-line error naming the bot and its file:line (a stuck Update cannot be taken back); 0
	// means scheduler.DefaultStallLimit.
	StallLimit time.Duration
	// Replay, when set, is played instead of Match: the timeline, stepping back, taking over (see replay.go).
	Replay *replay.Replay
	// ReplayName names the replay's file in the header of a branch taken over from it.
	ReplayName string
	// Record is the file the save key writes the match recorded so far to ("": a name from the seed and tick).
	Record string
	// Remote, when set, is a bot server whose joined bots play in the first match built (the -listen flag);
	// they are added after the player's tank.
	Remote *remote.Server
	// Cores is how many shards run each live match's scripts (match.Options.Cores), and every re-simulation of
	// the replay viewer's (replay.NewPlayerCores); 0 means match.DefaultCores, the machine's cores. The match is
	// the same for any value.
	Cores int
}

// cores is Cores, or its default.
func (o Options) cores() int {
	if o.Cores > 0 {
		return o.Cores
	}
	return match.DefaultCores()
}

// ScriptReloader reloads bot script files (.star) in a running match and restarts the bots that run them: the
// reload key's work. The Game calls Track with every match it builds, right after building it, and Reload when
// the key is pressed; both from Update, between Steps, on the goroutine that steps the World.
type ScriptReloader interface {
	// Track forgets the previous match and records which of m's bots run which script file.
	Track(m *match.Match)
	// Reload reloads the tracked files that changed and restarts their live bots; it returns the files reloaded,
	// and an error for each file that could not be (whose bots keep their old script).
	Reload() (reloaded []string, err error)
}

// Game is the desktop arena: an ebiten.Game whose Update steps the match's World by whole ticks, at the chosen
// speed, and handles the controls; Draw shows the World and the UI and never changes either.
//
// The match's World is built inside Update, on its first call and on every restart, never before RunGame: the
// World's tasklets are coroutines, and a coroutine must be created and resumed on the same, unlocked goroutine.
// Ebitengine calls Update, Draw and Layout one after the other on one goroutine, so the Game needs no locks;
// none of its methods may be called from anywhere else.
type Game struct {
	opt  Options
	in   Input
	cfg  match.Config // the match being played: Options.Match, with the seed of the last restart
	m    *match.Match
	play *engine.Bot      // the player's tank in the World, nil without one
	pin  bots.PlayerInput // what the Player script reads during each Step
	// pinOut, when set, is where the player's bot reads its controls instead of pin (a replay taken over).
	pinOut *bots.PlayerInput
	rec    *replay.Recorder // records the live match, for the save key and -record; nil while watching a replay
	rp     *replayMode      // the replay being watched, nil in a live match

	sprites *Sprites
	txt     *Text
	arena   *arena
	ui      *shapes
	metrics textMetrics

	cam    *Camera
	fitted bool // the camera shows the whole arena: refit when the window is resized
	follow bool
	view   image.Rectangle // the arena's viewport the camera was last given
	w, h   int             // the screen's size, from Layout
	clock  clock
	power  float64 // the player's shot power
	mx, my int     // the pointer, read in Update
	overUI bool    // the pointer is over a panel
	drag   drag
	scroll int // console lines scrolled back in the inspector
	// resultsScroll and helpScroll are the lines scrolled down in the results and the help.
	resultsScroll, helpScroll int
	sliding                   bool        // the left button went down on the speed slider and is still down
	rate                      tickRate    // the game's ticks per second, for the HUD
	sources                   sourceLines // the scripts' lines, for the inspector
	cmds                      []command
	chars                     []rune
	toast                     string
	toastAt                   int // the Update the toast was shown in

	debug scene.DebugMode // whose debug drawing shows
	scans bool            // scan arcs show

	selected, traced *engine.Bot
	showInspector    bool
	showHUD          bool
	showHelp         bool
	showResults      bool
	resultsShown     bool // the results were opened for this match (Escape hides them for good)
	playerDeadSeen   bool

	cache viewCache

	updates    int
	frames     int
	stats      Stats
	quitting   bool // stop after the next frame
	done       bool // stop at the next Update
	screenshot *image.RGBA
	remoteIn   bool // the remote bots of Options.Remote are in a match already: they play one match only
}

// drag follows a mouse button held down in the arena: a press and release in place is a click, a move of more
// than dragSlop pixels pans the camera.
type drag struct {
	button       ebiten.MouseButton
	active       bool // a button went down in the arena and is still down
	panning      bool
	x0, y0, x, y int
}

// dragSlop is how far, in pixels, the pointer may move between press and release and still make a click.
const dragSlop = 4

// toastUpdates is how long a message stays on screen, in Updates (2 s at 60 TPS).
const toastUpdates = 120

// NewGame checks the options and prepares the sprites and fonts; it builds no match (the first Update does). It
// fails if Options.Speed is not one of [Speeds]. It may be called before RunGame.
func NewGame(opt Options) (*Game, error) {
	if opt.Speed == 0 {
		opt.Speed = 1
	}
	speed, err := cmdline.ParseSpeed(speedLabel(opt.Speed))
	if err != nil {
		return nil, err
	}
	if opt.Frames < 0 {
		return nil, errors.New("frames must not be negative")
	}
	if opt.Width <= 0 || opt.Height <= 0 {
		opt.Width, opt.Height = 1280, 800
	}
	in := opt.Input
	if in == nil {
		in = EbitenInput{}
	}
	g := &Game{
		opt: opt, in: in, cfg: opt.Match, clock: clock{speed: speed}, power: 1,
		sprites: NewSprites(), txt: NewText(), ui: newShapes(),
		showInspector: true, showHUD: true, debug: scene.DebugSelected,
		w: opt.Width, h: opt.Height,
	}
	// The arena draws its labels with a cache of its own: a crowd's names would otherwise push the panels' lines out
	// of the shared one every frame, and shaping them again costs more than the rest of the frame.
	g.arena = newArena(g.sprites, NewText())
	cw, ch := g.txt.Measure("0123456789", Mono, uiTextSize)
	g.metrics = textMetrics{charW: cw / 10, lineH: ch}
	return g, nil
}

// FitScreen returns a window size of at most w by h that fits the screen, and whether it had to shrink. It may
// be called before [Game.Run], from the main goroutine.
func FitScreen(w, h int) (int, int, bool) {
	if m := ebiten.Monitor(); m != nil {
		if mw, mh := m.Size(); mw > 0 && mh > 0 && (w > mw || h > mh) {
			return min(w, mw), min(h, mh), true
		}
	}
	return w, h, false
}

// Run opens the window (its size, no larger than the monitor, title and fullscreen from the options;
// resizable) and runs the game until the window is closed, Ctrl+Q is pressed or Options.Frames frames are drawn.
// Call it from main, once.
func (g *Game) Run() error {
	w, h, _ := FitScreen(g.opt.Width, g.opt.Height)
	ebiten.SetWindowSize(w, h)
	ebiten.SetWindowTitle("stackarena")
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetWindowClosingHandled(true)
	ebiten.SetFullscreen(g.opt.Fullscreen)
	ebiten.SetScreenClearedEveryFrame(false) // Draw covers the whole screen: a clear would cost a full-screen pass
	return ebiten.RunGame(g)
}

// Update runs once per Ebitengine tick (60 per second): it builds the match on its first call, handles the
// controls, then steps the World 0 or more whole ticks as the speed says (0.25x: one tick every 4 Updates;
// 16x: 16 ticks). It costs the ticks it steps (one tasklet switch per runnable script each, see World.Step)
// plus O(bots) when the ranking is refreshed. It returns ebiten.Termination when the game is over (the window
// was closed, Ctrl+Q, or Options.Frames frames were drawn), and closes the World before it returns that or an
// error: the World's tasklets can only be ended from this goroutine. Called by Ebitengine only.
func (g *Game) Update() error {
	began := time.Now() // for -frames' figures only
	err := g.update()
	if g.stats.Frames > 0 {
		g.stats.Update += time.Since(began)
	}
	if err != nil {
		g.closeWorld()
	}
	return err
}

func (g *Game) update() error {
	if g.done {
		return ebiten.Termination
	}
	if g.m == nil {
		if err := g.start(g.cfg); err != nil {
			return err
		}
	}
	g.updates++
	if err := g.handleInput(); err != nil {
		return err
	}
	if g.done {
		return ebiten.Termination
	}
	g.steer()
	w := g.m.World
	if g.rp != nil {
		if err := g.replayTicks(); err != nil {
			return err
		}
		w = g.m.World
	} else if err := g.liveTicks(); err != nil {
		return err
	}
	g.afterTicks()
	g.rate.add(time.Now(), w.Tick()) // for the HUD's ticks per second only
	return nil
}

// closeWorld ends the match's scripts and releases their goroutines; the World stays readable.
func (g *Game) closeWorld() {
	if g.m != nil {
		g.setTraced(nil)
		g.m.World.Close() // its error is a script's, already in the bot's console
	}
	if g.rp != nil {
		g.rp.p.Close() // the Sims parked for seeking
	}
}

// Draw draws the arena through the camera, then the panels. It reads the World and the Game and changes
// neither (but for the frame count); its cost is O(actors in view), allocation-free in the arena, plus a few
// dozen short strings for the panels. Called by Ebitengine only (and by tests, on an offscreen image).
func (g *Game) Draw(screen *ebiten.Image) {
	began := time.Now() // for -frames' figures only: nothing in the simulation reads the clock
	if g.m == nil {
		screen.Fill(scene.BackdropColor)
		return
	}
	f := g.frameUI()
	v := g.sceneView()
	arena := f.p.arena
	if arena != screen.Bounds() {
		// The side column's background: the scene covers only the arena's viewport.
		g.ui.rect(float64(arena.Max.X), 0, float64(g.w-arena.Max.X), float64(g.h), backdropColor)
		g.ui.flush(screen)
	}
	g.arena.draw(screen.SubImage(arena).(*ebiten.Image), &v)
	g.drawUI(screen, &f)
	g.drawTimeline(screen)
	g.countFrame(screen, began)
}

// Layout takes the window's size as the screen's, so that the arena and the panels use every pixel of a
// resized window; the camera's viewport follows, and a camera that was fitted to the arena is refitted. O(1).
// Called by Ebitengine, before the first Update and then about every frame.
func (g *Game) Layout(outsideWidth, outsideHeight int) (int, int) {
	w, h := max(1, outsideWidth), max(1, outsideHeight)
	g.w, g.h = w, h
	g.syncViewport()
	return w, h
}

// World is the World being played, nil before the first Update. Read it from Update or Draw, or after RunGame
// has returned (the World is closed by then, and still readable).
func (g *Game) World() *engine.World {
	if g.m == nil {
		return nil
	}
	return g.m.World
}

// sceneView gathers what the arena shows this frame.
func (g *Game) sceneView() scene.View {
	vw, vh := g.cam.Viewport()
	vx, vy := g.cam.Origin()
	cx, cy := g.cam.Center()
	v := scene.View{World: g.m.World, Camera: scene.Camera{Zoom: g.cam.Zoom(), X: cx, Y: cy, Width: vw, Height: vh, Left: vx, Top: vy},
		Player: g.play, Selected: g.selected, Debug: g.debug, Scans: g.scans}
	if g.play != nil && g.play.Alive() && !g.overUI && !g.drag.panning && g.inScreen(g.mx, g.my) {
		v.Aim, v.AimX, v.AimY = true, float64(g.mx), float64(g.my)
	}
	if !g.overUI && !g.drag.panning && g.inScreen(g.mx, g.my) {
		wx, wy := g.cam.ScreenToWorld(float64(g.mx), float64(g.my))
		if b := pickBot(g.m.World.Bots(), engine.Vec{X: wx, Y: wy}, pickSlop/g.cam.Zoom()); b != nil && b.Alive() {
			v.Hover = b // its name and energy bar show even in a crowd
		}
	}
	return v
}

// syncViewport gives the camera the arena's viewport, the window less the side column, and refits a camera that
// was fitted when the viewport changed. O(1); called from Layout and Update.
func (g *Game) syncViewport() {
	if g.cam == nil {
		return
	}
	r := arenaRect(g.w, g.h, g.showHUD, g.metrics)
	if r == g.view {
		return
	}
	g.view = r
	g.cam.SetViewport(float64(r.Dx()), float64(r.Dy()))
	g.cam.SetViewportAt(float64(r.Min.X), float64(r.Min.Y))
	if g.fitted {
		g.fit()
	}
}

// fitMargin is the share of the window left around a fitted arena, so that its edge shows.
const fitMargin = 0.03

// fit shows the whole arena, with a small margin.
func (g *Game) fit() {
	g.cam.Fit()
	g.cam.SetZoom(g.cam.Zoom() * (1 - 2*fitMargin))
	g.fitted = true
}

// inScreen reports whether the screen point is in the arena's viewport.
func (g *Game) inScreen(x, y int) bool {
	return image.Pt(x, y).In(arenaRect(g.w, g.h, g.showHUD, g.metrics))
}
