#!/usr/bin/env python3
"""Pulls every DNS message out of packet captures other projects publish, one
`.bin` file (the bare DNS message) per message, into this directory.

Usage: python3 tests/data/foreign/extract.py PROJECT FILE.pcap...

PROJECT names where the captures came from (`zeek`, `tcpdump`); a message
is written as `PROJECT-CAPTURE-N.bin`, N counting the messages of that
capture. Identical messages (a capture that repeats one) are written once.

Reads pcap (either byte order, micro- or nanosecond) and pcapng; link types
Ethernet (with 802.1Q tags), FDDI (LLC/SNAP), Linux cooked v1 and v2, raw IP, BSD loopback
and PPP; IPv4 and IPv6 (hop-by-hop, routing and destination options
skipped; fragments are not reassembled and are dropped). UDP on ports 53,
5353 (mDNS), 5355 (LLMNR) and 8053; TCP on 53 and 8053, the bytes of each
direction put together in sequence order and split at the two-byte length
prefixes (RFC 1035 §4.2.2). Nothing is decoded as DNS here: a message is
whatever bytes the transport carried, however broken.
"""
import os
import struct
import sys

UDP_PORTS = {53, 5353, 5355, 8053}
TCP_PORTS = {53, 8053}


def packets(data):
    """(link type, frame bytes) for each packet of a pcap or pcapng file."""
    magic = data[:4]
    if magic == b"\x0a\x0d\x0d\x0a":
        yield from pcapng_packets(data)
        return
    for endian, known in (("<", (0xA1B2C3D4, 0xA1B23C4D)), (">", (0xA1B2C3D4, 0xA1B23C4D))):
        (value,) = struct.unpack(endian + "I", magic)
        if value in known:
            break
    else:
        raise ValueError("not a pcap or pcapng file")
    linktype = struct.unpack(endian + "I", data[20:24])[0] & 0x0FFFFFFF
    at = 24
    while at + 16 <= len(data):
        _, _, caplen, _ = struct.unpack(endian + "IIII", data[at : at + 16])
        yield linktype, data[at + 16 : at + 16 + caplen]
        at += 16 + caplen


def pcapng_packets(data):
    endian = "<"
    linktypes = []
    at = 0
    while at + 12 <= len(data):
        block_type = struct.unpack(endian + "I", data[at : at + 4])[0]
        if block_type == 0x0A0D0D0A:
            endian = "<" if data[at + 8 : at + 12] == b"\x4d\x3c\x2b\x1a" else ">"
            linktypes = []
        block_len = struct.unpack(endian + "I", data[at + 4 : at + 8])[0]
        body = data[at + 8 : at + block_len - 4]
        if block_type == 1:  # interface description
            linktypes.append(struct.unpack(endian + "H", body[:2])[0])
        elif block_type == 6:  # enhanced packet
            interface, _, _, caplen, _ = struct.unpack(endian + "IIIII", body[:20])
            yield linktypes[interface], body[20 : 20 + caplen]
        elif block_type == 3:  # simple packet
            yield linktypes[0], body[4:]
        if block_len < 12:
            break
        at += block_len


