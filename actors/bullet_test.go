package actors_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/engine"
)

// A scripted bullet moves by its own script, finds the bot it is over (never its owner), and can only hurt it:
// a positive AddDamage heals nobody.
func TestScriptedBullet(t *testing.T) {
	w := newWorld(t, engine.Config{Width: 3000, Height: 3000, Seed: 4})
	owner := spawn(t, w, "owner", idle)
	target := spawn(t, w, "target", idle)
	ox, oy := owner.Position()
	tx, ty := target.Position()
	var found []int
	var ids []int
	bl := actors.SpawnBullet(w, ox, oy, owner, func(b *actors.Bullet) {
		ids = append(ids, b.ID())
		if v := b.FindBot(); v != nil {
			found = append(found, v.ID()) // never: it starts over its owner
		}
		b.MoveTo(tx, ty)
		b.Schedule()
		if v := b.FindBot(); v != nil {
			found = append(found, v.ID())
			v.AddDamage(50) // no healing
			v.AddDamage(-10)
		}
		b.MoveTo(-5, -5)
		for b.InBounds() {
			b.Schedule()
		}
	})
	require.NotNil(t, bl)
	x, y := bl.Pos()
	assert.Equal(t, []float64{ox, oy}, []float64{x, y})
	step(t, w, 5)
	assert.Equal(t, []int{1}, ids)
	assert.Equal(t, []int{target.ID()}, found, "it found the target, not its owner")
	assert.Equal(t, engine.StartEnergy-10, target.Energy(), "only the hurt counted")
	assert.Empty(t, w.Bullets(), "out of bounds, its script ended, and so did the bullet")
	assert.Positive(t, w.Bot(owner.ID()).DamageDealt(), "credited to its owner")
}

// A World whose driver runs no scripts (the benchmark's state machines) gets no scripted bullet, and no bot or
// door with a script: an error, not a panic.
func TestNoScriptsWithoutAScriptDriver(t *testing.T) {
	w := newWorld(t, engine.Config{Driver: func(func(engine.ScriptError)) engine.Driver { return plain{} }})
	assert.Nil(t, actors.SpawnBullet(w, 10, 10, nil, func(*actors.Bullet) {}))
	_, err := actors.SpawnDoor(w, engine.R(100, 100, 40, 10), actors.TimedDoor(1, 1))
	assert.ErrorContains(t, err, "runs no scripts")
	_, err = actors.SpawnBot(w, "bot", idle)
	assert.ErrorContains(t, err, "runs no scripts")
	require.NoError(t, w.Step())
}

// plain is a Driver that runs nothing.
type plain struct{}

func (plain) Tick() error      { return nil }
func (plain) Switches() uint64 { return 0 }
func (plain) Close() error     { return nil }
