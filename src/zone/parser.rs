//! One entry of a zone file at a time: a directive changes the state, a
//! record is written into the caller's buffer in wire form.

use crate::error::Error;
use crate::name::NameBuf;
use crate::rdata::scan::{Scanner, TextError, TextResult};
use crate::rdata::{is_update_class, Class, RData, Rtype};
use crate::wire::message::Record;

/// Something the reader wants to tell about the zone without refusing it.
///
/// ```
/// use dnswire::zone::{Warning, ZoneReader, RECORD_BUF_LEN};
///
/// let text = "example. SOA ns.example. hostmaster.example. 1 7200 900 1209600 300\n";
/// let mut buf = [0u8; RECORD_BUF_LEN];
/// let mut zone = ZoneReader::new(text);
/// let soa = zone.next_record(&mut buf)?.unwrap();
/// assert_eq!(soa.ttl(), 300);
/// let warning = zone.take_warning().unwrap();
/// assert_eq!(warning, Warning::SoaMinimumAsTtl { line: 1, ttl: 300 });
/// assert_eq!(warning.to_string(), "1: no TTL specified; using SOA MINTTL (300) instead");
/// # Ok::<(), dnswire::TextError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Warning {
    /// No `$TTL` before the SOA, which gave no TTL either: the SOA's
    /// minimum became the default TTL (as BIND does, with the same warning).
    SoaMinimumAsTtl {
        /// The SOA's line.
        line: u32,
        /// The TTL taken.
        ttl: u32,
    },
    /// A record without a TTL and no `$TTL` before it: it took the TTL of
    /// the record before (RFC 1035 §5.1; BIND warns the same way).
    PreviousTtl {
        /// The record's line.
        line: u32,
        /// The TTL taken.
        ttl: u32,
    },
    /// A TTL above 2³¹ − 1, kept as written (as dnspython keeps it); RFC
    /// 2181 §8 reads it as 0, and BIND loads it as 0, with a warning.
    TtlAboveMax {
        /// The record's line.
        line: u32,
        /// The TTL as written.
        ttl: u32,
    },
}

impl Warning {
    /// The line the warning is about.
    ///
    /// ```
    /// use dnswire::zone::{ZoneReader, RECORD_BUF_LEN};
    ///
    /// let mut buf = [0u8; RECORD_BUF_LEN];
    /// let mut zone = ZoneReader::new("; hosts\nwww.example. 4294967295 A 192.0.2.1\n");
    /// zone.next_record(&mut buf)?;
    /// assert_eq!(zone.take_warning().map(|warning| warning.line()), Some(2)); // TtlAboveMax
    /// # Ok::<(), dnswire::TextError>(())
    /// ```
    pub fn line(&self) -> u32 {
        match *self {
            Warning::SoaMinimumAsTtl { line, .. }
            | Warning::PreviousTtl { line, .. }
            | Warning::TtlAboveMax { line, .. } => line,
        }
    }
}

impl core::fmt::Display for Warning {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match *self {
            Warning::SoaMinimumAsTtl { line, ttl } => {
                write!(f, "{line}: no TTL specified; using SOA MINTTL ({ttl}) instead")
            }
            Warning::PreviousTtl { line, ttl } => {
                write!(f, "{line}: no TTL and no $TTL; using the previous record's TTL ({ttl})")
            }
            Warning::TtlAboveMax { line, ttl } => {
                write!(f, "{line}: TTL {ttl} is above 2147483647 (RFC 2181 reads it as 0)")
            }
        }
    }
}

/// What one entry was. (An origin is a name inline: no allocation.)
#[allow(clippy::large_enum_variant)]
pub(crate) enum Parsed<'t> {
    /// A record, written into the buffer: owner from 0, RDATA at the range.
    Record { rtype: Rtype, class: Class, ttl: u32, rdata: core::ops::Range<usize> },
    /// `$INCLUDE path [origin]`: the path as written, quotes taken off.
    Include { path: &'t str, origin: Option<NameBuf> },
    /// A directive that only changed the state.
    Directive,
}

