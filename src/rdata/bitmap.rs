//! Type bitmaps, as NSEC, NSEC3 and CSYNC carry them
//! ([RFC 4034 §4.1.2](https://www.rfc-editor.org/rfc/rfc4034#section-4.1.2)).
//!
//! # Wire format
//! ```text
//! { WINDOW u8, LENGTH u8 (1..=32), BITS [LENGTH] }*
//! ```
//! Windows strictly increasing, no empty window, no trailing zero byte;
//! bit `n` of window `w` (most significant first) is type `w * 256 + n`.

use core::fmt;

use crate::error::{Error, Result};
use crate::rdata::Rtype;

/// A checked type bitmap: which types exist at a name.
///
/// ```
/// use dnswire::{Rtype, TypeBitmap};
///
/// // A, MX, RRSIG, NSEC, and CAA (type 257, in window 1).
/// let bitmap = TypeBitmap::from_wire(&[0, 6, 0x40, 0x01, 0, 0, 0, 0x03, 1, 1, 0x40])?;
/// let types: Vec<Rtype> = bitmap.types().collect();
/// assert_eq!(types, [Rtype::A, Rtype::MX, Rtype::RRSIG, Rtype::NSEC, Rtype::CAA]);
/// assert_eq!(bitmap.to_string(), "A MX RRSIG NSEC CAA");
/// assert!(bitmap.contains(Rtype::MX) && !bitmap.contains(Rtype::AAAA));
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct TypeBitmap<'a> {
    bytes: &'a [u8],
}

impl<'a> TypeBitmap<'a> {
    /// Checks and wraps a type bitmap in wire form (it may be empty).
    ///
    /// # Errors
    /// [`Error::BadBitmap`] if a window is empty, longer than 32 bytes, out
    /// of order, ends in a zero byte, or runs past the end.
    #[inline]
    pub fn from_wire(bytes: &'a [u8]) -> Result<Self> {
        let mut pos = 0;
        let mut last: Option<u8> = None;
        while pos < bytes.len() {
            let (window, len) = match bytes.get(pos..pos + 2) {
                Some(&[window, len]) => (window, usize::from(len)),
                _ => return Err(Error::BadBitmap),
            };
            let bits = bytes.get(pos + 2..pos + 2 + len).ok_or(Error::BadBitmap)?;
            if len == 0 || len > 32 || last.is_some_and(|last| window <= last) || bits[len - 1] == 0 {
                return Err(Error::BadBitmap);
            }
            last = Some(window);
            pos += 2 + len;
        }
        Ok(TypeBitmap { bytes })
    }

    /// Wraps bytes that [`TypeBitmap::from_wire`] accepted before: NSEC's
    /// bitmap, checked when the message was parsed, is not checked again
    /// each time its view is asked for.
    #[inline(always)]
    pub(crate) fn checked(bytes: &'a [u8]) -> Self {
        TypeBitmap { bytes }
    }

    /// The bitmap in wire form.
    pub fn as_wire(&self) -> &'a [u8] {
        self.bytes
    }

    /// The types, in increasing order.
    pub fn types(&self) -> BitmapTypes<'a> {
        BitmapTypes { rest: self.bytes, window: 0, bits: &[], index: 0 }
    }

    /// Whether `rtype` is in the bitmap.
    pub fn contains(&self, rtype: Rtype) -> bool {
        self.types().any(|t| t == rtype)
    }

    /// Whether no type is listed.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

impl fmt::Display for TypeBitmap<'_> {
    /// The mnemonics (or `TYPE<n>`), separated by spaces, as dig prints them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, rtype) in self.types().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            fmt::Display::fmt(&rtype, f)?;
        }
        Ok(())
    }
}

/// Iterator over the types of a [`TypeBitmap`].
#[derive(Clone, Debug)]
pub struct BitmapTypes<'a> {
    rest: &'a [u8],
    window: u8,
    bits: &'a [u8],
    /// Next bit to look at in `bits`.
    index: usize,
}

impl Iterator for BitmapTypes<'_> {
    type Item = Rtype;

    fn next(&mut self) -> Option<Rtype> {
        loop {
            while self.index < self.bits.len() * 8 {
                let index = self.index;
                self.index += 1;
                if self.bits[index / 8] & (0x80 >> (index % 8)) != 0 {
                    return Some(Rtype(u16::from(self.window) << 8 | index as u16));
                }
            }
            let (&window, rest) = self.rest.split_first()?;
            let (&len, rest) = rest.split_first()?;
            let len = usize::from(len).min(rest.len());
            self.window = window;
            self.bits = &rest[..len];
            self.rest = &rest[len..];
            self.index = 0;
        }
    }
}

/// A set of record types, written out as a type bitmap: how the
/// presentation parser builds one in a single pass. Up to
/// [`TypeSet::FEW`] types are kept in a list; more, one bit each (8 KiB),
/// which a zone of NSEC records would otherwise clear for every record.
/// The list lives inside the 8 KiB on purpose: no allocation either way.
#[allow(clippy::large_enum_variant)]
pub(crate) enum TypeSet {
    Few { types: [u16; TypeSet::FEW], len: usize },
    All(AllTypes),
}

impl TypeSet {
    /// More types than a record set usually has.
    pub(crate) const FEW: usize = 48;

