"""A fixed one-way delay for every IP packet routed through a TUN device (harness/delay-line.ts).

Usage: python3 delay-line.py DEVICE DELAY_MS

Makes the TUN device DEVICE (no packet information header), prints "ready" once it exists, then
writes every packet it reads back into the kernel DELAY_MS later, in the order they came. The
kernel's netem qdisc does this in tests on kernels that have it; on kernels without it
(sch_netem not built: "Specified qdisc kind is unknown") this is the delay. Standard library
only: a fresh Debian machine has python3. Ends on SIGTERM.
"""
import collections
import fcntl
import os
import select
import signal
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000


def open_tun(name):
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def run(fd, delay_s):
    queue = collections.deque()
    while True:
        timeout = max(0.0, queue[0][0] - time.monotonic()) if queue else None
        readable, _, _ = select.select([fd], [], [], timeout)
        if readable:
            due = time.monotonic() + delay_s
            while True:
                try:
                    queue.append((due, os.read(fd, 65536)))
                except BlockingIOError:
                    break
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            try:
                os.write(fd, queue.popleft()[1])
            except OSError:
                pass  # the device is going away, or the kernel refused one packet: drop it as a link would


def main():
    name, delay_ms = sys.argv[1], float(sys.argv[2])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    fd = open_tun(name)
    print("ready", flush=True)
    run(fd, delay_ms / 1000.0)


if __name__ == "__main__":
    main()