/// The state a zone file's entries carry to the next ones.
#[derive(Clone, Debug)]
pub(crate) struct Parser {
    pub(crate) origin: Option<NameBuf>,
    /// The owner of the last record, for entries that leave it blank.
    owner: Option<NameBuf>,
    /// `$TTL`, or the SOA minimum when it stood in for one.
    default_ttl: Option<u32>,
    /// The last TTL a record had.
    last_ttl: Option<u32>,
    /// The zone's class: given, or the first class a record names.
    class: Option<Class>,
    pub(crate) warning: Option<Warning>,
}

/// Room enough for any record: owner, fixed fields and the largest RDATA.
pub const RECORD_BUF_LEN: usize = 255 + 10 + 65_535;

/// What an included file does not change for the file that includes it:
/// its origin and its owner (RFC 1035 §5.1).
#[derive(Clone, Debug)]
pub(crate) struct Scope {
    origin: Option<NameBuf>,
    owner: Option<NameBuf>,
}

impl Parser {
    pub(crate) fn new() -> Self {
        Parser { origin: None, owner: None, default_ttl: None, last_ttl: None, class: None, warning: None }
    }

    /// The origin to start with (a relative name is taken as absolute).
    pub(crate) fn set_origin(&mut self, origin: NameBuf) {
        self.origin = Some(origin.to_absolute().unwrap_or(origin));
    }

    /// The zone's class, given.
    pub(crate) fn set_class(&mut self, class: Class) {
        self.class = Some(class);
    }

    /// Enters an included file that starts with `origin` (or this origin):
    /// returns what to give back to [`Parser::leave_include`] after it.
    pub(crate) fn enter_include(&mut self, origin: Option<NameBuf>) -> Scope {
        let scope = Scope { origin: self.origin.clone(), owner: self.owner.clone() };
        if origin.is_some() {
            self.origin = origin;
        }
        self.warning = None;
        scope
    }

    /// Back in the including file: its origin and owner again; `$TTL`, the
    /// last TTL and the zone's class carry on from the included one.
    pub(crate) fn leave_include(&mut self, scope: Scope) {
        self.origin = scope.origin;
        self.owner = scope.owner;
        self.warning = None;
    }

