#!/usr/bin/env python3
"""Checks dnswire's zone reader (examples/zone.rs) against two independent
readers: dnspython's dns.zone.from_file and BIND's named-compilezone (whose
output dnspython then reads), record by record on the wire bytes; and that
every bad zone is refused by BIND, by dnspython and by dnswire, at the same
line.

Usage: check.py ZONE_BINARY [GOOD_ZONE:ORIGIN[:READER] ...]
  ZONE_BINARY is the built `zone` example. Without zones, checks the ones
  under tests/data/zone/good and tests/data/capture, example.com's signed by
  dnssec-signzone (NSEC and NSEC3), and every file under tests/data/zone/bad.
  READER (dnspython or BIND) limits the comparison to that reader.
Prints one line per zone and exits 1 on any difference.
"""

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

import dns.name
import dns.rdataclass
import dns.rdatatype
import dns.zone

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Zone, origin, and the readers it is compared with.
BOTH = ("dnspython", "BIND")
GOOD = [
    ("tests/data/zone/good/syntax.zone", "syntax.example.", BOTH),
    ("tests/data/zone/good/no-ttl-soa.zone", "nottl.example.", BOTH),
    # dnspython 2.9 reads neither MINFO nor MG (nor several others there).
    ("tests/data/capture/types.example.zone", "types.example.", ("BIND",)),
    ("tests/data/capture/example.com.zone", "example.com.", BOTH),
    ("tests/data/capture/2.0.192.in-addr.arpa.zone", "2.0.192.in-addr.arpa.", BOTH),
]
BAD_DIR = "tests/data/zone/bad"
BIND_IGNORE = ["-k", "ignore", "-n", "ignore", "-m", "ignore", "-M", "ignore", "-S", "ignore", "-T", "ignore", "-W", "ignore"]


