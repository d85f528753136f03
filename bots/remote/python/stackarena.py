"""A stackarena bot in Python: one file, the standard library only (socket, json).

The calls block like the arena's own bots: bot.forward(10) returns when the move is over, in game time. Write a
bot as a straight-line function and hand it to run():

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

    stackarena.run(squarebot, "127.0.0.1:7878", name="squarebot")

Start the match first: headless -listen 127.0.0.1:7878 -remote 1 (docs/PROTOCOL.md describes the protocol).
"""

import json
import socket

VERSION = 1  # the protocol version this client speaks


class MatchOver(Exception):
    """Raised by any call once the bot is out of the match: the match is over, the bot died, or it was dropped.
    The server's last message is in .end (a dict: reason, tick, winner, alive)."""

    def __init__(self, end):
        super().__init__(end.get("reason", "match over"))
        self.end = end


class ServerError(Exception):
    """The server refused a message (its error text is the exception's message)."""


class Bot:
    """A remote bot. Actions send one command and block until its answer; getters read the state that came with
    the last answer. Use a Bot from one thread."""

    def __init__(self, address, name, token=None, timeout=None):
        host, _, port = address.rpartition(":")
        self._sock = socket.create_connection((host, int(port)), timeout=timeout)
        self._sock.settimeout(None)
        self._file = self._sock.makefile("rb")
        self._next_id = 0
        self.events = []      # what happened since the last answer, oldest first (dicts: kind, tick, ...)
        self.skipped = 0      # ticks idled because a command came after the turn timeout
        self.end = None
        join = {"type": "join", "version": VERSION, "name": name}
        if token:
            join["token"] = token
        self._send(join)
        self.welcome = self._wait_for("welcome")
        self.state = self.welcome["state"]

    # The protocol.

    def _send(self, msg):
        self._sock.sendall(json.dumps(msg, separators=(",", ":")).encode() + b"\n")

    def _read(self):
        line = self._file.readline()
        if not line:
            raise MatchOver(self.end or {"reason": "disconnected: the server closed the connection"})
        msg = json.loads(line)
        if msg.get("type") == "end":
            self.end = msg
            raise MatchOver(msg)
        return msg

    def _wait_for(self, kind):
        while True:
            msg = self._read()
            if msg.get("type") == kind:
                return msg
            if msg.get("type") == "error":
                raise ServerError(msg["error"])

    def _do(self, cmd, **args):
        self._next_id += 1
        args.update(cmd=cmd, id=self._next_id)
        self._send(args)
        res = self._wait_for("result")
        self.state = res["state"]
        for e in res["events"]:
            if e["kind"] == "skipped turn":
                self.skipped += e["ticks"]
        self.events = res["events"]
        return res

    def close(self):
        """Disconnect: the bot dies in the match, which goes on."""
        self._file.close()
        self._sock.close()

    # Blocking actions, as in the arena.

    def forward(self, distance):
        self._do("forward", distance=float(distance))

    def back(self, distance):
        self._do("back", distance=float(distance))

    def turn(self, degrees):
        self._do("turn", degrees=float(degrees))

    def turn_to(self, heading):
        self._do("turn_to", heading=float(heading))

    def turn_gun(self, degrees):
        self._do("turn_gun", degrees=float(degrees))

    def aim_at(self, x, y):
        self._do("aim_at", x=float(x), y=float(y))

    def shoot(self, power=1.0):
        """Fire if the gun is cold; one tick. Returns whether it fired."""
        return self._do("shoot", power=float(power))["fired"]

    def wait_gun(self):
        self._do("wait_gun")

    def scan(self):
        """Look along the gun; one tick. Returns the nearest bot seen (a dict: id, name, x, y, bearing, distance,
        energy, heading, speed) or None."""
        return self._do("scan").get("target")

    def wait(self, ticks):
        self._do("wait", ticks=int(ticks))

    def yield_tick(self):
        self._do("yield")

    # Instant commands: they take no game time.

    def set_speed(self, speed):
        self._do("set_speed", speed=float(speed))

    def set_turn(self, degrees):
        self._do("set_turn", degrees=float(degrees))

    def set_gun_turn(self, degrees):
        self._do("set_gun_turn", degrees=float(degrees))

    def fire(self, power=1.0):
        return self._do("fire", power=float(power))["fired"]

    def say(self, text):
        self._do("say", text=str(text)[:200])

    def randrange(self, start, stop):
        """A number in [start, stop) from the bot's own random source in the match (the same draws a local bot
        makes: a remote bot plays the same match as the same script run locally)."""
        return start + self._do("rand", n=int(stop - start))["value"]

    # The state after the last answer.

    @property
    def id(self):
        return self.welcome["id"]

    @property
    def name(self):
        return self.welcome["name"]

    @property
    def arena(self):
        return self.welcome["width"], self.welcome["height"]

    @property
    def position(self):
        return self.state["x"], self.state["y"]

    @property
    def heading(self):
        return self.state["heading"]

    @property
    def gun_heading(self):
        return self.state["gun_heading"]

    @property
    def energy(self):
        return self.state["energy"]

    @property
    def tick(self):
        return self.state["tick"]

    @property
    def others(self):
        return self.state["others"]


def run(script, address, name, token=None):
    """Join the match at address ("host:port") as name and run script(bot) until the bot is out of the match.
    Returns the server's last message (a dict: reason, tick, winner, alive)."""
    bot = Bot(address, name, token)
    try:
        script(bot)
        return {"reason": "script returned"}
    except MatchOver as over:
        return over.end
    finally:
        bot.close()