    /// Reads one entry, `text` (a record or a directive, parentheses
    /// closed, starting at line `line` of its file), writing a record into
    /// `buf` as one resource record in uncompressed wire form.
    pub(crate) fn entry<'t>(&mut self, text: &'t str, line: u32, buf: &mut [u8]) -> TextResult<Parsed<'t>> {
        let shift = |error: TextError| error.shifted(line.saturating_sub(1), 0);
        self.warning = None;
        if text.starts_with('$') {
            return self.directive(text).map_err(shift);
        }
        self.record(text, line, buf).map_err(shift)
    }

    fn directive<'t>(&mut self, text: &'t str) -> TextResult<Parsed<'t>> {
        let origin = self.origin.clone();
        let mut s = Scanner::new(text, origin.as_ref());
        let keyword = s.token("directive")?;
        let parsed = if keyword.raw.eq_ignore_ascii_case("$ORIGIN") {
            self.origin = Some(s.name("$ORIGIN name")?);
            Parsed::Directive
        } else if keyword.raw.eq_ignore_ascii_case("$TTL") {
            self.default_ttl = Some(s.ttl("$TTL")?);
            Parsed::Directive
        } else if keyword.raw.eq_ignore_ascii_case("$INCLUDE") {
            let token = s.token("$INCLUDE file")?;
            let start = token.at + usize::from(token.quoted);
            let path = &text[start..start + token.raw.len()];
            let origin = match s.next_token()? {
                Some(token) => Some(s.name_from(&token, "$INCLUDE origin")?),
                None => None,
            };
            Parsed::Include { path, origin }
        } else {
            return Err(s.error_at(&keyword, "directive", Error::BadDirective));
        };
        s.finish_text()?;
        Ok(parsed)
    }

    fn record<'t>(&mut self, text: &'t str, line: u32, buf: &mut [u8]) -> TextResult<Parsed<'t>> {
        let mut s = Scanner::new(text, self.origin.as_ref());
        // A blank owner (the entry starts with a space or tab) is the last
        // one; a written one is the owner from here on, even if the rest of
        // the record fails (as BIND reads it).
        if !text.starts_with([' ', '\t']) {
            let token = s.token("owner")?;
            let owner = s.name_from(&token, "owner")?;
            if !owner.is_absolute() {
                // A relative origin given to the reader.
                return Err(s.error_at(&token, "owner", Error::RelativeName));
            }
            self.owner = Some(owner);
        }
        let Some(owner) = self.owner.as_ref() else {
            let token = s.token("owner")?;
            return Err(s.error_before(&token, "owner", Error::NoOwner));
        };
        let head = s.record_head()?;
        if is_meta_type(head.rtype) {
            return Err(s.error_at(&head.type_token, "type", Error::MetaType));
        }
        let class = match (head.class, self.class) {
            (Some(class), _) if is_update_class(class) => {
                return Err(s.error_before(&head.type_token, "class", Error::MetaType));
            }
            (Some(class), Some(zone)) if class != zone => {
                return Err(s.error_before(&head.type_token, "class", Error::WrongClass));
            }
            (Some(class), _) | (None, Some(class)) => class,
            (None, None) => Class::IN,
        };
        let wire = owner.as_wire();
        let start = wire.len() + 10;
        if buf.len() < start {
            return Err(s.error_before(&head.type_token, "record", Error::BufferTooSmall));
        }
        let room = &mut buf[start..];
        let room_len = room.len().min(usize::from(u16::MAX));
        let rdata_len = RData::scan_into(head.rtype, &mut s, &mut room[..room_len])?;
        let rdata = start..start + rdata_len;
        let ttl = match (head.ttl, self.default_ttl) {
            (Some(ttl), _) | (None, Some(ttl)) => ttl,
            (None, None) if head.rtype == Rtype::SOA && rdata_len >= 4 => {
                let minimum = &buf[rdata.end - 4..rdata.end];
                let ttl = u32::from_be_bytes([minimum[0], minimum[1], minimum[2], minimum[3]]);
                self.default_ttl = Some(ttl);
                self.warning = Some(Warning::SoaMinimumAsTtl { line, ttl });
                ttl
            }
            (None, None) => {
                let ttl = self.last_ttl.ok_or_else(|| s.error_before(&head.type_token, "TTL", Error::NoTtl))?;
                self.warning = Some(Warning::PreviousTtl { line, ttl });
                ttl
            }
        };
        if ttl > MAX_TTL {
            self.warning = Some(Warning::TtlAboveMax { line, ttl });
        }
        buf[..wire.len()].copy_from_slice(wire);
        let fixed = &mut buf[wire.len()..start];
        fixed[0..2].copy_from_slice(&head.rtype.0.to_be_bytes());
        fixed[2..4].copy_from_slice(&class.0.to_be_bytes());
        fixed[4..8].copy_from_slice(&ttl.to_be_bytes());
        // At most 65 535: the room given to `scan_into`.
        fixed[8..10].copy_from_slice(&(rdata_len as u16).to_be_bytes());
        self.last_ttl = Some(ttl);
        self.class = Some(class);
        Ok(Parsed::Record { rtype: head.rtype, class, ttl, rdata })
    }
}

/// The largest TTL RFC 2181 §8 allows: one with the top bit set is read
/// as 0 by those who follow it.
const MAX_TTL: u32 = 0x7fff_ffff;

/// Types that are no data: for questions, transfers and transactions.
fn is_meta_type(rtype: Rtype) -> bool {
    matches!(rtype.0, 41 | 249..=255)
}

/// The record `Parser::entry` wrote into `buf`.
pub(crate) fn record_in<'b>(buf: &'b [u8], parsed: &Parsed<'_>) -> Option<Record<'b>> {
    match *parsed {
        Parsed::Record { rtype, class, ttl, ref rdata } => {
            Some(Record::from_checked(buf, 0, rtype, class, ttl, rdata.clone()))
        }
        _ => None,
    }
}
