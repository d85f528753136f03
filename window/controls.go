package window

import (
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
)

// command is something a key does, as opposed to the keys held to drive the player's tank.
type command int

const (
	cmdNone command = iota
	cmdPause
	cmdStep
	cmdSlower
	cmdFaster
	cmdRestartNext
	cmdRestartSame
	cmdReload
	cmdZoomIn
	cmdZoomOut
	cmdFit
	cmdFollow
	cmdNextBot
	cmdPrevBot
	cmdInspector
	cmdHUD
	cmdEscape
	cmdHelp
	cmdFullscreen
	cmdQuit
	cmdPower1
	cmdPower2
	cmdPower3
	cmdDebug
	cmdScans
	cmdStepBack
	cmdTakeOver
	cmdSaveReplay
)

// mods says which modifier keys a binding needs: the same key does one thing alone and another with Shift.
type mods uint8

const (
	noMods  mods = 0
	shift   mods = 1
	ctrl    mods = 2    // Control, or Command on a Mac
	anyMods mods = 0xff // the binding fires whatever modifiers are held
)

// binding is one key (with its modifiers) bound to a command.
type binding struct {
	key  ebiten.Key
	mods mods
	cmd  command
}

// bindings are the command keys, checked in order each Update. The help overlay is written from helpSections,
// and a test checks that both list the same keys.
var bindings = []binding{
	{ebiten.KeySpace, anyMods, cmdPause},
	{ebiten.KeyP, noMods, cmdPause},
	{ebiten.KeyN, noMods, cmdStep},
	{ebiten.KeyPeriod, noMods, cmdStep},
	{ebiten.KeyMinus, anyMods, cmdSlower},
	{ebiten.KeyNumpadSubtract, anyMods, cmdSlower},
	{ebiten.KeyEqual, anyMods, cmdFaster},
	{ebiten.KeyNumpadAdd, anyMods, cmdFaster},
	{ebiten.KeyR, noMods, cmdRestartNext},
	{ebiten.KeyR, shift, cmdRestartSame},
	{ebiten.KeyF5, anyMods, cmdReload},
	{ebiten.KeyPageUp, anyMods, cmdZoomIn},
	{ebiten.KeyPageDown, anyMods, cmdZoomOut},
	{ebiten.KeyHome, anyMods, cmdFit},
	{ebiten.KeyC, noMods, cmdFit},
	{ebiten.KeyF, noMods, cmdFollow},
	{ebiten.KeyTab, noMods, cmdNextBot},
	{ebiten.KeyTab, shift, cmdPrevBot},
	{ebiten.KeyI, noMods, cmdInspector},
	{ebiten.KeyH, noMods, cmdHUD},
	{ebiten.KeyEscape, anyMods, cmdEscape},
	{ebiten.KeyF1, anyMods, cmdHelp},
	{ebiten.KeyF11, anyMods, cmdFullscreen},
	{ebiten.KeyQ, ctrl, cmdQuit},
	{ebiten.KeyDigit1, noMods, cmdPower1},
	{ebiten.KeyDigit2, noMods, cmdPower2},
	{ebiten.KeyDigit3, noMods, cmdPower3},
	{ebiten.KeyG, noMods, cmdDebug},
	{ebiten.KeyV, noMods, cmdScans},
	{ebiten.KeyComma, noMods, cmdStepBack},
	{ebiten.KeyB, noMods, cmdStepBack},
	{ebiten.KeyT, noMods, cmdTakeOver},
	{ebiten.KeyF6, anyMods, cmdSaveReplay},
}

// The keys held to drive the player's tank, and to pan the camera. When there is no player to drive (-player=false,
// or the player's tank is destroyed), WASD pans as well.
var (
	keyForward = ebiten.KeyW
	keyBack    = ebiten.KeyS
	keyLeft    = ebiten.KeyA
	keyRight   = ebiten.KeyD
	panKeys    = [4]struct {
		key, alt ebiten.Key // alt pans only when there is no player to drive
		dx, dy   float64
	}{
		{ebiten.KeyArrowLeft, ebiten.KeyA, 1, 0},
		{ebiten.KeyArrowRight, ebiten.KeyD, -1, 0},
		{ebiten.KeyArrowUp, ebiten.KeyW, 0, 1},
		{ebiten.KeyArrowDown, ebiten.KeyS, 0, -1},
	}
)

