package replay

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"stackarena/bots"
	"stackarena/match"
)

// person is a deterministic stand-in for someone at the controls: the keys change every few dozen ticks, the
// mouse sweeps around the arena every tick (in whole units, as the window rounds it), and the fire button is
// held in bursts.
func person(tick uint64) bots.PlayerInput {
	phase := tick / 37
	a := float64(tick) * 0.05
	return bots.PlayerInput{
		Forward: phase%3 != 2, Back: phase%3 == 2,
		Left: phase%4 == 1, Right: phase%5 == 3,
		Aim: true, AimX: math.Round(800 + 500*math.Cos(a)), AimY: math.Round(500 + 350*math.Sin(a*1.3)),
		Fire: (tick/20)%3 == 0, Power: 1 + float64(phase%3),
	}
}

// withStar is the default match with a Starlark bot among the built-in ones.
func withStar() match.Config {
	c := match.Default()
	c.Bots = append(c.Bots, match.BotSpec{Name: "../../bots/star/examples/hunter.star", Count: 2})
	return c
}

// record plays cfg with a player's bot driven by drive (none when drive is nil) to its end, or to limit ticks
// when limit is not 0, and returns the replay.
func record(tb testing.TB, cfg match.Config, drive func(uint64) bots.PlayerInput, limit uint64) *Replay {
	tb.Helper()
	var pin bots.PlayerInput
	var opt match.Options
	player := ""
	if drive != nil {
		player = "player"
		opt.Extra = []match.ExtraBot{{Name: player, Script: bots.Player(&pin)}}
	}
	m, err := match.Build(cfg, opt)
	require.NoError(tb, err)
	defer m.World.Close()
	rec := NewRecorder(m, player)
	w := m.World
	for !w.Over() && (limit == 0 || w.Tick() < limit) {
		if drive != nil {
			pin = drive(w.Tick() + 1)
			if m.Bots[len(m.Bots)-1].Alive() {
				rec.Player(pin)
			}
		}
		require.NoError(tb, w.Step())
		rec.Stepped()
	}
	require.NoError(tb, rec.Err())
	return rec.Replay()
}

// roundTrip writes rep to a file's bytes and reads it back.
func roundTrip(tb testing.TB, rep *Replay) *Replay {
	tb.Helper()
	var buf bytes.Buffer
	require.NoError(tb, Write(&buf, rep))
	got, err := Read("test.replay", &buf)
	require.NoError(tb, err)
	return got
}

func must(tb testing.TB, v any) json.RawMessage {
	tb.Helper()
	raw, err := json.Marshal(v)
	require.NoError(tb, err)
	return raw
}
