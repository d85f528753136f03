package window

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"stackarena/assets"
	"stackarena/engine"
)

const degToRad = math.Pi / 180

// spriteAt queues frame i of sp on q with its anchor at the world point p, scaled by scale and turned by
// heading degrees.
func (s *scene) spriteAt(q *quads, sp *assets.Sprite, frame int, p engine.Vec, heading, scale float64, t *xform, c color.RGBA) {
	x, y := t.pt(p)
	q.sprite(sp.FrameBounds(frame), sp.AnchorX*assets.PixelsPerUnit, sp.AnchorY*assets.PixelsPerUnit, x, y,
		scale*t.zoom/assets.PixelsPerUnit, heading*degToRad, c)
}

// bots queues every bot in view: wrecks, then hulls, guns and radars in the bot's colour. It returns how many
// live bots are in view, which decides whether their names are drawn.
func (s *scene) bots(v *sceneView, t xform) int {
	inView := 0
	for _, b := range v.world.Bots() {
		p := b.Pos()
		if !t.visible(p, 2*engine.BotRadius) {
			continue
		}
		if !b.Alive() {
			if c, ok := wreckColor(v.world.Tick() - b.DeathTick()); ok {
				s.spriteAt(s.wrecks, assets.Tank, 0, p, b.Heading(), 1, &t, c)
			}
			continue
		}
		inView++
		c := botColor(b.Style(), b == v.player)
		s.spriteAt(s.tanks, assets.Tank, 0, p, b.Heading(), 1, &t, c)
		s.spriteAt(s.guns, assets.Gun, 0, p, b.GunHeading(), 1, &t, lighten(c, 0.3))
		if t.zoom >= smallZoom {
			s.spriteAt(s.radars, assets.Radar, 0, p, b.GunHeading(), 1, &t, lighten(c, 0.55))
		}
	}
	return inView
}

// wreckColor is the tint of a wreck age ticks after its bot died; false once it has faded away.
func wreckColor(age uint64) (color.RGBA, bool) {
	if age >= wreckTicks {
		return color.RGBA{}, false
	}
	c := wreckTint
	if left := wreckTicks - age; left < wreckFadeTicks {
		c.A = uint8(uint64(c.A) * left / wreckFadeTicks)
	}
	return c, true
}

// trails queues each bullet in view, sized by its power, and a short line behind it from where it was a tick
// ago.
func (s *scene) trails(v *sceneView, t xform) {
	width := math.Max(1, 1.5*t.zoom)
	for _, bl := range v.world.Bullets() {
		p := bl.Pos()
		if !t.visible(p, 24) {
			continue
		}
		if t.zoom >= smallZoom {
			x0, y0 := t.pt(bl.Prev())
			x1, y1 := t.pt(p)
			s.shapes.line(x0, y0, x1, y1, width, withAlpha(s.bulletColor(bl, v.player), 110))
		}
		s.spriteAt(s.bullets, assets.Bullet, 0, p, 0, 0.6+0.25*bl.Power(), &t, lighten(s.bulletColor(bl, v.player), 0.5))
	}
}

func (s *scene) bulletColor(bl *engine.Bullet, player *engine.Bot) color.RGBA {
	if o := bl.Owner(); o != nil {
		return botColor(o.Style(), o == player)
	}
	return whiteTint
}

// Effects: an explosion plays its 8 frames over engine.EffectTicks ticks; an impact is a small, quick flash,
// quicker still when bots are small (a crowd of 2,000 spinbots makes about 150 impacts a tick).
const (
	impactTicks      = 12
	smallImpactTicks = 4
)

