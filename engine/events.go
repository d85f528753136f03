package engine

// EventKind says what happened to a bot.
type EventKind uint8

const (
	// HitByBullet: a bullet hit the bot. Bearing is the heading from the bot toward where the bullet came from;
	// Power its power; Other the shooter's ID.
	HitByBullet EventKind = iota + 1
	// HitWall: the bot drove into a wall, a closed door or the arena's edge and stopped. Bearing points at it.
	HitWall
	// HitBot: the bot collided with another bot (Other) and stopped. Bearing points at it.
	HitBot
	// BulletHit: one of the bot's bullets hit Other.
	BulletHit
	// BulletMissed: one of the bot's bullets hit a wall or left the arena.
	BulletMissed
	// BotDied: Other left the match (every bot in the match hears it, after its own events of that tick; a bot
	// hears only of deaths after it joined, and a restarted script only of deaths after its restart).
	BotDied
)

var eventNames = [...]string{"", "hit by bullet", "hit wall", "hit bot", "bullet hit", "bullet missed", "bot died"}

// String names the kind.
func (k EventKind) String() string {
	if int(k) < len(eventNames) {
		return eventNames[k]
	}
	return "unknown"
}

// Event is something that happened to a bot, for its script to react to after an action (Bot.Events).
type Event struct {
	Kind    EventKind
	Tick    uint64
	Bearing float64 // absolute heading from the bot toward the cause, degrees
	Power   float64 // the bullet's power, for bullet events
	Other   int     // the other bot's ID, 0 if none
}

// Effect is something a renderer shows for a while: a bot's death burst or a bullet's impact.
type Effect struct {
	Kind EffectKind
	Pos  Vec
	Tick uint64 // when it started
	Bot  int    // the bot it concerns, 0 if none
}

// EffectKind says what an Effect shows.
type EffectKind uint8

const (
	// Explosion is a bot's death.
	Explosion EffectKind = iota + 1
	// Impact is a bullet hitting something.
	Impact
)

// EffectTicks is how long effects stay in the World's list.
const EffectTicks = 40
