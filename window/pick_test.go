package window

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/engine"
	"stackarena/match"
)

func TestPickBot(t *testing.T) {
	m, err := match.Build(arenaConfig(3, 800, 600, match.BotSpec{Name: "sniper", Count: 4}), match.Options{})
	require.NoError(t, err)
	defer m.World.Close()
	bots := m.World.Bots()
	b := bots[2]
	p := b.Pos()
	tests := []struct {
		name string
		at   engine.Vec
		slop float64
		want *engine.Bot
	}{
		{"the centre", p, 0, b},
		{"the body's edge", p.Add(engine.Vec{X: engine.BotRadius - 0.5}), 0, b},
		{"just off the body", p.Add(engine.Vec{X: engine.BotRadius + 1}), 0, nil},
		{"just off, with slop", p.Add(engine.Vec{X: engine.BotRadius + 1}), 2, b},
		{"empty floor", engine.Vec{X: -100, Y: -100}, 10, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Same(t, tt.want, pickBot(bots, tt.at, tt.slop))
		})
	}
}

func TestPickBotPrefersTheLiveAndTheNearest(t *testing.T) {
	m, err := match.Build(arenaConfig(3, 800, 600, match.BotSpec{Name: "sniper", Count: 4}), match.Options{})
	require.NoError(t, err)
	defer m.World.Close()
	bots := m.World.Bots()
	a, b := bots[0], bots[1]
	mid := a.Pos().Add(b.Pos()).Scale(0.5)
	slop := mid.Dist(a.Pos()) // both within reach of the midpoint
	nearA := mid.Add(a.Pos().Sub(mid).Scale(0.1))
	assert.Same(t, a, pickBot(bots, nearA, slop))
	nearB := mid.Add(b.Pos().Sub(mid).Scale(0.1))
	assert.Same(t, b, pickBot(bots, nearB, slop))
}

func TestCycleBot(t *testing.T) {
	m, err := match.Build(arenaConfig(3, 800, 600, match.BotSpec{Name: "sniper", Count: 3}), match.Options{})
	require.NoError(t, err)
	defer m.World.Close()
	bots := m.World.Bots()
	assert.Same(t, bots[0], cycleBot(bots, nil, 1))
	assert.Same(t, bots[2], cycleBot(bots, nil, -1))
	assert.Same(t, bots[1], cycleBot(bots, bots[0], 1))
	assert.Same(t, bots[0], cycleBot(bots, bots[2], 1), "wraps")
	assert.Same(t, bots[2], cycleBot(bots, bots[0], -1), "wraps back")
	assert.Nil(t, cycleBot(nil, nil, 1))
}
