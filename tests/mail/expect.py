#!/usr/bin/env python3
"""What examples/mx.rs --json should find for each test domain, from what
real dig says, by rules written here from the RFCs; then the example's
findings beside them.

Usage: [MAIL_VERBOSE=1] expect.py MX_EXAMPLE --csv SPECIAL_PURPOSE_CSV
           --server NAME=PORT ... --validating NAME=PORT

For each authoritative server (--server) every domain of DOMAINS is asked
without --dnssec; the validating resolver (--validating) is asked the cases
of VALIDATING, some with --dnssec (dig +dnssec: DO and AD, as the example
sets them), some without (dig +noadflag: neither). dig asks 127.0.0.1:PORT
each question the rules need (MX; AAAA and A of each exchange; -x of each
address and A/AAAA of the names its PTR records give; TXT of the policy
names; TLSA of _25._tcp.<exchange>), following CNAMEs itself, and the rules
below turn the answers into the findings: kind, canonical name, problem
codes of the domain and of each exchange, exchanges in preference order
(equal preferences as a set), addresses, reverse DNS, TLSA records, the AD
bits, policy texts, status and exit status. Nothing here comes from
dnswire. Prints "mail: <server> <domain>: same" per case, both sides of
every difference, and "mail: N of M checks the same as dig"; exits 1 unless
every case ran and agreed.
"""

import argparse
import collections
import ipaddress
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

ZONE = "broken.test."

# Every subdomain of broken.test. (see broken.test.zone), and the signed
# zones as the authoritative servers serve them (no validation there).
DOMAINS = [
    "good", "clean", "alias", "tolocalhost", "iplit", "cname", "nohost", "noaddr",
    "null", "null10", "nullplus", "duplicate", "doubled", "private", "noptr",
    "mismatch", "twospf", "twodmarc", "badsts", "badspf", "norev", "twosts", "badrpt", "tworpt",
    "badtlsa", "implicit", "nothing", "nopolicy", "policyfail", "unserved", "many",
    "missing",
]
DOMAINS = [f"{label}.{ZONE}" for label in DOMAINS] + ["signed.test.", "dane.signed.test.", "bogus.test."]
DOMAINS = [(domain, None) for domain in DOMAINS]
# The local-host cut: (domain, this host's name, as --local gives it).
DOMAINS += [(f"local.{ZONE}", f"mx.clean.{ZONE}"), (f"local.{ZONE}", f"mx1.good.{ZONE}"),
            (f"good.{ZONE}", f"mx.clean.{ZONE}")]

# The validating resolver's cases: (domain, --dnssec).
VALIDATING = [
    ("signed.test.", True),
    ("dane.signed.test.", True),
    ("bogus.test.", True),
    ("signed.test.", False),
    (f"good.{ZONE}", True),
]

# Limits of the checker, as examples/mx.rs documents them (Resolver's
# MailLimits defaults and check_mail's reverse DNS bounds).
MAX_EXCHANGES = 10
REVERSE_PER_EXCHANGE = 4
CONFIRMED_NAMES = 2
CNAME_LINKS = 8


# --- dig


def normal(name):
    """A domain name, lower case (RFC 4343), absolute."""
    name = name.lower()
    return name if name.endswith(".") else name + "."


class Answer:
    """One dig answer: rcode, AD flag and answer-section records."""

    def __init__(self, rcode, ad, records):
        self.rcode = rcode
        self.ad = ad
        self.records = records  # [(owner, type, rdata text)]


class Dig:
    """Runs dig against one server, each question once."""

    def __init__(self, port, dnssec):
        self.port = port
        self.dnssec = dnssec
        self.cache = {}

    def ask(self, name, rtype, reverse=False):
        key = (name, rtype, reverse)
        if key not in self.cache:
            flags = ["+dnssec"] if self.dnssec else ["+noadflag"]
            question = ["-x", name] if reverse else [name, rtype]
            command = ["dig", "-p", str(self.port), "@127.0.0.1", "+time=3", "+tries=2",
                       "+noall", "+comments", "+answer", *flags, *question]
            run = subprocess.run(command, capture_output=True, text=True, timeout=30)
            self.cache[key] = parse_dig(run.stdout, run.returncode)
        return self.cache[key]


