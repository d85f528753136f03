package bots

import "stackarena/actors"

// Squarebot is the talk's squarebot, as its "Actor-based programming" slide writes it: three sides of a small
// square, shooting at each corner, then a turn in a random direction.
//
//	def squarebot(bot):
//	    while 1:
//	        for _ in range(3):
//	            bot.shoot()
//	            bot.forward(10)
//	            bot.turn(90)
//	        bot.shoot()
//	        bot.forward(10)
//	        bot.turn(randrange(0, 360))
func Squarebot(bot *actors.Bot) { Square(bot) }

// Square is the squarebot's script on any bot handle: a bot in the arena, or a remote one driven over the
// network by package stackarena/bots/remote/client. The same source plays the same match either way.
func Square(bot actors.Handle) {
	for {
		for range 3 {
			bot.Shoot()
			bot.Forward(10)
			bot.Turn(90)
		}
		bot.Shoot()
		bot.Forward(10)
		bot.Turn(float64(bot.Rand().IntN(360)))
	}
}

// Spinbot is the talk's spinbot: it turns on the spot and shoots, forever.
//
//	def spinbot(bot):
//	    while 1:
//	        bot.turn(5)
//	        bot.shoot()
func Spinbot(bot *actors.Bot) { Spin(bot) }

// Spin is the spinbot's script on any bot handle, as Square is the squarebot's.
func Spin(bot actors.Handle) {
	for {
		bot.Turn(5)
		bot.Shoot()
	}
}

// TalkBullet is the talk's bullet loop for a scripted bullet that moves (dx, dy) per tick: it steps, moves,
// looks for a bot under it and takes 10 energy from the first one it finds.
//
//	def bullet(bullet, dx, dy):
//	    x, y = bullet.pos
//	    while in_bounds(bullet):
//	        x += dx; y += dy
//	        bullet.move_to(x, y)
//	        bot = find_bot(bullet)
//	        if bot is not None:
//	            bot.add_damage(-10)
//	            break
//	        stackless.schedule()
func TalkBullet(dx, dy float64) func(*actors.Bullet) {
	return func(bullet *actors.Bullet) {
		x, y := bullet.Pos()
		for bullet.InBounds() {
			x += dx
			y += dy
			bullet.MoveTo(x, y)
			if bot := bullet.FindBot(); bot != nil {
				bot.AddDamage(-10)
				break
			}
			bullet.Schedule()
		}
	}
}
