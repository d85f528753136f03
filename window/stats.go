package window

import (
	"fmt"
	"image"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// Stats are a run's figures, for -frames: the frames drawn and the Updates run between the first frame and the
// last, the wall time between them, the time spent in Draw on the CPU, and the match's size at the end. They
// are measurements of the window, taken with the wall clock; the simulation never reads it.
type Stats struct {
	Frames  int           // frames drawn, the first included
	Updates int           // Updates run after the first frame
	Ticks   uint64        // the World's tick at the last frame
	Seconds float64       // from the first frame to the last
	Draw    time.Duration // time spent in Draw, on the CPU
	Update  time.Duration // time spent in Update (the ticks it stepped, mostly)
	Actors  int           // live actors at the last frame
	Bots    int
	Zoom    float64 // the camera's zoom at the last frame
	first   time.Time
	updates int // Update count at the first frame
}

// FPS is the average number of frames drawn per second.
func (s Stats) FPS() float64 {
	if s.Seconds <= 0 {
		return 0
	}
	return float64(s.Frames-1) / s.Seconds
}

// TPS is the average number of Updates per second.
func (s Stats) TPS() float64 {
	if s.Seconds <= 0 {
		return 0
	}
	return float64(s.Updates) / s.Seconds
}

// String is the one line -frames prints.
func (s Stats) String() string {
	perFrame, perUpdate := 0.0, 0.0
	if s.Frames > 0 {
		perFrame = s.Draw.Seconds() * 1000 / float64(s.Frames)
	}
	if s.Updates > 0 {
		perUpdate = s.Update.Seconds() * 1000 / float64(s.Updates)
	}
	return fmt.Sprintf("%d frames in %.2fs: %.1f FPS, %.1f TPS, %d ticks, %d actors (%d bots) at the end, zoom %.2f; CPU: Draw %.2f ms/frame, Update %.2f ms",
		s.Frames, s.Seconds, s.FPS(), s.TPS(), s.Ticks, s.Actors, s.Bots, s.Zoom, perFrame, perUpdate)
}

// Stats returns the figures so far. Call it after RunGame has returned, or from Update.
func (g *Game) Stats() Stats { return g.stats }

// Screenshot is the last frame drawn when Options.Capture is set and the game has ended, else nil. Its pixels
// are premultiplied RGBA, as png.Encode expects of an *image.RGBA. Call it after RunGame has returned.
func (g *Game) Screenshot() *image.RGBA { return g.screenshot }

// countFrame ends a frame: it counts it and its Draw time, and, on the last frame, reads it back for
// Screenshot and asks the next Update to end the game.
func (g *Game) countFrame(screen *ebiten.Image, began time.Time) {
	g.frames++
	last := g.quitting || (g.opt.Frames > 0 && g.frames >= g.opt.Frames)
	if last && g.opt.Capture {
		shot := image.NewRGBA(screen.Bounds())
		screen.ReadPixels(shot.Pix)
		g.screenshot = shot
	}
	now := time.Now()
	s := &g.stats
	if s.Frames == 0 {
		s.first, s.updates = now, g.updates
	}
	s.Frames++
	s.Updates = g.updates - s.updates
	s.Seconds = now.Sub(s.first).Seconds()
	s.Draw += now.Sub(began)
	w := g.m.World
	s.Ticks, s.Actors, s.Bots, s.Zoom = w.Tick(), w.Actors(), len(w.Bots()), g.cam.Zoom()
	if last {
		g.done = true
	}
}