def parse_dig(text, status):
    if status == 9:
        return Answer("TIMEOUT", False, [])
    if status != 0:
        raise RuntimeError(f"dig exited {status}: {text}")
    rcode, ad, records = None, False, []
    for line in text.splitlines():
        if line.startswith(";; ->>HEADER<<-"):
            rcode = line.split("status: ")[1].split(",")[0]
        elif line.startswith(";; flags:"):
            ad = "ad" in line.split(";")[2].split(":")[1].split()
        elif line and not line.startswith(";"):
            owner, _ttl, _class, rtype, rdata = line.split(None, 4)
            records.append((normal(owner), rtype, rdata.strip()))
    if rcode is None:
        raise RuntimeError(f"no header in dig's output: {text}")
    return Answer(rcode, ad, records)


class Resolved:
    """A question after its CNAMEs (RFC 1034 3.6.2, 4.3.2; RFC 6604 for the
    rcode after a chain): the records of the last name, or why none."""

    def __init__(self, error, name, rdatas, ad, aliased):
        self.error = error  # None, "nxdomain", or the failure
        self.name = name
        self.rdatas = rdatas
        self.ad = ad
        self.aliased = aliased


def resolve(dig, name, rtype, reverse=False):
    answer = dig.ask(name, rtype, reverse)
    asked = normal(reverse_name(name) if reverse else name)
    name, aliased = asked, False
    for _ in range(CNAME_LINKS + 1):
        if answer.rcode not in ("NOERROR", "NXDOMAIN"):
            return Resolved(answer.rcode, name, [], False, aliased)
        # Follow the chain as far as this answer goes.
        while True:
            rdatas = [rdata for owner, t, rdata in answer.records if owner == name and t == rtype]
            if rdatas:
                return Resolved(None, name, rdatas, answer.ad, aliased)
            cname = [rdata for owner, t, rdata in answer.records if owner == name and t == "CNAME"]
            if not cname:
                break
            name, aliased = normal(cname[0]), True
        if answer.rcode == "NXDOMAIN":
            return Resolved("nxdomain", name, [], answer.ad, aliased)
        if name == asked:
            return Resolved(None, name, [], answer.ad, aliased)  # no data
        # The chain leads beyond this answer: ask for where it leads
        # (RFC 1034 5.3.3, step 3).
        asked, answer = name, dig.ask(name, rtype)
    return Resolved("cname_chain", name, [], False, aliased)


def reverse_name(addr):
    """RFC 1035 3.5 and RFC 3596 2.5, written out."""
    addr = ipaddress.ip_address(addr)
    if addr.version == 4:
        return ".".join(reversed(str(addr).split("."))) + ".in-addr.arpa."
    return ".".join(reversed(addr.exploded.replace(":", ""))) + ".ip6.arpa."


# --- Special-purpose addresses, from IANA's registries (the CSV fixture)


def read_registry(path):
    rows = []
    for line in open(path):
        line = line.rstrip("\n")
        if line.startswith("#") or line.startswith("family,") or not line:
            continue
        fields = line.split(",")
        network = ipaddress.ip_network(fields[1])
        name = fields[2]
        # Not globally reachable, or multicast (no unicast host).
        flagged = fields[4] == "false" or name.startswith("Multicast")
        rows.append((network, flagged))
    return rows


def non_public(registry, addr):
    """The most specific registered block holding addr decides."""
    addr = ipaddress.ip_address(addr)
    holding = [(net.prefixlen, flagged) for net, flagged in registry if net.version == addr.version and addr in net]
    return bool(holding) and max(holding)[1]


# --- The rules


def ip_literal(host):
    """RFC 5321 5.1: an exchange is a host name, never an address."""
    text = host[:-1]
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return False