def ours(binary, path, origin):
    """Our records as (owner wire, ttl, class, type, rdata wire) tuples."""
    run = subprocess.run([binary, "--generic", "--origin", origin, os.path.basename(path)],
                         cwd=os.path.dirname(path), capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError("dnswire refused it: " + run.stderr.strip())
    records = []
    for line in run.stdout.splitlines():
        owner, ttl, rdclass, rdtype, rdata = line.split("\t", 4)
        m = re.fullmatch(r"\\# (\d+)((?: [0-9A-F]+)*)", rdata)
        if not m:
            raise RuntimeError("not generic RDATA: " + line)
        data = bytes.fromhex(m.group(2).replace(" ", ""))
        if len(data) != int(m.group(1)):
            raise RuntimeError("length differs from the data: " + line)
        records.append((dns.name.from_text(owner).to_wire().hex(), int(ttl),
                        dns.rdataclass.from_text(rdclass), dns.rdatatype.from_text(rdtype), data.hex()))
    return records


def from_dnspython(path, origin):
    cwd = os.getcwd()
    os.chdir(os.path.dirname(path))
    try:
        zone = dns.zone.from_file(os.path.basename(path), origin=origin, relativize=False,
                                  check_origin=False, allow_include=True)
    finally:
        os.chdir(cwd)
    return {(name.to_wire().hex(), ttl, rd.rdclass, rd.rdtype, rd.to_wire().hex())
            for name, ttl, rd in zone.iterate_rdatas()}


def from_bind(path, origin):
    """BIND's records, from named-compilezone's raw output (version 1): a
    24-byte header, then each RRset as total length u32, class u16, type
    u16, covered u16, TTL u32, count u32, owner length u16 and owner, and
    each RDATA as length u16 and bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.raw")
        run = subprocess.run(["named-compilezone", "-q", "-i", "none", *BIND_IGNORE, "-F", "raw=1", "-o", out,
                              origin, os.path.basename(path)],
                             cwd=os.path.dirname(path), capture_output=True, text=True)
        if run.returncode != 0:
            raise RuntimeError("named-compilezone refused it: " + (run.stdout + run.stderr).strip())
        raw = open(out, "rb").read()
    fmt, version = struct.unpack_from(">II", raw, 0)
    if (fmt, version) != (2, 1):
        raise RuntimeError(f"raw format {fmt} version {version}")
    records = set()
    pos = 24
    while pos < len(raw):
        total, rdclass, rdtype, _covers, ttl, count, namelen = struct.unpack_from(">IHHHIIH", raw, pos)
        owner = raw[pos + 20:pos + 20 + namelen]
        at = pos + 20 + namelen
        for _ in range(count):
            (length,) = struct.unpack_from(">H", raw, at)
            records.add((owner.hex(), ttl, rdclass, rdtype, raw[at + 2:at + 2 + length].hex()))
            at += 2 + length
        pos += total
    return records


READERS = {"dnspython": from_dnspython, "BIND": from_bind}


def check_good(binary, path, origin, readers=BOTH):
    mine = ours(binary, path, origin)
    ok = True
    for reader in readers:
        theirs = READERS[reader](path, origin)
        if set(mine) != theirs:
            ok = False
            for r in sorted(set(mine) - theirs):
                print(f"  only dnswire (not {reader}): {r}")
            for r in sorted(theirs - set(mine)):
                print(f"  only {reader}: {r}")
    print(f"ok  {os.path.relpath(path, ROOT)}: {len(mine)} records ({len(set(mine))} distinct), "
          f"the same from {' and '.join(readers)}" if ok else f"DIFFERENT  {os.path.relpath(path, ROOT)}")
    return ok, len(mine)


def bind_line(path, origin):
    run = subprocess.run(["named-checkzone", "-i", "none", *BIND_IGNORE, origin, os.path.basename(path)],
                         cwd=os.path.dirname(path), capture_output=True, text=True)
    out = run.stdout + run.stderr
    if run.returncode == 0:
        return None, out
    m = re.search(re.escape(os.path.basename(path)) + r":(\d+):", out)
    return (int(m.group(1)) if m else 0), out


def dnspython_line(path, origin):
    try:
        from_dnspython(path, origin)
    except Exception as e:  # every refusal counts
        m = re.search(r":(\d+): ", str(e))
        return (int(m.group(1)) if m else 0), f"{type(e).__name__}: {e}"
    return None, ""


def our_line(binary, path, origin):
    run = subprocess.run([binary, "--origin", origin, os.path.basename(path)],
                         cwd=os.path.dirname(path), capture_output=True, text=True)
    if run.returncode == 0:
        return None, run.stderr
    m = re.search(re.escape(os.path.basename(path)) + r":(\d+): ", run.stderr)
    return (int(m.group(1)) if m else 0), run.stderr.strip().splitlines()[0] if run.stderr.strip() else ""


def check_bad(binary, path, origin="bad.example."):
    bind, bind_out = bind_line(path, origin)
    python, python_out = dnspython_line(path, origin)
    mine, mine_out = our_line(binary, path, origin)
    name = os.path.relpath(path, ROOT)
    if bind is None or python is None:
        print(f"NOT BAD  {name}: BIND {'accepts' if bind is None else 'refuses'}, "
              f"dnspython {'accepts' if python is None else 'refuses'}")
        return False
    # The line BIND names. When it names none, dnspython's, which is often
    # one further (it counts the line break it has just read).
    if not (mine == bind or (bind == 0 and mine in (python, python - 1))):
        print(f"WRONG  {name}: dnswire {mine!r} ({mine_out}), BIND line {bind}, dnspython line {python}")
        print(f"  BIND: {bind_out.strip()}")
        print(f"  dnspython: {python_out}")
        return False
    print(f"ok  {name}: refused at line {mine} (BIND {bind}, dnspython {python}): {mine_out}")
    return True


def signed(tmp):
    """Zones signed by dnssec-signzone: example.com's with NSEC, and (its
    255-byte name leaves no room for NSEC3's hash) syntax.zone with NSEC3,
    as (path, origin, readers)."""
    if not shutil.which("dnssec-signzone"):
        print("dnssec-signzone not installed: no signed zones")
        return []
    zones = []
    keys = os.path.join(tmp, "keys")
    os.mkdir(keys)
    shutil.copy(os.path.join(ROOT, "tests/data/zone/good/syntax-include.zone"), tmp)
    for name, origin, source, extra in (
        ("nsec", "example.com.", "tests/data/capture/example.com.zone", []),
        ("nsec3", "syntax.example.", "tests/data/zone/good/syntax.zone", ["-3", "aabbccdd", "-H", "0"]),
    ):
        for flags in (["-f", "KSK"], []):
            subprocess.run(["dnssec-keygen", "-q", "-K", keys, "-a", "ECDSAP256SHA256", *flags, origin],
                           check=True, capture_output=True)
        unsigned = os.path.join(tmp, f"{name}.zone")
        shutil.copy(os.path.join(ROOT, source), unsigned)
        out = unsigned + ".signed"
        subprocess.run(["dnssec-signzone", "-q", "-S", "-K", keys, "-d", tmp, *extra, "-o", origin, "-f", out,
                        unsigned], check=True, capture_output=True, cwd=tmp)
        zones.append((out, origin, BOTH))
    return zones


def main():
    binary = os.path.abspath(sys.argv[1])
    given = []
    for arg in sys.argv[2:]:
        path, origin, *readers = arg.split(":")
        given.append((os.path.abspath(path), origin, tuple(readers) or BOTH))
    tmp = tempfile.mkdtemp()
    good = given or [(os.path.join(ROOT, p), o, r) for p, o, r in GOOD] + signed(tmp)
    ok = True
    total = 0
    for path, origin, readers in good:
        try:
            good_ok, count = check_good(binary, path, origin, readers)
            total += count
        except RuntimeError as e:
            print(f"FAILED  {os.path.relpath(path, ROOT)}: {e}")
            good_ok = False
        ok &= good_ok
    bad = 0
    shutil.rmtree(tmp)
    if len(sys.argv) == 2:
        bad_dir = os.path.join(ROOT, BAD_DIR)
        for f in sorted(os.listdir(bad_dir)):
            ok &= check_bad(binary, os.path.join(bad_dir, f))
            bad += 1
    print(f"{len(good)} zones, {total} records compared; {bad} bad zones checked: {'all agree' if ok else 'DIFFERENCES'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
