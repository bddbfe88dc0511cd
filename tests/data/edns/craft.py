#!/usr/bin/python3
"""Crafted responses with EDNS options no server here sends, and dig's text.

    craft.py [OUTDIR]   (default: this directory, tests/data/edns)

Builds each response below (a question and an answer for edns.example. A,
then an OPT record with the case's options), replays it to dig 9.18 with
tests/dig-parity/replay.py's server on 127.0.0.1, and stores, per case,
crafted-NAME.bin (the bytes dig got, with dig's ID) and crafted-NAME.dig
(what dig printed for them). dig runs as the dig-parity replay runs it:
+tcp +nocookie, +dnssec when the OPT record has DO. Only options dig
accepts: the ones it refuses ("malformed OPT option") are unit tests in
src/rdata/edns/. Loopback only; the standard library only.
"""
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPLAY = os.path.join(HERE, "..", "..", "dig-parity", "replay.py")
QNAME = b"\x04edns\x07example\x00"
H = bytes.fromhex


def response(options, rcode=0, do=False):
    """edns.example. A with one answer and an OPT record: `options` is a list
    of (code, data); `rcode` up to 12 bits, the high 8 in the OPT record."""
    opt = b"".join(struct.pack(">HH", code, len(data)) + data for code, data in options)
    ttl = (rcode >> 4) << 24 | (0x8000 if do else 0)
    return (struct.pack(">6H", 0, 0x8400 | (rcode & 0xF), 1, 1, 0, 1) + QNAME + struct.pack(">HH", 1, 1)
            + b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 3600, 4) + bytes([192, 0, 2, 1])
            + b"\x00" + struct.pack(">HHIH", 41, 1232, ttl, len(opt)) + opt)


CASES = {
    # NSID (RFC 5001): bytes that are not text, and the empty query form.
    "nsid-bytes": [(3, b'a"b\\c d\x00\x7f\xff')],
    "nsid-utf8": [(3, "é".encode())],
    "nsid-empty": [(3, b"")],
    # CLIENT-SUBNET (RFC 7871): prefixes on and off byte boundaries, IPv6
    # forms BIND prints its own way, a scope, FAMILY 0.
    "subnet-v4": [(8, H("00011900c0000280")), (8, H("00012000c0000201")), (8, H("00010000"))],
    "subnet-v4-scope": [(8, H("00011810c00002"))],
    "subnet-v6": [(8, H("0002380020010db8000000")), (8, H("00024030") + H("20010db800010002")),
                  (8, H("00020000")), (8, H("000210000001"))],
    "subnet-v6-embedded-v4": [(8, H("00028000") + bytes(12) + H("c0000201")),
                              (8, H("00028000") + bytes(10) + H("ffffc0000201")),
                              (8, H("00027000") + bytes(13) + H("01"))],
    "subnet-family-0": [(8, H("00000000"))],
    # EXPIRE (RFC 7314): the query form and durations.
    "expire": [(9, b""), (9, struct.pack(">I", 0)), (9, struct.pack(">I", 61)), (9, struct.pack(">I", 90000)),
               (9, struct.pack(">I", 1209600)), (9, struct.pack(">I", 4294967295))],
    # COOKIE (RFC 7873; RFC 9018 Appendix A.1's answer): client only, 16
    # and 32 bytes of server cookie.
    "cookie-client": [(10, H("2464c4abcf10c957"))],
    "cookie-rfc9018": [(10, H("2464c4abcf10c957010000005cf79f111f8130c3eee29480"))],
    "cookie-longest": [(10, bytes(range(1, 41)))],
    # TCP KEEPALIVE (RFC 7828): none, units of 100 ms, the largest, and a
    # length dig shows as bytes.
    "keepalive": [(11, b""), (11, H("0000")), (11, H("0001")), (11, H("0064")), (11, H("ffff"))],
    "keepalive-odd-length": [(11, H("01")), (11, H("010203"))],
    # PADDING (RFC 7830): empty, one byte, bytes that are not zero.
    "padding": [(12, b""), (12, b"\x00"), (12, b"abc")],
    # KEY-TAG (RFC 8145).
    "key-tag": [(14, H("4f66")), (14, H("4f669728"))],
    # EDE (RFC 8914): every code 0 to 31 and one past, then texts.
    "ede-codes": [(15, struct.pack(">H", code)) for code in list(range(32)) + [65535]],
    "ede-text": [(15, H("0006") + b"bad sig"), (15, H("0012") + b"policy: blocked by the operator"),
                 (15, H("0100") + b"abc"), (15, H("0006"))],
    "ede-text-controls": [(15, H("0006") + b'a"b\\c d\x00\x7f\x09x'), (15, H("0003") + b"abc\x00")],
    "ede-text-utf8": [(15, H("0006") + "é€😀 à la".encode())],
    # Codes dig names but this crate has no view for, and unknown ones.
    "untyped": [(16, H("0102")), (17, H("0304")),
                (1, H("0001000200030000000000000001000000e1")),
                (5, H("080d0e")), (6, H("0102")), (7, H("01")), (13, b"\x00"),
                (0, H("0102")), (65001, b""), (65001, bytes(range(100)))],
    # Several options in one message, in order, with DO set.
    "mixed": [(3, b"ns1"), (10, H("2464c4abcf10c957")), (15, H("0012")), (3, b"ns2"), (12, bytes(8))],
}
RCODES = [16, 17, 22, 23, 24, 26, 100, 3841, 4095]


def main():
    out = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else HERE)
    os.makedirs(out, exist_ok=True)
    cases = [(name, response(options, do=name == "mixed")) for name, options in CASES.items()]
    cases += [("rcode-%d" % rcode, response([(3, b"x")], rcode=rcode)) for rcode in RCODES]
    with tempfile.TemporaryDirectory() as scratch:
        portfile = os.path.join(scratch, "ports")
        server = subprocess.Popen([sys.executable, REPLAY, "serve", "--portfile", portfile, "--slots", "1"])
        try:
            for _ in range(100):
                if os.path.exists(portfile):
                    break
                time.sleep(0.1)
            ports = json.load(open(portfile))
            control = socket.create_connection(("127.0.0.1", ports["control"]), 5).makefile("rwb")

            def call(line):
                control.write(line.encode() + b"\n")
                control.flush()
                return control.readline().decode().strip()

            for name, msg in cases:
                assert call("SET 0 " + msg.hex()) == "OK"
                do = ["+dnssec"] if name == "mixed" else []
                cmd = ["dig", "-p", str(ports["slots"][0]), "@127.0.0.1", "+tcp", "+nocookie", "+tries=1",
                       "+time=5", *do, "-q", "edns.example.", "-c", "CLASS1", "-t", "TYPE1"]
                dig = subprocess.run(cmd, capture_output=True, text=True, check=True)
                queries = json.loads(call("GET 0"))
                if len(queries) != 1 or ";; Got answer:" not in dig.stdout:
                    raise SystemExit("craft.py: %s: dig got no answer:\n%s" % (name, dig.stdout))
                if ";; Got bad packet" in dig.stdout:
                    raise SystemExit("craft.py: %s: dig refused it" % name)
                sent = bytes.fromhex(queries[0])[:2] + msg[2:]
                with open(os.path.join(out, "crafted-%s.bin" % name), "wb") as f:
                    f.write(sent)
                with open(os.path.join(out, "crafted-%s.dig" % name), "w") as f:
                    f.write(dig.stdout)
                print("crafted %s (%d bytes)" % (name, len(sent)))
        finally:
            server.kill()
            server.wait()


if __name__ == "__main__":
    main()
