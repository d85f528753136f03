package window

import (
	"github.com/hajimehoshi/ebiten/v2"

	"stackarena/assets"
	"stackarena/engine"
)

// scene draws the arena and everything in it, as the camera sees it. Each kind of thing goes into its own batch
// ([quads]) and each batch is one draw call, flushed in the order below, so a frame is about a dozen draw calls
// whatever the number of actors:
//
//	floor, grid and doorways (shapes) · walls · door panels · wrecks · tanks · guns · radars ·
//	bullet trails (shapes) · bullets · explosions and impacts · energy bars, rings, aim (shapes) · names (text)
//
// Work per frame is O(bots + bullets + doors + walls + effects) with culling to the view; nothing is allocated
// once the batches have grown to the scene's size. A scene only reads the World.
type scene struct {
	sprites *Sprites
	txt     *Text
	shapes  *shapes

	walls, doors, wrecks, tanks, guns, radars, bullets, effects *quads
}

// newScene makes the batches; call it once, after the sprites are loaded.
func newScene(sprites *Sprites, txt *Text) *scene {
	sheet := func(sp *assets.Sprite) *quads { return newQuads(sprites.Sheet(sp), true) }
	return &scene{
		sprites: sprites, txt: txt, shapes: newShapes(),
		walls: sheet(assets.Wall), doors: sheet(assets.Door), wrecks: sheet(assets.Tank), tanks: sheet(assets.Tank),
		guns: sheet(assets.Gun), radars: sheet(assets.Radar), bullets: sheet(assets.Bullet),
		effects: sheet(assets.Explosion),
	}
}

// sceneView is what one frame of the scene shows.
type sceneView struct {
	world    engine.View
	cam      *Camera
	player   *engine.Bot // the person's tank, nil without one
	selected *engine.Bot // the inspected bot, nil without one
	aim      bool        // draw the player's crosshair at (aimX, aimY), screen pixels
	aimX     float64
	aimY     float64
}

// Labels over bots are drawn only when they can be read and are few: names are text, which costs far more per
// bot than a sprite.
const (
	namesMinZoom = 0.7 // screen pixels per unit
	namesMaxBots = 80  // bots in view
)

// Details that cost pixels and triangles but can hardly be seen when bots are small. On a software renderer
// (Mesa's llvmpipe, measured on 2 cores) every quad costs about 0.4 µs plus 6-8 ns per pixel it covers,
// transparent or not, so 2,000 bots at a low zoom are paid for by the quad: below smallZoom (a tank under 18
// pixels across) a bot is its hull and gun only, without radar, energy bar or bullet trails. The energy bar's dark
// backing needs a little more zoom. Wrecks stay wreckTicks ticks after the bot died and fade out over the last
// wreckFadeTicks of them.
const (
	smallZoom      = 0.5
	barBackMinZoom = 0.6
	wreckTicks     = 600
	wreckFadeTicks = 120
)

// draw draws the view onto dst, which it covers entirely. Called from Draw only.
func (s *scene) draw(dst *ebiten.Image, v *sceneView) {
	t := newXform(v.cam)
	dst.Fill(floorColor) // a copy, not a blend: the cheapest way to cover the screen on a software renderer
	// Below smallZoom sprites are a few pixels across: one texel per pixel looks the same as bilinear filtering
	// and costs a software renderer about 10% of the frame with 2,000 bots in view.
	for _, q := range []*quads{s.walls, s.doors, s.wrecks, s.tanks, s.guns, s.radars, s.bullets, s.effects} {
		q.setSmooth(t.zoom >= smallZoom)
	}

	s.floor(v.world, t)
	s.shapes.flush(dst)
	s.arena(v.world, t)
	s.walls.flush(dst)
	s.doors.flush(dst)

	inView := s.bots(v, t)
	s.wrecks.flush(dst)
	s.tanks.flush(dst)
	s.guns.flush(dst)
	s.radars.flush(dst)

	s.trails(v, t)
	s.shapes.flush(dst)
	s.bullets.flush(dst)
	s.fx(v.world, t)
	s.effects.flush(dst)

	s.overlays(v, t)
	s.shapes.flush(dst)
	s.labels(dst, v, t, inView)
}

// xform is the camera's transform for one frame: world units to screen pixels, and the world rectangle in view.
type xform struct {
	zoom, ox, oy           float64
	minX, minY, maxX, maxY float64
	screenW, screenH       float64
}

func newXform(c *Camera) xform {
	z := c.Zoom()
	cx, cy := c.Center()
	vx, vy := c.Origin()
	vw, vh := c.Viewport()
	t := xform{zoom: z, ox: vx + vw/2 - cx*z, oy: vy + vh/2 - cy*z, screenW: vx + vw, screenH: vy + vh}
	t.minX, t.minY = c.ScreenToWorld(vx, vy)
	t.maxX, t.maxY = c.ScreenToWorld(vx+vw, vy+vh)
	return t
}

// pt is the screen point of a world point.
func (t *xform) pt(p engine.Vec) (float64, float64) { return p.X*t.zoom + t.ox, p.Y*t.zoom + t.oy }

// visible reports whether a circle of radius r (world units) about p may show.
func (t *xform) visible(p engine.Vec, r float64) bool {
	return p.X+r >= t.minX && p.X-r <= t.maxX && p.Y+r >= t.minY && p.Y-r <= t.maxY
}

// visibleRect reports whether the world rectangle r may show.
func (t *xform) visibleRect(r engine.Rect) bool {
	return r.Max.X >= t.minX && r.Min.X <= t.maxX && r.Max.Y >= t.minY && r.Min.Y <= t.maxY
}
