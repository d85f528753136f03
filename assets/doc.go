// Package assets holds the arena's embedded art: sprites as PNG files and the Go fonts. It is plain Go with no
// graphics dependency, so both the desktop window and the headless command may import it.
//
// The sprites are drawn by a program, not by hand: internal/gen draws them with golang.org/x/image/vector and
// writes sprites/*.png, which are committed and embedded. After changing a drawing, regenerate them with
//
//	go generate ./assets
//
// Sprites are white and greys so that the window can tint them per bot with a colour scale. Each PNG is drawn at
// [PixelsPerUnit] pixels per world unit, so that it stays sharp when the camera zooms in; a [Sprite] says how big
// it is in the world and which of its points sits on the entity's position.
package assets

//go:generate go run ./internal/gen -out sprites
