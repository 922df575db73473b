#!/usr/bin/env python3
"""tests/attack/flood.py PORT COUNT SECONDS: hold COUNT idle TCP
connections to 127.0.0.1:PORT for SECONDS, sending nothing, and open a
new one whenever the server closes one.  Prints one line at the end:
"flood: opened N, closed by the server M, held at the end K"."""
import selectors, socket, sys, time

port, count, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
sel = selectors.DefaultSelector()
opened = closed = 0
end = time.monotonic() + seconds

def connect():
    global opened
    s = socket.socket()
    s.setblocking(False)
    try:
        s.connect_ex(("127.0.0.1", port))
    except OSError:
        s.close()
        return
    sel.register(s, selectors.EVENT_READ)
    opened += 1

while len(sel.get_map()) < count and time.monotonic() < end:
    connect()
while time.monotonic() < end:
    for key, _ in sel.select(timeout=0.2):
        s = key.fileobj
        try:
            data = s.recv(4096)
        except OSError:
            data = b""
        if not data:            # closed (or refused) by the server
            sel.unregister(s)
            s.close()
            closed += 1
    while len(sel.get_map()) < count and time.monotonic() < end:
        connect()
held = len(sel.get_map())
print(f"flood: opened {opened}, closed by the server {closed}, "
      f"held at the end {held}")
