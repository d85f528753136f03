package window_test

import (
	"fmt"

	"stackarena/window"
)

// A camera on an 800x600 arena in a 400x400 viewport starts fitted: the whole arena shows at half size. Zooming
// with the mouse wheel at a pointer keeps the world point under the pointer where it was.
func ExampleCamera() {
	cam := window.NewCamera(800, 600, 400, 400)
	fmt.Println("zoom", cam.Zoom())
	fmt.Println(cam.WorldToScreen(0, 0))

	x, y := cam.ScreenToWorld(100, 300)
	cam.ZoomAt(4, 100, 300)
	fmt.Println("zoom", cam.Zoom())
	fmt.Println(cam.WorldToScreen(x, y))
	// Output:
	// zoom 0.5
	// 0 50
	// zoom 2
	// 100 300
}
