//! Zone files (RFC 1035 §5 master files) read one record at a time.
//!
//! Two readers share one parser:
//! - [`ZoneReader`] reads zone text already in memory (a `&str`, such as a
//!   file built into firmware). **No allocation and no `std`**: each record
//!   is written into a buffer the caller lends ([`RECORD_BUF_LEN`] bytes
//!   always suffice) and handed over as a [`Record`] view of it, so that
//!   [`Record::rdata`] gives the typed RDATA and `Display` prints it.
//! - [`ZoneFile`] (feature `std`) reads a file through a buffered reader,
//!   one entry in memory at a time, and follows `$INCLUDE`.
//!
//! ```
//! use dnswire::zone::{ZoneReader, RECORD_BUF_LEN};
//! use dnswire::{RData, Rtype};
//!
//! let text = "$ORIGIN example.\n$TTL 1h\n@ SOA ns hostmaster ( 1 7200 900 1209600 300 )\n  MX 10 mx1 ; the same owner\nmx1 300 A 192.0.2.25\n";
//! let mut buf = [0u8; RECORD_BUF_LEN];
//! let mut zone = ZoneReader::new(text);
//! let mut lines = Vec::new();
//! while let Some(record) = zone.next_record(&mut buf)? {
//!     lines.push(format!("{} {} {} {}", record.owner(), record.ttl(), record.rtype(), record.rdata()));
//! }
//! assert_eq!(lines, [
//!     "example. 3600 SOA ns.example. hostmaster.example. 1 7200 900 1209600 300",
//!     "example. 3600 MX 10 mx1.example.",
//!     "mx1.example. 300 A 192.0.2.25",
//! ]);
//! # Ok::<(), dnswire::TextError>(())
//! ```
//!
//! # Syntax
//! As RFC 1035 §5.1 gives it and BIND, Knot, NSD and dnspython read it:
//! - `$ORIGIN name` (relative to the origin before it), `$TTL ttl` (RFC
//!   2308), `$INCLUDE file [origin]`. BIND's `$GENERATE` is refused.
//! - `@` is the origin; relative names are completed with it (without an
//!   origin, a relative name is an error); an entry that starts with a space
//!   or tab has the owner of the record before it.
//! - TTL and class in either order, each optional; TTLs in seconds or with
//!   BIND's units (`1h30m`, `2W`).
//! - Parentheses continue an entry over lines; `;` starts a comment (not
//!   inside quotes); quoted strings with `\"`, `\\` and `\DDD`; a quoted
//!   string cannot span lines (as BIND and dnspython read it).
//! - `TYPEnnn`, `CLASSnnn` and RDATA as `\# LEN HEX` (RFC 3597) for any
//!   type, and every type this crate types in its own syntax.
//!
//! # Defaults, decided as the servers decide them
//! - **TTL**: the record's own; else `$TTL`; else, for an SOA, its minimum
//!   field, which then stands for `$TTL` ([`Warning::SoaMinimumAsTtl`], as
//!   BIND does; dnspython takes the minimum too when no TTL came before);
//!   else the last record's TTL ([`Warning::PreviousTtl`], RFC 1035's
//!   rule); else an error ([`Error::NoTtl`](crate::Error::NoTtl)). A TTL
//!   above 2³¹ − 1 is kept as written, with [`Warning::TtlAboveMax`]
//!   (BIND loads it as 0).
//! - **Class**: the record's own; else the zone's: the one given
//!   ([`ZoneReader::with_class`]), or else that of the first record (IN if
//!   it names none). A record of another class than the zone's is refused
//!   ([`Error::WrongClass`](crate::Error::WrongClass)), as BIND and dnspython
//!   refuse it; so are the meta classes NONE and ANY and the meta types
//!   (OPT, TSIG, TKEY, IXFR, AXFR, MAILA, MAILB, ANY) as BIND refuses them
//!   ([`Error::MetaType`](crate::Error::MetaType)).
//! - **Owner**: a written owner is the owner from there on even when the
//!   rest of its record is refused (as BIND reads it), so that the records
//!   after it with blank owners keep theirs.
//! - **`$INCLUDE`**: the path is relative to the including file's directory
//!   (BIND takes it relative to its working directory instead); only
//!   regular files are read; the included file starts with the origin given
//!   (or the including file's), and the including file goes on with its own
//!   origin and owner afterwards (RFC 1035 §5.1); `$TTL` and the TTL carry
//!   on, as in BIND (dnspython restores them). At most
//!   [`MAX_INCLUDE_DEPTH`] files deep and [`MAX_INCLUDES`] in all;
//!   [`ZoneFile::without_includes`] refuses them. [`ZoneReader`] opens no
//!   files: [`ZoneReader::next_entry`] hands the directive to the caller
//!   (who reads the file with [`ZoneReader::include`]), and
//!   [`ZoneReader::next_record`] refuses it
//!   ([`Error::IncludeRefused`](crate::Error::IncludeRefused)).
//! - **Text**: [`ZoneFile`] reads UTF-8 (an entry that is not is refused,
//!   at its first bad byte); bytes above 127 in RDATA are written as
//!   `\DDD` escapes. BIND also takes raw 8-bit bytes.
//!
//! # Errors
//! A [`TextError`] names the line and column (in the file, from 1), the
//! field being read and the rule broken. The reader goes on with the next
//! entry after an error: call again to collect every error of a file.

