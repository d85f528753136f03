package star

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"go.starlark.net/starlark"

	"stackarena/actors"
)

// The debug drawing methods (see actors.Bot.DrawLine): bot.draw_line(x0, y0, x1, y1, color=None),
// bot.draw_circle(x, y, r, color=None), bot.draw_rect(x, y, w, h, color=None) and bot.draw_text(x, y, text,
// color=None). A colour is "#rrggbb" or an (r, g, b) tuple of 0-255; None is the bot's own. They return None
// whether or not anybody watches, and check their arguments the same way either way (a number that is not
// finite, a negative size or a bad colour is an error), so that a script runs the same watched or not.
var drawMethods = []botMethod{
	{"draw_line", false, func(s *scriptBot, _ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		var n [4]float64
		var c starlark.Value = starlark.None
		if !positional(args, kw, n[:], &c) {
			var x0, y0, x1, y1 number
			if err := starlark.UnpackArgs(b.Name(), args, kw, "x0", &x0, "y0", &y0, "x1", &x1, "y1", &y1, "color?", &c); err != nil {
				return nil, err
			}
			n = [4]float64{float64(x0), float64(y0), float64(x1), float64(y1)}
		}
		rgba, err := drawArgs(b, c, lineNames, n[:])
		if err != nil {
			return nil, err
		}
		s.bot.DrawLine(n[0], n[1], n[2], n[3], rgba)
		return starlark.None, nil
	}},
	{"draw_circle", false, func(s *scriptBot, _ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		var x, y, r number
		var c starlark.Value = starlark.None
		if err := starlark.UnpackArgs(b.Name(), args, kw, "x", &x, "y", &y, "r", &r, "color?", &c); err != nil {
			return nil, err
		}
		rgba, err := drawArgs(b, c, circleNames, []float64{float64(x), float64(y), float64(r)})
		if err == nil && r < 0 {
			err = fmt.Errorf("%s: r must not be negative, got %v", b.Name(), float64(r))
		}
		if err != nil {
			return nil, err
		}
		s.bot.DrawCircle(float64(x), float64(y), float64(r), rgba)
		return starlark.None, nil
	}},
	{"draw_rect", false, func(s *scriptBot, _ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		var x, y, w, h number
		var c starlark.Value = starlark.None
		if err := starlark.UnpackArgs(b.Name(), args, kw, "x", &x, "y", &y, "w", &w, "h", &h, "color?", &c); err != nil {
			return nil, err
		}
		rgba, err := drawArgs(b, c, rectNames, []float64{float64(x), float64(y), float64(w), float64(h)})
		if err == nil && (w < 0 || h < 0) {
			err = fmt.Errorf("%s: w and h must not be negative, got %v and %v", b.Name(), float64(w), float64(h))
		}
		if err != nil {
			return nil, err
		}
		s.bot.DrawRect(float64(x), float64(y), float64(w), float64(h), rgba)
		return starlark.None, nil
	}},
	{"draw_text", false, func(s *scriptBot, _ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		var x, y number
		var text string
		var c starlark.Value = starlark.None
		if err := starlark.UnpackArgs(b.Name(), args, kw, "x", &x, "y", &y, "text", &text, "color?", &c); err != nil {
			return nil, err
		}
		rgba, err := drawArgs(b, c, textNames, []float64{float64(x), float64(y)})
		if err != nil {
			return nil, err
		}
		s.bot.DrawText(float64(x), float64(y), text, rgba)
		return starlark.None, nil
	}},
}

// The names of the drawing methods' numbers, for their errors.
var (
	lineNames   = []string{"x0", "y0", "x1", "y1"}
	circleNames = []string{"x", "y", "r"}
	rectNames   = []string{"x", "y", "w", "h"}
	textNames   = []string{"x", "y"}
)

// positional reads len(nums) positional numbers and an optional positional colour without UnpackArgs'
// bookkeeping (the common call, draw_line(x0, y0, x1, y1)); false if the call is any other shape, which
// UnpackArgs then reads and checks.
func positional(args starlark.Tuple, kw []starlark.Tuple, nums []float64, c *starlark.Value) bool {
	if len(kw) > 0 || len(args) < len(nums) || len(args) > len(nums)+1 {
		return false
	}
	for i := range nums {
		f, ok := starlark.AsFloat(args[i])
		if !ok {
			return false
		}
		nums[i] = f
	}
	if len(args) > len(nums) {
		*c = args[len(nums)]
	}
	return true
}

// drawArgs checks that the numbers are finite and within actors.Coordinate, and reads the colour.
func drawArgs(b *starlark.Builtin, c starlark.Value, names []string, nums []float64) (color.RGBA, error) {
	for i, n := range nums {
		if err := checkArg(b, names[i], actors.Coordinate, n); err != nil {
			return color.RGBA{}, err
		}
	}
	return parseColor(b, c)
}

// parseColor reads None (the bot's own colour: zero), "#rrggbb" or an (r, g, b) tuple of ints 0-255.
func parseColor(b *starlark.Builtin, v starlark.Value) (color.RGBA, error) {
	bad := func() (color.RGBA, error) {
		return color.RGBA{}, fmt.Errorf(`%s: color must be "#rrggbb" or (r, g, b) with each 0-255, got %s`, b.Name(), v.String())
	}
	switch v := v.(type) {
	case starlark.NoneType:
		return color.RGBA{}, nil
	case starlark.String:
		s := string(v)
		if len(s) != 7 || !strings.HasPrefix(s, "#") {
			return bad()
		}
		n, err := strconv.ParseUint(s[1:], 16, 32)
		if err != nil {
			return bad()
		}
		return color.RGBA{uint8(n >> 16), uint8(n >> 8), uint8(n), 255}, nil
	case starlark.Tuple:
		if len(v) != 3 {
			return bad()
		}
		var ch [3]uint8
		for i, e := range v {
			n, err := starlark.AsInt32(e)
			if err != nil || n < 0 || n > 255 {
				return bad()
			}
			ch[i] = uint8(n)
		}
		return color.RGBA{ch[0], ch[1], ch[2], 255}, nil
	}
	return bad()
}