// heldMods reads the modifier keys.
func heldMods(in Input) mods {
	var m mods
	if in.KeyPressed(ebiten.KeyShift) {
		m |= shift
	}
	if in.KeyPressed(ebiten.KeyControl) || in.KeyPressed(ebiten.KeyMeta) {
		m |= ctrl
	}
	return m
}

// appendCommands appends the commands whose keys went down in this Update, in the order of bindings. A '?' typed
// in any keyboard layout opens the help too. It allocates nothing once cmds and chars have room.
func appendCommands(cmds []command, in Input, chars []rune) []command {
	held := heldMods(in)
	for _, b := range bindings {
		if (b.mods == anyMods || b.mods == held) && in.KeyJustPressed(b.key) {
			cmds = append(cmds, b.cmd)
		}
	}
	for _, r := range chars {
		if r == '?' {
			cmds = append(cmds, cmdHelp)
		}
	}
	return cmds
}

// helpSection is a titled list of controls for the help overlay.
type helpSection struct {
	title string
	rows  [][2]string // keys, what they do
}

// helpSections are the help overlay's text. Keep them in step with bindings, panKeys and the mouse handling in
// controls_update.go; TestHelpListsEveryBinding checks the keys.
var helpSections = []helpSection{
	{"Your tank (white, gold ring)", [][2]string{
		{"W / S", "drive forward / back"},
		{"A / D", "turn left / right"},
		{"mouse", "aim the gun"},
		{"left button", "fire (hold)"},
		{"1 2 3", "shot power"},
	}},
	{"The match", [][2]string{
		{"Space, P", "pause / resume"},
		{"N, .", "step one tick (pauses)"},
		{"- / +", "slower / faster (0.25x to 16x)"},
		{"R", "restart with the next seed"},
		{"Shift+R", "replay the same seed"},
		{"F5", "reload the scripts"},
		{"F6", "save the match as a replay (-record names the file)"},
	}},
	{"Replays (stackarena -replay FILE)", [][2]string{
		{"timeline: click, drag", "seek (red marks: deaths)"},
		{"B, ,", "step back one tick (pauses)"},
		{"T", "take over: play on live from here"},
	}},
	{"Camera", [][2]string{
		{"wheel, PgUp / PgDn", "zoom (about the pointer)"},
		{"right or middle drag", "pan"},
		{"arrows", "pan (WASD too without a tank)"},
		{"Home, C", "fit the arena"},
		{"F", "follow the selected bot (or yours)"},
	}},
	{"Bots", [][2]string{
		{"right click", "select a bot: the inspector"},
		{"Tab / Shift+Tab", "next / previous bot"},
		{"I", "show / hide the inspector"},
		{"G", "scripts' drawing: selected bot, all, none"},
		{"V", "scan arcs on / off"},
		{"wheel on the inspector", "scroll its console"},
		{"Esc", "close help, results; deselect"},
	}},
	{"Doors (a legend)", [][2]string{
		{"amber striped panels", "closed, or closing: stop bots and bullets"},
		{"green striped panels", "opening"},
		{"lit slot with rails", "open: bots and bullets pass"},
	}},
	{"Window", [][2]string{
		{"F1, ?", "this help"},
		{"H", "hide / show the side panels"},
		{"speed slider", "click or drag: the speed"},
		{"F11", "fullscreen"},
		{"Ctrl+Q", "quit"},
	}},
}

// helpText lays the help out as two aligned columns.
func helpText() string {
	width := 0
	for _, s := range helpSections {
		for _, r := range s.rows {
			width = max(width, len(r[0]))
		}
	}
	var b strings.Builder
	for i, s := range helpSections {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s.title)
		b.WriteByte('\n')
		for _, r := range s.rows {
			b.WriteString("  ")
			b.WriteString(r[0])
			b.WriteString(strings.Repeat(" ", width-len(r[0])+2))
			b.WriteString(r[1])
			b.WriteByte('\n')
		}
	}
	return strings.TrimRight(b.String(), "\n")
}
