package window

import (
	"fmt"
	"image"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"stackarena/bots"
	"stackarena/engine"
)

// Camera steps of the keys: the zoom factor of PgUp/PgDn and of one wheel notch, and the pan per Update of a
// held arrow key, in pixels.
const (
	keyZoom   = 1.25
	wheelZoom = 1.15
	keyPan    = 12.0
)

// handleInput reads the commands, the mouse and the camera keys of this Update and applies them. Called from
// Update only.
func (g *Game) handleInput() error {
	in := g.in
	if in.CloseRequested() {
		g.quit()
	}
	g.mx, g.my = in.Cursor()
	g.overUI = g.pointOverUI(g.mx, g.my)
	g.chars = in.AppendChars(g.chars[:0])
	g.cmds = appendCommands(g.cmds[:0], in, g.chars)
	for _, c := range g.cmds {
		if err := g.do(c); err != nil {
			return err
		}
	}
	g.mouse()
	g.panKeys()
	return nil
}

// do carries out one command.
func (g *Game) do(c command) error {
	if done, err := g.replayCommand(c); done || err != nil {
		return err
	}
	switch c {
	case cmdSaveReplay:
		g.saveReplay()
	case cmdPause:
		g.clock.TogglePause() // the banner says it is paused, and how to go on
		if !g.clock.paused {
			g.say("running at " + speedLabel(g.clock.Speed()))
		}
	case cmdStep:
		g.clock.Step()
	case cmdSlower, cmdFaster:
		if c == cmdSlower {
			g.clock.Slower()
		} else {
			g.clock.Faster()
		}
		g.say("speed " + speedLabel(g.clock.Speed()))
	case cmdRestartNext:
		return g.restart(g.cfg.Seed + 1)
	case cmdRestartSame:
		return g.restart(g.cfg.Seed)
	case cmdReload:
		g.reload()
	case cmdZoomIn, cmdZoomOut:
		f := keyZoom
		if c == cmdZoomOut {
			f = 1 / keyZoom
		}
		g.cam.ZoomAt(f, float64(g.w)/2, float64(g.h)/2)
		g.fitted = false
	case cmdFit:
		g.fit()
		g.follow = false
	case cmdFollow:
		g.follow = !g.follow && g.followed() != nil
		switch {
		case g.follow:
			g.fitted = false
			g.say("following " + g.label(g.followed()))
		case g.followed() == nil:
			g.say("select a bot to follow (right click or Tab)")
		default:
			g.say("camera free")
		}
	case cmdNextBot, cmdPrevBot:
		dir := 1
		if c == cmdPrevBot {
			dir = -1
		}
		g.selectBot(cycleBot(g.m.World.Bots(), g.selected, dir))
	case cmdInspector:
		g.showInspector = !g.showInspector
	case cmdHUD:
		g.showHUD = !g.showHUD
		g.syncViewport()
	case cmdDebug:
		g.cycleDebug()
	case cmdScans:
		g.toggleScans()
	case cmdEscape:
		switch {
		case g.showHelp:
			g.showHelp = false
		case g.showResults:
			g.showResults = false
		case g.selected != nil:
			g.selectBot(nil)
		}
	case cmdHelp:
		g.showHelp, g.helpScroll = !g.showHelp, 0
	case cmdFullscreen:
		ebiten.SetFullscreen(!ebiten.IsFullscreen())
	case cmdQuit:
		g.quit()
	case cmdPower1, cmdPower2, cmdPower3:
		g.power = float64(c-cmdPower1) + 1
		g.say(fmt.Sprintf("shot power %g", g.power))
	}
	return nil
}

// reload reloads the changed script files, when the program knows how, and says what happened.
func (g *Game) reload() {
	if g.opt.Scripts == nil {
		g.say("reloading scripts is not available in this build")
		return
	}
	reloaded, err := g.opt.Scripts.Reload()
	switch {
	case err != nil:
		msg, _, _ := strings.Cut(err.Error(), "\n")
		g.say("reload failed: " + msg)
	case len(reloaded) == 0:
		g.say("no script changed")
	default:
		g.say("reloaded " + strings.Join(reloaded, ", "))
	}
	g.recordReloads(reloaded)
}

// quit stops the game after the next frame is drawn (so that -screenshot keeps it), or at once without capture.
func (g *Game) quit() {
	if g.opt.Capture {
		g.quitting = true
	} else {
		g.done = true
	}
}

