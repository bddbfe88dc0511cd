#!/usr/bin/python3
"""Dig parity: does dnswire print each record exactly as dig prints it?

dig cannot decode a file, so each stored response is replayed to dig by a
tiny server on 127.0.0.1, and dnswire's printer (the `decode` example) is
run on the same bytes. Loopback only; the standard library only.

    replay.py serve --portfile FILE [--slots N]
        Starts the replay server: N slots, each a UDP and a TCP port on
        127.0.0.1 (the same number), plus a TCP control port. Writes
        {"control": PORT, "slots": [PORT, ...]} to FILE once listening, then
        serves until killed. A slot holds the message(s) to answer with and
        the question they answer; a query with exactly that question (bytes
        of the name included, so case and escapes count) gets them, ID
        rewritten to the query's; any other query gets REFUSED and is logged.
        Control lines: `SET SLOT HEX[,HEX...]` (a whole AXFR when several),
        `GET SLOT` (the queries the slot saw since SET, as JSON).

    replay.py compare --portfile FILE --decode PATH --scratch DIR
                      [--report FILE] [--min-identical PERCENT] [--opt-must-match]
                      CORPUS...
        Replays every message of every CORPUS to dig through the server and
        compares dig's record lines with dnswire's, section by section.
        CORPUS is a file framed as DNS over TCP (`*.tcp`: two-byte length,
        message, repeated), a single message (any other file), or a
        directory of `*.bin` (and `*.tcp`) files. The OPT pseudo-section
        ("; EDNS:" and one line an option) is compared line by line too.
        Writes the full report to FILE and a summary to stdout; exits 1
        only when --min-identical is given and the share of records printed
        identically is below it, or --opt-must-match is given and an OPT
        pseudo-section differs.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import re
import socket
import struct
import subprocess
import sys
import threading
import time

# ---------------------------------------------------------------- wire bits

TYPE_AXFR, TYPE_IXFR, TYPE_OPT, TYPE_SOA = 252, 251, 41, 6


class WireError(Exception):
    pass


def read_name(msg, off):
    """Returns (uncompressed wire name, offset after the name)."""
    labels, end, hops, total = [], None, 0, 0
    while True:
        if off >= len(msg):
            raise WireError("name runs past the end")
        n = msg[off]
        if n >= 0xC0:
            if off + 1 >= len(msg):
                raise WireError("pointer runs past the end")
            if end is None:
                end = off + 2
            off = ((n & 0x3F) << 8) | msg[off + 1]
            hops += 1
            if hops > 127:
                raise WireError("pointer loop")
            continue
        if n >= 0x40:
            raise WireError("bad label type")
        if off + 1 + n > len(msg):
            raise WireError("label runs past the end")
        labels.append(msg[off:off + 1 + n])
        total += 1 + n
        if total > 255:
            raise WireError("name longer than 255")
        off += 1 + n
        if n == 0:
            return b"".join(labels), (end if end is not None else off)


def name_to_text(wire):
    """Presentation form that dig parses back to exactly these bytes."""
    out, off = [], 0
    while wire[off]:
        n = wire[off]
        label = wire[off + 1:off + 1 + n]
        out.append("".join(
            "\\" + chr(b) if chr(b) in '.\\"()$;@' else
            chr(b) if 0x21 <= b <= 0x7E else "\\%03d" % b for b in label))
        off += 1 + n
    return ".".join(out) + "." if out else "."


def parse(msg):
    """A light walk over the message: header, question, and each record's
    section and type, plus what dig needs to know about EDNS. Raises
    WireError if the walk fails."""
    if len(msg) < 12:
        raise WireError("shorter than a header")
    mid, flags, qd, an, ns, ar = struct.unpack(">6H", msg[:12])
    off, questions = 12, []
    for _ in range(qd):
        name, off = read_name(msg, off)
        if off + 4 > len(msg):
            raise WireError("question runs past the end")
        qtype, qclass = struct.unpack(">HH", msg[off:off + 4])
        questions.append((name, qtype, qclass))
        off += 4
    records, opt = [], None
    for section, count in (("ANSWER", an), ("AUTHORITY", ns), ("ADDITIONAL", ar)):
        for _ in range(count):
            _, off = read_name(msg, off)
            if off + 10 > len(msg):
                raise WireError("record runs past the end")
            rtype, rclass, ttl, rdlen = struct.unpack(">HHIH", msg[off:off + 10])
            off += 10 + rdlen
            if off > len(msg):
                raise WireError("rdata runs past the end")
            records.append((section, rtype))
            if rtype == TYPE_OPT and section == "ADDITIONAL":
                opt = {"version": (ttl >> 16) & 0xFF, "do": bool(ttl & 0x8000)}
    return {"flags": flags, "questions": questions, "records": records, "opt": opt,
            "trailing": len(msg) - off}


def frames(data):
    off = 0
    while off < len(data):
        if off + 2 > len(data):
            raise WireError("stray byte after the last frame")
        n = struct.unpack(">H", data[off:off + 2])[0]
        if off + 2 + n > len(data):
            raise WireError("last frame cut short")
        yield data[off + 2:off + 2 + n]
        off += 2 + n


# ------------------------------------------------------------------- server

class Slot:
    def __init__(self):
        self.lock = threading.Lock()
        self.responses, self.question, self.queries = [], None, []


def parse_question_only(msg):
    """(wire name, type, class) of the single question of a message, or None."""
    if len(msg) < 12 or struct.unpack(">H", msg[4:6])[0] != 1:
        return None
    try:
        name, off = read_name(msg, 12)
    except WireError:
        return None
    if off + 4 > len(msg):
        return None
    return (name,) + struct.unpack(">HH", msg[off:off + 4])


def refused(query):
    """REFUSED echoing the query's question (or no question if unreadable)."""
    key = parse_question_only(query)
    flags = struct.unpack(">H", query[2:4])[0] if len(query) >= 4 else 0
    flags = 0x8000 | (flags & 0x7900) | 5
    mid = query[:2] if len(query) >= 2 else b"\0\0"
    if key is None:
        return mid + struct.pack(">5H", flags, 0, 0, 0, 0)
    return mid + struct.pack(">5H", flags, 1, 0, 0, 0) + key[0] + struct.pack(">HH", key[1], key[2])


