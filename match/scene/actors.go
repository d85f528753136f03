package scene

import (
	"image/color"
	"math"

	"stackarena/engine"
)

// bots adds every bot in view: wrecks, then hulls, guns and radars in the bot's colour.
func (b *Builder) bots() {
	v, t := b.v, &b.t
	b.inView = 0
	for _, bot := range v.World.Bots() {
		p := bot.Pos()
		if !t.visible(p, 2*engine.BotRadius) {
			continue
		}
		if !bot.Alive() {
			if c, ok := wreckColor(v.World.Tick() - bot.DeathTick()); ok {
				b.spriteAt(Wrecks, 0, p, bot.Heading(), 1, c)
			}
			continue
		}
		b.inView++
		c := BotColor(bot.Style(), bot == v.Player)
		b.spriteAt(Tanks, 0, p, bot.Heading(), 1, c)
		b.spriteAt(Guns, 0, p, bot.GunHeading(), 1, Lighten(c, 0.3))
		if t.zoom >= SmallZoom {
			b.spriteAt(Radars, 0, p, bot.GunHeading(), 1, Lighten(c, 0.55))
		}
	}
}

// wreckColor is the tint of a wreck age ticks after its bot died; false once it has faded away.
func wreckColor(age uint64) (color.RGBA, bool) {
	if age >= WreckTicks {
		return color.RGBA{}, false
	}
	c := WreckTint
	if left := WreckTicks - age; left < WreckFadeTicks {
		c.A = uint8(uint64(c.A) * left / WreckFadeTicks)
	}
	return c, true
}

// trails adds each bullet in view, sized by its power, and a short line behind it from where it was a tick ago.
func (b *Builder) trails() {
	v, t := b.v, &b.t
	width := math.Max(1, 1.5*t.zoom)
	for _, bl := range v.World.Bullets() {
		p := bl.Pos()
		if !t.visible(p, 24) {
			continue
		}
		c := bulletColor(bl, v.Player)
		if t.zoom >= SmallZoom {
			x0, y0 := t.pt(bl.Prev())
			x1, y1 := t.pt(p)
			b.line(Trails, x0, y0, x1, y1, width, WithAlpha(c, 110))
		}
		b.spriteAt(Bullets, 0, p, 0, 0.6+0.25*bl.Power(), Lighten(c, 0.5))
	}
}

func bulletColor(bl *engine.Bullet, player *engine.Bot) color.RGBA {
	if o := bl.Owner(); o != nil {
		return BotColor(o.Style(), o == player)
	}
	return WhiteTint
}

// Effects: an explosion plays its 8 frames over engine.EffectTicks ticks; an impact is a small, quick flash,
// quicker still when bots are small (a crowd of 2,000 spinbots makes about 150 impacts a tick).
const (
	impactTicks      = 12
	smallImpactTicks = 4
)

// fx adds the explosions and impacts of the last ticks, each at the frame its age gives, so that they play at
// the simulation's speed and stop when it pauses.
func (b *Builder) fx(w engine.View) {
	t := &b.t
	frames := layerSprites[Effects].Frames
	impact := impactTicks
	if t.zoom < SmallZoom {
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
				b.spriteAt(Effects, f, e.Pos, float64(e.Bot*47), 1.1, ExplosionTint)
			}
		case engine.Impact:
			if f := age * frames / impact; f < frames {
				b.spriteAt(Effects, f, e.Pos, float64(age*31), 0.3, ImpactTint)
			}
		}
	}
}

// Where the marks around a bot go, in world units from its centre, so that none covers another: the player's
// ring hugs the hull, the selection ring is just outside it, the energy bar sits above the selection ring and
// the name below it.
const (
	PlayerRingRadius = engine.BotRadius + 2
	SelectRingRadius = engine.BotRadius + 5.5
	barGap           = 4.0 // between the selection ring's outer edge and the bar's bottom, in pixels
	nameGap          = 3.0 // between the selection ring's outer edge and the name's top, in pixels
)

// ringWidths are the two rings' widths in pixels at a zoom.
func ringWidths(zoom float64) (player, selected float64) {
	return math.Max(1.5, 2*zoom), math.Max(2, 2.5*zoom)
}

