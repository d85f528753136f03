"""The talk's spinbot, as a remote bot: python3 spinbot.py [host:port] (default 127.0.0.1:7878)."""

import sys

import stackarena


def spinbot(bot):
    while True:
        bot.turn(5)
        bot.shoot()


if __name__ == "__main__":
    address = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:7878"
    end = stackarena.run(spinbot, address, name="spinbot")
    print("spinbot:", end.get("reason"), "at tick", end.get("tick"), "winner", end.get("winner") or "none")
