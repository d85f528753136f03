package window

import (
	"fmt"
	"image"
	"image/color"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"stackarena/engine"
)

// resultsTop is the number of bots the results screen ranks; resultsLines its height in lines.
const (
	resultsTop   = 10
	resultsLines = 6 + resultsTop + 2
)

// outcome says how the finished match went, for the person watching or playing: "You won!" when the player's
// tank is the ranking's first and alive; "You lost: ..." otherwise; without a player, the winner. good is true
// for a win, or a winner, and colours the line.
func outcome(w engine.View, player *engine.Bot) (line string, good bool) {
	winner := w.Winner()
	switch {
	case player != nil && winner == player && player.Alive():
		return "You won!", true
	case player != nil && !player.Alive():
		return "You lost: " + player.Cause(), false
	case player != nil:
		return fmt.Sprintf("You lost: you survived, but %s ranks first", winner.Name()), false
	case winner != nil && winner.Alive():
		return "Winner: " + winner.Name(), true
	}
	return "No winner: no bot survived", false
}

// resultsTable is the ranking's first resultsTop lines as a table.
func resultsTable(ranking []engine.Standing, player *engine.Bot) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%3s  %-20s %7s %5s %8s\n", "#", "bot", "energy", "kills", "survived")
	for _, st := range ranking[:min(resultsTop, len(ranking))] {
		bot := st.Bot
		name := bot.Name()
		if bot == player {
			name = "you (" + name + ")"
		}
		survived := "alive"
		if !bot.Alive() {
			survived = fmt.Sprint(bot.DeathTick())
		}
		fmt.Fprintf(&b, "%3d  %-20s %7.1f %5d %8s\n", st.Place, fitChars(name, 20), bot.Energy(), bot.Kills(), survived)
	}
	if len(ranking) > resultsTop {
		fmt.Fprintf(&b, "     ... and %d more", len(ranking)-resultsTop)
	}
	return strings.TrimRight(b.String(), "\n")
}

// drawResults draws the results screen in r: the outcome, the figures, the ranking and the keys.
func (g *Game) drawResults(dst *ebiten.Image, r image.Rectangle) {
	w := g.m.World
	g.txt.Draw(dst, "MATCH OVER", Bold, 20, float64(r.Min.X+padding), float64(r.Min.Y+padding), titleColor)
	line, good := outcome(w, g.play)
	c := color.Color(badColor)
	if good {
		c = goodColor
	}
	g.textLine(dst, line, r, 2, c)
	g.textLine(dst, fmt.Sprintf("%d ticks · seed %d · state hash %016x", w.Tick(), w.Seed(), g.cache.hash), r, 3, dimTextColor)
	g.textLine(dst, resultsTable(g.cache.ranking, g.play), r, 5, textColor)
	g.textLine(dst, fmt.Sprintf("R: new match (seed %d) · Shift+R: replay · Esc: close", w.Seed()+1), r, resultsLines-1, titleColor)
}

// drawHelp draws the controls in r.
func (g *Game) drawHelp(dst *ebiten.Image, r image.Rectangle) {
	g.txt.Draw(dst, "CONTROLS", Bold, 20, float64(r.Min.X+padding), float64(r.Min.Y+padding), titleColor)
	g.textLine(dst, helpText(), r, 2, textColor)
}
