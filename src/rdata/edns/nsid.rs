//! NSID: the name server identifier ([RFC 5001](https://www.rfc-editor.org/rfc/rfc5001)).
//!
//! # Wire format
//! ```text
//! OPTION-CODE 3
//! OPTION-DATA the identifier, any bytes; empty in a query, which asks for it
//! ```
//! RFC 5001 §2.3 leaves the identifier's contents to the server: knotd and
//! BIND send text (`nsid:`, `server-id`), others a hex string or a hash.

use core::fmt;

use super::{check_data_len, put, write_generic, ComposeOption, OptionCode};
use crate::error::Result;

/// A name server identifier ([RFC 5001](https://www.rfc-editor.org/rfc/rfc5001)):
/// bytes, as the server chose them; option code 3.
///
/// ```
/// use dnswire::{EdnsOption, EdnsOptionData, Nsid, OptionCode};
///
/// // knotd's answer to `dig +nsid`, with `nsid: knot` in its configuration.
/// let option = EdnsOption { code: OptionCode::NSID, data: b"knot" };
/// let EdnsOptionData::Nsid(nsid) = option.decode()? else { unreachable!() };
/// assert_eq!(nsid.id(), b"knot");
/// assert_eq!(nsid.to_string(), r#"; NSID: 6b 6e 6f 74 ("knot")"#);
/// // A query asks with an empty one.
/// assert_eq!(Nsid::REQUEST.to_string(), "; NSID:");
/// assert_eq!(Nsid::new(b"knot")?, nsid);
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Nsid<'a> {
    id: &'a [u8],
}

impl<'a> Nsid<'a> {
    /// The empty NSID a query carries to ask for the server's (RFC 5001 §2.1).
    pub const REQUEST: Nsid<'static> = Nsid { id: &[] };

    /// An NSID to send.
    ///
    /// # Errors
    /// [`Error::BadOption`](crate::Error::BadOption) if `id` is longer than
    /// 65 535 bytes.
    pub fn new(id: &'a [u8]) -> Result<Self> {
        Self::parse(id)
    }

    /// Reads an NSID option's data: any bytes.
    ///
    /// # Errors
    /// [`Error::BadOption`](crate::Error::BadOption) if `data` is longer
    /// than an option can be.
    pub fn parse(data: &'a [u8]) -> Result<Self> {
        check_data_len(data)?;
        Ok(Nsid { id: data })
    }

    /// The identifier.
    pub fn id(&self) -> &'a [u8] {
        self.id
    }
}

impl fmt::Display for Nsid<'_> {
    /// As dig prints it: `; NSID: <hex bytes> ("<text>")`, `.` for the
    /// bytes that are not printable ASCII (UTF-8 included); `; NSID:` when
    /// empty.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_generic(f, OptionCode::NSID, self.id)
    }
}

impl ComposeOption for Nsid<'_> {
    fn code(&self) -> OptionCode {
        OptionCode::NSID
    }

    fn data_len(&self) -> usize {
        self.id.len()
    }

    fn write_data(&self, out: &mut [u8]) {
        put(out, 0, self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_as_dig() {
        // dig 9.18 on tests/data/knot-edns-do-nsid.bin, and on crafted
        // options replayed to it.
        let knot = Nsid::parse(b"dnswire-knot").unwrap();
        assert_eq!(knot.to_string(), r#"; NSID: 64 6e 73 77 69 72 65 2d 6b 6e 6f 74 ("dnswire-knot")"#);
        assert_eq!(Nsid::parse(b"").unwrap().to_string(), "; NSID:");
        // UTF-8 is not printable ASCII: "é" is two dots.
        assert_eq!(Nsid::parse("é".as_bytes()).unwrap().to_string(), r#"; NSID: c3 a9 ("..")"#);
    }

    #[test]
    fn round_trips() {
        let nsid = Nsid::new(b"ns1.example").unwrap();
        let mut out = [0u8; 11];
        assert_eq!(nsid.data_len(), 11);
        nsid.write_data(&mut out);
        assert_eq!(Nsid::parse(&out).unwrap(), nsid);
    }

    #[test]
    fn rejects_more_than_an_option_holds() {
        let long = [0u8; 65_536];
        assert_eq!(Nsid::new(&long), Err(crate::Error::BadOption));
        assert!(Nsid::new(&long[..65_535]).is_ok());
    }
}
