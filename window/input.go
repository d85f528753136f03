package window

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// Input is what the game reads of the keyboard and the mouse, once per Update. [EbitenInput] reads the real
// devices; tests give the game a scripted one. "Just" means: in this Update and not in the previous one.
//
// The game calls it from Update only, as inpututil requires.
type Input interface {
	// KeyPressed reports whether k is held down.
	KeyPressed(k ebiten.Key) bool
	// KeyJustPressed reports whether k went down in this Update.
	KeyJustPressed(k ebiten.Key) bool
	// AppendChars appends the characters typed in this Update (after the keyboard layout: '?' is a character,
	// whatever keys made it) and returns the extended slice.
	AppendChars(chars []rune) []rune
	// Cursor is the mouse pointer's position in screen pixels.
	Cursor() (x, y int)
	// MousePressed reports whether button b is held down.
	MousePressed(b ebiten.MouseButton) bool
	// MouseJustPressed and MouseJustReleased report whether b went down or up in this Update.
	MouseJustPressed(b ebiten.MouseButton) bool
	// MouseJustReleased reports whether b went up in this Update.
	MouseJustReleased(b ebiten.MouseButton) bool
	// Wheel is the wheel's movement in this Update: dy > 0 when it turns away from the user (zoom in).
	Wheel() (dx, dy float64)
	// CloseRequested reports whether the user asked to close the window (its close button).
	CloseRequested() bool
}

// EbitenInput reads the real keyboard and mouse through Ebitengine and inpututil. Its methods must be called from
// Update, on the game's goroutine. It costs a few map-free lookups per call and allocates nothing.
type EbitenInput struct{}

// KeyPressed implements [Input].
func (EbitenInput) KeyPressed(k ebiten.Key) bool { return ebiten.IsKeyPressed(k) }

// KeyJustPressed implements [Input].
func (EbitenInput) KeyJustPressed(k ebiten.Key) bool { return inpututil.IsKeyJustPressed(k) }

// AppendChars implements [Input].
func (EbitenInput) AppendChars(chars []rune) []rune { return ebiten.AppendInputChars(chars) }

// Cursor implements [Input].
func (EbitenInput) Cursor() (int, int) { return ebiten.CursorPosition() }

// MousePressed implements [Input].
func (EbitenInput) MousePressed(b ebiten.MouseButton) bool { return ebiten.IsMouseButtonPressed(b) }

// MouseJustPressed implements [Input].
func (EbitenInput) MouseJustPressed(b ebiten.MouseButton) bool {
	return inpututil.IsMouseButtonJustPressed(b)
}

// MouseJustReleased implements [Input].
func (EbitenInput) MouseJustReleased(b ebiten.MouseButton) bool {
	return inpututil.IsMouseButtonJustReleased(b)
}

// Wheel implements [Input].
func (EbitenInput) Wheel() (float64, float64) { return ebiten.Wheel() }

// CloseRequested implements [Input]; it needs ebiten.SetWindowClosingHandled(true), which [Game.Run] sets.
func (EbitenInput) CloseRequested() bool { return ebiten.IsWindowBeingClosed() }