def localhost(host):
    """RFC 6761 6.3: localhost. and every name below it."""
    return host.split(".")[-2] == "localhost"


def doubled(host, domain):
    """The host ends with an ancestor of the domain (two labels or more)
    twice over: a zone file's missing trailing dot."""
    labels, own = host.split(".")[:-1], domain.split(".")[:-1]
    for size in range(len(own), 1, -1):
        tail = own[-size:]
        if labels[-2 * size:] == tail + tail:
            return True
    return False


def txt_text(rdata):
    """dig's TXT presentation: the quoted strings joined, escapes undone."""
    out, i, inside = bytearray(), 0, False
    while i < len(rdata):
        c = rdata[i]
        if c == '"':
            inside = not inside
        elif c == "\\":
            if rdata[i + 1:i + 4].isdigit():
                out.append(int(rdata[i + 1:i + 4]))
                i += 3
            else:
                out += rdata[i + 1].encode()
                i += 1
        elif inside:
            out += c.encode()
        i += 1
    return out.decode("utf-8", "replace")


def spf_record(text):
    """RFC 7208 4.5: "v=spf1" then a space or the end, case-insensitively."""
    return text[:6].lower() == "v=spf1" and (len(text) == 6 or text[6] == " ")


def dmarc_record(text):
    """RFC 7489 6.6.3 and the dmarc-version of 6.4: v=DMARC1, a ; or the end."""
    if not text.startswith("v"):
        return False
    rest = text[1:].lstrip(" \t")
    if not rest.startswith("="):
        return False
    rest = rest[1:].lstrip(" \t")
    if not rest.startswith("DMARC1"):
        return False
    rest = rest[6:].lstrip(" \t")
    return rest == "" or rest.startswith(";")


def field_list(text, version):
    """Fields after the version, split on ";" with optional blanks around
    (RFC 8461 3.1 sts-field-delim, RFC 8460 3 field-delim); None when the
    text does not start with the version, "" for an empty field."""
    parts = [part.strip(" \t") for part in text.split(";")]
    if parts[0] != version:
        return None
    fields = parts[1:]
    if fields and fields[-1] == "":
        fields.pop()  # a final delimiter is allowed
    return fields


def selects(version):
    """RFC 8461 3.1 and RFC 8460 3: TXT records that do not begin with the
    version and a ";" are discarded."""
    return lambda text: text.startswith(version + ";")


def alnum(text):
    return all(c.isascii() and c.isalnum() for c in text)


def mta_sts_bad(text):
    """RFC 8461 3.1: v=STSv1, then fields; sts-id = "id=" 1*32(ALPHA / DIGIT)."""
    fields = field_list(text, "v=STSv1")
    if fields is None:
        return True
    ids = []
    for field in fields:
        key, equals, value = field.partition("=")
        if not equals or not key or not value:
            return True
        if key == "id":
            ids.append(value)
    return len(ids) != 1 or not (1 <= len(ids[0]) <= 32 and alnum(ids[0]))


def tls_rpt_bad(text):
    """RFC 8460 3: v=TLSRPTv1, then rua= with mailto: or https: URIs."""
    fields = field_list(text, "v=TLSRPTv1")
    if fields is None:
        return True
    ruas = [field[4:] for field in fields if field.startswith("rua=")]
    if not ruas:
        return True
    uris = [uri.strip(" \t") for uri in ruas[0].split(",")]
    return not all(uri.startswith("mailto:") or uri.startswith("https:") for uri in uris)


SPF_MECHANISMS = {"all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"}


