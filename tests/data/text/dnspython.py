#!/usr/bin/env python3
"""Writes dnspython.txt from inputs.txt: for each input, dnspython's wire
form of the RDATA (hex, names uncompressed), or ERROR and the reason when
dnspython refuses it. tests/text.rs compares dnswire's reading with these.

Usage: python3 tests/data/text/dnspython.py   (needs `pip install dnspython`)
"""
import os

import dns.name
import dns.rdata
import dns.rdataclass
import dns.rdatatype

here = os.path.dirname(os.path.abspath(__file__))
origin = dns.name.from_text("example.")


def entries():
    """(type, text) per entry; a tab-indented line continues the one before."""
    current = None
    for line in open(os.path.join(here, "inputs.txt")):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        if line.startswith("\t"):
            current = (current[0], current[1] + "\n" + line)
            continue
        if current:
            yield current
        rtype, text = line.split("\t", 1)
        current = (rtype, text)
    if current:
        yield current


with open(os.path.join(here, "dnspython.txt"), "w") as out:
    out.write(f"# dnspython {dns.version.version}: TYPE <tab> text (\\n, \\t for a line break, a tab) <tab> hex or ERROR\n")
    for rtype, text in entries():
        try:
            rdata = dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.from_text(rtype), text, origin=origin, relativize=False)
            result = rdata.to_wire().hex().upper()
        except Exception as error:  # noqa: BLE001 - any refusal is the expectation
            result = "ERROR " + type(error).__name__ + ": " + str(error).replace("\t", " ").replace("\n", " ")
        escaped = text.replace("\n", "\\n").replace("\t", "\\t")
        out.write(f"{rtype}\t{escaped}\t{result}\n")
