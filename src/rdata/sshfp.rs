//! SSHFP: an SSH host key fingerprint ([RFC 4255 §3](https://www.rfc-editor.org/rfc/rfc4255#section-3)).
//!
//! # Wire format
//! ```text
//! ALGORITHM    u8 (1 RSA, 2 DSA, 3 ECDSA, 4 Ed25519, 6 Ed448)
//! FP TYPE      u8 (1 SHA-1, 2 SHA-256)
//! FINGERPRINT  the rest, printed in hex: 20 bytes for SHA-1, 32 for SHA-256
//! ```

use core::fmt;
use core::ops::Range;

use crate::error::Result;
use crate::rdata::fields::Fields;
use crate::rdata::present::hex;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// An SSH fingerprint record.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, Sshfp};
///
/// let fp = Sshfp { algorithm: 4, fingerprint_type: 2, fingerprint: &[0xab; 32][..] };
/// let mut buf = [0u8; 96];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("host.example.", Class::IN, 300, &fp)?;
/// let message = Message::parse(builder.finish())?;
/// let text = message.answers().next().unwrap().rdata().to_string();
/// assert_eq!(text, format!("4 2 {} {}", "AB".repeat(28), "AB".repeat(4)));
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Sshfp<'a> {
    /// The key algorithm.
    pub algorithm: u8,
    /// The hash algorithm.
    pub fingerprint_type: u8,
    /// The fingerprint.
    pub fingerprint: &'a [u8],
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Sshfp<'_>> {
    let mut fields = Fields::new(message, rdata);
    let sshfp = Sshfp { algorithm: fields.u8()?, fingerprint_type: fields.u8()?, fingerprint: fields.rest() };
    // The hash lengths RFC 4255 and RFC 6594 define, as BIND and dnspython
    // check them.
    if matches!((sshfp.fingerprint_type, sshfp.fingerprint.len()), (1, n) | (2, n) if n != [20, 32][usize::from(sshfp.fingerprint_type) - 1])
    {
        return Err(crate::Error::RdataLength);
    }
    Ok(sshfp)
}

impl fmt::Display for Sshfp<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.algorithm, self.fingerprint_type)?;
        if !self.fingerprint.is_empty() {
            f.write_str(" ")?;
            hex(f, self.fingerprint, true)?;
        }
        Ok(())
    }
}

impl ComposeRdata for Sshfp<'_> {
    fn rtype(&self) -> Rtype {
        Rtype::SSHFP
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.bytes(&[self.algorithm, self.fingerprint_type])?;
        out.bytes(self.fingerprint)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let algorithm = s.u8("SSHFP algorithm")?;
    let fingerprint_type = s.u8("SSHFP fingerprint type")?;
    out.bytes(&[algorithm, fingerprint_type]).map_err(|e| s.error_here("SSHFP", e))?;
    s.write_hex_tokens("SSHFP fingerprint", out).map(drop)
}
