//! [`RecordBuf`]: an owned resource record (`alloc` feature).

use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use crate::error::{Error, Result};
use crate::name::{CheckedSuffixes, Name, NameBuf, ToName, MAX_NAME_LEN};
use crate::rdata::scan::Scanner;
use crate::rdata::{Class, ComposeRdata, RData, Rtype, TextError, TextResult};
use crate::wire::builder::RdataWriter;
use crate::wire::message::{Record, MAX_MESSAGE_LEN};

/// A resource record that owns its data: the owner as a [`NameBuf`], the
/// RDATA in uncompressed wire form. Outlives the message it came from.
///
/// Its RDATA passes the same checks as a parsed record's, so
/// [`RecordBuf::rdata`] decodes without fail. Push it into a
/// [`MessageBuilder`](crate::MessageBuilder) with `push(section,
/// record.owner(), record.class(), record.ttl(), &record.rdata())`.
///
/// ```
/// use dnswire::{Message, RData, RecordBuf};
///
/// let records: Vec<RecordBuf> = {
///     let bytes = std::fs::read("tests/data/knot-mx.bin")?;
///     let message = Message::parse(&bytes[..])?;
///     message.answers().map(|record| RecordBuf::from(&record)).collect()
/// }; // the message bytes are gone, the records stay
/// let RData::Mx(mx) = records[0].rdata() else { panic!() };
/// assert_eq!(mx.exchange.to_string(), "mx1.example.com.");
/// assert_eq!(records[0].to_string(), "example.com.\t\t3600\tIN\tMX\t10 mx1.example.com.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RecordBuf {
    owner: NameBuf,
    rtype: Rtype,
    class: Class,
    ttl: u32,
    rdata: Vec<u8>,
    /// The rule the RDATA broke where it came from, for RDATA kept as
    /// invalid: its bytes alone may read differently (a pointer in them
    /// lands elsewhere), and the view must stay what it was.
    invalid: Option<Error>,
}

impl RecordBuf {
    /// A record owned by `owner` (absolute) with the given RDATA.
    ///
    /// # Errors
    /// [`Error::RelativeName`] or a text error for a bad name; what the
    /// RDATA check reports (an [`UnknownRdata`](crate::UnknownRdata) that
    /// claims a known type must hold that type's wire form).
    pub fn new(owner: impl ToName, class: Class, ttl: u32, rdata: &impl ComposeRdata) -> Result<Self> {
        let mut scratch = [0; MAX_NAME_LEN];
        let owner = NameBuf::from_wire(owner.to_wire(&mut scratch)?)?;
        let rtype = rdata.rtype();
        let mut raw = Vec::new();
        let mut size = 256;
        loop {
            raw.resize(size, 0);
            match RdataWriter::uncompressed(&mut raw, |out| rdata.compose(out)) {
                Ok(len) => {
                    raw.truncate(len);
                    break;
                }
                Err(Error::BufferTooSmall) if size < MAX_MESSAGE_LEN => size = (size * 4).min(MAX_MESSAGE_LEN),
                Err(error) => return Err(error),
            }
        }
        if !(raw.is_empty() && crate::rdata::is_update_class(class)) {
            RData::check(&raw, rtype, class, 0..raw.len(), &mut CheckedSuffixes::new())?;
        }
        // Written again from the decoded view: any pointer that opaque bytes
        // carried is expanded, so the stored form is always uncompressed.
        Ok(RecordBuf::from_parts(owner, class, ttl, RData::decode(&raw, rtype, class, 0..raw.len()), raw.len()))
    }

    /// A record from checked parts; `wire_len` is the RDATA's length as it
    /// was, possibly compressed.
    fn from_parts(owner: NameBuf, class: Class, ttl: u32, rdata: RData<'_>, wire_len: usize) -> Self {
        let rtype = rdata.rtype();
        let (bytes, invalid) = match rdata {
            // Kept as it came (its own view refuses to be written into a
            // message when its type holds names).
            RData::Invalid(invalid) => (invalid.data().to_vec(), Some(invalid.error())),
            _ => (written_whole(&rdata, wire_len), None),
        };
        RecordBuf { owner, rtype, class, ttl, rdata: bytes, invalid }
    }