def answer(slot, query, stream):
    """The messages to send back for one query."""
    key = parse_question_only(query)
    with slot.lock:
        slot.queries.append(query.hex())
        responses, expected = list(slot.responses), slot.question
    if not responses or key != expected:
        return [refused(query)]
    out = [query[:2] + r[2:] for r in responses]
    if not stream:
        # Over UDP: only the first, cut to a header with TC when too large.
        r = out[0]
        if len(r) > 65507:
            r = r[:2] + bytes([r[2] | 0x02, r[3]]) + bytes(8)
        out = [r]
    return out


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return buf


def serve_tcp_conn(conn, slot):
    with conn:
        try:
            while True:
                n = struct.unpack(">H", recv_exact(conn, 2))[0]
                query = recv_exact(conn, n)
                for r in answer(slot, query, True):
                    conn.sendall(struct.pack(">H", len(r)) + r)
        except (EOFError, OSError):
            pass


def serve_tcp(listener, slot):
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve_tcp_conn, args=(conn, slot), daemon=True).start()


def serve_udp(sock, slot):
    while True:
        query, client = sock.recvfrom(65535)
        for r in answer(slot, query, False):
            sock.sendto(r, client)


def serve_control(listener, slots):
    def handle(conn):
        with conn, conn.makefile("rwb") as f:
            for line in f:
                words = line.decode().split()
                try:
                    slot = slots[int(words[1])]
                    if words[0] == "SET":
                        msgs = [bytes.fromhex(h) for h in words[2].split(",")] if len(words) > 2 else []
                        with slot.lock:
                            slot.responses = msgs
                            slot.question = parse_question_only(msgs[0]) if msgs else None
                            slot.queries = []
                        reply = "OK"
                    elif words[0] == "GET":
                        with slot.lock:
                            reply = json.dumps(slot.queries)
                    else:
                        reply = "ERR unknown command"
                except (IndexError, ValueError) as e:
                    reply = "ERR %s" % e
                f.write(reply.encode() + b"\n")
                f.flush()

    while True:
        conn, _ = listener.accept()
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


def bind_pair():
    """A TCP listener and a UDP socket on the same free port of 127.0.0.1."""
    for _ in range(100):
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        t.bind(("127.0.0.1", 0))
        port = t.getsockname()[1]
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            u.bind(("127.0.0.1", port))
        except OSError:
            t.close()
            u.close()
            continue
        t.listen(16)
        return port, t, u
    raise SystemExit("replay.py: no free port pair on 127.0.0.1")