def spf_bad(text):
    """RFC 7208 4.6.1: terms after the version, each a directive
    ([qualifier] mechanism, 5) or a modifier (name "=" value, 6). ip4 and
    ip6 take an address and an optional prefix length (at most 32 or 128);
    include and exists a domain; all nothing."""
    for term in text.split()[1:]:
        directive = term[1:] if term[:1] in "+-~?" else term
        name = directive
        for stop in ":/=":
            name = name.split(stop)[0]
        rest = directive[len(name):]
        if rest.startswith("="):
            if directive != term or not name[:1].isalpha():
                return True
            continue
        name = name.lower()
        if name not in SPF_MECHANISMS:
            return True
        value = rest[1:] if rest.startswith(":") else None
        if name == "all" and rest:
            return True
        if name in ("include", "exists") and not value:
            return True
        if name in ("ip4", "ip6"):
            if value is None:
                return True
            address, _, length = value.partition("/")
            try:
                parsed = ipaddress.ip_address(address)
            except ValueError:
                return True
            if (parsed.version == 4) != (name == "ip4"):
                return True
            if length and not (length.isdigit() and int(length) <= (32 if name == "ip4" else 128)):
                return True
    return False


def dmarc_bad(text):
    """RFC 7489 6.3: "p" is required, one of none, quarantine, reject."""
    tags = [tag.strip(" \t") for tag in text.split(";")]
    policies = [tag[2:].strip(" \t") for tag in tags[1:] if tag.startswith("p=")]
    return not policies or policies[0].lower() not in ("none", "quarantine", "reject")


POLICIES = [
    # (key, where, which TXT records are the policy's, what is wrong with one)
    ("spf", "", spf_record, spf_bad),
    ("dmarc", "_dmarc.", dmarc_record, dmarc_bad),
    ("mta_sts", "_mta-sts.", selects("v=STSv1"), mta_sts_bad),
    ("tls_rpt", "_smtp._tls.", selects("v=TLSRPTv1"), tls_rpt_bad),
]


def tlsa_fields(rdata):
    usage, selector, matching, *data = rdata.split()
    return int(usage), int(selector), int(matching), "".join(data).upper()