// mouse handles the wheel (zoom about the pointer, or scroll the inspector's console), drags (pan) and clicks
// (select). Without a tank to drive, the left button selects and pans like the right one.
func (g *Game) mouse() {
	in := g.in
	if _, dy := in.Wheel(); dy != 0 {
		p := g.frameUI().p
		at := image.Pt(g.mx, g.my)
		switch step := int(math.Round(dy * 3)); {
		case g.showHelp:
			g.helpScroll = max(0, g.helpScroll-step)
		case g.showResults && at.In(p.results):
			g.resultsScroll = max(0, g.resultsScroll-step)
		case at.In(p.inspector):
			g.scroll = max(0, min(engine.ConsoleLines, g.scroll+step))
		case g.overUI:
		default:
			g.cam.ZoomAt(math.Pow(wheelZoom, dy), float64(g.mx), float64(g.my))
			g.fitted = false
		}
	}
	g.slider()
	d := &g.drag
	if !d.active {
		for _, b := range [...]ebiten.MouseButton{ebiten.MouseButtonRight, ebiten.MouseButtonMiddle, ebiten.MouseButtonLeft} {
			if b == ebiten.MouseButtonLeft && g.driving() {
				continue // the left button fires
			}
			if in.MouseJustPressed(b) && !g.overUI {
				*d = drag{button: b, active: true, x0: g.mx, y0: g.my, x: g.mx, y: g.my}
				break
			}
		}
		return
	}
	if !d.panning && (abs(g.mx-d.x0) > dragSlop || abs(g.my-d.y0) > dragSlop) {
		d.panning = true
	}
	if d.panning {
		g.cam.Pan(float64(g.mx-d.x), float64(g.my-d.y))
		g.fitted, g.follow = false, false
	}
	d.x, d.y = g.mx, g.my
	if in.MouseJustReleased(d.button) || !in.MousePressed(d.button) {
		if !d.panning && d.button != ebiten.MouseButtonMiddle {
			g.clickAt(d.x0, d.y0)
		}
		*d = drag{}
	}
}

// clickAt selects the bot under the screen point, or nothing.
func (g *Game) clickAt(x, y int) {
	wx, wy := g.cam.ScreenToWorld(float64(x), float64(y))
	g.selectBot(pickBot(g.m.World.Bots(), engine.Vec{X: wx, Y: wy}, pickSlop/g.cam.Zoom()))
}

// selectBot makes b the inspected bot (nil: none).
func (g *Game) selectBot(b *engine.Bot) {
	if b != g.selected {
		g.scroll = 0
	}
	g.selected = b
	if b != nil {
		g.showInspector = true
	}
}

// slider sets the speed while the left button, pressed on the HUD's speed slider, is held: the stop nearest the
// pointer.
func (g *Game) slider() {
	if !g.showHUD || g.showHelp {
		g.sliding = false
		return
	}
	r := g.sliderRect(g.frameUI().p.hud)
	if g.in.MouseJustPressed(ebiten.MouseButtonLeft) && image.Pt(g.mx, g.my).In(r) {
		g.sliding = true
	}
	if g.sliding {
		if !g.in.MousePressed(ebiten.MouseButtonLeft) {
			g.sliding = false
			return
		}
		g.clock.speed = g.sliderStop(r, g.mx)
	}
}

// panKeys pans the camera while the arrow keys (and WASD, with no tank to drive) are held; with the help or the
// results open, the up and down arrows scroll them instead.
func (g *Game) panKeys() {
	if g.showHelp || g.showResults {
		scroll := &g.helpScroll
		if !g.showHelp {
			scroll = &g.resultsScroll
		}
		if g.in.KeyJustPressed(ebiten.KeyArrowDown) {
			*scroll++
		}
		if g.in.KeyJustPressed(ebiten.KeyArrowUp) {
			*scroll = max(0, *scroll-1)
		}
		return
	}
	for _, k := range panKeys {
		if g.in.KeyPressed(k.key) || (!g.driving() && g.in.KeyPressed(k.alt)) {
			g.cam.Pan(k.dx*keyPan, k.dy*keyPan)
			g.fitted, g.follow = false, false
		}
	}
}

// driving reports whether there is a live tank for the person to drive.
func (g *Game) driving() bool { return g.rp == nil && g.play != nil && g.play.Alive() }

// steer writes the player's controls for the coming ticks: WASD, the gun towards the pointer, the left button to
// fire (not while the pointer is over a panel).
func (g *Game) steer() {
	g.pin = bots.PlayerInput{}
	if !g.driving() {
		return
	}
	in := g.in
	g.pin.Forward, g.pin.Back = in.KeyPressed(keyForward), in.KeyPressed(keyBack)
	g.pin.Left, g.pin.Right = in.KeyPressed(keyLeft), in.KeyPressed(keyRight)
	if g.inScreen(g.mx, g.my) {
		g.pin.AimX, g.pin.AimY = roundAim(g.cam.ScreenToWorld(float64(g.mx), float64(g.my)))
		g.pin.Aim = true
		g.pin.Fire = in.MousePressed(ebiten.MouseButtonLeft) && !g.overUI
	}
	g.pin.Power = g.power
}

func abs(x int) int { return max(x, -x) }
