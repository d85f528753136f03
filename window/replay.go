package window

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"stackarena/match/replay"
	"stackarena/match/scene"
)

// replayMode is the window's replay viewer: a replay.Player, whose Sim the Game shows as its match, and the
// timeline panel's state. The Game has one while it plays a replay, none in a live match (a replay taken over
// becomes a live match).
type replayMode struct {
	p         *replay.Player
	name      string // the replay's file, for the branch's header
	scrubbing bool   // the left button went down on the timeline and is still down
	seeking   bool   // a seek to target is under way: it goes on for seekWork in each Update
	target    uint64
}

// replayWork is how long each Update may spend on the Player's background work (the spare Sim behind the
// current tick for stepping back, and the scout that finds the bots' deaths for the timeline).
const replayWork = 4 * time.Millisecond

// seekWork is how long each Update may spend on a seek the timeline asked for: a seek that re-simulates more
// than that goes on in the next Updates, and the arena shows its progress, instead of freezing the window.
const seekWork = 12 * time.Millisecond

// startReplay makes the replay in the options the match shown, at tick 0, on the shards a live match gets
// (Options.Cores): every Sim the Player builds, and so a replay taken over, runs on them. Called from Update only
// (start), like every re-simulation: the Sims' tasklets are created and resumed there.
func (g *Game) startReplay() error {
	p, err := replay.NewPlayerCores(g.opt.Replay, g.opt.cores(), g.setupSim)
	if err != nil {
		return err
	}
	g.rp = &replayMode{p: p, name: g.opt.ReplayName}
	g.rec = nil
	g.adoptSim()
	g.selected = g.m.World.Bot(g.opt.Inspect)
	g.clock.paused = true // a replay opens paused: Space plays it
	ebiten.SetWindowTitle(fmt.Sprintf("stackarena: replay %s", g.rp.name))
	return nil
}

// setupSim prepares every Sim the replay builds as start prepares a live match's World: the scripts' debug
// drawing as the viewer shows it, and the stall watchdog.
func (g *Game) setupSim(s *replay.Sim) {
	w := s.World()
	w.SetDrawing(g.debug != scene.DebugOff)
	w.WatchStalls(g.opt.StallLimit, stalled)
}

// adoptSim shows the Player's current Sim, which a seek may have replaced: the selected bot and the player's tank
// are found again in its World by ID, and the panels' figures are refreshed.
func (g *Game) adoptSim() {
	s := g.rp.p.Sim()
	if g.m == s.Match() {
		return
	}
	sel := 0
	if g.selected != nil {
		sel = g.selected.ID()
	}
	g.setTraced(nil)
	g.m, g.cfg = s.Match(), s.Match().Config
	w := g.m.World
	g.play = nil
	if s.Replay().Player != "" {
		g.play = w.Bot(len(w.Bots()))
	}
	g.selected = w.Bot(sel)
	if g.cam == nil {
		aw, ah := w.Size()
		g.cam = NewCamera(aw, ah, float64(g.w), float64(g.h))
		g.syncViewport()
		g.fit()
	}
	g.cache = viewCache{}
	g.cache.refresh(w, true)
	g.resultsShown = w.Over() // the results open when the replay reaches its end, not at every seek there
	g.playerDeadSeen = g.play != nil && !g.play.Alive()
}

// replayTicks is a replay's Update: the ticks the clock asks for, then background work. The Player's Sims are
// stepped here only.
func (g *Game) replayTicks() error {
	p := g.rp.p
	if n := g.clock.Advance(); n > 0 && !g.rp.seeking {
		if err := p.Seek(p.Tick() + uint64(n)); err != nil {
			return err
		}
		if p.Tick() >= p.End() {
			g.clock.paused = true
		}
	}
	if err := g.scrub(); err != nil {
		return err
	}
	if g.rp.seeking {
		done, err := p.SeekWithin(g.rp.target, seekWork)
		if err != nil {
			return err
		}
		g.rp.seeking = !done
	}
	if err := p.Work(replayWork); err != nil {
		return err
	}
	g.adoptSim()
	return nil
}

