package window

import (
	"fmt"
	"image"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
)

// hudText is the HUD's lines: the tick, the speed, the frame and tick rates (Ebitengine's measurements, for
// display only), the actors, the state hash (its first 8 hex digits, as of hashTick) and the player's tank.
func (g *Game) hudText() string {
	w := g.m.World
	var b strings.Builder
	fmt.Fprintf(&b, "tick %d / %d   seed %d\n", w.Tick(), w.MaxTicks(), w.Seed())
	state := "running"
	if g.clock.paused {
		state = "paused"
	} else if w.Over() {
		state = "over"
	}
	fmt.Fprintf(&b, "speed %s (%s)\n", speedLabel(g.clock.Speed()), state)
	fmt.Fprintf(&b, "FPS %.1f   TPS %.1f\n", ebiten.ActualFPS(), ebiten.ActualTPS())
	fmt.Fprintf(&b, "actors %d: bots %d/%d, bullets %d, doors %d\n", w.Actors(), w.AliveBots(), len(w.Bots()),
		len(w.Bullets()), len(w.Doors()))
	fmt.Fprintf(&b, "hash %08x (tick %d)\n", g.cache.hash>>32, g.cache.hashTick)
	switch p := g.play; {
	case p == nil:
		b.WriteString("watching")
	case p.Alive():
		fmt.Fprintf(&b, "you: energy %.1f, kills %d, power %g", p.Energy(), p.Kills(), g.power)
	default:
		fmt.Fprintf(&b, "you: %s", p.Cause())
	}
	return b.String()
}

// rankingText draws the ranking's title and its first rankingTop bots: place, name, energy and kills, dead bots
// dimmed. The ranking is the cached one (see viewCache).
func (g *Game) rankingText(dst *ebiten.Image, r image.Rectangle) {
	w := g.m.World
	title := fmt.Sprintf("ranking: %d/%d alive", w.AliveBots(), len(w.Bots()))
	g.textLine(dst, fmt.Sprintf("%-26s %6s %5s", title, "energy", "kills"), r, 0, titleColor)
	for i, st := range g.cache.ranking[:min(rankingTop, len(g.cache.ranking))] {
		b := st.Bot
		name := b.Name()
		if b == g.play {
			name = "you"
		}
		energy, c := fmt.Sprintf("%6.1f", b.Energy()), textColor
		if !b.Alive() {
			energy, c = "  dead", dimTextColor
		}
		g.textLine(dst, fmt.Sprintf("  %3d %-19s %s %5d", st.Place, fitChars(name, 19), energy, b.Kills()), r, i+1, c)
	}
}

// rankingSwatches queues a square of each listed bot's colour at the start of its ranking line.
func (g *Game) rankingSwatches(r image.Rectangle) {
	side := g.metrics.lineH * 0.6
	for i, st := range g.cache.ranking[:min(rankingTop, len(g.cache.ranking))] {
		c := botColor(st.Bot.Style(), st.Bot == g.play)
		if !st.Bot.Alive() {
			c = withAlpha(c, 90)
		}
		y := float64(r.Min.Y+padding) + float64(i+1)*g.metrics.lineH + (g.metrics.lineH-side)/2
		g.ui.rect(float64(r.Min.X+padding), y, side, side, c)
	}
}
