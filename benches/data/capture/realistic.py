#!/usr/bin/python3
"""Zones and questions for the benchmark's realistic corpus (loopback only).

    realistic.py zones DIR              writes DIR/NAME.zone for every zone, and
                                        prints knotd's `zone:` entries
    realistic.py wait PORT              waits until 127.0.0.1:PORT serves them all
    realistic.py ask PORT [PORT...] OUT asks every question of every zone to
                                        the servers on 127.0.0.1:PORT in turn
                                        and writes each response to OUT,
                                        framed as on DNS over TCP (two-byte
                                        length, then the message)

The zones are shaped like those of small organisations: mail with glue or
at a hosting provider, SPF/DMARC/DKIM text, service records, a web farm, CDN
CNAME chains, a delegated subzone, CAA; a third signed with RSA-2048, a
third with ECDSA P-256, a third unsigned. The questions are those a mail
server, a browser and a resolver ask: about two in three with the DO bit.
Everything is drawn from a fixed seed, so the zones are the same each run
(the signatures are not).

The client is written here rather than run as dig so that 1 000 questions
take seconds: a UDP query with EDNS (1232-byte buffer), repeated over TCP
when the answer comes back truncated, as resolvers do.
"""
import random
import socket
import struct
import sys
import time

WORDS = """northwind contoso fabrikam tailspin wingtip litware proseware
adatum fourthcoffee lucerne margie treyresearch woodgrove alpineski
blueyonder cohovineyard consolidated graphicdesign humongous
relecloud southridge wideworld worldwideimporters bellows fernhill
oakmere riverbend stonegate thornbury westbrook""".split()
TLDS = ["example", "test", "example", "co.test"]
PROVIDERS = ["mail-hosting.example", "mx.cloudmail.test", "inbound.mailco.example"]


def zone_names():
    return [f"{word}.{TLDS[i % len(TLDS)]}." for i, word in enumerate(WORDS)]


def zone_text(index, origin, rng):
    lines = [f"$ORIGIN {origin}", "$TTL 3600"]
    add = lines.append
    add(f"@ SOA ns1 hostmaster {2026110100 + index} 7200 3600 1209600 300")
    ns_count = rng.choice([2, 2, 3, 4])
    for n in range(1, ns_count + 1):
        add(f"@ NS ns{n}")
        add(f"ns{n} A 192.0.2.{50 + n}")
        add(f"ns{n} AAAA 2001:db8:{index:x}:53::{n}")
    add("@ NS ns.dns-provider.example.")
    add(f"@ A 198.51.100.{index + 10}")
    add(f"@ AAAA 2001:db8:{index:x}::80")
    # Mail: own exchanges with glue, or a hosting provider, or null MX.
    style = index % 5
    if style == 4 and index % 10 == 9:
        add("@ MX 0 .")
    elif style in (0, 1, 2):
        for n in range(1, rng.randint(1, 5) + 1):
            add(f"@ MX {10 * n} mx{n}")
            add(f"mx{n} A 192.0.2.{20 + n}")
            if rng.random() < 0.7:
                add(f"mx{n} AAAA 2001:db8:{index:x}:25::{n}")
    else:
        provider = rng.choice(PROVIDERS)
        for n in range(1, rng.randint(2, 4) + 1):
            add(f"@ MX {n * 5} {origin.split('.')[0]}-{n}.{provider}.")
    add(f'@ TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.{rng.choice(PROVIDERS)} ~all"')
    token = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") for _ in range(43))
    add(f'@ TXT "site-verification={token}"')
    add(f'_dmarc TXT "v=DMARC1; p={rng.choice(["none", "quarantine", "reject"])}; rua=mailto:dmarc@{origin[:-1]}"')
    key = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(392))
    add(f'selector1._domainkey TXT "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA{key[:180]}" "{key[180:]}IDAQAB"')
    add('@ CAA 0 issue "letsencrypt.org"')
    add(f'@ CAA 0 iodef "mailto:security@{origin[:-1]}"')
    add("_submission._tcp SRV 0 1 587 mx1")
    add("_imaps._tcp SRV 0 1 993 mx1")
    add("_imaps._tcp SRV 10 1 993 mx2")
    add("_sip._tls SRV 100 1 5061 sip")
    add(f"sip A 192.0.2.{100 + index}")
    # A web farm.
    for n in range(rng.randint(2, 16)):
        add(f"app A 203.0.113.{n + 1}")
    for n in range(rng.randint(0, 8)):
        add(f"app AAAA 2001:db8:{index:x}:a::{n + 1:x}")
    # www: a CNAME into a CDN chain of one to five links, inside the zone.
    links = rng.randint(1, 5)
    chain = ["www"] + [".".join(["edge"] + [f"l{k}" for k in range(j, 0, -1)] + ["cdn"]) for j in range(1, links)]
    chain.append(f"pop{index}.cdn")
    for here, there in zip(chain, chain[1:]):
        add(f"{here} CNAME {there}")
    add(f"{chain[-1]} A 198.51.100.{200 + index % 50}")
    add(f"{chain[-1]} AAAA 2001:db8:{index:x}:cd::1")
    # A delegated subzone with glue.
    add("dept NS ns1.dept")
    add("dept NS ns2.dept")
    add("ns1.dept A 192.0.2.201")
    add("ns2.dept A 192.0.2.202")
    return "\n".join(lines) + "\n"


