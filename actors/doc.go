// Package actors is what scripts call: the handles of bots ([Bot]), doors ([Door]) and scripted bullets
// ([Bullet]), whose actions block the script's tasklet for game time. A script is straight-line Go:
//
//	func squarebot(bot *actors.Bot) {
//		for {
//			bot.Shoot()
//			bot.Forward(10)
//			bot.Turn(90)
//		}
//	}
//
// An action that spans several ticks parks the tasklet until the World says it is over, so it costs two
// switches whatever its length; one-tick actions (Shoot, Scan, Yield) yield once. Scripts react to what
// happened by reading Bot.Events after an action: hits and collisions also cut the current action short.
//
// Every handle's methods must be called from its own script, never from another goroutine.
package actors