def serve(args):
    slots, ports = [], []
    for _ in range(args.slots):
        port, t, u = bind_pair()
        slot = Slot()
        slots.append(slot)
        ports.append(port)
        threading.Thread(target=serve_tcp, args=(t, slot), daemon=True).start()
        threading.Thread(target=serve_udp, args=(u, slot), daemon=True).start()
    control = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    control.bind(("127.0.0.1", 0))
    control.listen(16)
    threading.Thread(target=serve_control, args=(control, slots), daemon=True).start()
    tmp = args.portfile + ".tmp"
    with open(tmp, "w") as f:
        json.dump({"control": control.getsockname()[1], "slots": ports}, f)
    os.rename(tmp, args.portfile)
    while True:
        time.sleep(3600)


# ------------------------------------------------------------------ compare

SECTION_HEADER = re.compile(r"^;; (QUESTION|ANSWER|AUTHORITY|ADDITIONAL) SECTION:$|^;; (TSIG|SIG0|OPT) PSEUDOSECTION:$")
COOKIE_VERDICT = re.compile(r"^(; COOKIE: [0-9a-f]*) \((good|bad)\)$")


def sections(text, xfr=False):
    """Record lines by section from dig-style output. In a transfer's output
    (no section headers) every record line counts as ANSWER. The OPT
    pseudo-section's lines ("; EDNS: ...", one an option) come as "OPT",
    a COOKIE's "(good)" or "(bad)" cut: dig adds it only when it sent a
    cookie itself."""
    out = collections.OrderedDict()
    current = "ANSWER" if xfr else None
    for line in text.splitlines():
        m = SECTION_HEADER.match(line)
        if m:
            current = m.group(1) or m.group(2)
            continue
        if not line.strip():
            if not xfr:
                current = None
            continue
        if line.startswith(";"):
            if current == "QUESTION":
                out.setdefault("QUESTION", []).append(line)
            elif current == "OPT" and line.startswith("; "):
                out.setdefault("OPT", []).append(COOKIE_VERDICT.sub(r"\1", line))
            continue
        if current is None:
            out.setdefault("UNSECTIONED", []).append(line)
        else:
            out.setdefault(current, []).append(line)
    return out


class Dig:
    def __init__(self, idn):
        self.idn = idn

    def command(self, port, item):
        name, qtype, qclass = item["question"]
        cmd = ["dig", "-p", str(port), "@127.0.0.1", "+nocookie", "+tries=1", "+time=5"]
        cmd += self.idn
        if item["xfr"]:
            # dig asks for a transfer over TCP by itself; +noedns as the
            # transfers in this corpus came without OPT, else dig's query
            # has EDNS and the reply none, which dig accepts silently.
            cmd += ["+noedns"] if item["opt"] is None else []
        else:
            cmd += ["+tcp"]
            opt = item["opt"]
            if opt is None:
                cmd += ["+noedns"]
            else:
                if opt["version"]:
                    cmd += ["+edns=%d" % opt["version"], "+noednsnegotiation"]
                if opt["do"]:
                    cmd += ["+dnssec"]
        cmd += ["-q", name_to_text(name), "-c", "CLASS%d" % qclass, "-t", "TYPE%d" % qtype]
        return cmd


def probe_idn():
    """+noidnin/+noidnout where dig knows them: names go in and out as bytes."""
    opts = []
    for opt in ("+noidnin", "+noidnout"):
        r = subprocess.run(["dig", opt, "-v"], capture_output=True, text=True)
        if r.returncode == 0 and "Invalid option" not in r.stderr + r.stdout:
            opts.append(opt)
    return opts