    /// The owner name.
    pub fn owner(&self) -> Name<'_> {
        // Built from an absolute name, so always present.
        self.owner.as_name().unwrap_or(Name::root())
    }

    /// The record type.
    pub fn rtype(&self) -> Rtype {
        self.rtype
    }

    /// The class.
    pub fn class(&self) -> Class {
        self.class
    }

    /// The time to live, in seconds.
    pub fn ttl(&self) -> u32 {
        self.ttl
    }

    /// Sets the time to live, as a cache does when it hands a record out.
    pub fn set_ttl(&mut self, ttl: u32) {
        self.ttl = ttl;
    }

    /// The typed RDATA, a view into this record.
    pub fn rdata(&self) -> RData<'_> {
        match self.invalid {
            Some(error) => RData::Invalid(crate::rdata::InvalidRdata::new(self.rtype, &self.rdata, error)),
            None => RData::decode(&self.rdata, self.rtype, self.class, 0..self.rdata.len()),
        }
    }

    /// The RDATA in uncompressed wire form.
    pub fn rdata_bytes(&self) -> &[u8] {
        &self.rdata
    }
}

/// Checked RDATA in uncompressed wire form, from its view; `wire_len` is
/// its length as it was, possibly compressed.
pub(crate) fn written_whole(rdata: &RData<'_>, wire_len: usize) -> Vec<u8> {
    // Written without compression, it is at most its wire length plus 255
    // bytes for each of its (at most two) compressed names.
    let mut bytes = alloc::vec![0; wire_len + 2 * MAX_NAME_LEN];
    let len = RdataWriter::uncompressed(&mut bytes, |out| rdata.compose(out)).unwrap_or(0);
    bytes.truncate(len);
    // Keep what the record needs, not the room a name could have taken.
    bytes.shrink_to_fit();
    bytes
}

impl RecordBuf {
    /// A record from one line of presentation text, as dig prints it and a
    /// zone file holds it: `owner TTL [class] type RDATA`, TTL and class in
    /// either order, the class IN when left out, the TTL in seconds or
    /// BIND's units (`1h30m`). Relative names (and `@`) are completed with
    /// `origin`. RDATA may span lines inside parentheses, and may be in the
    /// generic form `\# <length> <hex>` for any type. A record of class
    /// NONE or ANY may have no RDATA (RFC 2136 §2.4, §2.5).
    ///
    /// ```
    /// use dnswire::{NameBuf, RData, RecordBuf};
    ///
    /// let origin: NameBuf = "example.".parse()?;
    /// let mx = RecordBuf::from_text("mail 1h IN MX 10 mx1", Some(&origin)).unwrap();
    /// assert_eq!(mx.to_string(), "mail.example.\t\t3600\tIN\tMX\t10 mx1.example.");
    /// let txt: RecordBuf = r#"example. 300 TXT "v=spf1 -all" ( "two" ; a comment
    ///     "three" )"#.parse().unwrap();
    /// let RData::Txt(strings) = txt.rdata() else { panic!() };
    /// assert_eq!(strings.strings().count(), 3);
    /// let error = "example. 300 IN MX 65536 mx1.example.".parse::<RecordBuf>().unwrap_err();
    /// assert_eq!(error.to_string(), "1:20: MX preference `65536`: larger than 65535");
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    ///
    /// # Errors
    /// A [`TextError`] naming the field, its line and column, and the rule
    /// broken.
    pub fn from_text(text: &str, origin: Option<&NameBuf>) -> TextResult<Self> {
        let mut scanner = Scanner::new(text, origin);
        let owner = scanner.name("owner")?;
        let head = scanner.record_head()?;
        let rtype = head.rtype;
        let ttl = head.ttl.ok_or_else(|| scanner.error_before(&head.type_token, "TTL", Error::MissingField))?;
        let class = head.class.unwrap_or(Class::IN);
        let mut raw = alloc::vec![0; MAX_MESSAGE_LEN];
        let len = if crate::rdata::is_update_class(class) && scanner.at_end()? {
            0
        } else {
            RData::scan_into(rtype, &mut scanner, &mut raw)?
        };
        scanner.finish_text()?;
        // Written again from the view: a pointer that generic-form bytes
        // carried is expanded, as in `RecordBuf::new`.
        Ok(RecordBuf::from_parts(owner, class, ttl, RData::decode(&raw, rtype, class, 0..len), len))
    }
}

