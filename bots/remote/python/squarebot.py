"""The talk's squarebot, as a remote bot: python3 squarebot.py [host:port] (default 127.0.0.1:7878)."""

import sys

import stackarena


def squarebot(bot):
    while True:
        for _ in range(3):
            bot.shoot()
            bot.forward(10)
            bot.turn(90)
        bot.shoot()
        bot.forward(10)
        bot.turn(bot.randrange(0, 360))


if __name__ == "__main__":
    address = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:7878"
    end = stackarena.run(squarebot, address, name="squarebot")
    print("squarebot:", end.get("reason"), "at tick", end.get("tick"), "winner", end.get("winner") or "none")