mod entry;
#[cfg(feature = "std")]
mod file;
mod parser;

use crate::name::NameBuf;
use crate::rdata::scan::TextError;
use crate::rdata::Class;
use crate::wire::message::Record;
use entry::{LineEnd, Splitter};
use parser::{record_in, Parsed, Parser};

#[cfg(feature = "std")]
pub use file::{ZoneFile, ZoneFileError};
pub use parser::{Warning, RECORD_BUF_LEN};

/// How many files deep `$INCLUDE` may go (the top file is depth 1).
pub const MAX_INCLUDE_DEPTH: usize = 8;
/// How many `$INCLUDE`s one zone may follow in all.
pub const MAX_INCLUDES: usize = 1024;

/// One entry of a zone that is more than a change of state. (The origin
/// is a name inline: no allocation.)
///
/// ```
/// use dnswire::zone::{Entry, ZoneReader, RECORD_BUF_LEN};
///
/// let text = "$ORIGIN example.\n$TTL 300\nwww A 192.0.2.1\n$INCLUDE \"hosts.zone\" lan\n";
/// let mut buf = [0u8; RECORD_BUF_LEN];
/// let mut zone = ZoneReader::new(text);
/// match zone.next_entry(&mut buf)? {
///     Some(Entry::Record(record)) => assert_eq!(record.owner().to_string(), "www.example."),
///     other => panic!("{other:?}"),
/// }
/// match zone.next_entry(&mut buf)? {
///     Some(Entry::Include { path, origin, line }) => {
///         assert_eq!((path, line), ("hosts.zone", 4));
///         assert_eq!(origin.unwrap().to_string(), "lan.example."); // relative to the origin
///     }
///     other => panic!("{other:?}"),
/// }
/// assert!(zone.next_entry(&mut buf)?.is_none());
/// # Ok::<(), dnswire::TextError>(())
/// ```
#[derive(Debug)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)]
pub enum Entry<'t, 'b> {
    /// A record, in the buffer lent.
    Record(Record<'b>),
    /// `$INCLUDE path [origin]`, for the caller to read: the path as
    /// written (without its quotes), the origin the included text starts
    /// with, and the directive's line.
    Include {
        /// The file named.
        path: &'t str,
        /// The origin given, or the current one.
        origin: Option<NameBuf>,
        /// Where the directive is.
        line: u32,
    },
}

/// Reads the records of zone text in memory, in order; see the
/// [module](self) for the syntax and the defaults.
///
/// An error stops neither the reader nor the caller: each call reads the
/// next entry, so a loop collects every record and every error.
///
/// ```
/// use dnswire::zone::{ZoneReader, RECORD_BUF_LEN};
/// use dnswire::Error;
///
/// let text = "$ORIGIN example.\n$TTL 1h\nwww A 192.0.2.1\nbad A 192.0.2.300\nmail A 192.0.2.25\n";
/// let mut buf = [0u8; RECORD_BUF_LEN];
/// let mut zone = ZoneReader::new(text);
/// let (mut owners, mut errors) = (Vec::new(), Vec::new());
/// loop {
///     match zone.next_record(&mut buf) {
///         Ok(Some(record)) => owners.push(record.owner().to_string()),
///         Ok(None) => break,
///         Err(error) => errors.push((error.line(), error.error())),
///     }
/// }
/// assert_eq!(owners, ["www.example.", "mail.example."]);
/// assert_eq!(errors, [(4, Error::BadAddress)]);
/// ```
#[derive(Clone, Debug)]
pub struct ZoneReader<'t> {
    text: &'t str,
    /// Where the next line starts.
    pos: usize,
    /// Its number, from 1.
    line: u32,
    parser: Parser,
}