impl FromStr for RecordBuf {
    type Err = TextError;

    /// [`RecordBuf::from_text`] without an origin: names must be absolute.
    fn from_str(text: &str) -> TextResult<Self> {
        RecordBuf::from_text(text, None)
    }
}

impl From<&Record<'_>> for RecordBuf {
    /// Copies a parsed record, decompressing the names in its RDATA.
    fn from(record: &Record<'_>) -> Self {
        let owner = NameBuf::from(record.owner());
        RecordBuf::from_parts(owner, record.class(), record.ttl(), record.rdata(), record.rdata_bytes().len())
    }
}

impl fmt::Display for RecordBuf {
    /// One line, as dig prints a record.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::wire::dig::write_record(f, self.owner(), self.ttl, self.class, self.rtype, self.rdata())
    }
}

impl fmt::Debug for RecordBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordBuf")
            .field("owner", &self.owner)
            .field("rtype", &self.rtype)
            .field("class", &self.class)
            .field("ttl", &self.ttl)
            .field("rdata", &self.rdata())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Mx, Soa, UnknownRdata};

    #[test]
    fn copies_every_capture_and_agrees_with_the_view() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("bin") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let message = crate::Message::parse(&bytes[..]).unwrap();
            for section in crate::Section::ALL {
                for record in message.records(section) {
                    let owned = RecordBuf::from(&record);
                    assert_eq!(owned.owner(), record.owner());
                    assert_eq!(owned.rdata(), record.rdata(), "{path:?}");
                    assert_eq!(owned.to_string(), record.to_string());
                    let again = RecordBuf::new(record.owner(), record.class(), record.ttl(), &record.rdata()).unwrap();
                    assert_eq!(again, owned);
                }
            }
        }
    }

    #[test]
    fn builds_from_values_and_refuses_bad_rdata() {
        let mx = Mx { preference: 0, exchange: "." };
        let null_mx = RecordBuf::new("example.com.", Class::IN, 300, &mx).unwrap();
        assert_eq!(null_mx.rdata_bytes(), b"\x00\x00\x00");
        assert!(matches!(null_mx.rdata(), RData::Mx(mx) if mx.is_null()));
        let soa = Soa { mname: "a.", rname: "b.", serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 };
        assert!(RecordBuf::new("example.", Class::IN, 0, &soa).is_ok());
        // A short A record has no pointer to go stale: kept, and decoded
        // as what it is, invalid.
        let short_a = UnknownRdata::new(Rtype::A, &[1, 2, 3]);
        let kept = RecordBuf::new("example.", Class::IN, 0, &short_a).unwrap();
        assert!(matches!(kept.rdata(), RData::Invalid(bad) if bad.error() == Error::RdataLength));
        let looping_mx = UnknownRdata::new(Rtype::MX, &[0, 1, 0xc0, 2]);
        assert_eq!(RecordBuf::new("example.", Class::IN, 0, &looping_mx), Err(Error::BadPointer));
        // A pointer smuggled in opaque bytes is expanded: the root it points to.
        let pointing_mx = UnknownRdata::new(Rtype::MX, &[0, 1, 0xc0, 0]);
        let expanded = RecordBuf::new("example.", Class::IN, 0, &pointing_mx).unwrap();
        assert_eq!(expanded.rdata_bytes(), b"\x00\x01\x00");
        assert_eq!(RecordBuf::new("relative", Class::IN, 0, &mx), Err(Error::RelativeName));
        let big = UnknownRdata::new(Rtype(65280), &[7; 40_000]);
        assert_eq!(RecordBuf::new("example.", Class::IN, 0, &big).unwrap().rdata_bytes().len(), 40_000);
    }
}
