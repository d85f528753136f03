package window

import (
	"fmt"
	"image/color"
	"strings"

	"stackarena/engine"
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

// The results table's columns besides the bot's name (the narrow table drops shots and hits, which the inspector
// shows), and the name's widest and narrowest.
const (
	resultsFixedChars  = 4 + 7 + 6 + 7 + 6 + 5 + 7 // place, energy, kills, damage, shots, hits, died
	resultsNarrowChars = resultsFixedChars - 11
	resultsNameMax     = 22
	resultsNameMin     = 8
	resultsHeadLines   = 4 // the outcome, the figures, a blank line and the table's head, under the title's two
)

// resultsSize is the results screen's size in full for a match of bots bots: characters across, and lines down
// below its title.
func resultsSize(bots int) (chars, lines int) {
	return resultsFixedChars + 1 + resultsNameMax, 2 + resultsHeadLines + bots + 2
}

// resultsTable is the results table at width characters: a head, then every bot's row in the ranking's order:
// place, name, energy, kills, damage dealt, shots and hits (when there is room), and the tick it died at, or
// "alive".
func resultsTable(ranking []engine.Standing, player *engine.Bot, width int) []string {
	wide := width >= resultsFixedChars+1+resultsNameMin
	fixed := resultsNarrowChars
	if wide {
		fixed = resultsFixedChars
	}
	nameW := max(resultsNameMin, min(resultsNameMax, width-fixed-1))
	row := func(place, name, energy, kills, damage, shots, hits, died string) string {
		s := fmt.Sprintf("%3s %-*s %6s %5s %6s", place, nameW, name, energy, kills, damage)
		if wide {
			s += fmt.Sprintf(" %5s %4s", shots, hits)
		}
		return s + fmt.Sprintf(" %6s", died)
	}
	rows := []string{row("#", "bot", "energy", "kills", "damage", "shots", "hits", "died")}
	for _, st := range ranking {
		bot := st.Bot
		name := bot.Name()
		if bot == player {
			name = "you (" + name + ")"
		}
		died := "alive"
		if !bot.Alive() {
			died = fmt.Sprint(bot.DeathTick())
		}
		rows = append(rows, row(fmt.Sprint(st.Place), fitChars(name, nameW), fmt.Sprintf("%.1f", bot.Energy()),
			fmt.Sprint(bot.Kills()), fmt.Sprintf("%.1f", bot.DamageDealt()), fmt.Sprint(bot.Shots()),
			fmt.Sprint(bot.Hits()), died))
	}
	return rows
}

// resultsText is the results screen's lines below its title, wrapped to width characters.
func (g *Game) resultsText(width int) panelText {
	w := g.m.World
	var pt panelText
	line, good := outcome(w, g.play)
	c := color.Color(badColor)
	if good {
		c = goodColor
	}
	pt.add(line, width, 2, c)
	pt.add(fmt.Sprintf("%d ticks · seed %d · state hash %016x", w.Tick(), w.Seed(), g.cache.hash), width, 2, dimTextColor)
	pt.add("", width, 0, textColor)
	for i, row := range resultsTable(g.cache.ranking, g.play, width) {
		c := color.Color(textColor)
		switch {
		case i == 0:
			c = titleColor
		case g.cache.ranking[i-1].Bot == g.play:
			c = goodColor
		case !g.cache.ranking[i-1].Bot.Alive():
			c = dimTextColor
		}
		pt.lines, pt.colors = append(pt.lines, fitChars(row, width)), append(pt.colors, c)
	}
	pt.add("", width, 0, textColor)
	pt.add(fmt.Sprintf("R: new match (seed %d) · Shift+R: replay · Esc: close", w.Seed()+1), width, 2, titleColor)
	return pt
}

// helpPanelText is the help's lines, wrapped to width characters.
func helpPanelText(width int) panelText {
	var pt panelText
	for _, l := range strings.Split(helpText(), "\n") {
		c := color.Color(textColor)
		if l != "" && !strings.HasPrefix(l, " ") {
			c = titleColor
		}
		pt.add(l, width, 24, c)
	}
	return pt
}
