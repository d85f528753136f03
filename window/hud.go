package window

import (
	"fmt"
	"image"
	"image/color"
	"strconv"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"stackarena/engine"
)

// hudText is the HUD's lines, wrapped to width characters: the tick, the speed, the game's ticks per second
// and the frame rate (measured on the wall clock, for display only), the actors, the state hash (its first 8
// hex digits, as of hashTick), the player's tank and its place, and the hint.
func (g *Game) hudText(width int) panelText {
	w := g.m.World
	var pt panelText
	pt.add(fmt.Sprintf("tick %d / %d   seed %d", w.Tick(), w.MaxTicks(), w.Seed()), width, 2, textColor)
	state := "running"
	if g.clock.paused {
		state = "paused"
	} else if w.Over() {
		state = "over"
	}
	pt.add(fmt.Sprintf("%.1f ticks/s at %s (%s)   %.0f FPS", g.rate.PerSecond(), speedLabel(g.clock.Speed()), state,
		ebiten.ActualFPS()), width, 2, textColor)
	pt.add(fmt.Sprintf("actors %d: bots %d/%d, bullets %d, doors %d", w.Actors(), w.AliveBots(), len(w.Bots()),
		len(w.Bullets()), len(w.Doors())), width, 2, textColor)
	pt.add(fmt.Sprintf("hash %08x (tick %d)", g.cache.hash>>32, g.cache.hashTick), width, 2, dimTextColor)
	switch p := g.play; {
	case p == nil:
		pt.add("watching", width, 2, textColor)
	case p.Alive():
		pt.add(fmt.Sprintf("you: place %d of %d, energy %.1f, kills %d, power %g", g.placeOf(p), len(w.Bots()),
			p.Energy(), p.Kills(), g.power), width, 2, goodColor)
	default:
		pt.add(fmt.Sprintf("you: place %d of %d, %s", g.placeOf(p), len(w.Bots()), p.Cause()), width, 2, badColor)
	}
	pt.add(hintText, width, 2, dimTextColor)
	return pt
}

// hintText is the HUD's last line.
const hintText = "F1: help · right click: inspect a bot · H: hide panels"

// placeOf is b's place in the cached ranking (0 if it is not there yet).
func (g *Game) placeOf(b *engine.Bot) int {
	for _, st := range g.cache.ranking {
		if st.Bot == b {
			return st.Place
		}
	}
	return 0
}

// rankingText is the ranking panel's lines for a panel of width characters and rows lines: a title, then the
// first bots in the order the ranking sorts them (alive first, then survival, kills, damage), with the player's
// row always among them. It returns the bots listed, for their swatches.
func (g *Game) rankingText(width, rows int) (panelText, []engine.Standing) {
	w := g.m.World
	var pt panelText
	rank := g.cache.ranking
	shown := rankingRows(rank, g.play, rows-1)
	title := fmt.Sprintf("ranking: %d of %d alive", w.AliveBots(), len(w.Bots()))
	if len(shown) < len(rank) {
		title += fmt.Sprintf(", top %d", len(shown))
	}
	pt.add(fitChars(title, width), width, 0, titleColor)
	nameW := max(4, width-rankingFixedChars)
	for _, st := range shown {
		b := st.Bot
		name := b.Name()
		if b == g.play {
			name = "you"
		}
		state, c := fmt.Sprintf("%6.1f", b.Energy()), color.Color(textColor)
		if !b.Alive() {
			state, c = fmt.Sprintf("%6s", "t"+strconv.FormatUint(b.DeathTick(), 10)), dimTextColor
		}
		if b == g.play {
			c = goodColor
		}
		pt.add(fmt.Sprintf("  %3d %-*s %5d %6.0f %s", st.Place, nameW, fitChars(name, nameW), b.Kills(), b.DamageDealt(), state),
			width+1, 0, c)
	}
	if len(pt.lines) > 0 && len(shown) > 0 {
		// The column heads go in the title's line when there is room.
		heads := fmt.Sprintf("%5s %6s %6s", "kills", "damage", "energy")
		if pad := width - len([]rune(pt.lines[0])) - len(heads); pad >= 1 {
			pt.lines[0] += fmt.Sprintf("%*s", pad+len(heads), heads)
		}
	}
	return pt, shown
}

// rankingFixedChars is what a ranking row takes besides the bot's name.
const rankingFixedChars = 2 + 3 + 1 + 1 + 5 + 1 + 6 + 1 + 6

// rankingRows picks the ranking's first n rows, with the player's row in the last place when it would not be
// among them.
func rankingRows(rank []engine.Standing, player *engine.Bot, n int) []engine.Standing {
	n = max(0, min(n, len(rank)))
	shown := rank[:n:n]
	if player == nil || n == 0 {
		return shown
	}
	for _, st := range shown {
		if st.Bot == player {
			return shown
		}
	}
	for _, st := range rank[n:] {
		if st.Bot == player {
			return append(shown[:n-1:n-1], st)
		}
	}
	return shown
}

// rankingSwatches queues a square of each listed bot's colour at the start of its ranking line.
func (g *Game) rankingSwatches(r image.Rectangle, shown []engine.Standing) {
	side := g.metrics.lineH * 0.6
	for i, st := range shown[:min(len(shown), g.metrics.lines(r.Dy())-1)] {
		c := botColor(st.Bot.Style(), st.Bot == g.play)
		if !st.Bot.Alive() {
			c = withAlpha(c, 90)
		}
		y := float64(r.Min.Y+padding) + float64(i+1)*g.metrics.lineH + (g.metrics.lineH-side)/2
		g.ui.rect(float64(r.Min.X+padding), y, side, side, c)
	}
}

// tickRate measures the game's ticks per second over the last second of Updates, on the wall clock, for the HUD
// only: nothing in the simulation reads it.
type tickRate struct {
	at    [61]time.Time
	ticks [61]uint64
	n, i  int
}

// add records the World's tick after an Update.
func (r *tickRate) add(now time.Time, tick uint64) {
	r.at[r.i], r.ticks[r.i] = now, tick
	r.i = (r.i + 1) % len(r.at)
	r.n = min(r.n+1, len(r.at))
}

// PerSecond is the ticks per second between the oldest and the newest sample.
func (r *tickRate) PerSecond() float64 {
	if r.n < 2 {
		return 0
	}
	newest := (r.i - 1 + len(r.at)) % len(r.at)
	oldest := (r.i - r.n + len(r.at)) % len(r.at)
	dt := r.at[newest].Sub(r.at[oldest]).Seconds()
	if dt <= 0 {
		return 0
	}
	return float64(r.ticks[newest]-r.ticks[oldest]) / dt
}
