"""Bad queries to knotd and examples/serve.rs, as raw UDP datagrams and TCP
messages: both must drop the same ones and answer the others with the same
rcode; and the server must still answer a good query afterwards.
Usage: hostile.py KNOT_PORT SERVE_PORT."""
import socket
import struct
import sys

knot, serve = int(sys.argv[1]), int(sys.argv[2])

def question(name=b"\x03www\x05serve\x04test\x00", qtype=1, qclass=1):
    return name + struct.pack(">HH", qtype, qclass)

def header(id_=0x5151, flags=0x0000, qd=1, an=0, ns=0, ar=0):
    return struct.pack(">6H", id_, flags, qd, an, ns, ar)

CASES = {
    "empty": b"",
    "short header": b"\x51\x51\x00",
    "header only, no question": header(qd=0),
    "QR set (a response)": header(flags=0x8000) + question(),
    "two questions": header(qd=2) + question() + question(),
    "question cut short": header() + question()[:-3],
    "count past the end": header(an=3) + question(),
    "forward pointer": header() + b"\xc0\x20" + struct.pack(">HH", 1, 1),
    "label past 63": header() + b"\x40" + b"a" * 64 + b"\x00" + struct.pack(">HH", 1, 1),
    "opcode IQUERY": header(flags=0x0800) + question(),
    "opcode STATUS": header(flags=0x1000) + question(),
    "opcode 7": header(flags=0x3800) + question(),
    "class CH": header() + question(qclass=3),
    "AXFR over UDP": header() + question(b"\x05serve\x04test\x00", 252),
    "IXFR without SOA over UDP": header() + question(b"\x05serve\x04test\x00", 251),
    "not served": header() + question(b"\x03www\x05other\x04test\x00"),
    "trailing bytes": header() + question() + b"\x00\x00\x00",
    "two OPT records": header(ar=2) + question() + (b"\x00\x00\x29\x04\xd0\x00\x00\x00\x00\x00\x00" * 2),
    "EDNS version 1": header(ar=1) + question() + b"\x00\x00\x29\x04\xd0\x00\x01\x00\x00\x00\x00",
    "OPT not owned by the root": header(ar=1) + question() + b"\x01x\x00\x00\x29\x04\xd0\x00\x00\x00\x00\x00\x00",
    "TYPE0 question": header() + question(qtype=0),
    "meta type OPT asked": header() + question(qtype=41),
}

def rcode(reply):
    if reply is None:
        return "dropped"
    if len(reply) < 12:
        return f"short reply {len(reply)}"
    flags = struct.unpack(">H", reply[2:4])[0]
    return f"rcode {flags & 0xf}"

def udp(port, data):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(1.0)
        s.sendto(data, ("127.0.0.1", port))
        try:
            return s.recv(65535)
        except socket.timeout:
            return None

def tcp(port, data):
    with socket.create_connection(("127.0.0.1", port), timeout=2.0) as s:
        s.sendall(struct.pack(">H", len(data)) + data)
        try:
            head = s.recv(2)
            if len(head) < 2:
                return None
            want = struct.unpack(">H", head)[0]
            body = b""
            while len(body) < want:
                part = s.recv(want - len(body))
                if not part:
                    break
                body += part
            return body
        except (socket.timeout, ConnectionResetError):
            return None

# Where the server answers otherwise than knotd on purpose, and why.
KNOWN = {
    "OPT not owned by the root": "knotd takes it for an ordinary record; the parser refuses a message with an "
    "OPT record anywhere but at the root (RFC 6891 §6.1.2: its owner MUST be the root), so FORMERR",
}

differences = []
for name, data in CASES.items():
    for transport, send in (("udp", udp), ("tcp", tcp)):
        if transport == "tcp" and not data:
            continue
        a, b = rcode(send(knot, data)), rcode(send(serve, data))
        print(f"{transport} {name}: knotd {a}, serve {b}")
        if a != b and name in KNOWN:
            print(f"  known difference: {KNOWN[name]}")
        elif a != b:
            differences.append(f"{transport} {name}: knotd {a}, serve {b}")
good = udp(serve, header() + question())
if good is None or rcode(good) != "rcode 0":
    differences.append("serve no longer answers a good query")
for difference in differences:
    print("DIFF", difference)
print(f"hostile: {2 * len(CASES) - 1 - len(differences)} of {2 * len(CASES) - 1} bad queries handled as knotd "
      f"handles them or as KNOWN says")
sys.exit(1 if differences else 0)
