#!/usr/bin/env python3
"""Runs real dig and examples/dig.rs with the same arguments against the
same servers (started by compare.sh) and requires the same output.

Usage: compare.py DIG_EXAMPLE KNOT BIND UNBOUND SILENT CLOSED BIND_COOKIE [--no-ipv6]

Both outputs are compared whole, line by line, after the parts that must
differ are normalised: dig's version in the header line (`DiG 9.18…` here
`dnswire dig`), message IDs, query times, the date (its format checked),
the cookies' random bytes (their lengths and dig's verdict kept), and,
for answers that went through unbound's cache, TTLs. Records are compared
as sets within each section (and within an AXFR). Everything else — flags,
rcode, counts, the recursion warning, the OPT pseudo-section and its
options (NSID, client subnet, EDE), every record, the server line with
its transport, the message size, the XFR size line, `+short` lines in
order, retry and failure messages — must be the same, and so must the
exit status and stderr. Cases that time out also compare how long each
took.
"""

import difflib
import re
import subprocess
import sys
import time

RECORD_SECTIONS = (";; ANSWER SECTION:", ";; AUTHORITY SECTION:", ";; ADDITIONAL SECTION:")
WHEN = re.compile(r"^;; WHEN: (Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d [A-Z]+ \d{4}$")


def normalise(text, ttl):
    """The output with what must differ replaced, records sorted."""
    out, problems = [], []
    # The record lines of the section being read: after a section's title,
    # or after dig's header (where a transfer's records come).
    records = None

    def flush():
        nonlocal records
        if records is not None:
            out.extend(sorted(records))
            records = None

    for line in text.split("\n"):
        if line.startswith("; <<>> "):
            if not re.match(r"^; <<>> (DiG 9\.18\.\S+|dnswire dig) <<>> ", line):
                problems.append(f"header line: {line!r}")
            # The arguments are checked apart: they are not always the same.
            line = "; <<>> DIG <<>> ARGUMENTS"
        line = re.sub(r"(->>HEADER<<-.*, id: )\d+$", r"\1ID", line)
        line = re.sub(r"^;; Query time: \d+ msec$", ";; Query time: N msec", line)
        if line.startswith(";; WHEN: "):
            if not WHEN.match(line):
                problems.append(f"date line: {line!r}")
            line = ";; WHEN: DATE"
        cookie = re.match(r"^; COOKIE: ([0-9a-f]+)( \((good|echoed|bad)\))?$", line)
        if cookie:
            server = len(cookie.group(1)) - 16
            line = f"; COOKIE: client + {server // 2} bytes of server cookie{cookie.group(2) or ''}"
        if line == ";; global options: +cmd" or line in RECORD_SECTIONS:
            flush()
            out.append(line)
            records = []
            continue
        if records is not None:
            if line == "" or line.startswith(";"):
                # A blank line ends a section; a comment, a transfer's records.
                flush()
            else:
                if ttl:
                    fields = line.split()
                    line = " ".join(fields[:1] + ["TTL"] + fields[2:])
                records.append(line)
                continue
        out.append(line)
    flush()
    return out, problems


def run(argv):
    started = time.monotonic()
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout, done.stderr, time.monotonic() - started


class Case:
    def __init__(self, name, server, args, ours=None, ttl=False, stderr="all", timing=False, short=False,
                 quiet=False):
        self.name, self.server, self.args = name, server, args
        self.ours = ours  # our arguments, when dig spells it otherwise
        self.ttl = ttl  # drop TTLs (answers through unbound's cache)
        self.stderr = stderr  # "all", or "first" line only (usage text)
        self.timing = timing  # compare the time taken (timeouts)
        self.short = short  # +short: line for line ("set": in any order), nothing normalised
        self.quiet = quiet  # dig prints nothing at all


