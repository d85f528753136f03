package window

import (
	"fmt"
	"image"
	"os"
	"sync"

	"stackarena/window/cmdline"

	"github.com/hajimehoshi/ebiten/v2"

	"stackarena/bots"
	"stackarena/engine"
	"stackarena/match"
	"stackarena/match/replay"
	"stackarena/match/replay/netplay"
	"stackarena/match/scene"
	"stackarena/scheduler"
)

// playerName is the player's bot's name in the match; the window labels it "you".
const playerName = cmdline.PlayerName

// start builds the match cfg describes, with the player's bot when there is one, and makes it the one played.
// The previous match's World is closed first (its tasklet goroutines end). Called from Update only: the World's
// tasklets must be created on the goroutine that steps them.
func (g *Game) start(cfg match.Config) error {
	if g.opt.Replay != nil && g.m == nil {
		return g.startReplay()
	}
	if g.m != nil {
		g.setTraced(nil)
		if err := g.m.World.Close(); err != nil {
			return err
		}
		g.m = nil
	}
	var opt match.Options
	if g.opt.Player {
		opt.Extra = []match.ExtraBot{{Name: playerName, Script: bots.Player(&g.pin)}}
	}
	g.pin, g.pinOut = bots.PlayerInput{}, nil
	var remoteNames []string
	if r := g.opt.Remote; r != nil && !g.remoteIn {
		g.remoteIn = true
		for _, e := range r.Bots() {
			opt.Extra = append(opt.Extra, match.ExtraBot{Name: e.Name, Script: e.Script})
			remoteNames = append(remoteNames, e.Name)
		}
		opt.Gate = r.Gate()
	}
	opt.Cores = g.opt.cores()
	m, err := match.Build(cfg, opt)
	if err != nil {
		return err
	}
	recorded := ""
	if g.opt.Player {
		recorded = playerName
	}
	g.rec = replay.NewRecorder(m, recorded)
	if remoteNames != nil {
		g.opt.Remote.Watch(m.World)
		netplay.Record(g.rec, g.opt.Remote, remoteNames)
	}
	g.m, g.cfg = m, cfg
	m.World.SetDrawing(g.debug != scene.DebugOff)
	m.World.WatchStalls(g.opt.StallLimit, stalled) // on every shard; World.Close ends the watchdogs
	if g.opt.Scripts != nil {
		g.opt.Scripts.Track(m)
	}
	g.play = nil
	if g.opt.Player {
		g.play = m.World.Bot(m.Bots[len(m.Bots)-1].ID())
	}
	aw, ah := m.World.Size()
	// Every match starts fitted, whatever the last one's camera did.
	g.cam, g.view = NewCamera(aw, ah, float64(g.w), float64(g.h)), image.Rectangle{}
	g.syncViewport()
	g.fit()
	g.selected, g.scroll = m.World.Bot(g.opt.Inspect), 0
	g.showResults, g.resultsShown, g.playerDeadSeen = false, false, false
	g.cache = viewCache{}
	g.cache.refresh(m.World, true)
	ebiten.SetWindowTitle(fmt.Sprintf("stackarena: seed %d", cfg.Seed))
	return nil
}

// restart starts the same match again with the given seed.
func (g *Game) restart(seed uint64) error {
	cfg := g.cfg
	cfg.Seed = seed
	if err := g.start(cfg); err != nil {
		return err
	}
	g.say(fmt.Sprintf("new match, seed %d", seed))
	return nil
}

// afterTicks runs after the Update's ticks: the inspector's tracing, the camera's chase, the panels' figures,
// and what the match's state asks to show.
func (g *Game) afterTicks() {
	w := g.m.World
	want := g.selected
	if !g.showInspector {
		want = nil
	}
	g.setTraced(want)
	if g.follow {
		if b := g.followed(); b != nil {
			g.cam.Follow(b.Pos().X, b.Pos().Y, 0.2)
		}
	}
	g.cache.refresh(w, false)
	if g.play != nil && !g.play.Alive() && !g.playerDeadSeen {
		g.playerDeadSeen = true
		g.say("your tank: " + g.play.Cause())
	}
	if w.Over() && !g.resultsShown {
		g.resultsShown, g.showResults = true, true
	}
	if g.toast != "" && g.updates-g.toastAt > toastUpdates {
		g.toast = ""
	}
}

// setTraced turns the script tracing of the inspected bot on, and off for the one inspected before: tracing
// records where the script waits, and costs a little at each action, so only the inspected bot pays.
func (g *Game) setTraced(b *engine.Bot) {
	if b == g.traced {
		return
	}
	if g.traced != nil {
		g.m.World.SetTracing(g.traced, false)
	}
	if b != nil {
		g.m.World.SetTracing(b, true)
	}
	g.traced = b
}

// followed is the bot the camera chases: the selected one, or else the player's.
func (g *Game) followed() *engine.Bot {
	if g.selected != nil {
		return g.selected
	}
	return g.play
}

// say shows a short message at the bottom of the window for a couple of seconds.
func (g *Game) say(msg string) {
	g.toast, g.toastAt = msg, g.updates
}

// viewCache holds the figures the panels show that cost O(bots) or more to compute, refreshed from Update rather
// than in every Draw: the ranking, at most every rankingEvery ticks (and whenever a bot dies or the match ends),
// and the state hash, whenever the tick changes.
type viewCache struct {
	rankingTick uint64
	hashTick    uint64
	fresh       bool
	ranking     []engine.Standing
	hash        uint64
	alive       int
}

// rankingEvery is how many ticks the ranking may lag behind in the panels (0.25 s at 1x).
const rankingEvery = 15

func (c *viewCache) refresh(w engine.View, force bool) {
	t := w.Tick()
	if force || !c.fresh || t >= c.rankingTick+rankingEvery || w.AliveBots() != c.alive || (w.Over() && t != c.rankingTick) {
		c.rankingTick, c.alive = t, w.AliveBots()
		c.ranking = w.Ranking()
	}
	if force || !c.fresh || t != c.hashTick {
		c.hashTick, c.hash = t, w.Hash()
	}
	c.fresh = true
}

// stalled is the stall watchdog's verdict on a Go bot that holds its turn (a bug, not an input): one line on
// stderr and exit status 1. Shards may stall at once: the first ends the process.
func stalled(e *scheduler.StallError) {
	stallOnce.Do(func() {
		fmt.Fprintf(os.Stderr, "stackarena: bot %q stalled: %v\n", e.Name, e)
		os.Exit(1)
	})
}

var stallOnce sync.Once
