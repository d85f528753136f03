package replay

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"stackarena/actors"
	"stackarena/bots"
	"stackarena/bots/star"
	"stackarena/engine"
	"stackarena/match"
)

// Source puts back, when a match is re-simulated, the inputs one source let into it while it was recorded.
// See the package doc for how a new source plugs in.
type Source struct {
	// Name tags the source's inputs in the log: lower case, like "player", "reload", "verdict", "net".
	Name string
	// Open, when set, is called once per Sim, right after its match is built and before its first Step, with
	// all the source's inputs in log order (they were checked when read: ticks in order, within the match).
	Open func(s *Sim, inputs []Input) error
	// Apply, when set, is called with each of the source's inputs just before the Step of its tick, in log
	// order. Its cost is the Sim's per tick.
	Apply func(s *Sim, in Input) error
}

var (
	sourcesMu sync.Mutex
	sources   = map[string]Source{}
)

// Register makes a source known to every Sim and to Read, which refuses a replay that names a source it does
// not know. Call it from an init function; registering a name twice panics (a build defect). Safe for
// concurrent use.
func Register(src Source) {
	sourcesMu.Lock()
	defer sourcesMu.Unlock()
	if _, dup := sources[src.Name]; dup || src.Name == "" {
		panic("replay: source " + src.Name + " registered twice, or without a name")
	}
	sources[src.Name] = src
}

// lookupSource finds a registered source.
func lookupSource(name string) (Source, bool) {
	sourcesMu.Lock()
	defer sourcesMu.Unlock()
	src, ok := sources[name]
	return src, ok
}

// The sources this package knows.
const (
	// SourcePlayer is the person's controls: a playerData each time they change, while the player's bot lives.
	SourcePlayer = "player"
	// SourceReload is a .star file reloaded mid-match (the desktop's F5): a reloadData.
	SourceReload = "reload"
)

func init() {
	Register(Source{Name: SourcePlayer}) // applied by the Sim itself, decoded once (Replay.prepare)
	Register(Source{Name: SourceReload, Apply: applyReload})
}

// playerData is a bots.PlayerInput in the log: the keys held ("F" forward, "B" back, "L" left, "R" right), the
// point aimed at, whether the fire button is down, and the power when it is not 1.
type playerData struct {
	Keys  string      `json:"keys,omitempty"`
	Aim   *[2]float64 `json:"aim,omitempty"`
	Fire  bool        `json:"fire,omitempty"`
	Power float64     `json:"power,omitempty"`
}

func encodePlayer(in bots.PlayerInput) playerData {
	var d playerData
	for _, k := range []struct {
		on  bool
		key string
	}{{in.Forward, "F"}, {in.Back, "B"}, {in.Left, "L"}, {in.Right, "R"}} {
		if k.on {
			d.Keys += k.key
		}
	}
	if in.Aim {
		d.Aim = &[2]float64{in.AimX, in.AimY}
	}
	d.Fire = in.Fire
	if in.Power != 1 {
		d.Power = in.Power
	}
	return d
}

// appendPlayer appends in's playerData as JSON to buf, as json.Marshal would write it but a dozen times faster:
// recording must cost next to nothing per tick. The aim must be finite (the window's always is).
func appendPlayer(buf []byte, in bots.PlayerInput) []byte {
	d := encodePlayer(in)
	buf = append(buf, '{')
	sep := func() {
		if buf[len(buf)-1] != '{' {
			buf = append(buf, ',')
		}
	}
	if d.Keys != "" {
		buf = append(buf, `"keys":"`...)
		buf = append(buf, d.Keys...)
		buf = append(buf, '"')
	}
	if d.Aim != nil {
		sep()
		buf = append(buf, `"aim":[`...)
		buf = strconv.AppendFloat(buf, d.Aim[0], 'g', -1, 64)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, d.Aim[1], 'g', -1, 64)
		buf = append(buf, ']')
	}
	if d.Fire {
		sep()
		buf = append(buf, `"fire":true`...)
	}
	if d.Power != 0 {
		sep()
		buf = append(buf, `"power":`...)
		buf = strconv.AppendFloat(buf, d.Power, 'g', -1, 64)
	}
	return append(buf, '}')
}

func decodePlayer(raw json.RawMessage) (bots.PlayerInput, error) {
	var d playerData
	if err := strictJSON(raw, &d); err != nil {
		return bots.PlayerInput{}, err
	}
	if strings.Trim(d.Keys, "FBLR") != "" {
		return bots.PlayerInput{}, fmt.Errorf("keys %q: only F, B, L and R", d.Keys)
	}
	in := bots.PlayerInput{
		Forward: strings.Contains(d.Keys, "F"), Back: strings.Contains(d.Keys, "B"),
		Left: strings.Contains(d.Keys, "L"), Right: strings.Contains(d.Keys, "R"),
		Fire: d.Fire, Power: d.Power,
	}
	if in.Power == 0 {
		in.Power = 1
	}
	if d.Aim != nil {
		in.Aim, in.AimX, in.AimY = true, d.Aim[0], d.Aim[1]
		if math.Abs(in.AimX) > engine.MaxArena*2 || math.Abs(in.AimY) > engine.MaxArena*2 {
			return bots.PlayerInput{}, fmt.Errorf("aim %g,%g: far outside any arena", in.AimX, in.AimY)
		}
	}
	if in.Power < 0 || in.Power > engine.MaxPower*10 {
		return bots.PlayerInput{}, fmt.Errorf("power %g: out of range", in.Power)
	}
	return in, nil
}

// reloadData is a reload in the log: the file, as named in the match's bots, and its new source.
type reloadData struct {
	File   string `json:"file"`
	Source string `json:"source"`
}

func applyReload(s *Sim, in Input) error {
	var d reloadData
	if err := strictJSON(in.Data, &d); err != nil {
		return err
	}
	return Reload(s.m.Config.Bots, s.m.Bots, d.File, []byte(d.Source))
}

// Reload restarts the live bots that run the .star script file (as named in specs, whose bots are spawned in
// order in all) with src, as the desktop's reload does (star.Reloader): they keep their place and energy, and
// each logs "reloaded FILE". A source that does not compile is an error and changes nothing. Main side only,
// between Steps.
func Reload(specs []match.BotSpec, all []*actors.Bot, file string, src []byte) error {
	script, err := star.LoadSource(file, src)
	if err != nil {
		return err
	}
	i, found := 0, false
	for _, spec := range specs {
		if spec.Name == file {
			found = true
			for _, b := range all[i : i+spec.Count] {
				if !b.Alive() {
					continue
				}
				if err := b.Restart(script); err != nil {
					return err
				}
				b.Log("reloaded " + file)
			}
		}
		i += spec.Count
	}
	if !found {
		return fmt.Errorf("reload of %q: no bot of the match runs it", file)
	}
	return nil
}

// strictJSON decodes one JSON value into v, refusing unknown fields.
func strictJSON(raw json.RawMessage, v any) error {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