def questions(origin, rng):
    """(name, type, dnssec) a client, a mail server or a resolver would ask."""
    asked = [
        ("", "SOA"), ("", "NS"), ("", "MX"), ("", "MX"), ("", "A"), ("", "AAAA"), ("", "TXT"),
        ("", "CAA"), ("", "DNSKEY"), ("www", "A"), ("www", "A"), ("www", "AAAA"), ("app", "A"),
        ("app", "AAAA"), ("mx1", "A"), ("mx1", "AAAA"), ("mx2", "A"), ("_dmarc", "TXT"),
        ("selector1._domainkey", "TXT"), ("_imaps._tcp", "SRV"), ("_submission._tcp", "SRV"),
        ("_sip._tls", "SRV"), ("nosuchhost", "A"), ("mx1", "TXT"), ("host.dept", "A"), ("dept", "DS"),
        ("ns1", "A"),
    ]
    for prefix, rtype in asked:
        name = f"{prefix}.{origin}" if prefix else origin
        yield name, rtype, rtype in ("DNSKEY", "DS") or rng.random() < 0.9


TYPES = {"A": 1, "NS": 2, "SOA": 6, "MX": 15, "TXT": 16, "AAAA": 28, "SRV": 33, "DS": 43, "DNSKEY": 48, "CAA": 257}


def query(qid, name, rtype, dnssec):
    wire = b"".join(bytes([len(label)]) + label.encode() for label in name.rstrip(".").split(".")) + b"\0"
    header = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 1)
    opt = b"\0" + struct.pack("!HHIH", 41, 1232, 0x8000 if dnssec else 0, 0)
    return header + wire + struct.pack("!HH", TYPES[rtype], 1) + opt


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError("server closed the connection")
        buf += chunk
    return buf


def ask(port, message):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.settimeout(5)
        udp.sendto(message, ("127.0.0.1", port))
        response = udp.recv(65535)
    if response[2] & 0x02:  # TC: ask again over TCP
        with socket.create_connection(("127.0.0.1", port), timeout=5) as tcp:
            tcp.sendall(struct.pack("!H", len(message)) + message)
            (length,) = struct.unpack("!H", recv_exact(tcp, 2))
            response = recv_exact(tcp, length)
    if response[:2] != message[:2]:
        raise RuntimeError("response ID does not match")
    return response


def wait_until_loaded(port, origins):
    """Waits (30 s at most) until the server answers for every zone: signed
    zones load only once signed."""
    for origin in origins:
        for _ in range(150):
            try:
                response = ask(port, query(1, origin, "SOA", False))
                if response[3] & 0x0F == 0 and struct.unpack("!H", response[6:8])[0] > 0:
                    break
            except (OSError, EOFError):
                pass
            time.sleep(0.2)
        else:
            raise RuntimeError(f"127.0.0.1:{port} does not serve {origin}")


def main():
    if sys.argv[1] == "zones":
        directory = sys.argv[2]
        rng = random.Random(5321)
        for index, origin in enumerate(zone_names()):
            with open(f"{directory}/{origin}zone", "w") as f:
                f.write(zone_text(index, origin, rng))
            policy = ["rsa", "rsa-nsec3", "ecdsa", "rsa", None][index % 5]
            print(f"  - domain: {origin}\n    file: {origin}zone")
            if policy:
                print(f"    dnssec-signing: on\n    dnssec-policy: {policy}")
    elif sys.argv[1] == "ask":
        ports, out = [int(p) for p in sys.argv[2:-1]], sys.argv[-1]
        for port in ports:
            wait_until_loaded(port, zone_names())
        rng = random.Random(1035)
        count = total = 0
        with open(out, "wb") as f:
            for origin in zone_names():
                for name, rtype, dnssec in questions(origin, rng):
                    # The servers take turns.
                    port = ports[count % len(ports)]
                    count += 1
                    response = ask(port, query(count & 0xFFFF, name, rtype, dnssec))
                    total += len(response)
                    f.write(struct.pack("!H", len(response)) + response)
        print(f"{count} responses, {total} bytes, mean {total / count:.0f} bytes")
    elif sys.argv[1] == "wait":
        wait_until_loaded(int(sys.argv[2]), zone_names())
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