def network(linktype, frame):
    """(IP version, IP packet) of a frame, or None."""
    if linktype == 1:  # Ethernet
        ethertype, at = struct.unpack(">H", frame[12:14])[0], 14
        while ethertype in (0x8100, 0x88A8):
            ethertype, at = struct.unpack(">H", frame[at + 2 : at + 4])[0], at + 4
        return ip_of(ethertype, frame[at:])
    if linktype == 10 and frame[13:16] == b"\xaa\xaa\x03":  # FDDI, LLC/SNAP
        return ip_of(struct.unpack(">H", frame[19:21])[0], frame[21:])
    if linktype == 113:  # Linux cooked v1
        return ip_of(struct.unpack(">H", frame[14:16])[0], frame[16:])
    if linktype == 276:  # Linux cooked v2
        return ip_of(struct.unpack(">H", frame[0:2])[0], frame[20:])
    if linktype in (101, 12, 14, 228, 229):  # raw IP
        return ip_of(0x86DD if frame[:1] and frame[0] >> 4 == 6 else 0x0800, frame)
    if linktype == 0:  # BSD loopback, host byte order
        family = struct.unpack("<I", frame[:4])[0]
        return ip_of(0x0800 if family == 2 else 0x86DD, frame[4:])
    if linktype == 9:  # PPP
        at = 2 if frame[:2] == b"\xff\x03" else 0  # address and control, if there
        protocol, at = struct.unpack(">H", frame[at : at + 2])[0], at + 2
        return ip_of({0x21: 0x0800, 0x57: 0x86DD}.get(protocol, 0), frame[at:])
    return None


def ip_of(ethertype, packet):
    if ethertype == 0x0800 and len(packet) >= 20:
        header = (packet[0] & 0x0F) * 4
        total = struct.unpack(">H", packet[2:4])[0]
        flags_fragment = struct.unpack(">H", packet[6:8])[0]
        if flags_fragment & 0x3FFF:  # a fragment
            return None
        src, dst = packet[12:16], packet[16:20]
        return packet[9], src, dst, packet[header:total]
    if ethertype == 0x86DD and len(packet) >= 40:
        payload_len = struct.unpack(">H", packet[4:6])[0]
        next_header, rest = packet[6], packet[40 : 40 + payload_len]
        src, dst = packet[8:24], packet[24:40]
        while next_header in (0, 43, 60):
            next_header, rest = rest[0], rest[(rest[1] + 1) * 8 :]
        if next_header == 44:  # a fragment
            return None
        return next_header, src, dst, rest
    return None


def messages(data):
    """The DNS messages of a capture, in order."""
    streams = {}
    order = []
    for linktype, frame in packets(data):
        found = network(linktype, frame)
        if found is None:
            continue
        protocol, src, dst, segment = found
        if protocol == 17 and len(segment) >= 8:
            sport, dport, length = struct.unpack(">HHH", segment[:6])
            if sport in UDP_PORTS or dport in UDP_PORTS:
                order.append(("udp", segment[8:length]))
        elif protocol == 6 and len(segment) >= 20:
            sport, dport, seq = struct.unpack(">HHI", segment[:8])
            if sport in TCP_PORTS or dport in TCP_PORTS:
                payload = segment[(segment[12] >> 4) * 4 :]
                key = (src, sport, dst, dport)
                if key not in streams:
                    streams[key] = {}
                    order.append(("tcp", key))
                if payload:
                    streams[key].setdefault(seq, payload)
    for kind, item in order:
        if kind == "udp":
            yield item
            continue
        segments = streams[item]
        if not segments:
            continue
        first = min(segments)
        stream = bytearray()
        for seq in sorted(segments):
            offset = (seq - first) & 0xFFFFFFFF
            if offset >= len(stream):
                stream += b"\0" * (offset - len(stream)) + segments[seq]
        at = 0
        while at + 2 <= len(stream):
            length = struct.unpack(">H", stream[at : at + 2])[0]
            yield bytes(stream[at + 2 : at + 2 + length])
            at += 2 + length


def main():
    project, paths = sys.argv[1], sys.argv[2:]
    here = os.path.dirname(os.path.abspath(__file__))
    for path in paths:
        capture = os.path.basename(path).rsplit(".", 1)[0].replace(".", "-")
        seen = set()
        count = 0
        for message in messages(open(path, "rb").read()):
            if message in seen or not message:
                continue
            seen.add(message)
            count += 1
            name = f"{project}-{capture}-{count}.bin"
            with open(os.path.join(here, name), "wb") as out:
                out.write(message)
        print(f"{path}: {count} messages")


if __name__ == "__main__":
    main()
