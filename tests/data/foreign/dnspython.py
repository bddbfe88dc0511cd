#!/usr/bin/env python3
"""Writes NAME.dnspython beside each NAME.bin here: dnspython's reading of
the message, the independent expectation tests/foreign.rs compares with.

Usage: python3 tests/data/foreign/dnspython.py   (needs `pip install dnspython`)

The file holds `error TYPE` (dnspython's exception) when dnspython refuses
the message, or else one line per question and record, section by section
(`;QUESTION`, `;ANSWER`, `;AUTHORITY`, `;ADDITIONAL`): the owner, TTL,
class, type and RDATA as dnspython prints them, a TAB, and the RDATA in
uncompressed wire form (hex), as dnspython writes it back. dnspython
gathers a section's records into RRsets: records of one name, class and
type come together, duplicates once, in the order each RRset first
appears, each with the RRset's smallest TTL. The OPT record is a line of
its own, `;OPT PAYLOAD RCODE-HIGH VERSION FLAGS`, then one `;OPTION CODE
HEX` per option. TSIG records are not verified (no key): only decoded.
"""
import glob
import os
import sys

import dns.message
import dns.opcode
import dns.rdataclass
import dns.rdatatype

here = os.path.dirname(os.path.abspath(__file__))


def lines_of(wire):
    reader = dns.message._WireReader(wire, lambda *a: None, keyring=False)
    message = reader.read()
    out = [f"id {message.id}", f"opcode {dns.opcode.to_text(message.opcode())}", f"flags {message.flags:#06x}"]
    sections = (("QUESTION", message.sections[0]), ("ANSWER", message.sections[1]),
                ("AUTHORITY", message.sections[2]), ("ADDITIONAL", message.sections[3]))
    for title, section in sections:
        out.append(f";{title}")
        for rrset in section:
            if title == "QUESTION":
                out.append(f"{rrset.name} {dns.rdataclass.to_text(rrset.rdclass)} {dns.rdatatype.to_text(rrset.rdtype)}")
                continue
            cls = dns.rdataclass.to_text(rrset.deleting or rrset.rdclass)
            head = f"{rrset.name} {rrset.ttl} {cls} {dns.rdatatype.to_text(rrset.rdtype)}"
            if len(rrset) == 0:  # an UPDATE's deletion or prerequisite
                out.append(f"{head}\t")
            for rdata in rrset:
                out.append(f"{head} {rdata.to_text()}\t{rdata.to_wire().hex()}")
        if title == "ADDITIONAL":
            if message.opt is not None:
                opt = message.opt
                out.append(f";OPT {opt.rdclass} {(opt.ttl >> 24) & 0xff} {(opt.ttl >> 16) & 0xff} {opt.ttl & 0xffff:#06x}")
                for option in opt[0].options:
                    out.append(f";OPTION {int(option.otype)} {option.to_wire().hex()}")
            if message.tsig is not None:
                rdata = message.tsig[0]
                out.append(f"{message.keyname} 0 ANY TSIG {rdata.to_text()}\t{rdata.to_wire().hex()}")
    return out


def main():
    paths = sys.argv[1:] or sorted(glob.glob(os.path.join(here, "*.bin")))
    refused = 0
    for path in paths:
        wire = open(path, "rb").read()
        try:
            lines = lines_of(wire)
        except Exception as error:  # every refusal is an expectation too
            lines = [f"error {type(error).__name__}"]
            refused += 1
        with open(path[:-4] + ".dnspython", "w") as out:
            out.write("\n".join(lines) + "\n")
    print(f"{len(paths)} messages, {refused} refused by dnspython {dns.version.version}")


if __name__ == "__main__":
    main()
