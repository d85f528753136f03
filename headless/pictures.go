package main

import (
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"strconv"
	"strings"

	"stackarena/engine"
	"stackarena/match/scene"
	"stackarena/match/scene/raster"
)

// pictureFlags are the flags that draw a match without a window: an animated GIF (-gif), its last frame as a
// PNG (-png), how often and how large (-every, -size), and what shows (-debug, -scans). The match command
// registers them; so may any command that re-simulates a match.
type pictureFlags struct {
	gif, png string
	every    int
	size     string
	debug    bool
	scans    bool
}

func addPictureFlags(fs *flag.FlagSet) *pictureFlags {
	p := &pictureFlags{}
	fs.StringVar(&p.gif, "gif", "", "draw the match into an animated GIF `file`, as the desktop shows it (no window needed; the report's ticks per second then include the drawing)")
	fs.StringVar(&p.png, "png", "", "draw the match's last frame into a PNG `file`")
	fs.IntVar(&p.every, "every", 4, "with -gif, a frame every `K` ticks (played at 60 ticks per second)")
	fs.StringVar(&p.size, "size", "640x400", "with -gif or -png, the picture's size as `WxH` pixels")
	fs.BoolVar(&p.debug, "debug", false, "with -gif or -png, show what the bots' scripts draw (bot.draw_line and the like)")
	fs.BoolVar(&p.scans, "scans", false, "with -gif or -png, show the bots' scan arcs")
	return p
}

// maxPictureSide bounds -size: a GIF or PNG side, in pixels.
const maxPictureSide = 8192

// pictures draws a match as it is stepped. Its methods run on the goroutine that steps the World, between
// Steps.
type pictures struct {
	flags         pictureFlags
	width, height int
	gifFile       *os.File
	gif           *raster.GIFWriter
	renderer      *raster.Renderer
	builder       *scene.Builder
	img           *image.RGBA
	drawn         uint64 // the tick of the last frame drawn
	any           bool
	lag           float64 // hundredths of a second owed to the GIF's timing
}

// open checks the flags and creates the files; nil, nil when no picture was asked for. Its error is bad input.
func (p *pictureFlags) open() (*pictures, error) {
	if p.gif == "" && p.png == "" {
		return nil, nil
	}
	if p.every < 1 || p.every > 1000 {
		return nil, fmt.Errorf("-every %d: must be 1 to 1000 ticks", p.every)
	}
	ws, hs, ok := strings.Cut(strings.ToLower(p.size), "x")
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if !ok || err1 != nil || err2 != nil || w < 16 || h < 16 || w > maxPictureSide || h > maxPictureSide {
		return nil, fmt.Errorf("-size %q: want WIDTHxHEIGHT in pixels, each 16 to %d, like 640x400", p.size, maxPictureSide)
	}
	pics := &pictures{flags: *p, width: w, height: h, renderer: raster.NewRenderer(), builder: scene.NewBuilder(),
		img: image.NewRGBA(image.Rect(0, 0, w, h))}
	if p.gif != "" {
		f, err := os.Create(p.gif)
		if err != nil {
			return nil, fmt.Errorf("-gif: %v", err)
		}
		g, err := raster.NewGIFWriter(f, w, h)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("-gif: %v", err)
		}
		pics.gifFile, pics.gif = f, g
	}
	return pics, nil
}

// start prepares the World: debug drawing is recorded only when it is to be shown.
func (p *pictures) start(w *engine.World) {
	if p != nil && p.flags.debug {
		w.SetDrawing(true)
	}
}

// step draws a GIF frame if one is due at the World's tick (every K ticks, and the first and last ticks).
func (p *pictures) step(w *engine.World) error {
	if p == nil || p.gif == nil {
		return nil
	}
	t := w.Tick()
	if p.any && (t%uint64(p.flags.every) != 0 && !w.Over() || t == p.drawn) {
		return nil
	}
	return p.frame(w)
}

// frame adds the World as it is to the GIF, shown until the next frame is due (K ticks at 60 ticks a second);
// the match's last frame stays for a second.
func (p *pictures) frame(w *engine.World) error {
	p.draw(w)
	ticks := float64(p.flags.every)
	if w.Over() {
		ticks = 60
	}
	// GIF delays are whole hundredths of a second: the remainder is carried to the next frame.
	p.lag += ticks * 100 / 60
	delay := math.Floor(p.lag)
	p.lag -= delay
	p.drawn, p.any = w.Tick(), true
	return p.gif.Add(p.img, int(delay))
}

func (p *pictures) draw(w *engine.World) {
	aw, ah := w.Size()
	v := scene.View{World: w, Camera: scene.FitCamera(aw, ah, p.width, p.height, 0.02), Scans: p.flags.scans}
	if p.flags.debug {
		v.Debug = scene.DebugAll
	}
	p.renderer.Draw(p.img, p.builder.Build(&v))
}

// finish writes the PNG of the last frame and closes the GIF.
func (p *pictures) finish(w *engine.World) error {
	if p == nil {
		return nil
	}
	var errs []error
	if p.gif != nil {
		if p.drawn != w.Tick() || !p.any { // an interrupted match: its last tick
			if err := p.frame(w); err != nil {
				errs = append(errs, err)
			}
		}
		errs = append(errs, p.gif.Close(), p.gifFile.Close())
	}
	if p.flags.png != "" {
		p.draw(w)
		f, err := os.Create(p.flags.png)
		if err == nil {
			err = png.Encode(f, p.img)
			errs = append(errs, err, f.Close())
		} else {
			errs = append(errs, fmt.Errorf("-png: %v", err))
		}
	}
	return errors.Join(errs...)
}

// abandon closes the GIF's file without finishing it, when the match cannot be played.
func (p *pictures) abandon() {
	if p != nil && p.gifFile != nil {
		p.gifFile.Close()
	}
}
