"""Asks knotd and examples/serve.rs the same queries with dig and kdig and
requires the same answers: rcode, flags, and each section as a set of
record lines. Also: no warning from either tool, and AXFR listing the same
records from both. Usage: compare.py KNOT_PORT SERVE_PORT."""
import re
import subprocess
import sys

knot, serve = sys.argv[1], sys.argv[2]
Z = "serve.test."
M = "mail.test."
QUERIES = [
    # (name, type, extra options)
    (Z, "SOA", []), (Z, "NS", []), ("www." + Z, "A", []), ("WWW." + Z, "AAAA", []),
    ("www." + Z, "MX", []),                      # NODATA
    ("nothere." + Z, "A", []),                   # NXDOMAIN
    ("alias." + Z, "A", []), ("chain." + Z, "AAAA", []), ("out." + Z, "A", []),
    ("alias." + Z, "CNAME", []),
    ("x.wild." + Z, "A", []), ("x.y.wild." + Z, "TXT", []), ("x.wild." + Z, "MX", []),
    ("wild." + Z, "A", []),                      # empty non-terminal
    ("c.ent." + Z, "A", []), ("b.c.ent." + Z, "A", []), ("a.b.c.ent." + Z, "A", []),
    ("z.cwild." + Z, "A", []),
    ("sub." + Z, "NS", []), ("host.sub." + Z, "A", []), ("ns.sub." + Z, "A", []), ("sub." + Z, "A", []),
    ("mx." + Z, "MX", []), ("_smtp._tcp." + Z, "SRV", []),
    ("big." + Z, "TXT", ["+bufsize=512", "+ignore"]), ("big." + Z, "TXT", ["+noedns", "+ignore"]),
    ("big." + Z, "TXT", ["+tcp"]), ("big." + Z, "TXT", ["+bufsize=4096"]),
    ("www." + Z, "A", ["+noedns"]), ("www." + Z, "A", ["+dnssec"]), ("www." + Z, "A", ["+tcp"]),
    ("www.other.test.", "A", []),                # REFUSED: not served
    (M, "MX", []), ("www." + M, "A", []), ("loop1." + M, "A", []), ("nullmx." + M, "MX", []),
]

def run(tool, port, name, qtype, extra):
    if tool == "dig":
        cmd = ["dig", "@127.0.0.1", "-p", port, "+norec", "+time=2", "+tries=1", "+nocookie"] + extra + [name, qtype]
    else:
        cmd = ["kdig", "@127.0.0.1", "-p", port, "+norec", "+time=2", "+retry=0", "+nocookie"] + extra + [name, qtype]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    return out

def normal(tool, text):
    warnings = [l for l in text.splitlines() if "warning" in l.lower() and not l.startswith(";; ->>")]
    status = re.search(r"status: (\w+)", text)
    flags = re.search(r";; [Ff]lags: ([a-z ]*)[;]", text)
    sections = {}
    current = None
    for line in text.splitlines():
        m = re.match(r";; (ANSWER|AUTHORITY|ADDITIONAL) SECTION:", line)
        if m:
            current = m.group(1)
            sections[current] = []
            continue
        if not line.strip() or line.startswith(";"):
            if not line.strip():
                current = None
            continue
        if current:
            sections[current].append(" ".join(line.lower().split()))
    return {
        "status": status.group(1) if status else None,
        "flags": sorted((flags.group(1) if flags else "").split()),
        "sections": {k: sorted(v) for k, v in sections.items()},
    }, warnings

failures = []
compared = 0
# What knotd's answers were, so that the comparison cannot pass on empty
# or uniform output: each kind of answer must have come up.
seen = {"tc": 0, "referral": 0, "NXDOMAIN": 0, "REFUSED": 0, "NODATA": 0, "wildcard": 0}
for name, qtype, extra in QUERIES:
    for tool in ("dig", "kdig"):
        a_text, b_text = run(tool, knot, name, qtype, extra), run(tool, serve, name, qtype, extra)
        a, a_warn = normal(tool, a_text)
        b, b_warn = normal(tool, b_text)
        compared += 1
        label = f"{tool} {name} {qtype} {' '.join(extra)}"
        if b_warn:
            failures.append(f"{label}: warnings from serve: {b_warn}")
        if a["status"] is None or b["status"] is None:
            failures.append(f"{label}: no answer (knot {a['status']}, serve {b['status']})")
        elif a != b:
            failures.append(f"{label}:\n  knotd: {a}\n  serve: {b}")
        seen["tc"] += "tc" in a["flags"]
        seen["referral"] += a["status"] == "NOERROR" and "aa" not in a["flags"]
        seen["NXDOMAIN"] += a["status"] == "NXDOMAIN"
        seen["REFUSED"] += a["status"] == "REFUSED"
        seen["NODATA"] += a["status"] == "NOERROR" and "ANSWER" not in a["sections"] and "aa" in a["flags"]
        seen["wildcard"] += any(l.startswith("x.wild.") for l in a["sections"].get("ANSWER", []))
for zone in (Z, M):
    for tool in ("dig", "kdig"):
        lists = []
        for port in (knot, serve):
            cmd = [tool, "@127.0.0.1", "-p", port, zone, "AXFR"]
            out = subprocess.run(cmd, capture_output=True, text=True).stdout
            records = sorted(" ".join(l.lower().split()) for l in out.splitlines() if l.strip() and not l.startswith(";"))
            lists.append(records)
        compared += 1
        if not lists[0] or lists[0] != lists[1]:
            failures.append(f"{tool} AXFR {zone}: {len(lists[0])} records from knotd, {len(lists[1])} from serve; "
                            f"differ: {sorted(set(lists[0]) ^ set(lists[1]))[:6]}")
for kind, count in seen.items():
    if count < 2:
        failures.append(f"only {count} answers of kind {kind} from knotd: the queries no longer test it")
print("kinds of answer compared:", seen)
for failure in failures:
    print("FAIL", failure)
print(f"serve: {compared - len(failures)} of {compared} answers the same from knotd and examples/serve.rs")
sys.exit(1 if failures else 0)