    pub(crate) fn new() -> Self {
        TypeSet::Few { types: [0; Self::FEW], len: 0 }
    }

    pub(crate) fn insert(&mut self, rtype: Rtype) {
        match self {
            TypeSet::Few { types, len } if *len < Self::FEW => {
                types[*len] = rtype.0;
                *len += 1;
            }
            TypeSet::Few { types, .. } => {
                let mut all = AllTypes::new();
                for &listed in types.iter() {
                    all.insert(Rtype(listed));
                }
                all.insert(rtype);
                *self = TypeSet::All(all);
            }
            TypeSet::All(all) => all.insert(rtype),
        }
    }

    /// Writes the windows that hold a type, in order, with `emit`.
    pub(crate) fn write(&mut self, mut emit: impl FnMut(&[u8]) -> Result<()>) -> Result<()> {
        let (types, len) = match self {
            TypeSet::All(all) => return all.write(emit),
            TypeSet::Few { types, len } => (types, *len),
        };
        let types = &mut types[..len];
        types.sort_unstable();
        let mut rest = &types[..];
        while let Some(&first) = rest.first() {
            let window = first >> 8;
            let in_window = rest.iter().take_while(|&&t| t >> 8 == window).count();
            let mut block = [0u8; 32];
            for &t in &rest[..in_window] {
                block[usize::from(t as u8 >> 3)] |= 0x80 >> (t & 7);
            }
            // The last type is the largest: its byte ends the block.
            let last = usize::from(rest[in_window - 1] as u8 >> 3);
            emit(&[window as u8, last as u8 + 1])?;
            emit(&block[..=last])?;
            rest = &rest[in_window..];
        }
        Ok(())
    }
}

/// A set of record types, one bit each (8 KiB).
pub(crate) struct AllTypes {
    bits: [u8; 8192],
}

impl AllTypes {
    pub(crate) fn new() -> Self {
        AllTypes { bits: [0; 8192] }
    }

    pub(crate) fn insert(&mut self, rtype: Rtype) {
        self.bits[usize::from(rtype.0 >> 3)] |= 0x80 >> (rtype.0 & 7);
    }

    /// Writes the windows that hold a type, with `emit`.
    pub(crate) fn write(&self, mut emit: impl FnMut(&[u8]) -> Result<()>) -> Result<()> {
        for (window, block) in self.bits.chunks_exact(32).enumerate() {
            if let Some(last) = block.iter().rposition(|&b| b != 0) {
                emit(&[window as u8, last as u8 + 1])?;
                emit(&block[..=last])?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_malformed_windows() {
        assert_eq!(TypeBitmap::from_wire(&[0, 0]), Err(Error::BadBitmap));
        assert_eq!(TypeBitmap::from_wire(&[0, 1, 0]), Err(Error::BadBitmap));
        assert_eq!(TypeBitmap::from_wire(&[0, 2, 0x40]), Err(Error::BadBitmap));
        assert_eq!(TypeBitmap::from_wire(&[0, 33]), Err(Error::BadBitmap));
        assert_eq!(TypeBitmap::from_wire(&[1, 1, 0x40, 0, 1, 0x40]), Err(Error::BadBitmap));
        assert_eq!(TypeBitmap::from_wire(&[1, 1, 0x40, 1, 1, 0x40]), Err(Error::BadBitmap));
        assert_eq!(TypeBitmap::from_wire(&[0]), Err(Error::BadBitmap));
        assert!(TypeBitmap::from_wire(&[]).is_ok());
    }

    #[test]
    fn writes_what_it_reads() {
        // Duplicates, out of order, in three windows; then as many more as
        // make the set switch to one bit a type.
        let types = [Rtype::CAA, Rtype::A, Rtype::NSEC, Rtype(65535), Rtype::A, Rtype::MX];
        let many: Vec<Rtype> = types.iter().copied().chain((1000..1000 + TypeSet::FEW as u16).map(Rtype)).collect();
        for (listed, expected) in [(&types[..], 1), (&many[..], 2)] {
            let mut set = TypeSet::new();
            for &rtype in listed {
                set.insert(rtype);
            }
            assert_eq!(matches!(set, TypeSet::Few { .. }), expected == 1);
            let mut wire = Vec::new();
            set.write(|bytes| {
                wire.extend_from_slice(bytes);
                Ok(())
            })
            .unwrap();
            let bitmap = TypeBitmap::from_wire(&wire).unwrap();
            let read: Vec<Rtype> = bitmap.types().collect();
            let mut sorted = listed.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(read, sorted);
        }
        // RFC 4034 §4.3's example: A MX RRSIG NSEC TYPE1234.
        let mut set = TypeSet::new();
        for rtype in [Rtype(1234), Rtype::NSEC, Rtype::RRSIG, Rtype::MX, Rtype::A] {
            set.insert(rtype);
        }
        let mut wire = Vec::new();
        set.write(|bytes| {
            wire.extend_from_slice(bytes);
            Ok(())
        })
        .unwrap();
        let mut expected = vec![0x00, 0x06, 0x40, 0x01, 0x00, 0x00, 0x00, 0x03, 0x04, 0x1b];
        expected.extend_from_slice(&[0; 26]);
        expected.push(0x20);
        assert_eq!(wire, expected);
    }
}