// fx queues the explosions and impacts of the last ticks, each at the frame its age gives, so that they play
// at the simulation's speed and stop when it pauses.
func (s *scene) fx(w engine.View, t xform) {
	frames := assets.Explosion.Frames
	impact := impactTicks
	if t.zoom < smallZoom {
		impact = smallImpactTicks
	}
	for _, e := range w.Effects() {
		if !t.visible(e.Pos, 40) {
			continue
		}
		age := int(w.Tick() - e.Tick)
		switch e.Kind {
		case engine.Explosion:
			if f := age * frames / engine.EffectTicks; f < frames {
				s.spriteAt(s.effects, assets.Explosion, f, e.Pos, float64(e.Bot*47), 1.1, &t, explosionTint)
			}
		case engine.Impact:
			if f := age * frames / impact; f < frames {
				s.spriteAt(s.effects, assets.Explosion, f, e.Pos, float64(age*31), 0.3, &t, impactTint)
			}
		}
	}
}

// overlays queues energy bars over the bots in view, the rings of the player's and the selected bot, and the
// player's crosshair.
func (s *scene) overlays(v *sceneView, t xform) {
	if t.zoom >= smallZoom {
		bw, bh := 32*t.zoom, math.Max(2, 4*t.zoom)
		for _, b := range v.world.Bots() {
			if !b.Alive() || !t.visible(b.Pos(), 2*engine.BotRadius) {
				continue
			}
			x, y := t.pt(b.Pos())
			x, y = x-bw/2, y-(engine.BotRadius+9)*t.zoom
			frac := b.Energy() / engine.StartEnergy
			if t.zoom >= barBackMinZoom {
				s.shapes.rect(x-1, y-1, bw+2, bh+2, barBackColor)
			}
			s.shapes.rect(x, y, bw*math.Min(1, frac), bh, energyColor(frac))
		}
	}
	ring := func(b *engine.Bot, r, width float64, c color.RGBA) {
		if b != nil && t.visible(b.Pos(), r) {
			x, y := t.pt(b.Pos())
			s.shapes.ring(x, y, r*t.zoom, width, 40, c)
		}
	}
	if v.player != nil && v.player.Alive() {
		ring(v.player, engine.BotRadius+6, math.Max(1.5, 2*t.zoom), playerRingColor)
	}
	if v.selected != nil {
		ring(v.selected, engine.BotRadius+12, math.Max(2, 2.5*t.zoom), selectColor)
	}
	if v.aim {
		c := withAlpha(playerRingColor, 220)
		s.shapes.ring(v.aimX, v.aimY, 9, 1.5, 24, c)
		s.shapes.line(v.aimX-14, v.aimY, v.aimX-5, v.aimY, 1.5, c)
		s.shapes.line(v.aimX+5, v.aimY, v.aimX+14, v.aimY, 1.5, c)
		s.shapes.line(v.aimX, v.aimY-14, v.aimX, v.aimY-5, 1.5, c)
		s.shapes.line(v.aimX, v.aimY+5, v.aimX, v.aimY+14, 1.5, c)
	}
}

// labels draws bots' names under them: every live bot's when they are few and large enough to read, and
// always the player's and the selected bot's.
func (s *scene) labels(dst *ebiten.Image, v *sceneView, t xform, inView int) {
	size := math.Max(11, math.Min(16, 12*t.zoom))
	label := func(b *engine.Bot, c color.RGBA) {
		if !t.visible(b.Pos(), 3*engine.BotRadius) {
			return
		}
		x, y := t.pt(b.Pos())
		name := b.Name()
		if b == v.player {
			name = "you"
		}
		s.txt.DrawCentered(dst, name, Regular, size, x, y+(engine.BotRadius+4)*t.zoom, c)
	}
	if t.zoom >= namesMinZoom && inView <= namesMaxBots {
		for _, b := range v.world.Bots() {
			if b.Alive() && b != v.selected && b != v.player {
				label(b, lighten(botColor(b.Style(), false), 0.4))
			}
		}
	}
	if v.player != nil && v.player.Alive() && v.player != v.selected {
		label(v.player, playerRingColor)
	}
	if v.selected != nil {
		label(v.selected, selectColor)
	}
}