def tlsa_bad(record):
    """RFC 6698 2.1 (defined values, digest lengths of 7.2 and 7.4) and RFC
    7672 3.1.3 (SMTP uses DANE-TA(2) and DANE-EE(3) only)."""
    usage, selector, matching, data = record
    if usage > 3 or selector > 1 or matching > 2:
        return True
    if {1: 32, 2: 64}.get(matching, len(data) // 2) != len(data) // 2:
        return True
    return usage < 2


def addresses(dig, host):
    """AAAA then A of a host, each address once; ("nxdomain"|failure, ...)."""
    v6, v4 = resolve(dig, host, "AAAA"), resolve(dig, host, "A")
    if "nxdomain" in (v6.error, v4.error):
        return "nxdomain", [], False
    if v6.error and v4.error:
        return v4.error, [], False
    found = []
    for resolved in (v6, v4):
        for rdata in resolved.rdatas:
            addr = str(ipaddress.ip_address(rdata))
            if addr not in found:
                found.append(addr)
    return None, found, v6.aliased or v4.aliased


def check(dig, registry, domain, local=None):
    """The findings for one domain, as a dict shaped like the example's JSON
    (exchanges grouped by preference, unordered within)."""
    mx = resolve(dig, domain, "MX")
    if mx.error:
        permanent = mx.error == "nxdomain"
        return {"domain": domain, "canonical": None, "kind": None,
                "status": "permanent_failure" if permanent else "temporary_failure",
                "exit": 3 if permanent else 2,
                "problems": ["nxdomain" if permanent else "servers_failed"],
                "exchanges": [], "policies": {key: None for key, *_ in POLICIES}, "mx_validated": False}
    canonical = mx.name
    route_problems = []
    result = {"domain": domain, "canonical": canonical, "kind": "mx", "mx_validated": mx.ad}

    # Policies, at the domain as asked.
    result["policies"] = {}
    for key, label, select, syntax in POLICIES:
        found = resolve(dig, label + domain, "TXT")
        if found.error and found.error != "nxdomain":
            route_problems.append("policy_unresolvable")
            result["policies"][key] = None
            continue
        texts = [t for t in map(txt_text, found.rdatas) if select(t)]
        result["policies"][key] = texts  # any of them may come first
        if not texts and key in ("spf", "dmarc"):
            # The checker's documented rule: SPF and DMARC are expected of
            # every mail domain, MTA-STS and TLS-RPT only where published.
            route_problems.append(f"no_{key}")
        if len(texts) > 1:
            route_problems.append(f"multiple_{key}")
        bad = [syntax(t) for t in texts] if syntax else []
        if bad and all(bad):
            route_problems.append(f"bad_{key}")
        elif any(bad):
            # Which is bad would depend on the order the records come in.
            raise RuntimeError(f"{domain}: good and bad {key} records; the data must not mix them")

    # The MX set: each host once, its distinct preferences (RFC 2181 5).
    records = collections.defaultdict(set)
    for rdata in mx.rdatas:
        preference, host = rdata.split()
        records[normal(host)].add(int(preference))
    if not records:
        result["kind"] = "implicit"  # RFC 5321 5.1
        wanted = [(0, canonical, {0})]
    else:
        if "." in records:  # RFC 7505 3
            if records["."] != {0}:
                route_problems.append("dot_exchange_nonzero_preference")
            if len(records) == 1:
                result.update(kind="null_mx", exchanges=[], problems=route_problems,
                              status="problems" if route_problems else "ok", exit=1 if route_problems else 0)
                return result
            route_problems.append("null_mx_with_others")
            del records["."]
        wanted = sorted((min(prefs), host, prefs) for host, prefs in records.items())
        mine = [preference for preference, host, _ in wanted if host == local]
        if mine:
            # RFC 5321 5.1: this host and every exchange not better than it go.
            wanted = [exchange for exchange in wanted if exchange[0] < mine[0]]
            route_problems.append("local_exchange")
            if not wanted:
                route_problems.append("loops_back_to_myself")
                result.update(exchanges=[], problems=sorted(route_problems), status="permanent_failure", exit=3)
                return result
        if len(wanted) > MAX_EXCHANGES:
            # Delivery order; the data has no tie at the cut.
            if wanted[MAX_EXCHANGES - 1][0] == wanted[MAX_EXCHANGES][0]:
                raise RuntimeError(f"{domain}: a tie at the exchange limit")
            route_problems.append("too_many_exchanges")
            wanted = wanted[:MAX_EXCHANGES]

    exchanges, usable, deliverable, temporary = [], False, False, False
    for preference, host, prefs in wanted:
        problems = []
        exchange = {"preference": preference, "host": host, "addresses": [], "tlsa": [],
                    "tlsa_validated": False, "reverse": []}
        if len(prefs) > 1:
            problems.append("duplicate_exchange")
        if doubled(host, canonical):
            problems.append("doubled_origin")
        if ip_literal(host) or localhost(host):
            # Never looked up: no addresses, reverse DNS or TLSA to ask for.
            problems.append("ip_literal" if ip_literal(host) else "localhost")
        else:
            error, found, aliased = addresses(dig, host)
            if error == "nxdomain":
                problems.append("no_such_host")
            elif error:
                problems.append("unresolvable")
                temporary = True
            else:
                if aliased:
                    problems.append("cname_target")
                if not found:
                    problems.append("no_addresses")
                for addr in found:
                    if non_public(registry, addr):
                        problems.append("non_public_address")
                    else:
                        usable = True
                deliverable = deliverable or bool(found)
            exchange["addresses"] = found
            if len(found) > REVERSE_PER_EXCHANGE:
                raise RuntimeError(f"{host}: more addresses than reverse DNS is checked for")
            for addr in found:
                if non_public(registry, addr):
                    continue  # reported already; no reverse zone of its own on the Internet
                ptr = resolve(dig, addr, "PTR", reverse=True)
                if ptr.error and ptr.error != "nxdomain":
                    problems.append("reverse_unresolvable")
                    continue
                names = [normal(rdata) for rdata in ptr.rdatas]
                confirmed = any(addr in addresses(dig, name)[1] for name in names[:CONFIRMED_NAMES])
                if not names:
                    problems.append("no_ptr")
                elif not confirmed:
                    problems.append("ptr_mismatch")
                exchange["reverse"].append({"address": addr, "names": sorted(names), "confirmed": confirmed})
            tlsa = resolve(dig, "_25._tcp." + host, "TLSA")
            if tlsa.error and tlsa.error != "nxdomain":
                problems.append("tlsa_unresolvable")
            elif not tlsa.error:
                exchange["tlsa"] = sorted(set(map(tlsa_fields, tlsa.rdatas)))
                exchange["tlsa_validated"] = tlsa.ad
                problems += ["bad_tlsa" for record in exchange["tlsa"] if tlsa_bad(record)]
                if exchange["tlsa"] and not tlsa.ad:
                    problems.append("tlsa_not_validated")  # RFC 7672 2.2
        exchange["problems"] = sorted(problems)
        exchanges.append(exchange)
    if not usable:
        route_problems.append("no_usable_exchange")
    result["exchanges"] = exchanges
    result["problems"] = sorted(route_problems)
    anything = route_problems or any(e["problems"] for e in exchanges)
    if deliverable:
        status = "problems" if anything else "ok"
    elif temporary:
        status = "temporary_failure"
    else:
        status = "permanent_failure"
    result["status"] = status
    result["exit"] = {"ok": 0, "problems": 1, "temporary_failure": 2, "permanent_failure": 3}[status]
    return result


# --- The example's findings, in the same shape


def run_example(example, port, domain, dnssec, local=None):
    command = [example, f"@127.0.0.1:{port}", "--json", *(["--dnssec"] if dnssec else []),
               *([f"--local={local}"] if local else []), domain]
    run = subprocess.run(command, capture_output=True, text=True, timeout=60)
    got = json.loads(run.stdout)
    got["exit"] = run.returncode
    return got


def compare(expected, got):
    """The differences, as lines; none when they agree."""
    diffs = []

    def differ(what, want, have):
        diffs.append(f"  {what}: dig says {json.dumps(want)}, the example {json.dumps(have)}")

    def name(value):
        return None if value is None else normal(value)

    for key in ("kind", "status", "exit", "mx_validated"):
        if expected[key] != got.get(key):
            differ(key, expected[key], got.get(key))
    for key in ("domain", "canonical"):
        if name(expected[key]) != name(got.get(key)):
            differ(key, expected[key], got.get(key))
    codes = sorted(problem["code"] for problem in got.get("problems", []))
    if expected["problems"] != codes:
        differ("problems", expected["problems"], codes)
    for key, texts in expected["policies"].items():
        have = got["policies"].get(key)
        if (texts is None or texts == []) and have is not None:
            differ(f"policies.{key}", None, have)
        elif texts and have not in texts:
            differ(f"policies.{key}", texts if len(texts) > 1 else texts[0], have)
    # Exchanges: in preference order, each preference's hosts as a set.
    want_order = [(e["preference"], normal(e["host"])) for e in expected["exchanges"]]
    have_order = [(e["preference"], normal(e["host"])) for e in got["exchanges"]]
    runs = lambda order: [(p, sorted(h for q, h in order if q == p)) for p in dict.fromkeys(q for q, _ in order)]
    if runs(want_order) != runs(have_order) or len(want_order) != len(have_order):
        differ("exchanges", want_order, have_order)
        return diffs
    have_by_host = {normal(e["host"]): e for e in got["exchanges"]}
    for want in expected["exchanges"]:
        host = normal(want["host"])
        have = have_by_host[host]
        codes = sorted(problem["code"] for problem in have["problems"])
        if want["problems"] != codes:
            differ(f"{host} problems", want["problems"], codes)
        # IPv6 first, then IPv4 (the order each family's answer had).
        family = lambda addrs: [sorted(a for a in addrs if ":" in a), sorted(a for a in addrs if ":" not in a)]
        addrs = [str(ipaddress.ip_address(a)) for a in have["addresses"]]
        v6_first = addrs == [a for a in addrs if ":" in a] + [a for a in addrs if ":" not in a]
        if family(want["addresses"]) != family(addrs) or not v6_first:
            differ(f"{host} addresses", want["addresses"], have["addresses"])
        tlsa = sorted(set(map(tlsa_fields, have["tlsa"])))
        if want["tlsa"] != tlsa:
            differ(f"{host} tlsa", want["tlsa"], tlsa)
        if want["tlsa_validated"] != have["tlsa_validated"]:
            differ(f"{host} tlsa_validated", want["tlsa_validated"], have["tlsa_validated"])
        reverse = sorted(({"address": str(ipaddress.ip_address(r["address"])), "names": sorted(map(normal, r["names"])),
                           "confirmed": r["confirmed"]} for r in have["reverse"]), key=lambda r: r["address"])
        if sorted(want["reverse"], key=lambda r: r["address"]) != reverse:
            differ(f"{host} reverse", want["reverse"], reverse)
    return diffs


def summary(expected):
    """The findings in a line: status, exit, kind, the domain's problems
    and each exchange's."""
    parts = [f"{expected['status']} (exit {expected['exit']})", f"kind {expected['kind']}"]
    if expected["problems"]:
        parts.append("domain: " + " ".join(expected["problems"]))
    for exchange in expected["exchanges"]:
        if exchange["problems"]:
            parts.append(f"{exchange['host']}: " + " ".join(exchange["problems"]))
    if expected["mx_validated"]:
        parts.append("mx_validated")
    parts += [f"{e['host']}: tlsa_validated" for e in expected["exchanges"] if e["tlsa_validated"]]
    return "; ".join(parts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("example")
    parser.add_argument("--csv", required=True)
    parser.add_argument("--server", action="append", default=[])
    parser.add_argument("--validating", action="append", default=[])
    args = parser.parse_args()
    registry = read_registry(args.csv)
    cases = []
    for spec in args.server:
        label, port = spec.split("=")
        cases += [(label, int(port), domain, False, local) for domain, local in DOMAINS]
    for spec in args.validating:
        label, port = spec.split("=")
        cases += [(label, int(port), domain, dnssec, None) for domain, dnssec in VALIDATING]
    digs = {}
    for label, port, _, dnssec, _ in cases:
        digs.setdefault((port, dnssec), Dig(port, dnssec))

    def one(case):
        label, port, domain, dnssec, local = case
        title = f"{label} {domain}{' --dnssec' if dnssec else ''}{f' --local={local}' if local else ''}"
        try:
            expected = check(digs[(port, dnssec)], registry, domain, local)
            got = run_example(args.example, port, domain, dnssec, local)
            diffs = compare(expected, got)
        except Exception as error:  # a case that did not run is no success
            return title, [f"  did not run: {error!r}"], None, None
        return title, diffs, expected, got

    # Each server's cases in order, the servers side by side (dig's cache
    # is per server, so no two threads share one).
    by_server = collections.defaultdict(list)
    for case in cases:
        by_server[(case[1], case[3])].append(case)
    with ThreadPoolExecutor(max_workers=len(by_server)) as pool:
        outcomes = pool.map(lambda group: [one(case) for case in group], by_server.values())
        results = [outcome for group in outcomes for outcome in group]
    same = 0
    for title, diffs, expected, got in results:
        if diffs:
            print(f"mail: {title}: DIFFERENT")
            print("\n".join(diffs))
            if expected is not None:
                print(f"  dig and the rules: {json.dumps(expected, sort_keys=True)}")
                print(f"  the example:       {json.dumps(got, sort_keys=True)}")
        else:
            print(f"mail: {title}: same")
            same += 1
            if os.environ.get("MAIL_VERBOSE"):
                print(f"  {summary(expected)}")
    if not results:
        print("mail: no case ran")
        return 1
    print(f"mail: {same} of {len(results)} checks the same as dig")
    return 0 if same == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
