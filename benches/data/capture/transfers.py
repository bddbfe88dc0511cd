#!/usr/bin/python3
"""Deep zones, and their transfers, for the parser's real-traffic checks.

    transfers.py zones DIR                  writes DIR/NAME.zone for each zone
                                            and prints the zone names
    transfers.py wait PORT...               waits until every server serves them
    transfers.py ask OUT NAME:PORT...       asks each server for an AXFR of every
                                            zone, and a few questions of each,
                                            and writes every response message
                                            to OUT framed as on DNS over TCP

The zones are the ones where compression runs deepest: an ip6.arpa reverse
zone (PTR owners of 34 labels, delegations at /48 and /56 boundaries, so
records sit at many depths of the same names) and a zone of names 4 to 40
labels deep with A, AAAA, TXT, MX, CNAME and SRV records among them. Drawn
from a fixed seed: every run writes the same zones. Loopback only.
"""
import random
import socket
import struct
import sys
import time

from realistic import recv_exact

REVERSE = "8.b.d.0.1.0.0.2.ip6.arpa."
DEEP = "deep.test."
ZONES = [REVERSE, DEEP]


def nibbles(rng, count):
    return ".".join(rng.choice("0123456789abcdef") for _ in range(count))


def reverse_zone(rng):
    lines = [f"$ORIGIN {REVERSE}", "$TTL 3600",
             "@ SOA ns1.deep.test. hostmaster.deep.test. 1 7200 3600 1209600 300",
             "@ NS ns1.deep.test.", "@ NS ns2.deep.test."]
    # 24 nibbles below the /32: sites (/48), subnets (/64), hosts (/128).
    sites = [nibbles(rng, 4) for _ in range(6)]
    for site in sites:
        lines.append(f"{site} TXT \"site\"")
        for _ in range(4):
            subnet = nibbles(rng, 4) + "." + site
            lines.append(f"{subnet} TXT \"subnet\"")
            for _ in range(rng.randint(8, 20)):
                host = nibbles(rng, 16) + "." + subnet
                lines.append(f"{host} PTR h{rng.randint(1, 999)}.{rng.choice(['a', 'b', 'c'])}.deep.test.")
    # A delegated /56 with glue-free NS records.
    lines.append(f"{nibbles(rng, 6)} NS ns1.deep.test.")
    return "\n".join(lines) + "\n"


def deep_zone(rng):
    lines = [f"$ORIGIN {DEEP}", "$TTL 3600",
             "@ SOA ns1 hostmaster 1 7200 3600 1209600 300",
             "@ NS ns1", "@ NS ns2", "ns1 A 192.0.2.1", "ns2 A 192.0.2.2",
             "@ MX 10 mx.a", "mx.a A 192.0.2.25"]
    words = ["a", "b", "c", "svc", "eu", "us", "web", "db", "node", "rack", "pod", "x1"]
    names = []
    for i in range(300):
        depth = rng.randint(2, 36)
        if names and rng.random() < 0.5:
            # A name below (or beside) one already there: long shared suffixes.
            base = rng.choice(names).split(".")
            keep = rng.randint(1, len(base))
            labels = [rng.choice(words) + str(rng.randint(0, 9)) for _ in range(rng.randint(1, 4))] + base[-keep:]
        else:
            labels = [rng.choice(words) + str(rng.randint(0, 99)) for _ in range(depth)]
        name = ".".join(labels)
        if len(name) + len(DEEP) > 240 or name in names:
            continue
        names.append(name)
        kind = rng.randrange(6)
        if kind == 0:
            lines.append(f"{name} A 192.0.2.{rng.randint(1, 254)}")
            lines.append(f"{name} AAAA 2001:db8::{rng.randint(1, 65535):x}")
        elif kind == 1:
            lines.append(f"{name} TXT \"v=spf1 -all\" \"{i}\"")
        elif kind == 2:
            lines.append(f"{name} MX {rng.randint(0, 50)} {rng.choice(names)}")
        elif kind == 3 and len(names) > 1:
            lines.append(f"{name} CNAME {rng.choice(names[:-1])}")
        elif kind == 4:
            lines.append(f"_sip._udp.{name} SRV 10 5 5060 {rng.choice(names)}")
        else:
            lines.append(f"{name} A 198.51.100.{rng.randint(1, 254)}")
    return "\n".join(lines) + "\n"


def query(qid, name, rtype):
    header = struct.pack(">HHHHHH", qid, 0, 1, 0, 0, 0)
    wire = b"".join(bytes([len(label)]) + label.encode() for label in name.rstrip(".").split(".")) + b"\0"
    return header + wire + struct.pack(">HH", rtype, 1)


def tcp_messages(port, message, until_second_soa):
    """Every response message to `message` over one TCP connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as tcp:
        tcp.sendall(struct.pack(">H", len(message)) + message)
        out, soas = [], 0
        while True:
            length = struct.unpack(">H", recv_exact(tcp, 2))[0]
            body = recv_exact(tcp, length)
            out.append(body)
            soas += body.count(b"\x00\x06\x00\x01")  # an upper bound, good enough to stop
            if not until_second_soa or soas >= 2 or len(out) > 500:
                return out


def main():
    command = sys.argv[1]
    if command == "zones":
        directory = sys.argv[2]
        for origin, make in [(REVERSE, reverse_zone), (DEEP, deep_zone)]:
            rng = random.Random(origin)
            with open(f"{directory}/{origin.rstrip('.')}.zone", "w") as f:
                f.write(make(rng))
            print(origin)
    elif command == "wait":
        for port in map(int, sys.argv[2:]):
            for origin in ZONES:
                for _ in range(100):
                    try:
                        reply = tcp_messages(port, query(1, origin, 6), False)[0]
                        if reply[3] & 0x0f == 0 and struct.unpack(">H", reply[6:8])[0] > 0:
                            break
                    except OSError:
                        pass
                    time.sleep(0.1)
                else:
                    sys.exit(f"127.0.0.1:{port} does not serve {origin}")
    elif command == "ask":
        out = sys.argv[2]
        frames = []
        for server in sys.argv[3:]:
            name, port = server.split(":")
            port = int(port)
            for origin in ZONES:
                messages = tcp_messages(port, query(0x4242, origin, 252), True)
                frames += messages
                print(f"{name}: AXFR {origin} in {len(messages)} messages, {sum(map(len, messages))} bytes")
                for qname, rtype in [(origin, 255), (origin, 2), (origin, 15)]:
                    frames += tcp_messages(port, query(0x4343, qname, rtype), False)
        with open(out, "wb") as f:
            for frame in frames:
                f.write(struct.pack(">H", len(frame)) + frame)
        print(f"{out}: {len(frames)} messages")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
