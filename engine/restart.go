package engine

// ResetScript forgets the bot's script-side state so that a new script can take over (actors.Bot.Restart does,
// for a desktop's hot reload): the action the old script waited in and its intents (a move, turns, driving, a
// shot asked for), the script-ended mark, where it waited, and its unread events. The body (place, heading,
// speed, energy, gun heat) and the score stay; a moving bot brakes. Call it after killing the old actor and
// before SetActor with the new one. Main side only, between Steps. O(1).
func (b *Bot) ResetScript() {
	b.act, b.actArg = actNone, 0
	b.moveLeft, b.turnLeft, b.gunTurnLeft = 0, 0, 0
	b.drive, b.targetSpeed = false, 0
	b.firePower = 0
	b.parked = false
	b.wakeAt = 0
	b.scriptEnded = false
	b.where = ""
	b.events, b.eventsHead = b.events[:0], 0
}
