"""Plays matches in a loop against built-in bots and prints the win rate: the shape of a learning loop.

    python3 winrate.py [-n 50] [-headless PATH] [-opponents spinbot=1,chaser=1] [-ticks 3000]

Each match is a fresh headless process (-listen on a free loopback port, -turn-timeout 0 so that the bot
never loses a turn however long it thinks); the bot joins it, plays, and the report says who won. A learning
agent would change its policy between matches where this one only counts.
"""

import argparse
import json
import os
import subprocess
import sys

import stackarena


def hunter(bot, lead):
    """Sweeps the gun; on a target, aims where it will be (lead ticks ahead) and fires."""
    while True:
        target = bot.scan()
        if target is None:
            bot.turn_gun(20)
            continue
        x = target["x"] + lead * target["speed"]
        bot.aim_at(x, target["y"])
        bot.shoot(2)
        bot.forward(15)


def play(headless, opponents, seed, ticks, lead):
    proc = subprocess.Popen(
        [headless, "-listen", "127.0.0.1:0", "-remote", "1", "-turn-timeout", "0", "-bots", opponents,
         "-seed", str(seed), "-ticks", str(ticks), "-json", "-quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()  # "headless: listening on 127.0.0.1:PORT for 1 remote bots ..."
    if "listening on" not in line:
        proc.kill()
        sys.exit("headless did not listen: " + line.strip())
    address = line.split("listening on ")[1].split()[0]
    stackarena.run(lambda bot: hunter(bot, lead), address, name="learner")
    out, err = proc.communicate(timeout=120)
    if proc.returncode != 0:
        sys.exit("headless failed: " + err.strip())
    return json.loads(out)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-n", type=int, default=50, help="matches to play")
    p.add_argument("-headless", default=os.environ.get("STACKARENA_HEADLESS", "headless"), help="the headless command")
    p.add_argument("-opponents", default="spinbot=1,chaser=1", help="built-in bots, as headless -bots takes them")
    p.add_argument("-ticks", type=int, default=3000, help="the longest match")
    args = p.parse_args()
    wins = 0
    lead = 0.0
    for i in range(args.n):
        report = play(args.headless, args.opponents, i + 1, args.ticks, lead)
        won = report["winner"].startswith("learner")
        wins += won
        if not won:
            lead = (lead + 2.0) % 10.0  # a (very) crude policy change between matches
        print("match %d: winner %s" % (i + 1, report["winner"] or "none"), flush=True)
    print("win rate: %d/%d = %.0f%%" % (wins, args.n, 100.0 * wins / args.n))


if __name__ == "__main__":
    main()