// replayCommand carries out the commands that a replay handles its own way; it reports whether it did.
func (g *Game) replayCommand(c command) (bool, error) {
	if g.rp == nil {
		if c == cmdStepBack || c == cmdTakeOver {
			g.say("stepping back and taking over are for replays (stackarena -replay FILE)")
			return true, nil
		}
		return false, nil
	}
	p := g.rp.p
	switch c {
	case cmdStepBack:
		g.clock.paused = true
		g.rp.seeking = false
		if err := p.StepBack(); err != nil {
			return true, err
		}
		g.adoptSim()
	case cmdTakeOver:
		g.takeOver()
	case cmdRestartNext, cmdRestartSame, cmdReload:
		g.say("this is a replay: T takes over from this tick, then R and F5 work")
	case cmdSaveReplay:
		g.say("this is a replay already: T takes over, then F6 saves the new branch")
	default:
		return false, nil
	}
	return true, nil
}

// takeOver turns the replay into a live match from the current tick: the person drives the tank (if the replay
// has one), F5 reloads edited scripts, and the match is recorded as a branch of the replay.
func (g *Game) takeOver() {
	s, rec := g.rp.p.TakeOver(g.rp.name)
	g.rp = nil
	g.rec = rec
	g.pinOut = s.PlayerInput()
	g.pin = *g.pinOut
	if g.opt.Scripts != nil {
		g.opt.Scripts.Track(s.Match())
	}
	g.clock.paused = false
	who := "the bots play on"
	if g.driving() {
		who = "you drive"
	}
	g.say(fmt.Sprintf("live from tick %d: %s; F6 saves this branch", s.Tick(), who))
}

// liveTicks is a live match's Update: the ticks the clock asks for, with the person's controls, recorded.
func (g *Game) liveTicks() error {
	if g.pinOut != nil {
		*g.pinOut = g.pin // a replay taken over: its player's bot reads the Sim's controls
	}
	w := g.m.World
	n := g.clock.Advance()
	if n > 0 && g.rec != nil && g.driving() {
		g.rec.Player(g.pin)
	}
	for ; n > 0 && !w.Over(); n-- {
		if err := w.Step(); err != nil {
			return err
		}
		if g.rec != nil {
			g.rec.Stepped()
		}
	}
	return nil
}

// recordReloads records the script files the reload key reloaded, with the sources their bots now run.
func (g *Game) recordReloads(paths []string) {
	src, ok := g.opt.Scripts.(interface{ Source(path string) []byte })
	if g.rec == nil || !ok {
		return
	}
	for _, p := range paths {
		g.rec.Reload(p, src.Source(p))
	}
}

// roundAim keeps the aim in whole arena units: the replay records every change of the controls, and a whole
// number compresses well where a float's 17 digits do not (a unit is a fraction of a pixel at most zooms).
func roundAim(x, y float64) (float64, float64) { return math.Round(x), math.Round(y) }

// SaveReplay writes the match recorded so far (the live match, or the branch taken over from a replay) to path.
// Call it from Update, or after Run has returned. It fails when there is nothing recorded (a replay watched and
// not taken over).
func (g *Game) SaveReplay(path string) error {
	if g.rec == nil {
		return fmt.Errorf("%s: nothing to save: a replay that was not taken over is already a file", path)
	}
	if err := g.rec.Err(); err != nil {
		return err
	}
	return replay.Save(path, g.rec.Replay())
}

// Recording reports whether the Game has a match recorded to save: a live match, or a replay taken over.
func (g *Game) Recording() bool { return g.rec != nil }

// saveReplay is the save key: the match so far to Options.Record, or to a file named after the seed and tick.
func (g *Game) saveReplay() {
	path := g.opt.Record
	if path == "" {
		path = fmt.Sprintf("stackarena-seed%d-tick%d.replay.gz", g.cfg.Seed, g.m.World.Tick())
	}
	if err := g.SaveReplay(path); err != nil {
		msg, _, _ := strings.Cut(err.Error(), "\n")
		g.say("saving failed: " + msg)
		return
	}
	g.say("saved " + path)
}