// markOffsets are, in pixels from a bot's centre at a zoom, the bottom of its energy bar (above) and the top of
// its name (below): clear of the selection ring.
func markOffsets(zoom float64) (barBottom, nameTop float64) {
	_, sw := ringWidths(zoom)
	outer := SelectRingRadius*zoom + sw/2
	return outer + barGap, outer + nameGap
}

// barSize is an energy bar's width and height in pixels at a zoom: a tank's width, never smaller than can be read.
func barSize(zoom float64) (w, h float64) { return math.Max(22, 32*zoom), math.Max(3, 4*zoom) }

// LabelSize is the size of the bots' names in pixels at a zoom: never below 11 pixels, so that they read at
// any zoom.
func LabelSize(zoom float64) float64 { return math.Max(11, math.Min(16, 12*zoom)) }

// maxLabels is the most names a frame shows: text costs far more per bot than a sprite.
const maxLabels = 120

// overlays adds the rings of the player's and the selected bot, the energy bars and names, and the player's
// crosshair. Names are placed so that none covers another (the selected bot's, the player's and the one under
// the pointer first, then by ID): where bots crowd, one name and bar shows per cluster. When bots are large enough every one has its bar.
func (b *Builder) overlays() {
	v, t := b.v, &b.t
	pw, sw := ringWidths(t.zoom)
	ring := func(bot *engine.Bot, r, width float64, c color.RGBA) {
		if bot != nil && t.visible(bot.Pos(), r) {
			x, y := t.pt(bot.Pos())
			b.ring(Overlays, x, y, r*t.zoom, width, 40, c)
		}
	}
	if v.Player != nil && v.Player.Alive() {
		ring(v.Player, PlayerRingRadius, pw, PlayerRingColor)
	}
	if v.Selected != nil {
		ring(v.Selected, SelectRingRadius, sw, SelectColor)
	}
	b.labels.reset(t.left, t.top, t.right, t.bottom)
	allBars := t.zoom >= SmallZoom
	if allBars {
		for _, bot := range v.World.Bots() {
			if bot.Alive() && t.visible(bot.Pos(), 2*engine.BotRadius) {
				b.bar(bot, false)
			}
		}
	}
	shown := 0
	mark := func(bot *engine.Bot, c color.RGBA, force bool) {
		if bot == nil || !bot.Alive() || !t.visible(bot.Pos(), 3*engine.BotRadius) || (!force && shown >= maxLabels) {
			return
		}
		name := bot.Name()
		if bot == v.Player {
			name = "you"
		}
		size := LabelSize(t.zoom)
		x, y := t.pt(bot.Pos())
		barBottom, nameTop := markOffsets(t.zoom)
		bw, bh := barSize(t.zoom)
		lw := textWidth(name, size)
		box := [4]float64{x - max(lw, bw)/2, y - barBottom - bh - 1, x + max(lw, bw)/2, y + nameTop + size*1.2}
		if !b.labels.claim(box, force) {
			return
		}
		shown++
		if !allBars {
			b.bar(bot, true)
		}
		b.label(Overlays, Label{Text: name, Font: Regular, Size: size, X: x, Y: y + nameTop, Centered: true, Color: c})
	}
	mark(v.Selected, SelectColor, true)
	if v.Player != v.Selected {
		mark(v.Player, PlayerRingColor, true)
	}
	if v.Hover != v.Selected && v.Hover != v.Player && v.Hover != nil {
		mark(v.Hover, Lighten(BotColor(v.Hover.Style(), false), 0.4), true)
	}
	for _, bot := range v.World.Bots() {
		if bot != v.Selected && bot != v.Player && bot != v.Hover {
			mark(bot, Lighten(BotColor(bot.Style(), false), 0.4), false)
		}
	}
	if v.Aim {
		c := WithAlpha(PlayerRingColor, 220)
		b.ring(Overlays, v.AimX, v.AimY, 9, 1.5, 24, c)
		b.line(Overlays, v.AimX-14, v.AimY, v.AimX-5, v.AimY, 1.5, c)
		b.line(Overlays, v.AimX+5, v.AimY, v.AimX+14, v.AimY, 1.5, c)
		b.line(Overlays, v.AimX, v.AimY-14, v.AimX, v.AimY-5, 1.5, c)
		b.line(Overlays, v.AimX, v.AimY+5, v.AimX, v.AimY+14, 1.5, c)
	}
}

