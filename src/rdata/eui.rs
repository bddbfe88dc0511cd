//! EUI48 and EUI64: IEEE extended unique identifiers ([RFC 7043](https://www.rfc-editor.org/rfc/rfc7043)).
//!
//! # Wire format
//! Exactly 6 (EUI48) or 8 (EUI64) bytes, printed as lower-case hex pairs
//! joined by `-`.

use core::fmt;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A 48-bit identifier (a MAC address).
///
/// ```
/// use dnswire::{Class, Eui48, Message, MessageBuilder};
///
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("host.example.", Class::IN, 300, &Eui48([0x00, 0x00, 0x5e, 0x00, 0x53, 0x2a]))?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "00-00-5e-00-53-2a");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Eui48(pub [u8; 6]);

/// A 64-bit identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Eui64(pub [u8; 8]);

/// The two types, for one decoder.
pub(crate) trait Eui: Sized {
    fn from_bytes(bytes: &[u8]) -> Option<Self>;
}

pub(crate) fn decode<T: Eui>(message: &[u8], rdata: Range<usize>) -> Result<T> {
    message.get(rdata).and_then(T::from_bytes).ok_or(Error::RdataLength)
}

fn write_dashed(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    for (i, byte) in bytes.iter().enumerate() {
        if i > 0 {
            f.write_str("-")?;
        }
        write!(f, "{byte:02x}")?;
    }
    Ok(())
}

macro_rules! eui {
    ($type:ident, $len:expr, $rtype:ident) => {
        impl Eui for $type {
            fn from_bytes(bytes: &[u8]) -> Option<Self> {
                bytes.try_into().ok().map($type)
            }
        }

        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write_dashed(f, &self.0)
            }
        }

        impl ComposeRdata for $type {
            fn rtype(&self) -> Rtype {
                Rtype::$rtype
            }

            fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
                out.bytes(&self.0)
            }
        }
    };
}
eui!(Eui48, 6, EUI48);
eui!(Eui64, 8, EUI64);
