"""Prints a raw protocol session, both directions ("> " sent, "< " received): docs/PROTOCOL.md's transcript.

    headless -listen 127.0.0.1:7878 -remote 1 -bots spinbot=1 -arena 800x600 -seed 3 -ticks 40 -turn-timeout 0 &
    python3 transcript.py 127.0.0.1:7878
"""

import json
import socket
import sys

COMMANDS = [
    '{"cmd":"scan","id":1}',
    '{"cmd":"turn_gun","degrees":40,"id":2}',
    '{"cmd":"shoot","id":3}',
    '{"cmd":"forward","distance":"ten","id":4}',
    '{"cmd":"forward","distance":30,"id":5}',
    '{"cmd":"rand","n":360,"id":6}',
    '{"cmd":"turn","degrees":-90,"id":7}',
    '{"cmd":"wait","ticks":50,"id":8}',
]


def main():
    host, _, port = (sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:7878").rpartition(":")
    sock = socket.create_connection((host, int(port)))
    lines = sock.makefile("rb")

    def send(line):
        print(">", line)
        sock.sendall(line.encode() + b"\n")

    def receive():
        line = lines.readline().decode().rstrip("\n")
        if line:
            print("<", line)
        return json.loads(line) if line else None

    send('{"type":"join","version":1,"name":"demo"}')
    receive()
    for cmd in COMMANDS:
        send(cmd)
        msg = receive()
        while msg and msg["type"] not in ("result", "error", "end"):
            msg = receive()
        if not msg or msg["type"] == "end":
            break
    while receive():
        pass


if __name__ == "__main__":
    main()
