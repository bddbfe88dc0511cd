//! KEY-TAG: the key tags of the trust anchors a resolver uses
//! ([RFC 8145](https://www.rfc-editor.org/rfc/rfc8145)).
//!
//! # Wire format
//! ```text
//! OPTION-CODE     14
//! KEY-TAG         u16, one or more (RFC 8145 §4.1: the length is a multiple of 2)
//! ```
//! BIND's parser refuses an empty one, as it does an odd length.

use core::fmt;

use super::{check_data_len, put, ComposeOption, OptionCode};
use crate::error::{Error, Result};

/// Trust anchor key tags ([RFC 8145 §4.1](https://www.rfc-editor.org/rfc/rfc8145#section-4.1)),
/// option code 14: one or more u16 tags, kept as their bytes.
///
/// ```
/// use dnswire::{EdnsOption, EdnsOptionData, KeyTag, OptionCode};
///
/// // The root zone's KSK-2017 (20326) and KSK-2024 (38696).
/// let option = EdnsOption { code: OptionCode::KEY_TAG, data: &[0x4f, 0x66, 0x97, 0x28] };
/// let EdnsOptionData::KeyTag(tags) = option.decode()? else { unreachable!() };
/// assert_eq!(tags.tags().collect::<Vec<_>>(), [20326, 38696]);
/// assert_eq!(tags.to_string(), "; KEY-TAG: 20326, 38696");
/// assert_eq!(KeyTag::new(&[0x4f, 0x66, 0x97, 0x28])?, tags);
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyTag<'a> {
    bytes: &'a [u8],
}

impl<'a> KeyTag<'a> {
    /// Key tags to send, given as on the wire: each tag two bytes, big
    /// endian.
    ///
    /// # Errors
    /// As [`KeyTag::parse`].
    pub fn new(bytes: &'a [u8]) -> Result<Self> {
        Self::parse(bytes)
    }

    /// Reads a key tag option's data.
    ///
    /// # Errors
    /// [`Error::BadOption`] if it is empty, of an odd length, or longer
    /// than an option can be.
    pub fn parse(data: &'a [u8]) -> Result<Self> {
        check_data_len(data)?;
        if data.is_empty() || data.len() % 2 != 0 {
            return Err(Error::BadOption);
        }
        Ok(KeyTag { bytes: data })
    }

    /// The key tags, in order.
    pub fn tags(&self) -> KeyTags<'a> {
        KeyTags { rest: self.bytes }
    }
}

/// Iterator over the tags of a [`KeyTag`].
#[derive(Clone, Debug)]
pub struct KeyTags<'a> {
    rest: &'a [u8],
}

impl Iterator for KeyTags<'_> {
    type Item = u16;

    fn next(&mut self) -> Option<u16> {
        let (tag, rest) = self.rest.split_first_chunk::<2>()?;
        self.rest = rest;
        Some(u16::from_be_bytes(*tag))
    }
}

impl fmt::Display for KeyTag<'_> {
    /// As dig prints it: `; KEY-TAG: <tag>, <tag>…`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("; KEY-TAG:")?;
        for (i, tag) in self.tags().enumerate() {
            f.write_str(if i == 0 { " " } else { ", " })?;
            write!(f, "{tag}")?;
        }
        Ok(())
    }
}

impl ComposeOption for KeyTag<'_> {
    fn code(&self) -> OptionCode {
        OptionCode::KEY_TAG
    }

    fn data_len(&self) -> usize {
        self.bytes.len()
    }

    fn write_data(&self, out: &mut [u8]) {
        put(out, 0, self.bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_as_dig() {
        // dig 9.18's lines for crafted options.
        assert_eq!(KeyTag::parse(&[0x4f, 0x66]).unwrap().to_string(), "; KEY-TAG: 20326");
        assert_eq!(KeyTag::parse(&[0, 1, 0, 2]).unwrap().to_string(), "; KEY-TAG: 1, 2");
        let three = KeyTag::parse(&[0x4f, 0x66, 0xff, 0xff, 0, 0]).unwrap();
        assert_eq!(three.to_string(), "; KEY-TAG: 20326, 65535, 0");
    }

    #[test]
    fn rejects_empty_and_odd_lengths() {
        // RFC 8145 §4.1; dig refuses these messages too.
        assert_eq!(KeyTag::parse(&[]), Err(Error::BadOption));
        assert_eq!(KeyTag::parse(&[0, 1, 0]), Err(Error::BadOption));
    }

    #[test]
    fn round_trips() {
        let tags = KeyTag::new(&[0x4f, 0x66, 0x97, 0x28]).unwrap();
        let mut out = [0u8; 4];
        tags.write_data(&mut out);
        assert_eq!(KeyTag::parse(&out), Ok(tags));
    }
}
