// Command gen draws the sprites of package assets with golang.org/x/image/vector and writes them as PNG files.
// Run it through `go generate ./assets`; commit the PNG files it writes.
//
//	go run ./internal/gen [-out sprites]
package main

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"log"
	"os"
	"path/filepath"

	"stackarena/assets/internal/layout"
)

// painters draw one frame of each sprite: frame i of n.
var painters = map[string]func(c *canvas, i, n int){
	layout.Tank.Name:      func(c *canvas, _, _ int) { drawTank(c) },
	layout.Gun.Name:       func(c *canvas, _, _ int) { drawGun(c) },
	layout.Radar.Name:     func(c *canvas, _, _ int) { drawRadar(c) },
	layout.Bullet.Name:    func(c *canvas, _, _ int) { drawBullet(c) },
	layout.Door.Name:      func(c *canvas, _, _ int) { drawDoor(c) },
	layout.Wall.Name:      func(c *canvas, _, _ int) { drawWall(c) },
	layout.Explosion.Name: drawExplosion,
}

func main() {
	out := flag.String("out", "sprites", "directory to write the PNG files into")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for _, s := range layout.All {
		img, err := render(s)
		if err != nil {
			log.Fatal(err)
		}
		if err := writePNG(filepath.Join(*out, s.Name+".png"), img); err != nil {
			log.Fatal(err)
		}
	}
}

// render draws every frame of s into one sheet.
func render(s layout.Spec) (*image.RGBA, error) {
	paint, ok := painters[s.Name]
	if !ok {
		return nil, fmt.Errorf("gen: no painter for sprite %q", s.Name)
	}
	img := image.NewRGBA(image.Rect(0, 0, s.PixelWidth()*s.Frames, s.PixelHeight()))
	for i := range s.Frames {
		paint(newCanvas(img, s, i), i, s.Frames)
	}
	return img, nil
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