def load(corpora):
    """Items to replay: a single message with one question, or a whole
    AXFR (consecutive messages, the first asking AXFR and opening with the
    SOA, up to the one whose last answer is the closing SOA)."""
    items, skipped, inputs = [], collections.Counter(), []
    for corpus in corpora:
        if os.path.isdir(corpus):
            for f in sorted(os.listdir(corpus)):
                if f.endswith((".bin", ".tcp")):
                    inputs.append((os.path.join(corpus, f), None))
        else:
            inputs.append((corpus, None))
    for path, _ in inputs:
        data = open(path, "rb").read()
        if path.endswith(".tcp"):
            msgs = []
            try:
                for m in frames(data):
                    msgs.append(m)
            except WireError as e:
                skipped["%s: %s" % (path, e)] += 1
        else:
            msgs = [data]
        i = 0
        while i < len(msgs):
            where = "%s#%d" % (path, i) if path.endswith(".tcp") else path
            msg = msgs[i]
            try:
                info = parse(msg)
            except WireError as e:
                info = None
                q = parse_question_only(msg)
                if q is None:
                    skipped["no readable question (%s)" % e] += 1
                    i += 1
                    continue
                # Malformed after the question: dig and dnswire both still
                # get it; EDNS is unknown, so dig's default (EDNS 0).
                info = {"questions": [q], "records": [], "opt": {"version": 0, "do": False}}
            qs = info["questions"]
            if len(qs) != 1:
                skipped["%d questions%s" % (len(qs), ", not part of an AXFR" if not qs else "")] += 1
                i += 1
                continue
            answers = [t for s, t in info["records"] if s == "ANSWER"]
            if qs[0][1] == TYPE_AXFR and answers[:1] == [TYPE_SOA]:
                group, j, done = [msg], i, len(answers) >= 2 and answers[-1] == TYPE_SOA
                while not done and j + 1 < len(msgs):
                    try:
                        nxt = parse(msgs[j + 1])
                    except WireError:
                        break
                    if nxt["questions"] not in ([], qs):
                        break
                    j += 1
                    group.append(msgs[j])
                    a = [t for s, t in nxt["records"] if s == "ANSWER"]
                    done = a[-1:] == [TYPE_SOA]
                if not done:
                    skipped["AXFR without its closing SOA"] += 1
                    i += 1
                    continue
                items.append({"where": where, "msgs": group, "question": qs[0], "opt": info["opt"],
                              "xfr": True, "records": None})
                i = j + 1
                continue
            if qs[0][1] in (TYPE_AXFR, TYPE_IXFR):
                skipped["AXFR/IXFR response that is not a complete transfer"] += 1
                i += 1
                continue
            items.append({"where": where, "msgs": [msg], "question": qs[0], "opt": info["opt"],
                          "xfr": False, "records": info["records"]})
            i += 1
    return items, skipped


class Control:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), 5)
        self.f = self.sock.makefile("rwb")

    def call(self, line):
        self.f.write(line.encode() + b"\n")
        self.f.flush()
        return self.f.readline().decode().strip()


DIG_NOISE = (";; global options", ";; Got answer", ";; ->>HEADER<<-", ";; flags:", ";; Query time",
             ";; SERVER:", ";; WHEN:", ";; MSG SIZE", ";; XFR size",
             ";; WARNING: recursion requested but not available", ";; OPT PSEUDOSECTION",
             ";; QUESTION SECTION", ";; ANSWER SECTION", ";; AUTHORITY SECTION", ";; ADDITIONAL SECTION",
             ";; TSIG PSEUDOSECTION", ";; SIG0 PSEUDOSECTION")


