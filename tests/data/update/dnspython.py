#!/usr/bin/env python3
"""Writes NAME.dnspython beside each NAME.bin here: dnspython's decoding of
the message, the independent expectation tests/update.rs compares with.

Usage: python3 tests/data/update/dnspython.py   (needs `pip install dnspython`)

The signed messages carry a GSS-TSIG record whose key nobody has; the
reader is told not to verify it (keyring=False), so it only decodes.
"""
import glob
import os

import dns.message

here = os.path.dirname(os.path.abspath(__file__))
for path in sorted(glob.glob(os.path.join(here, "*.bin"))):
    wire = open(path, "rb").read()
    reader = dns.message._WireReader(wire, lambda *a: None, keyring=False)
    message = reader.read()
    lines = message.to_text().splitlines()
    with open(path[:-4] + ".dnspython", "w") as out:
        out.write("\n".join(lines) + "\n")
    print(os.path.basename(path), len(wire), "bytes")