// bar adds a bot's energy bar above it, on a dark backing when the bar is large enough for one or stands alone.
func (b *Builder) bar(bot *engine.Bot, alone bool) {
	t := &b.t
	bw, bh := barSize(t.zoom)
	barBottom, _ := markOffsets(t.zoom)
	x, y := t.pt(bot.Pos())
	x, y = x-bw/2, y-barBottom-bh
	frac := bot.Energy() / engine.StartEnergy
	if alone || t.zoom >= 0.6 {
		b.rect(Overlays, x-1, y-1, bw+2, bh+2, BarBackColor)
	}
	b.rect(Overlays, x, y, bw*math.Max(0, math.Min(1, frac)), bh, EnergyColor(frac))
}

// textWidth estimates a label's width in pixels: Go Regular averages a little over half an em per character.
func textWidth(s string, size float64) float64 { return 0.56*size*float64(len(s)) + 2 }

// ScanShowTicks is how long a scan's arc stays on screen, fading.
const ScanShowTicks = 8

// scans adds, for each live bot in view that scanned in the last ScanShowTicks ticks, the outline of the arc it
// looked into: ScanHalfArc degrees either side of where its gun pointed, out to ScanRange.
func (b *Builder) scans() {
	v, t := b.v, &b.t
	now := v.World.Tick()
	r := engine.ScanRange * t.zoom
	width := math.Max(1, 1.2*t.zoom)
	for _, bot := range v.World.Bots() {
		at, heading, ok := bot.LastScan()
		if !ok || !bot.Alive() || now-at >= ScanShowTicks || !t.visible(bot.Pos(), engine.ScanRange) {
			continue
		}
		c := Lighten(BotColor(bot.Style(), bot == v.Player), 0.3)
		c.A = uint8(150 * (ScanShowTicks - (now - at)) / ScanShowTicks)
		x, y := t.pt(bot.Pos())
		a0, a1 := (heading-engine.ScanHalfArc)*degToRad, (heading+engine.ScanHalfArc)*degToRad
		s0, c0 := math.Sincos(a0)
		s1, c1 := math.Sincos(a1)
		b.line(Scans, x, y, x+c0*r, y+s0*r, width, c)
		b.line(Scans, x, y, x+c1*r, y+s1*r, width, c)
		b.arc(Scans, x, y, r, a0, a1, width, 12, c)
	}
}

// labelGrid marks the screen cells that labels cover, so that labels do not cover each other.
type labelGrid struct {
	x0, y0     float64 // the viewport's top-left corner
	cols, rows int
	used       []bool
}

const labelCell = 8.0 // pixels

func (g *labelGrid) reset(left, top, right, bottom float64) {
	g.x0, g.y0 = left, top
	g.cols, g.rows = int(max(0, right-left)/labelCell)+1, int(max(0, bottom-top)/labelCell)+1
	n := g.cols * g.rows
	if cap(g.used) < n {
		g.used = make([]bool, n)
	}
	g.used = g.used[:n]
	clear(g.used)
}

// claim marks the cells under box (x0, y0, x1, y1) if none is taken yet, or if force; it reports whether it did.
func (g *labelGrid) claim(box [4]float64, force bool) bool {
	c0, r0 := max(0, int((box[0]-g.x0)/labelCell)), max(0, int((box[1]-g.y0)/labelCell))
	c1, r1 := min(g.cols-1, int((box[2]-g.x0)/labelCell)), min(g.rows-1, int((box[3]-g.y0)/labelCell))
	if !force {
		for r := r0; r <= r1; r++ {
			for c := c0; c <= c1; c++ {
				if g.used[r*g.cols+c] {
					return false
				}
			}
		}
	}
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			g.used[r*g.cols+c] = true
		}
	}
	return true
}