def run_one(item, index, slot, port, control, dig, decode, scratch):
    """Replays one item; returns a dict of what dig and dnswire printed."""
    res = {"where": item["where"], "xfr": item["xfr"], "problems": []}
    r = control.call("SET %d %s" % (slot, ",".join(m.hex() for m in item["msgs"])))
    if r != "OK":
        res["problems"].append("control: " + r)
        return res
    cmd = dig.command(port, item)
    res["cmd"] = " ".join(cmd)
    p = subprocess.run(cmd, capture_output=True, text=True, errors="surrogateescape")
    queries = json.loads(control.call("GET %d" % slot))
    res["dig_rc"] = p.returncode
    want = item["question"]
    if not queries:
        res["problems"].append("dig sent no query")
    else:
        got = [parse_question_only(bytes.fromhex(q)) for q in queries]
        if any(g != want for g in got):
            res["problems"].append("dig's question differs from the stored one: %r vs %r" % (got[0], want))
        if len(queries) > 1:
            res["problems"].append("dig asked %d times" % len(queries))
    out = p.stdout
    # What dig says beyond the records: its ";;" remarks (other than the
    # usual header and trailer) and anything on stderr.
    for line in out.splitlines():
        if line.startswith(";;") and not line.startswith(DIG_NOISE):
            res["problems"].append("dig: " + line.strip())
    for line in p.stderr.splitlines():
        if line.strip():
            res["problems"].append("dig (stderr): " + line.strip())
    if item["xfr"]:
        ok = ";; XFR size:" in out
        m = re.search(r";; XFR size: (\d+) records \(messages (\d+)", out)
        if m and int(m.group(2)) != len(item["msgs"]):
            res["problems"].append("dig read %s of %d messages" % (m.group(2), len(item["msgs"])))
    else:
        ok = ";; Got answer:" in out
        m = re.search(r";; MSG SIZE  rcvd: (\d+)", out)
        if m and int(m.group(1)) != len(item["msgs"][0]):
            res["problems"].append("dig got %s bytes, stored %d" % (m.group(1), len(item["msgs"][0])))
    res["dig_ok"] = ok and p.returncode == 0 and queries and all(
        parse_question_only(bytes.fromhex(q)) == want for q in queries)
    res["dig"] = sections(out, xfr=item["xfr"]) if ok else None
    if res["dig"] is not None:
        # Did dig print every record the message holds (OPT aside)?
        if item["xfr"]:
            want_n = 0
            for m in item["msgs"]:
                try:
                    want_n += sum(1 for s, _ in parse(m)["records"] if s == "ANSWER")
                except WireError:
                    want_n = None
                    break
        elif item["records"]:
            want_n = sum(1 for s, t in item["records"] if not (s == "ADDITIONAL" and t == TYPE_OPT))
        else:
            want_n = None
        got_n = sum(len(v) for k, v in res["dig"].items() if k not in ("QUESTION", "OPT"))
        if want_n is not None and got_n != want_n:
            res["problems"].append("dig printed %d of %d records" % (got_n, want_n))
    # dnswire on the same bytes, one run per message.
    ours, errors = collections.OrderedDict(), []
    for k, msg in enumerate(item["msgs"]):
        path = os.path.join(scratch, "msg-%d-%d.bin" % (index, k))
        with open(path, "wb") as f:
            f.write(msg)
        q = subprocess.run([decode, path], capture_output=True, text=True, errors="surrogateescape")
        os.unlink(path)
        if q.returncode != 0:
            errors.append(q.stderr.strip() or "exit status %d" % q.returncode)
            continue
        for sec, lines in sections(q.stdout).items():
            if item["xfr"] and sec != "ANSWER":
                continue  # dig prints only the answers of a transfer
            ours.setdefault(sec, []).extend(lines)
    res["errors"] = errors
    res["ours"] = ours if not errors else None
    return res


def rtype_of(line):
    f = line.split()
    return f[3] if len(f) >= 4 else "?"


