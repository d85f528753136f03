package engine_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/engine"
)

// Launch fires a real shot (it flies, hits, and credits its bot) but leaves the bot's gun and energy alone.
func TestLaunchFiresWithoutTouchingTheGun(t *testing.T) {
	for _, scriptless := range []bool{false, true} {
		w := newWorld(t, engine.Config{BulletsWithoutScripts: scriptless})
		shooter := spawn(t, w, "shooter", idle)
		target := spawn(t, w, "target", idle)
		place(w, shooter, 100, 300, 0)
		place(w, target, 400, 300, 180)
		heat := w.Bot(shooter.ID()).GunHeat()

		bl := w.Launch(w.Bot(shooter.ID()), 1)
		require.NotNil(t, bl)
		assert.Equal(t, !scriptless, engine.HasScript(bl), "a tasklet waits for the flight unless bullets have no scripts")
		assert.Equal(t, engine.StartEnergy, w.Bot(shooter.ID()).Energy())
		assert.Equal(t, heat, w.Bot(shooter.ID()).GunHeat())
		assert.Zero(t, w.Bot(shooter.ID()).Shots())
		assert.Len(t, w.Bullets(), 1)

		for range 30 {
			step(t, w, 1)
			if len(w.Bullets()) == 0 {
				break
			}
		}
		assert.Empty(t, w.Bullets(), "the bullet hit")
		assert.Equal(t, engine.StartEnergy-engine.BulletDamage(1), w.Bot(target.ID()).Energy())
		assert.Equal(t, 1, w.Bot(shooter.ID()).Hits())
	}
}

func TestLaunchFromADeadBotFiresNothing(t *testing.T) {
	w := newWorld(t, engine.Config{})
	b := spawn(t, w, "doomed", idle)
	spawn(t, w, "other", idle)
	engine.SetEnergy(w.Bot(b.ID()), 0)
	step(t, w, 1)
	require.False(t, w.Bot(b.ID()).Alive())
	assert.Nil(t, w.Launch(w.Bot(b.ID()), 1))
	assert.Empty(t, w.Bullets())
}
