package actors

import "stackarena/engine"

// Door is what a door's script holds: a sliding door that opens and closes. A closed door blocks bots and
// bullets. Every method must be called from the door's own script.
type Door struct {
	c    engine.DoorControl
	body *engine.Door
}

// SpawnDoor adds a closed door over the doorway r and starts script for it as a tasklet. Doors must be added
// before bots. Main side only.
func SpawnDoor(w *engine.World, r engine.Rect, script func(*Door)) (*Door, error) {
	body, err := w.AddDoor(r)
	if err != nil {
		return nil, err
	}
	d := &Door{c: w.ControlDoor(body), body: body}
	if err := d.c.Run(func() { script(d) }); err != nil {
		return nil, err
	}
	return d, nil
}

// ID is the door's number in the match.
func (d *Door) ID() int { return d.body.ID() }

// OpenFraction is how far the door is open: 0 closed, 1 open.
func (d *Door) OpenFraction() float64 { return d.body.OpenFraction() }

// Open slides the door open (30 ticks from closed) and returns when it is open.
func (d *Door) Open() {
	if d.c.StartOpen() {
		d.c.Park()
	}
}

// Close slides the door shut and returns when it is closed; it waits while a bot stands in the doorway.
func (d *Door) Close() {
	if d.c.StartClose() {
		d.c.Park()
	}
}

// Wait sleeps for ticks ticks.
func (d *Door) Wait(ticks int) {
	if ticks <= 0 {
		d.c.Yield()
		return
	}
	d.c.Sleep(ticks)
}

// WaitForBot returns when a bot comes within distance of the door's centre (at once if one is there).
func (d *Door) WaitForBot(distance float64) {
	if d.c.StartWaitForBot(distance) {
		d.c.Park()
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