def main():
    example = sys.argv[1]
    knot, bind, unbound, silent, closed, bind_cookie = sys.argv[2:8]
    ipv6 = "--no-ipv6" not in sys.argv
    at = lambda port: ["-p", port, "@127.0.0.1"]
    K, B, U, S, C = at(knot), at(bind), at(unbound), at(silent), at(closed)
    BC = at(bind_cookie)
    cases = [
        # Plain questions and the ways of naming the type and class.
        Case("A, defaults", K, ["host.dig.test"]),
        Case("-t MX (additional addresses)", K, ["-t", "MX", "dig.test"]),
        Case("bare IXFR without serial: warned, ignored", K, ["host.dig.test", "IXFR"]),
        Case("-t IXFR: ignored", K, ["-t", "IXFR", "host.dig.test"]),
        Case("bare type after the name", K, ["dig.test", "MX"]),
        Case("bare type before the name", B, ["MX", "dig.test"]),
        Case("bare type, lowercase", B, ["dig.test", "txt", "+nocookie"]),
        Case("-c CH -t TXT (NSID by id.server)", B, ["-c", "CH", "-t", "TXT", "id.server"]),
        # named's CHAOS view limits each name to 3 responses a second:
        # one name for each case.
        Case("bare class and type", B, ["version.bind", "CH", "TXT"]),
        Case("-q NAME", K, ["-q", "www.dig.test"]),
        Case("-p attached, -tTYPE", ["-p" + knot, "@127.0.0.1"], ["-tAAAA", "host.dig.test"]),
        Case("no name: . NS (REFUSED, EDE)", K, []),
        Case("no name, bare class: . CH NS", B, ["CH"]),
        Case("invalid -t type ignored with a warning", K, ["-t", "BOGUS", "host.dig.test"]),
        Case("extra type: the last one wins", B, ["MX", "TXT", "txt.dig.test"]),
        Case("@server:port", K, ["host.dig.test"], ours=["@127.0.0.1:" + knot, "host.dig.test"]),
        # Reverse lookups.
        Case("-x IPv4", K, ["-x", "192.0.2.10"]),
        Case("-x IPv6", B, ["-x", "2001:db8::10"]),
        Case("-x partial address", K, ["-x", "10.0"]),
        Case("-x +short through unbound", U, ["-x", "192.0.2.20", "+short"], short=True),
        # Negative answers.
        Case("NXDOMAIN", K, ["nope.dig.test"]),
        Case("NXDOMAIN +dnssec (NSEC proof)", K, ["nope.dig.test", "+dnssec"]),
        Case("NODATA", K, ["host.dig.test", "MX"]),
        Case("NODATA at an empty non-terminal", B, ["empty.dig.test"]),
        Case("NXDOMAIN +short: nothing", K, ["nope.dig.test", "+short"], short=True, quiet=True),
        # Transports, truncation and EDNS sizes.
        Case("+tcp", K, ["host.dig.test", "+tcp"]),
        Case("+vc", B, ["host.dig.test", "+vc"]),
        Case("TC, +notcp: retried over TCP", K, ["big.dig.test", "+notcp"]),
        Case("TC without EDNS (512 bytes)", B, ["big.dig.test", "+noedns"]),
        Case("+bufsize=4096: no TC", K, ["big.dig.test", "+bufsize=4096"]),
        Case("+bufsize=512: TC", B, ["big.dig.test", "+bufsize=512"]),
        Case("+bufsize=1000", K, ["host.dig.test", "+bufsize=1000"]),
        Case("TC +short: no retry line", K, ["big.dig.test", "+short"], short=True),
        Case("+noedns", K, ["host.dig.test", "+noedns"]),
        Case("+noedns +edns", K, ["host.dig.test", "+noedns", "+edns"]),
        Case("+noedns +edns=0", B, ["host.dig.test", "+noedns", "+edns=0"]),
        Case("+noedns +nsid: EDNS again", B, ["host.dig.test", "+noedns", "+nsid"]),
        Case("+dnssec +noedns: EDNS kept", K, ["host.dig.test", "+dnssec", "+noedns"]),
        # DNSSEC and the header bits.
        Case("+dnssec (RRSIG)", K, ["host.dig.test", "+dnssec"]),
        Case("+dnssec +short (RRSIG rdata)", K, ["dig.test", "MX", "+dnssec", "+short"], short=True),
        Case("+dnssec through unbound (AD)", U, ["host.dig.test", "+dnssec"], ttl=True),
        Case("unbound: AD by default (+adflag)", U, ["www.dig.test"], ttl=True),
        Case("unbound: +adflag", U, ["txt.dig.test", "TXT", "+adflag"], ttl=True),
        Case("unbound: +noadflag", U, ["www.dig.test", "+noadflag"], ttl=True),
        Case("unbound: +cd", U, ["dig.test", "MX", "+cd"], ttl=True),
        Case("unbound: +cd +dnssec +noadflag", U, ["host.dig.test", "AAAA", "+cd", "+dnssec", "+noadflag"], ttl=True),
        Case("unbound: +norec (from its cache)", U, ["host.dig.test", "+norec"], ttl=True),
        Case("unbound: +norec, not cached", U, ["backup.dig.test", "AAAA", "+norec"], ttl=True),
        Case("unbound: +rec, CNAME chased", U, ["www.dig.test", "+rec"], ttl=True),
        Case("unbound: +short, CNAME chain", U, ["www.dig.test", "+short"], short=True),
        Case("+norec: no recursion warning", K, ["host.dig.test", "+norec"]),
        Case("+norecurse +recurse +ad +noad", K, ["host.dig.test", "+norecurse", "+recurse", "+ad", "+noad"]),
        Case("+cdflag +adflag to knotd", K, ["host.dig.test", "+cdflag", "+adflag"]),
        # EDNS options.
        Case("+nsid (named)", B, ["host.dig.test", "+nsid"]),
        Case("+nsid (knotd)", K, ["host.dig.test", "+nsid"]),
        Case("+subnet=ADDR/LEN", B, ["host.dig.test", "+subnet=192.0.2.0/24"]),
        Case("+subnet, bits past the prefix", K, ["host.dig.test", "+subnet=192.0.2.10/24"]),
        Case("+subnet=IPv6", B, ["host.dig.test", "+subnet=2001:db8::1/48"]),
        Case("+subnet +noedns: EDNS kept", K, ["host.dig.test", "+subnet=10.0.0.0/8", "+noedns"]),
        Case("+cookie (named: good)", B, ["host.dig.test", "+cookie"]),
        Case("+nocookie", B, ["host.dig.test", "+nocookie"]),
        Case("+noedns +cookie: EDNS again", B, ["host.dig.test", "+noedns", "+cookie"]),
        Case("+cookie to knotd (none back)", K, ["txt.dig.test", "TXT", "+cookie"]),
        Case("BADCOOKIE: asked again with the server cookie", BC, ["host.dig.test"]),
        Case("BADCOOKIE, +short", BC, ["txt.dig.test", "TXT", "+short"], short=True),
        Case("+nocookie to a server that wants cookies", BC, ["host.dig.test", "+nocookie"]),
        Case("+tcp to a server that wants cookies", BC, ["host.dig.test", "+tcp"]),
        Case("every option at once", B,
             ["host.dig.test", "AAAA", "+tcp", "+dnssec", "+nsid", "+cookie", "+cd", "+noadflag", "+norec",
              "+bufsize=2048", "+subnet=198.51.100.0/24", "+time=2", "+tries=2"]),
        # +short.
        Case("+short", K, ["host.dig.test", "+short"], short=True),
        Case("+short MX", K, ["dig.test", "MX", "+short"], short=True),
        # named turns its RRsets round: the same lines, in any order.
        Case("+short MX (named)", B, ["dig.test", "MX", "+short"], short="set"),
        Case("+short TXT", K, ["txt.dig.test", "TXT", "+short"], short=True),
        Case("+short +nsid: the records only", B, ["host.dig.test", "+short", "+nsid"], short=True),
        # Zone transfers.
        Case("AXFR (knotd, signed)", K, ["dig.test", "AXFR"]),
        Case("-t AXFR (named)", B, ["-t", "AXFR", "dig.test"]),
        Case("AXFR +notcp: TCP still", K, ["2.0.192.in-addr.arpa", "AXFR", "+notcp"]),
        Case("AXFR +short", B, ["dig.test", "AXFR", "+short"], short=True),
        Case("AXFR refused (unbound)", U, ["dig.test", "AXFR"]),
        Case("AXFR of a zone not served", K, ["nope.example", "AXFR"]),
        # Timeouts and errors: exit status 9, dig's messages, the time taken.
        Case("+time=1 +tries=2: no reply", S, ["host.dig.test", "+time=1", "+tries=2"], timing=True),
        Case("+time=1 +retry=0: no reply", S, ["host.dig.test", "+time=1", "+retry=0"], timing=True),
        Case("+tcp +time=1 +tries=1: no reply", S, ["host.dig.test", "+tcp", "+time=1", "+tries=1"], timing=True),
        Case("+short, no reply", S, ["host.dig.test", "+short", "+time=1", "+tries=1"], timing=True),
        Case("refused port, UDP", C, ["host.dig.test", "+tries=2"]),
        Case("refused port, TCP", C, ["host.dig.test", "+tcp", "+tries=2"]),
        Case("+time and +tries with an answer", K, ["host.dig.test", "+time=1", "+tries=1"]),
        # Usage errors: exit status 1 or 10, the message on stderr.
        Case("unknown +option", K, ["host.dig.test", "+bogus"], stderr="first"),
        Case("unknown -option", K, ["-Z", "host.dig.test"], stderr="first"),
        Case("+time without a value", K, ["host.dig.test", "+time"], stderr="first"),
        Case("+bufsize out of range", K, ["host.dig.test", "+bufsize=70000"]),
        Case("+tries not a number", K, ["host.dig.test", "+tries=x"]),
        Case("-p not a number", ["-p", "abc", "@127.0.0.1"], ["host.dig.test"]),
    ]
    if ipv6:
        cases.append(Case("@[::1]:port (named on ::1)", ["-p", bind, "@::1"], ["host.dig.test"],
                          ours=["@[::1]:" + bind, "host.dig.test"]))
        cases.append(Case("@::1 -p port", ["-p", bind, "@::1"], ["-x", "192.0.2.10"]))
    else:
        print("dig-options: the 2 cases asking named on ::1: not run (no ::1, or DIG_OPTIONS_NO_IPV6), not counted")

    same = 0
    for case in cases:
        dig_args = case.server + case.args
        our_args = case.ours if case.ours is not None else dig_args
        dig = run(["dig"] + dig_args)
        ours = run([example] + our_args)
        problems = []
        if dig[0] != ours[0]:
            problems.append(f"exit status: dig {dig[0]}, dnswire {ours[0]}")
        if case.short:
            dig_out, ours_out = dig[1].split("\n"), ours[1].split("\n")
            if case.short == "set":
                dig_out, ours_out = sorted(dig_out), sorted(ours_out)
        else:
            (dig_out, p1), (ours_out, p2) = normalise(dig[1], case.ttl), normalise(ours[1], case.ttl)
            problems += [f"dig {p}" for p in p1] + [f"dnswire {p}" for p in p2]
            # Each header line names the arguments it was given.
            for who, args, text in (("dig", dig_args, dig[1]), ("dnswire", our_args, ours[1])):
                banner = [line for line in text.split("\n") if line.startswith("; <<>> ")]
                if banner and not banner[0].endswith(" <<>> " + " ".join(args)):
                    problems.append(f"{who} header line does not give its arguments: {banner[0]!r}")
        diff = list(difflib.unified_diff(dig_out, ours_out, "dig", "dnswire", lineterm="", n=2))
        dig_err, our_err = dig[2].splitlines(), ours[2].splitlines()
        if case.stderr == "first":
            dig_err, our_err = dig_err[:1], our_err[:1]
        if dig_err != our_err:
            problems.append(f"stderr: dig {dig_err!r}, dnswire {our_err!r}")
        if case.timing and abs(dig[3] - ours[3]) > 0.6:
            problems.append(f"time taken: dig {dig[3]:.2f} s, dnswire {ours[3]:.2f} s")
        if case.quiet != (not dig[1] and not dig[2]):
            problems.append("dig printed nothing" if not case.quiet else "dig printed something")
        if diff or problems:
            print(f"dig-options: {case.name}: DIFFERENT ({' '.join(our_args)})")
            for problem in problems:
                print(f"    {problem}")
            for line in diff:
                print(f"    {line}")
        else:
            same += 1
            print(f"dig-options: {case.name}: same")
    print(f"dig-options: {same} of {len(cases)} cases the same as dig")
    return 0 if same == len(cases) else 1


if __name__ == "__main__":
    sys.exit(main())
