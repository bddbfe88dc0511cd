//! TXT: text strings ([RFC 1035 §3.3.14](https://www.rfc-editor.org/rfc/rfc1035#section-3.3.14)).
//!
//! # Wire format
//! One or more character-strings, each a length byte and that many bytes,
//! filling RDLENGTH exactly.

use core::fmt;

use crate::error::{Error, Result};
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A text record: a checked view of its character-strings.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, RData, Txt};
///
/// let txt = Txt::from_wire(b"\x0ev=spf1 mx -all\x03two")?;
/// let mut buf = [0u8; 128];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("example.com.", Class::IN, 3600, &txt)?;
/// let message = Message::parse(builder.finish())?;
/// let RData::Txt(parsed) = message.answers().next().unwrap().rdata() else { panic!() };
/// let strings: Vec<&[u8]> = parsed.strings().collect();
/// assert_eq!(strings, [&b"v=spf1 mx -all"[..], b"two"]);
/// assert_eq!(parsed.to_string(), r#""v=spf1 mx -all" "two""#);
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Txt<'a> {
    bytes: &'a [u8],
}

#[inline]
pub(crate) fn decode(message: &[u8], rdata: core::ops::Range<usize>) -> Result<Txt<'_>> {
    Txt::from_wire(crate::wire::peek_slice(message, rdata))
}

pub(crate) fn check(bytes: &[u8]) -> Result<()> {
    if bytes.is_empty() {
        return Err(Error::RdataLength);
    }
    let mut pos = 0;
    while pos < bytes.len() {
        pos += 1 + usize::from(bytes[pos]);
    }
    if pos != bytes.len() {
        return Err(Error::RdataLength);
    }
    Ok(())
}

impl<'a> Txt<'a> {
    /// Checks and wraps TXT RDATA in wire form.
    ///
    /// # Errors
    /// [`Error::RdataLength`] if it is empty or its strings do not fill it
    /// exactly.
    pub fn from_wire(bytes: &'a [u8]) -> Result<Self> {
        check(bytes)?;
        Ok(Txt { bytes })
    }

    /// TXT RDATA of the given strings, written into `buf`, with no
    /// allocator.
    ///
    /// ```
    /// use dnswire::Txt;
    ///
    /// let mut buf = [0u8; 64];
    /// let txt = Txt::from_strings(&["v=spf1 mx -all", "second"], &mut buf)?;
    /// assert_eq!(txt.to_string(), r#""v=spf1 mx -all" "second""#);
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::StringTooLong`] for a string over 255 bytes;
    /// [`Error::RdataLength`] for none; [`Error::BufferTooSmall`].
    pub fn from_strings<S: AsRef<[u8]>>(strings: &[S], buf: &'a mut [u8]) -> Result<Self> {
        if strings.is_empty() {
            return Err(Error::RdataLength);
        }
        let len = RdataWriter::uncompressed(buf, |out| strings.iter().try_for_each(|s| out.string(s.as_ref())))?;
        let bytes: &'a [u8] = buf;
        Ok(Txt { bytes: &bytes[..len] })
    }

    /// The RDATA in wire form.
    pub fn as_wire(&self) -> &'a [u8] {
        self.bytes
    }

    /// The character-strings, without their length bytes.
    pub fn strings(&self) -> TxtStrings<'a> {
        TxtStrings { rest: self.bytes }
    }
}

/// Iterator over the character-strings of a [`Txt`].
#[derive(Clone, Debug)]
pub struct TxtStrings<'a> {
    rest: &'a [u8],
}

impl<'a> TxtStrings<'a> {
    pub(crate) fn new(rest: &'a [u8]) -> Self {
        TxtStrings { rest }
    }
}

impl<'a> Iterator for TxtStrings<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let (&len, rest) = self.rest.split_first()?;
        let string = rest.get(..usize::from(len))?;
        self.rest = &rest[string.len()..];
        Some(string)
    }
}

/// How dig prints a byte inside a quoted string: `Some(true)` for a
/// backslash before it, `Some(false)` for `\DDD`, `None` for as it is.
pub(crate) fn string_escape(byte: u8) -> Option<bool> {
    match byte {
        b'"' | b'\\' => Some(true),
        0x20..=0x7e => None,
        _ => Some(false),
    }
}

impl fmt::Display for Txt<'_> {
    /// Each string quoted, separated by a space; `"` and `\` escaped with a
    /// backslash, other bytes outside printable ASCII as `\DDD`, as dig does.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, string) in self.strings().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str("\"")?;
            crate::name::write_escaped(f, string, string_escape)?;
            f.write_str("\"")?;
        }
        Ok(())
    }
}

impl ComposeRdata for Txt<'_> {
    fn rtype(&self) -> Rtype {
        Rtype::TXT
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.bytes(self.bytes)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    s.write_string("TXT string", out)?;
    while let Some(token) = s.next_token()? {
        s.write_string_from(&token, "TXT string", out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_strings_that_do_not_fill_rdata() {
        assert_eq!(Txt::from_wire(b""), Err(Error::RdataLength));
        assert_eq!(Txt::from_wire(b"\x03ab"), Err(Error::RdataLength));
        assert_eq!(Txt::from_wire(b"\x01a\x05"), Err(Error::RdataLength));
        assert!(Txt::from_wire(b"\x00").is_ok());
    }

    #[test]
    fn displays_like_dig() {
        // From tests/data/knot-txt-odd.dig.
        let txt = Txt::from_wire(b"\x0eq\" b\\ s; t\x09\x07\xc3\xa9").unwrap();
        assert_eq!(txt.to_string(), r#""q\" b\\ s; t\009\007\195\169""#);
    }
}
