//! [`RdataBuf`]: owned RDATA of any type (`alloc` feature).

use alloc::vec::Vec;
use core::fmt;

use crate::error::{Error, Result};
use crate::name::NameBuf;
use crate::rdata::scan::Scanner;
use crate::rdata::{Class, ComposeRdata, RData, Rtype, TextResult};
use crate::wire::builder::RdataWriter;
use crate::wire::message::MAX_MESSAGE_LEN;

/// RDATA that owns its bytes, in uncompressed wire form: read from
/// presentation text, or built from values. [`RdataBuf::rdata`] gives the
/// typed view; push it into a [`MessageBuilder`](crate::MessageBuilder)
/// as it is.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, RData, RdataBuf, Rtype};
///
/// let https = RdataBuf::from_text(Rtype::HTTPS, "1 . alpn=h3,h2 port=8443", None).unwrap();
/// let txt = RdataBuf::txt(&["v=spf1 mx -all", "second string"])?;
/// let mut builder = MessageBuilder::new(Vec::new())?;
/// builder.push_answer("example.com.", Class::IN, 300, &https)?;
/// builder.push_answer("example.com.", Class::IN, 300, &txt)?;
/// let bytes = builder.finish();
/// let message = Message::parse(&bytes[..])?;
/// let mut answers = message.answers();
/// assert_eq!(answers.next().unwrap().rdata().to_string(), r#"1 . alpn="h3,h2" port=8443"#);
/// assert_eq!(answers.next().unwrap().rdata().to_string(), r#""v=spf1 mx -all" "second string""#);
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RdataBuf {
    rtype: Rtype,
    bytes: Vec<u8>,
}

impl RdataBuf {
    /// RDATA of `rtype` read from presentation text (or the generic form
    /// `\# <length> <hex>`), relative names completed with `origin`.
    ///
    /// # Errors
    /// A [`TextError`](crate::TextError) naming the field, where it is,
    /// and the rule broken.
    pub fn from_text(rtype: Rtype, text: &str, origin: Option<&NameBuf>) -> TextResult<Self> {
        let mut raw = alloc::vec![0; MAX_MESSAGE_LEN];
        let mut scanner = Scanner::new(text, origin);
        let len = RData::scan_into(rtype, &mut scanner, &mut raw)?;
        scanner.finish_text()?;
        // Written again from the view: a pointer that generic-form bytes
        // carried is expanded.
        let view = RData::decode(&raw, rtype, Class::IN, 0..len);
        Ok(RdataBuf { rtype, bytes: crate::record_buf::written_whole(&view, len) })
    }

    /// TXT RDATA of the given strings (one or more, each at most 255 bytes).
    ///
    /// # Errors
    /// [`Error::StringTooLong`]; [`Error::RdataLength`] for no string or
    /// more than fit in a record.
    pub fn txt<S: AsRef<[u8]>>(strings: &[S]) -> Result<Self> {
        let total: usize = strings.iter().map(|s| 1 + s.as_ref().len()).sum();
        if strings.is_empty() || total > usize::from(u16::MAX) {
            return Err(Error::RdataLength);
        }
        let mut bytes = alloc::vec![0; total];
        RdataWriter::uncompressed(&mut bytes, |out| strings.iter().try_for_each(|s| out.string(s.as_ref())))?;
        Ok(RdataBuf { rtype: Rtype::TXT, bytes })
    }

    /// The record type.
    pub fn rtype(&self) -> Rtype {
        self.rtype
    }

    /// The RDATA in uncompressed wire form.
    pub fn as_wire(&self) -> &[u8] {
        &self.bytes
    }

    /// The typed view.
    pub fn rdata(&self) -> RData<'_> {
        RData::decode(&self.bytes, self.rtype, Class::IN, 0..self.bytes.len())
    }
}

impl ComposeRdata for RdataBuf {
    fn rtype(&self) -> Rtype {
        self.rtype
    }

    /// Writes the typed view, so that the names of the RFC 1035 types are
    /// compressed as the builder compresses.
    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        self.rdata().compose(out)
    }
}

impl fmt::Display for RdataBuf {
    /// Presentation format, as dig prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.rdata().fmt(f)
    }
}

impl fmt::Debug for RdataBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RdataBuf").field(&self.rdata()).finish()
    }
}