def compare(args):
    ports = json.load(open(args.portfile))
    items, skipped = load(args.corpus)
    dig = Dig(probe_idn())
    jobs = min(len(ports["slots"]), max(1, args.jobs))
    controls = [Control(ports["control"]) for _ in range(jobs)]
    free = list(range(jobs))
    free_lock = threading.Lock()
    started = time.monotonic()

    def task(index_item):
        index, item = index_item
        with free_lock:
            slot = free.pop()
        try:
            return run_one(item, index, slot, ports["slots"][slot], controls[slot], dig, args.decode, args.scratch)
        finally:
            with free_lock:
                free.append(slot)

    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        results = list(pool.map(task, enumerate(items)))
    elapsed = time.monotonic() - started

    st = collections.Counter()
    by_type = collections.OrderedDict()  # type -> {"total", "differ", "ws_only", "example"}
    refusals = collections.Counter()
    refusal_examples = {}
    dig_failures, problems = [], collections.Counter()
    problem_examples = {}
    count_mismatch = []
    question_diffs = []
    opt_diffs = []

    def typ(t):
        return by_type.setdefault(t, {"total": 0, "differ": 0, "ws_only": 0, "example": None})

    for item, res in zip(items, results):
        st["messages replayed"] += len(item["msgs"])
        st["transfers" if item["xfr"] else "single messages"] += 1
        for p in res["problems"]:
            key = re.sub(r"\d+", "N", p) if p.startswith(("dig got", "dig printed", "dig read")) else p
            problems[key] += 1
            problem_examples.setdefault(key, res["where"])
        if res.get("errors"):
            for e in res["errors"]:
                key = re.sub(r"\(\d+ bytes\)", "(N bytes)", e)
                refusals[key] += 1
                refusal_examples.setdefault(key, res["where"])
            st["messages dnswire refused"] += len(res["errors"])
        if not res.get("dig_ok") or res.get("dig") is None:
            dig_failures.append(res)
            continue
        if res["ours"] is None:
            st["records dig printed in messages dnswire refused"] += sum(
                len(v) for k, v in res["dig"].items() if k not in ("QUESTION", "OPT"))
            continue
        st["messages compared"] += len(item["msgs"])
        for sec in ("OPT", "QUESTION", "ANSWER", "AUTHORITY", "ADDITIONAL", "TSIG", "SIG0", "UNSECTIONED"):
            d, o = res["dig"].get(sec, []), res["ours"].get(sec, [])
            if sec == "OPT":
                # The pseudo-section line by line: "; EDNS:", then the options.
                n = max(len(d), len(o))
                st["OPT lines compared"] += n
                same = sum(1 for k in range(n) if k < len(d) and k < len(o) and d[k] == o[k])
                st["OPT lines identical"] += same
                if same != n:
                    opt_diffs.append((res["where"], o, d))
                continue
            if sec == "QUESTION":
                st["question lines compared"] += max(len(d), len(o))
                if d == o:
                    st["question lines identical"] += max(len(d), len(o))
                else:
                    question_diffs.append((res["where"], o, d))
                continue
            if len(d) != len(o):
                count_mismatch.append((res["where"], sec, len(o), len(d)))
            for k in range(max(len(d), len(o))):
                dl = d[k] if k < len(d) else None
                ol = o[k] if k < len(o) else None
                t = typ(rtype_of(dl if dl is not None else ol))
                t["total"] += 1
                st["records compared"] += 1
                if dl == ol:
                    st["records identical"] += 1
                    st["records identical after whitespace"] += 1
                    continue
                if dl is not None and ol is not None and dl.split() == ol.split():
                    st["records identical after whitespace"] += 1
                    t["ws_only"] += 1
                t["differ"] += 1
                if t["example"] is None or (t["example"][3] and not (dl is not None and ol is not None
                                                                      and dl.split() == ol.split())):
                    # Prefer an example that differs in more than spacing.
                    t["example"] = (res["where"], ol, dl,
                                    dl is not None and ol is not None and dl.split() == ol.split())

    compared = st["records compared"]
    ident = st["records identical"]
    share = 100.0 * ident / compared if compared else 0.0
    wshare = 100.0 * st["records identical after whitespace"] / compared if compared else 0.0

    lines = []
    w = lines.append
    w("dig parity report")
    w("=================")
    w("corpora: " + " ".join(args.corpus))
    w("dig: %s; options: +nocookie +tries=1 +time=5 %s, plus +tcp/+noedns/+dnssec per message"
      % (subprocess.run(["dig", "-v"], capture_output=True, text=True).stderr.strip(), " ".join(dig.idn)))
    w("replay time: %.1f s with %d parallel dig jobs" % (elapsed, jobs))
    w("")
    w("messages replayed:            %d (%d single messages, %d AXFRs replayed whole)"
      % (st["messages replayed"], st["single messages"], st["transfers"]))
    w("messages skipped:             %d" % sum(skipped.values()))
    for k, v in skipped.most_common():
        w("    %5d  %s" % (v, k))
    w("messages dig could not print: %d" % sum(len(r_item["msgs"]) for r_item, r in zip(items, results)
                                                if r in dig_failures))
    w("messages dnswire refused:     %d" % st["messages dnswire refused"])
    for k, v in refusals.most_common():
        w("    %5d  %s   (e.g. %s)" % (v, k, refusal_examples[k]))
    if st["records dig printed in messages dnswire refused"]:
        w("    (dig printed %d records in them, not counted below)"
          % st["records dig printed in messages dnswire refused"])
    w("messages compared:            %d" % st["messages compared"])
    w("records compared:             %d" % compared)
    w("records identical (exact):    %d  (%.2f%%)" % (ident, share))
    w("identical after split/join:   %d  (%.2f%%)" % (st["records identical after whitespace"], wshare))
    w("records differing:            %d" % (compared - ident))
    w("question lines identical:     %d of %d" % (st["question lines identical"], st["question lines compared"]))
    w("OPT pseudo-section lines identical: %d of %d (EDNS line and options; COOKIE verdicts cut)"
      % (st["OPT lines identical"], st["OPT lines compared"]))
    w("")
    w("Differing records by type (type as dig prints it; 'spacing only' = equal after split/join)")
    w("-----------------------------------------------------------------------------------------")
    rows = sorted(((t, v) for t, v in by_type.items() if v["differ"]), key=lambda tv: -tv[1]["differ"])
    if not rows:
        w("none")
    for t, v in rows:
        w("%-12s %5d of %5d differ (%d spacing only)" % (t, v["differ"], v["total"], v["ws_only"]))
    w("")
    for t, v in rows:
        where, ol, dl, _ = v["example"]
        w("%s  (%s)" % (t, where))
        w("  ours: %s" % (repr(ol) if ol is not None else "<no line>"))
        w("  dig:  %s" % (repr(dl) if dl is not None else "<no line>"))
    w("")
    w("Identical types: " + ", ".join("%s (%d)" % (t, v["total"]) for t, v in by_type.items() if not v["differ"]))
    if count_mismatch:
        w("")
        w("Sections where the record counts differ (ours vs dig): %d" % len(count_mismatch))
        for where, sec, o, d in count_mismatch[:20]:
            w("  %s %s: %d vs %d" % (where, sec, o, d))
    if opt_diffs:
        w("")
        w("OPT pseudo-sections differing: %d" % len(opt_diffs))
        for where, o, d in opt_diffs[:20]:
            w("  %s\n    ours: %r\n    dig:  %r" % (where, o, d))
    if question_diffs:
        w("")
        w("Question lines differing: %d" % len(question_diffs))
        for where, o, d in question_diffs[:10]:
            w("  %s\n    ours: %r\n    dig:  %r" % (where, o, d))
    if problems:
        w("")
        w("What dig (or the replay) reported beyond the records")
        for k, v in problems.most_common():
            w("  %5d  %s   (e.g. %s)" % (v, k, problem_examples[k]))
    if dig_failures:
        w("")
        w("Messages not compared (dig printed no answer, or the replay went wrong)")
        for r in dig_failures[:50]:
            w("  %s: exit %s; %s" % (r["where"], r.get("dig_rc"), "; ".join(r["problems"]) or "no answer printed"))
            if r.get("cmd"):
                w("    %s" % r["cmd"])
    report = "\n".join(lines) + "\n"
    if args.report:
        with open(args.report, "w") as f:
            f.write(report)

    # The short summary.
    print("dig parity: %d messages compared, %d records compared, %d identical (%.2f%%), "
          "%d identical after whitespace split (%.2f%%)"
          % (st["messages compared"], compared, ident, share, st["records identical after whitespace"], wshare))
    print("  OPT pseudo-section lines: %d of %d identical" % (st["OPT lines identical"], st["OPT lines compared"]))
    print("  skipped %d messages, dig could not print %d, dnswire refused %d; %.1f s"
          % (sum(skipped.values()), sum(len(i["msgs"]) for i, r in zip(items, results) if r in dig_failures),
             st["messages dnswire refused"], elapsed))
    for k, v in refusals.most_common():
        print("  refused %dx: %s" % (v, k))
    for t, v in rows:
        print("  %-12s %5d of %5d differ" % (t, v["differ"], v["total"]))
    if args.report:
        print("  full report: %s" % args.report)
    if args.min_identical is not None and share < args.min_identical:
        print("dig parity: %.2f%% identical is below --min-identical %s" % (share, args.min_identical))
        return 1
    if args.opt_must_match and opt_diffs:
        print("dig parity: %d OPT pseudo-sections differ (--opt-must-match)" % len(opt_diffs))
        return 1
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--portfile", required=True)
    s.add_argument("--slots", type=int, default=4)
    c = sub.add_parser("compare")
    c.add_argument("--portfile", required=True)
    c.add_argument("--decode", required=True)
    c.add_argument("--scratch", required=True)
    c.add_argument("--report")
    c.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    c.add_argument("--min-identical", type=float)
    c.add_argument("--opt-must-match", action="store_true")
    c.add_argument("corpus", nargs="+")
    args = ap.parse_args()
    if args.cmd == "serve":
        serve(args)
    else:
        try:
            status = compare(args)
        except Exception:  # a crash is not "below --min-identical"
            import traceback
            traceback.print_exc()
            status = 2
        sys.exit(status)


if __name__ == "__main__":
    main()
