//! Presentation of messages, questions and records in dig's layout.
//!
//! dig (BIND 9) aligns a record's fields on tab stops: the TTL at column
//! 24, the class at 32, the type at 40 and the RDATA at 48, with tabs 8
//! wide. A field that already reaches its column is followed by at least
//! one blank, so the target is pushed to one past it; as many tabs as
//! whole tab stops lie between, then spaces for the rest. A question line's
//! leading `;` does not count toward the column. The expected outputs in
//! `tests/data/*.dig` are dig's own.

use core::fmt::{self, Write};

use crate::rdata::{Class, Rtype};
use crate::wire::header::FlagsText;
use crate::wire::message::{Message, Question, Record, Section};

/// A formatter that knows its column, to place fields on dig's tab stops.
struct Columns<'a, 'b> {
    f: &'a mut fmt::Formatter<'b>,
    column: usize,
}

impl Columns<'_, '_> {
    fn tab_to(&mut self, column: usize) -> fmt::Result {
        const TAB: usize = 8;
        let mut from = self.column;
        let to = column.max(from + 1);
        let tabs = to / TAB - from / TAB;
        if tabs > 0 {
            for _ in 0..tabs {
                self.f.write_str("\t")?;
            }
            from = to / TAB * TAB;
        }
        for _ in from..to {
            self.f.write_str(" ")?;
        }
        self.column = to;
        Ok(())
    }
}

impl Write for Columns<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        // Everything printed here is ASCII: escapes keep names and strings so.
        match s.rfind('\n') {
            Some(newline) => self.column = s.len() - newline - 1,
            None => self.column += s.len(),
        }
        self.f.write_str(s)
    }
}

/// One record line, as dig prints it: `owner TTL CLASS TYPE RDATA`.
pub(crate) fn write_record(
    f: &mut fmt::Formatter<'_>,
    owner: impl fmt::Display,
    ttl: u32,
    class: Class,
    rtype: Rtype,
    rdata: impl fmt::Display,
) -> fmt::Result {
    let mut out = Columns { f, column: 0 };
    write!(out, "{owner}")?;
    out.tab_to(24)?;
    write!(out, "{ttl}")?;
    out.tab_to(32)?;
    write!(out, "{class}")?;
    out.tab_to(40)?;
    write!(out, "{rtype}")?;
    out.tab_to(48)?;
    write!(out, "{rdata}")
}

impl fmt::Display for Record<'_> {
    /// One line, as dig prints a record: `owner TTL CLASS TYPE RDATA`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_record(f, self.owner(), self.ttl(), self.class(), self.rtype(), self.rdata())
    }
}

impl fmt::Display for Question<'_> {
    /// One line, as dig prints a question: `;name CLASS TYPE`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(";")?;
        let mut out = Columns { f, column: 0 };
        write!(out, "{}", self.name)?;
        out.tab_to(32)?;
        write!(out, "{}", self.qclass)?;
        out.tab_to(40)?;
        write!(out, "{}", self.qtype)
    }
}

impl<T: AsRef<[u8]>> fmt::Display for Message<T> {
    /// The whole message as dig prints it: header and flags lines, the OPT
    /// pseudo-section (one line an option, as [`EdnsOption`](crate::EdnsOption)
    /// prints it; a COOKIE without dig's `(good)`, which needs the cookie
    /// dig sent), then each non-empty section, one record a line.
    ///
    /// ```
    /// use dnswire::Message;
    ///
    /// let bytes = std::fs::read("tests/data/knot-mx.bin")?;
    /// let text = Message::parse(&bytes[..])?.to_string();
    /// assert!(text.contains(";; flags: qr aa rd; QUERY: 1, ANSWER: 4, AUTHORITY: 0, ADDITIONAL: 5"));
    /// assert!(text.contains("example.com.\t\t3600\tIN\tMX\t10 mx1.example.com.\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header = self.header();
        writeln!(f, ";; ->>HEADER<<- opcode: {}, status: {}, id: {}", header.opcode(), self.rcode(), header.id())?;
        f.write_str(";; flags:")?;
        let flags = FlagsText(header.flags());
        if header.flags() & 0x87b0 != 0 {
            write!(f, " {flags}")?;
        }
        writeln!(
            f,
            "; QUERY: {}, ANSWER: {}, AUTHORITY: {}, ADDITIONAL: {}",
            header.qdcount(),
            header.ancount(),
            header.nscount(),
            header.arcount()
        )?;
        f.write_str("\n")?;
        if let Some(edns) = self.edns() {
            f.write_str(";; OPT PSEUDOSECTION:\n")?;
            write!(f, "; EDNS: version: {}, flags:", edns.version)?;
            if edns.dnssec_ok {
                f.write_str(" do")?;
            }
            f.write_str(";")?;
            if edns.z != 0 {
                write!(f, " MBZ: 0x{:04x},", edns.z)?;
            }
            writeln!(f, " udp: {}", edns.udp_payload_size)?;
            // One line an option, typed as dig prints it (see EdnsOption).
            for option in edns.options.options() {
                writeln!(f, "{option}")?;
            }
        }
        // An UPDATE's sections have their own names (RFC 2136 §2).
        let update = header.opcode() == crate::Opcode::UPDATE;
        if header.qdcount() > 0 {
            f.write_str(if update { ";; ZONE SECTION:\n" } else { ";; QUESTION SECTION:\n" })?;
            for question in self.questions() {
                writeln!(f, "{question}")?;
            }
            f.write_str("\n")?;
        }
        // A TSIG record, which must come last (RFC 8945 §5.1), is printed
        // in a pseudo-section of its own after the others, as dig does.
        let tsig = self.additional().last().filter(|r| r.rtype() == Rtype::TSIG);
        for section in Section::ALL {
            let mut records = self
                .records(section)
                .filter(|r| r.rtype() != Rtype::OPT)
                .filter(|r| section != Section::Additional || tsig.is_none_or(|t| t.offset() != r.offset()))
                .peekable();
            if records.peek().is_none() {
                continue;
            }
            let title = match (section, update) {
                (Section::Answer, false) => "ANSWER",
                (Section::Authority, false) => "AUTHORITY",
                (Section::Answer, true) => "PREREQUISITE",
                (Section::Authority, true) => "UPDATE",
                (Section::Additional, _) => "ADDITIONAL",
            };
            writeln!(f, ";; {title} SECTION:")?;
            for record in records {
                writeln!(f, "{record}")?;
            }
            f.write_str("\n")?;
        }
        if let Some(tsig) = tsig {
            writeln!(f, ";; TSIG PSEUDOSECTION:\n{tsig}\n")?;
        }
        Ok(())
    }
}
