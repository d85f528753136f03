package star_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.starlark.net/starlark"

	"stackarena/actors"
	"stackarena/bots"
	"stackarena/bots/star"
)

// everything.star calls every method of the script API; everythingGo below is the same bot in Go. Played
// against the same sitting target, the two must give the same World, tick after tick, and the same console.
const everythingStar = `
def main(bot):
    bot.say("readers", bot.position(), bot.heading(), bot.gun_heading(), bot.energy(), bot.speed(),
            bot.gun_heat(), bot.tick_count(), bot.arena(), bot.others(), bot.name(), bot.id())
    bot.forward(100)
    bot.say("forward", bot.tick_count(), bot.position())
    bot.back(30)
    bot.turn(45)
    bot.turn_to(200)
    bot.turn_gun(-30)
    bot.aim_at(100, 100)
    bot.say("turned", bot.tick_count(), bot.heading(), bot.gun_heading())
    bot.wait_gun()
    bot.say("shoot", bot.shoot(2), bot.shoot(), bot.tick_count(), bot.gun_heat())
    bot.wait(5)
    bot.tick()
    bot.set_speed(4)
    bot.set_turn(30)
    bot.set_gun_turn(-40)
    bot.say("fire", bot.fire(0.5), bot.tick_count())
    for _ in range(20):
        bot.tick()
    bot.set_speed(0)
    for _ in range(40):
        t = bot.scan()
        if t != None:
            bot.say("target", t.id, t.name, t.x, t.y, t.bearing, t.distance, t.energy, t.heading, t.speed)
            break
        bot.turn_gun(20)
    bot.turn_to(0)
    bot.forward(2000)
    for e in bot.events():
        bot.say("event", e.kind, e.tick, e.bearing, e.power, e.other)
    bot.say("done", bot.tick_count(), bot.energy())
`

func everythingGo(bot *actors.Bot) {
	x, y := bot.Position()
	w, h := bot.Arena()
	say(bot, "readers", tuple(x, y), bot.Heading(), bot.GunHeading(), bot.Energy(), bot.Speed(), bot.GunHeat(),
		bot.Tick(), tuple(w, h), bot.Others(), bot.Name(), bot.ID())
	bot.Forward(100)
	x, y = bot.Position()
	say(bot, "forward", bot.Tick(), tuple(x, y))
	bot.Back(30)
	bot.Turn(45)
	bot.TurnTo(200)
	bot.TurnGun(-30)
	bot.AimAt(100, 100)
	say(bot, "turned", bot.Tick(), bot.Heading(), bot.GunHeading())
	bot.WaitGun()
	first := bot.ShootPower(2)
	second := bot.Shoot()
	say(bot, "shoot", first, second, bot.Tick(), bot.GunHeat())
	bot.Wait(5)
	bot.Yield()
	bot.SetSpeed(4)
	bot.SetTurn(30)
	bot.SetGunTurn(-40)
	say(bot, "fire", bot.Fire(0.5), bot.Tick())
	for range 20 {
		bot.Yield()
	}
	bot.SetSpeed(0)
	for range 40 {
		if t, ok := bot.Scan(); ok {
			say(bot, "target", t.ID, t.Name, t.Pos.X, t.Pos.Y, t.Bearing, t.Distance, t.Energy, t.Heading, t.Speed)
			break
		}
		bot.TurnGun(20)
	}
	bot.TurnTo(0)
	bot.Forward(2000)
	for _, e := range bot.Events() {
		say(bot, "event", strings.ReplaceAll(e.Kind.String(), " ", "_"), e.Tick, e.Bearing, e.Power, e.Other)
	}
	say(bot, "done", bot.Tick(), bot.Energy())
}

// say logs its arguments as bot.say does: Starlark's formatting, strings bare.
func say(bot *actors.Bot, args ...any) {
	parts := make([]string, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case string:
			parts[i] = v
		case float64:
			parts[i] = starlark.Float(v).String()
		case int:
			parts[i] = strconv.Itoa(v)
		case uint64:
			parts[i] = strconv.FormatUint(v, 10)
		case bool:
			parts[i] = starlark.Bool(v).String()
		case starlark.Value:
			parts[i] = v.String()
		}
	}
	bot.Log(strings.Join(parts, " "))
}

func tuple(a, b float64) starlark.Tuple { return starlark.Tuple{starlark.Float(a), starlark.Float(b)} }

// sitter stands still for the whole match: a target.
func sitter(bot *actors.Bot) {
	for {
		bot.Wait(1000)
	}
}

