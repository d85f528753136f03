package actors

import "stackarena/engine"

// Door is what a door's script holds: a sliding door that opens and closes. A closed door blocks bots and
// bullets. Every method must be called from the door's own script.
type Door struct {
	body *engine.Door
	w    *engine.World
}

// SpawnDoor adds a closed door over the doorway r and starts script for it as a tasklet. Doors must be added
// before bots. Main side only.
func SpawnDoor(w *engine.World, r engine.Rect, script func(*Door)) (*Door, error) {
	body, err := w.AddDoor(r)
	if err != nil {
		return nil, err
	}
	d := &Door{body: body, w: w}
	body.SetActor(w.Spawn("door", body, func() { script(d) }))
	return d, nil
}

// Body is the World's state of the door.
func (d *Door) Body() *engine.Door { return d.body }

// Open slides the door open (30 ticks from closed) and returns when it is open.
func (d *Door) Open() {
	if d.body.StartOpen() {
		d.body.Park()
	}
}

// Close slides the door shut and returns when it is closed; it waits while a bot stands in the doorway.
func (d *Door) Close() {
	if d.body.StartClose() {
		d.body.Park()
	}
}

// Wait sleeps for ticks ticks.
func (d *Door) Wait(ticks int) {
	if ticks <= 0 {
		d.w.Driver().Yield()
		return
	}
	d.w.Driver().Sleep(ticks)
}

// WaitForBot returns when a bot comes within distance of the door's centre (at once if one is there).
func (d *Door) WaitForBot(distance float64) {
	if d.body.StartWaitForBot(distance) {
		d.body.Park()
	}
}

// BotNear reports whether a bot is within distance of the door's centre now.
func (d *Door) BotNear(distance float64) bool { return d.body.BotWithin(distance) }

// TimedDoor is a door script: open for open ticks, closed for closed ticks, forever, starting closed.
func TimedDoor(open, closed int) func(*Door) {
	return func(d *Door) {
		for {
			d.Wait(closed)
			d.Open()
			d.Wait(open)
			d.Close()
		}
	}
}

// ProximityDoor is a door script: it opens when a bot comes within distance, stays open while one is there
// (checking every 30 ticks) and closes when none is left.
func ProximityDoor(distance float64) func(*Door) {
	return func(d *Door) {
		for {
			d.WaitForBot(distance)
			d.Open()
			for d.BotNear(distance) {
				d.Wait(30)
			}
			d.Close()
		}
	}
}
