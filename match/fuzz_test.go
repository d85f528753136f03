package match

import (
	"strings"
	"testing"

	"stackarena/match/input"
)

// oneLine fails t unless err is nil or a one-line message of bounded length, as the commands print them, that
// says NaN only if the input did.
func oneLine(t *testing.T, what, in string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	msg := err.Error()
	if strings.ContainsAny(msg, "\n\r") {
		t.Fatalf("%s: the error is not one line: %q", what, msg)
	}
	if len(msg) > 600 {
		t.Fatalf("%s: the error is %d bytes, echoes are not shortened: %q", what, len(msg), input.Clip(msg, 300))
	}
	if strings.Contains(msg, "NaN") && !strings.Contains(in, "NaN") {
		t.Fatalf("%s: the error says NaN: %q", what, msg)
	}
}

// FuzzParse feeds the config parser arbitrary bytes: it never panics, and what it refuses, or what Validate
// then refuses, is one bounded line; a config that passes both has a finite arena size in the engine's range.
func FuzzParse(f *testing.F) {
	f.Add([]byte(defaultJSON))
	for _, seed := range []string{
		`{"bots": [{"name": "spinbot", "count": 2}]}`,
		`{"bots": [{"name": "spinbot", "count": 2}]} garbage`,
		`{"bots": [{"name": "spinbot", "count": 9223372036854775807}]}`,
		`{"bots": [{"name": "spinbot", "count": 150000}, {"name": "chaser", "count": 150000}]}`,
		`{"width": 1e308, "height": 1e-308, "bots": [{"name": "x.star", "count": 1}]}`,
		`{"random_doors": 9223372036854775807, "bots": [{"name": "spinbot", "count": 1}]}`,
		`{"doors": [{"X": 1, "Y": 1, "W": 60, "H": 12, "mode": "proximity", "distance": 1e300, "open": -5}], "bots": [{"name": "a", "count": 1}]}`,
		`{"bots": [{"name": "spin\u0000bot", "count": 1}], "lives": 3}`,
		`[[[[[[[[[[`, `null`, ``, "{\"bots\": []}\x00",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("fuzz.json", data)
		oneLine(t, "Parse", string(data), err)
		if err != nil {
			return
		}
		err = c.Validate()
		oneLine(t, "Validate", string(data), err)
		if err != nil {
			return
		}
		if n := c.BotCount() + len(c.Doors) + c.RandomDoors; n > MaxActors || n < 1 {
			t.Fatalf("Validate passed %d bots and doors", n)
		}
		w, h := c.size()
		if !(w >= 200 && w <= 200_000 && h >= 200 && h <= 200_000) {
			t.Fatalf("Validate passed an arena of %gx%g", w, h)
		}
	})
}

// FuzzParseBots feeds the -bots parser arbitrary strings: it never panics, its errors and Validate's are one
// bounded line, and what it accepts names every bot.
func FuzzParseBots(f *testing.F) {
	for _, seed := range []string{
		"spinbot=5,squarebot=5", "spinbot", "bots/star/examples/hunter.star=3,sniper=3", "a=b=c=4",
		"spinbot=100000000", "spinbot=9223372036854775807", "spinbot=9223372036854775808", "spinbot=-1",
		"=5", ",,,,", " spinbot = 2 , chaser=0 ", "x=1e3", "spinbot=150000,chaser=150000", "\x00=1", "é=é",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		specs, err := ParseBots(s)
		oneLine(t, "ParseBots", s, err)
		if err != nil {
			return
		}
		for _, sp := range specs {
			if sp.Name == "" {
				t.Fatalf("ParseBots(%q) accepted a bot without a name", s)
			}
		}
		c := Config{Bots: specs}
		oneLine(t, "Validate", s, c.Validate())
	})
}