func TestScriptAPIMatchesGoAPI(t *testing.T) {
	script := source(t, "everything.star", everythingStar)
	inStar := newWorld(t, 3, 800, 600, entry{"tester", script}, entry{"sitter", sitter})
	inGo := newWorld(t, 3, 800, 600, entry{"tester", everythingGo}, entry{"sitter", sitter})
	for tick := 1; tick <= 600; tick++ {
		step(t, inStar, 1)
		step(t, inGo, 1)
		require.Equal(t, inGo.Hash(), inStar.Hash(), "tick %d", tick)
	}
	starConsole, goConsole := console(inStar.Bot(1)), console(inGo.Bot(1))
	assert.Equal(t, goConsole, starConsole)
	assert.Empty(t, inStar.ScriptErrors())
	// The comparison above is only worth something if the script got through every part of it.
	text := strings.Join(starConsole, "\n")
	for _, want := range []string{"readers (", "forward ", "turned ", "shoot True False", "fire ", "target 2 sitter ", "event hit_wall ", "done "} {
		assert.Contains(t, text, want)
	}
}

// The talk's bots in Starlark are the talk's bots in Go: same calls, same random draws, same match.
func TestTalkBotsPlayTheSameMatchAsInGo(t *testing.T) {
	square, err := star.Load("examples/squarebot.star")
	require.NoError(t, err)
	spin, err := star.Load("examples/spinbot.star")
	require.NoError(t, err)
	var inStar, inGo []entry
	for range 3 {
		inStar = append(inStar, entry{"squarebot", square}, entry{"spinbot", spin})
		inGo = append(inGo, entry{"squarebot", bots.Squarebot}, entry{"spinbot", bots.Spinbot})
	}
	ws := newWorld(t, 11, 800, 600, inStar...)
	wg := newWorld(t, 11, 800, 600, inGo...)
	for tick := 1; !wg.Over() && tick <= 2000; tick++ {
		step(t, ws, 1)
		step(t, wg, 1)
		require.Equal(t, wg.Hash(), ws.Hash(), "tick %d", tick)
	}
	assert.Positive(t, ws.Bot(1).Shots(), "the squarebots shot")
	assert.Less(t, ws.AliveBots(), 6, "someone died: the bots fought")
}

func TestRandomBuiltins(t *testing.T) {
	script := source(t, "dice.star", `
def main(bot):
    seen = {}
    for _ in range(200):
        bot.tick()
        for v in [randrange(3), randrange(5, 8), randrange(10, 0, -3), int(uniform(-2, 2)) + 100,
                  choice(["a", "b"]), int(random() * 4) + 200]:
            seen[v] = True
    bot.say(sorted([v for v in seen if type(v) == "int"]), sorted([v for v in seen if type(v) == "string"]))
    bot.say(bearing(0, 0, 0, 10), bearing(0, 0, -1, 0), normalize_turn(270), distance(0, 0, 3, 4), math.floor(math.pi))
    randrange(4, 4)
`)
	w := newWorld(t, 1, 800, 600, entry{"dice", script})
	step(t, w, 202)
	lines := console(w.Bot(1))
	require.GreaterOrEqual(t, len(lines), 3, lines)
	ints := `[0, 1, 2, 4, 5, 6, 7, 10, 99, 100, 101, 200, 201, 202, 203] ["a", "b"]`
	assert.Equal(t, ints, lines[0], "every value of every range, and nothing outside")
	assert.Equal(t, "90.0 180.0 -90.0 5.0 3", lines[1])
	assert.Contains(t, lines[2], "dice.star:11:14: randrange: empty range(4, 4, 1)")
}

// The inspector shows the .star line a script bot waits in, not a line of the interpreter.
func TestInspectorSeesTheStarlarkLine(t *testing.T) {
	walker := source(t, "walker.star", "def main(bot):\n    while True:\n        bot.forward(50)\n        bot.turn(90)\n")
	w := newWorld(t, 1, 800, 600, entry{"walker", walker}, entry{"idle", source(t, "idle.star", "def main(bot):\n    bot.wait(100000)\n")})
	body := w.Bots()[0]
	w.SetTracing(body, true)
	seen := map[string]bool{}
	for range 60 {
		require.NoError(t, w.Step())
		seen[body.Where()] = true
	}
	assert.True(t, seen["walker.star:3:20"], "forward's line: %v", seen)
	assert.True(t, seen["walker.star:4:17"], "turn's line: %v", seen)
}