impl<'t> ZoneReader<'t> {
    /// A reader of `text`, with no origin yet (until `$ORIGIN`) and the
    /// zone's class that of the first record (IN if it names none).
    ///
    /// ```
    /// use dnswire::zone::{ZoneReader, RECORD_BUF_LEN};
    ///
    /// let mut buf = [0u8; RECORD_BUF_LEN];
    /// let mut zone = ZoneReader::new("www.example. 300 A 192.0.2.1\nmail 300 A 192.0.2.25\n");
    /// assert!(zone.origin().is_none());
    /// assert_eq!(zone.next_record(&mut buf)?.unwrap().owner().to_string(), "www.example.");
    /// // No origin to complete a relative owner with.
    /// assert_eq!(zone.next_record(&mut buf).unwrap_err().field(), "owner");
    /// # Ok::<(), dnswire::TextError>(())
    /// ```
    pub fn new(text: &'t str) -> Self {
        ZoneReader { text, pos: 0, line: 1, parser: Parser::new() }
    }

    /// Starts with `origin`, as a zone's name does for the servers (a
    /// relative name is taken as absolute).
    ///
    /// ```
    /// use dnswire::zone::{ZoneReader, RECORD_BUF_LEN};
    ///
    /// let mut buf = [0u8; RECORD_BUF_LEN];
    /// let mut zone = ZoneReader::new("@ 300 MX 10 mail\n").with_origin("example".parse()?);
    /// assert_eq!(zone.origin().unwrap().to_string(), "example.");
    /// let mx = zone.next_record(&mut buf)?.unwrap();
    /// assert_eq!((mx.owner().to_string(), mx.rdata().to_string()), ("example.".into(), "10 mail.example.".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_origin(mut self, origin: NameBuf) -> Self {
        self.parser.set_origin(origin);
        self
    }

    /// The zone's class: records of another are refused.
    ///
    /// ```
    /// use dnswire::zone::{ZoneReader, RECORD_BUF_LEN};
    /// use dnswire::{Class, Error};
    ///
    /// let text = "version.bind. 0 TXT \"9.18\"\nwww.example. 300 IN A 192.0.2.1\n";
    /// let mut buf = [0u8; RECORD_BUF_LEN];
    /// let mut zone = ZoneReader::new(text).with_class(Class::CH);
    /// assert_eq!(zone.next_record(&mut buf)?.unwrap().class(), Class::CH);
    /// assert_eq!(zone.next_record(&mut buf).unwrap_err().error(), Error::WrongClass);
    /// # Ok::<(), dnswire::TextError>(())
    /// ```
    pub fn with_class(mut self, class: Class) -> Self {
        self.parser.set_class(class);
        self
    }

    /// A reader of the text an [`Entry::Include`] named: it starts with
    /// this reader's state (`$TTL`, the last TTL, the zone's class, the
    /// owner) and the entry's origin. Give it back to
    /// [`ZoneReader::end_include`] when it is read.
    ///
    /// ```
    /// use dnswire::zone::{Entry, ZoneReader, RECORD_BUF_LEN};
    ///
    /// let mut buf = [0u8; RECORD_BUF_LEN];
    /// let mut zone = ZoneReader::new("$ORIGIN example.\n$INCLUDE hosts\nafter A 192.0.2.2\n");
    /// let Some(Entry::Include { path, origin, .. }) = zone.next_entry(&mut buf)? else { panic!() };
    /// assert_eq!(path, "hosts");
    /// let text = "$TTL 60\nwww A 192.0.2.1\n"; // the file's text, read by the caller
    /// let mut included = zone.include(text, origin);
    /// let www = included.next_record(&mut buf)?.unwrap();
    /// assert_eq!((www.owner().to_string(), www.ttl()), ("www.example.".to_string(), 60));
    /// zone.end_include(&included);
    /// let after = zone.next_record(&mut buf)?.unwrap();
    /// assert_eq!(after.ttl(), 60); // $TTL carries on, as in BIND
    /// # Ok::<(), dnswire::TextError>(())
    /// ```
    pub fn include<'u>(&self, text: &'u str, origin: Option<NameBuf>) -> ZoneReader<'u> {
        let mut parser = self.parser.clone();
        // This reader keeps its own scope: `end_include` needs none back.
        let _ = parser.enter_include(origin);
        ZoneReader { text, pos: 0, line: 1, parser }
    }

    /// Takes back from a reader [`ZoneReader::include`] made what carries
    /// on after an include (`$TTL`, the last TTL, the zone's class); the
    /// origin and owner stay this reader's (RFC 1035 §5.1).
    ///
    /// ```
    /// use dnswire::zone::{Entry, ZoneReader, RECORD_BUF_LEN};
    ///
    /// let mut buf = [0u8; RECORD_BUF_LEN];
    /// let text = "$ORIGIN example.\n@ 300 A 192.0.2.8\n$INCLUDE lan.zone lan\n  A 192.0.2.9\n";
    /// let mut zone = ZoneReader::new(text);
    /// zone.next_record(&mut buf)?;
    /// let Some(Entry::Include { origin, .. }) = zone.next_entry(&mut buf)? else { panic!() };
    /// let mut included = zone.include("$TTL 60\nprinter A 192.0.2.7\n", origin);
    /// assert_eq!(included.next_record(&mut buf)?.unwrap().owner().to_string(), "printer.lan.example.");
    /// zone.end_include(&included);
    /// assert_eq!(zone.origin().unwrap().to_string(), "example."); // this reader's own
    /// let after = zone.next_record(&mut buf)?.unwrap();
    /// // The blank owner is that of the record before the include; the
    /// // included file's $TTL carries on.
    /// assert_eq!((after.owner().to_string(), after.ttl()), ("example.".to_string(), 60));
    /// # Ok::<(), dnswire::TextError>(())
    /// ```
    pub fn end_include(&mut self, included: &ZoneReader<'_>) {
        let scope = self.parser.enter_include(None);
        self.parser = included.parser.clone();
        self.parser.leave_include(scope);
    }

    /// The origin now in force.
    ///
    /// ```
    /// use dnswire::zone::{ZoneReader, RECORD_BUF_LEN};
    ///
    /// let mut buf = [0u8; RECORD_BUF_LEN];
    /// let mut zone = ZoneReader::new("$ORIGIN example.\nwww 60 A 192.0.2.1\n$ORIGIN lan\nprinter 60 A 192.0.2.7\n");
    /// assert!(zone.origin().is_none());
    /// zone.next_record(&mut buf)?;
    /// assert_eq!(zone.origin().unwrap().to_string(), "example.");
    /// zone.next_record(&mut buf)?;
    /// assert_eq!(zone.origin().unwrap().to_string(), "lan.example."); // relative to the one before
    /// # Ok::<(), dnswire::TextError>(())
    /// ```
    pub fn origin(&self) -> Option<&NameBuf> {
        self.parser.origin.as_ref()
    }

    /// The warning the last entry read gave, if any.
    ///
    /// ```
    /// use dnswire::zone::{Warning, ZoneReader, RECORD_BUF_LEN};
    ///
    /// let mut buf = [0u8; RECORD_BUF_LEN];
    /// let mut zone = ZoneReader::new("www.example. 300 A 192.0.2.1\nmail.example. A 192.0.2.25\n");
    /// zone.next_record(&mut buf)?;
    /// assert_eq!(zone.take_warning(), None);
    /// let mail = zone.next_record(&mut buf)?.unwrap();
    /// assert_eq!(mail.ttl(), 300);
    /// assert_eq!(zone.take_warning(), Some(Warning::PreviousTtl { line: 2, ttl: 300 }));
    /// assert_eq!(zone.take_warning(), None); // taken
    /// # Ok::<(), dnswire::TextError>(())
    /// ```
    pub fn take_warning(&mut self) -> Option<Warning> {
        self.parser.warning.take()
    }

    /// The next record, or `None` at the end; `$INCLUDE` is refused.
    ///
    /// # Errors
    /// The entry's [`TextError`]; reading goes on with the next entry.
    ///
    /// ```
    /// use dnswire::zone::{ZoneReader, RECORD_BUF_LEN};
    /// use dnswire::{Error, RData};
    ///
    /// let text = "$ORIGIN example.\n$INCLUDE other.zone\n@ 3600 MX 10 mail\n";
    /// let mut buf = [0u8; RECORD_BUF_LEN];
    /// let mut zone = ZoneReader::new(text);
    /// assert_eq!(zone.next_record(&mut buf).unwrap_err().error(), Error::IncludeRefused);
    /// let record = zone.next_record(&mut buf)?.unwrap();
    /// let RData::Mx(mx) = record.rdata() else { panic!() };
    /// assert_eq!((mx.preference, mx.exchange.to_string()), (10, "mail.example.".to_string()));
    /// assert!(zone.next_record(&mut buf)?.is_none());
    /// # Ok::<(), dnswire::TextError>(())
    /// ```
    pub fn next_record<'b>(&mut self, buf: &'b mut [u8]) -> Result<Option<Record<'b>>, TextError> {
        match self.next_parsed(buf)? {
            None => Ok(None),
            Some((Parsed::Include { .. }, text, line)) => {
                Err(TextError::whole(crate::Error::IncludeRefused, "$INCLUDE", text, 0)
                    .shifted(line.saturating_sub(1), 0))
            }
            Some((parsed, ..)) => Ok(record_in(buf, &parsed)),
        }
    }

    /// The next record or `$INCLUDE`, or `None` at the end.
    ///
    /// # Errors
    /// The entry's [`TextError`]; reading goes on with the next entry.
    ///
    /// A caller that keeps its files in memory follows `$INCLUDE` itself:
    ///
    /// ```
    /// use dnswire::zone::{Entry, ZoneReader, RECORD_BUF_LEN};
    ///
    /// let files = [("hosts", "www A 192.0.2.1\nmail A 192.0.2.25\n")];
    /// let mut buf = [0u8; RECORD_BUF_LEN];
    /// let mut zone = ZoneReader::new("$ORIGIN example.\n$TTL 1h\n$INCLUDE hosts\n");
    /// let mut owners = Vec::new();
    /// while let Some(entry) = zone.next_entry(&mut buf)? {
    ///     match entry {
    ///         Entry::Record(record) => owners.push(record.owner().to_string()),
    ///         Entry::Include { path, origin, .. } => {
    ///             let (_, text) = files.iter().find(|(name, _)| *name == path).unwrap();
    ///             let mut included = zone.include(text, origin);
    ///             while let Some(record) = included.next_record(&mut buf)? {
    ///                 owners.push(record.owner().to_string());
    ///             }
    ///             zone.end_include(&included);
    ///         }
    ///         _ => {}
    ///     }
    /// }
    /// assert_eq!(owners, ["www.example.", "mail.example."]);
    /// # Ok::<(), dnswire::TextError>(())
    /// ```
    pub fn next_entry<'b>(&mut self, buf: &'b mut [u8]) -> Result<Option<Entry<'t, 'b>>, TextError> {
        Ok(match self.next_parsed(buf)? {
            None => None,
            Some((Parsed::Include { path, origin }, _, line)) => {
                let origin = origin.or_else(|| self.parser.origin.clone());
                Some(Entry::Include { path, origin, line })
            }
            Some((parsed, ..)) => record_in(buf, &parsed).map(Entry::Record),
        })
    }

    /// The next entry that is not a change of state, with its text and line.
    fn next_parsed(&mut self, buf: &mut [u8]) -> Result<Option<(Parsed<'t>, &'t str, u32)>, TextError> {
        while let Some((text, line)) = self.next_text() {
            match self.parser.entry(text, line, buf)? {
                Parsed::Directive => {}
                parsed => return Ok(Some((parsed, text, line))),
            }
        }
        Ok(None)
    }

    /// The text of the next entry and its first line: lines up to the one
    /// that closes its parentheses, blank lines and comments skipped.
    fn next_text(&mut self) -> Option<(&'t str, u32)> {
        let text = self.text;
        let mut splitter = Splitter::default();
        let mut start = self.pos;
        let mut first_line = self.line;
        while self.pos < text.len() {
            let rest = &text[self.pos..];
            let (line_len, next) = match rest.find('\n') {
                Some(i) => (i, self.pos + i + 1),
                None => (rest.len(), text.len()),
            };
            let end = self.pos + line_len;
            let ended = splitter.line(&rest.as_bytes()[..line_len]);
            self.pos = next;
            self.line = self.line.saturating_add(1);
            match ended {
                LineEnd::Open => {}
                LineEnd::Closed => return Some((&text[start..end], first_line)),
                LineEnd::Blank => {
                    start = next;
                    first_line = self.line;
                }
            }
        }
        // Parentheses left open: the record reader reports them.
        splitter.is_open().then(|| (&text[start..], first_line))
    }
}

#[cfg(test)]
mod tests;
