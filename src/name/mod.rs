//! Domain names: the borrowed [`Name`] view over a message, the inline owned
//! [`NameBuf`], and their presentation format.
//!
//! # Wire rules checked (RFC 1035 §2.3.4, §4.1.4)
//! - a label is at most 63 bytes; on the wire a larger length byte is one of
//!   the reserved label types `0x40`/`0x80` and is refused as such;
//! - a name is at most 255 bytes in uncompressed wire form, counted while
//!   following compression pointers;
//! - a compression pointer must point strictly before the first byte of the
//!   labels that led to it. Each jump therefore lands lower than the last, so
//!   no loop is possible and a walk never reads a byte twice;
//! - at most [`MAX_POINTERS`] jumps per name.
//!
//! # Cost
//! Checking one name takes at most 127 label steps and 127 jumps, whatever
//! the input. Within one parse, a pointer to a target already walked costs
//! a single look-up in a small fixed table instead of a walk: a message of
//! 64 KiB whose records all point into one 255-byte name costs about as
//! much per byte as an ordinary response. A fixed table can be made to miss
//! on purpose, though (two suffixes that share a slot, pointed to in turn),
//! so every walk through pointers is also paid from a work budget of
//! [`WORK_PER_BYTE`] units per message byte: a message whose compression
//! would take more is refused with [`Error::CompressionTooCostly`]. With
//! it, no input costs the parser more than a few dozen instructions per
//! byte (the README gives the figures measured on crafted messages), and
//! real messages are nowhere near it.

mod ops;

use core::fmt;
use core::hash::{Hash, Hasher};
use core::str::FromStr;

use crate::error::{Error, Result};

/// Longest name, in uncompressed wire bytes, root label included.
pub const MAX_NAME_LEN: usize = 255;
/// Longest label, in bytes.
pub const MAX_LABEL_LEN: usize = 63;
/// Most compression pointers one name may follow. A name has at most 127
/// labels besides the root, and a sane encoder jumps at most once per label.
pub const MAX_POINTERS: usize = 127;

const POINTER: u8 = 0xc0;
/// Highest offset a compression pointer can hold (14 bits).
const MAX_POINTER_TARGET: usize = 0x3fff;

/// Checks the name that starts at `start` in `message` against every wire
/// rule, and returns the offset just past its in-place bytes (after the
/// first pointer, or after the root label).
pub(crate) fn check_name(message: &[u8], start: usize) -> Result<usize> {
    check_name_with(message, start, &mut CheckedSuffixes::new())
}

/// What lies beyond a pointer target already walked: the uncompressed
/// length of its labels (root not counted) and the pointers they follow.
#[derive(Clone, Copy)]
struct Suffix {
    target: u16,
    len: u8,
    jumps: u8,
}

/// Pointer targets already checked during one parse, so that a name that
/// points to a suffix seen before costs one look-up instead of a walk, and
/// the work left for walks through pointers.
///
/// Sound because the walk after a jump to `T` depends on `T` alone: the
/// floor becomes `T`, so the same labels, pointers, length and jumps follow
/// whichever name led there. Direct-mapped, fixed size, no allocation.
///
/// A fixed-size cache can always be made to miss (two suffixes that map to
/// the same slot, asked for in turn), so it cannot by itself keep a
/// message's cost near its length. The work budget does: every byte of
/// labels read after a jump, and every jump, is paid from it (see
/// [`WORK_PER_BYTE`]).
#[derive(Clone)]
pub(crate) struct CheckedSuffixes {
    slots: [Suffix; CheckedSuffixes::SLOTS],
    /// One bit per slot: set when the slot holds a suffix some pointer
    /// actually led to (a jump's target), rather than a label remembered in
    /// case one does. A remembered label never takes such a slot: in a zone
    /// transfer, each deep owner name would otherwise flush the few targets
    /// every record points to.
    targeted: u32,
    /// Work units left: label bytes read after a jump count 1 each, a jump
    /// [`JUMP_WORK`].
    left: u32,
}

/// How much work walking a message's names through compression pointers
/// may take, per byte of the message: the labels read again after a jump
/// (their bytes, length bytes included) and 6 for each jump (a jump costs
/// about as many instructions as 6 bytes of short labels), beyond what the
/// cache of checked suffixes answers. A message that needs more is refused
/// with [`Error::CompressionTooCostly`].
///
/// No single name can reach it: one walk reads each byte of the message at
/// most once, a jump reads 2 bytes, so a walk costs at most 3 units per
/// byte it reads. Real responses use a small fraction of it (measured on
/// every capture and the benchmark corpora, zone transfers of deep zones
/// from knotd, NSD and BIND included: an eighth of a budget at most, see
/// the README). Compression built to defeat the cache reaches it and is
/// refused, after at most `WORK_PER_BYTE × length` units of about 5
/// instructions each.
pub const WORK_PER_BYTE: u32 = 3;
/// What a jump costs, in the units of [`WORK_PER_BYTE`].
const JUMP_WORK: usize = 6;

impl CheckedSuffixes {
    /// At most 32: [`CheckedSuffixes::targeted`] has a bit for each.
    const SLOTS: usize = 32;
    const EMPTY: u16 = u16::MAX;

    /// The slot of `target`: direct-mapped on the offset.
    #[inline(always)]
    fn slot(target: usize) -> usize {
        target % Self::SLOTS
    }

    /// A cache with no work limit, for checking a single name (whose walk
    /// is bounded by the name rules alone).
    pub(crate) const fn new() -> Self {
        Self::with_budget(u32::MAX)
    }

    /// A cache for checking the names of a `len`-byte message, with the
    /// work budget [`WORK_PER_BYTE`] gives it.
    pub(crate) const fn for_message(len: usize) -> Self {
        // A message is at most 65 535 bytes: no overflow.
        let len = if len > u16::MAX as usize { u16::MAX as u32 } else { len as u32 };
        Self::with_budget(WORK_PER_BYTE * len)
    }

    const fn with_budget(left: u32) -> Self {
        CheckedSuffixes { slots: [Suffix { target: Self::EMPTY, len: 0, jumps: 0 }; Self::SLOTS], targeted: 0, left }
    }

    /// Work units left.
    #[cfg(test)]
    pub(crate) fn work_left(&self) -> u32 {
        self.left
    }

    /// Pays `work` units, or refuses the message once the budget is spent.
    #[inline]
    fn spend(&mut self, work: usize) -> Result<()> {
        match u32::try_from(work).ok().and_then(|work| self.left.checked_sub(work)) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => {
                self.left = 0;
                Err(Error::CompressionTooCostly)
            }
        }
    }

    #[inline]
    fn get(&self, target: usize) -> Option<Suffix> {
        let suffix = self.slots[Self::slot(target)];
        (usize::from(suffix.target) == target).then_some(suffix)
    }

    /// [`CheckedSuffixes::remember`], unless the slot holds a target in
    /// `from..target` already.
    #[inline(always)]
    fn remember_unless_within(&mut self, target: usize, len: usize, jumps: usize, from: usize) {
        let held = usize::from(self.slots[Self::slot(target)].target);
        if held.wrapping_sub(from) >= target - from {
            self.remember(target, len, jumps);
        }
    }

    /// Keeps a suffix a pointer may lead to later, unless its slot holds one
    /// a pointer did lead to.
    #[inline]
    fn remember(&mut self, target: usize, len: usize, jumps: usize) {
        if self.targeted & (1 << Self::slot(target)) == 0 {
            self.write(target, len, jumps);
        }
    }

    /// Keeps a suffix a pointer led to.
    #[inline]
    fn put_target(&mut self, target: usize, len: usize, jumps: usize) {
        self.targeted |= 1 << Self::slot(target);
        self.write(target, len, jumps);
    }

    #[inline(always)]
    fn write(&mut self, target: usize, len: usize, jumps: usize) {
        // A target is a 14-bit offset; a checked suffix is under 255 bytes
        // and 128 jumps, so every value fits.
        self.slots[Self::slot(target)] = Suffix { target: target as u16, len: len as u8, jumps: jumps as u8 };
    }
}

/// [`check_name`], reusing and filling `memo`.
///
/// Most names in a response after the question are a single pointer to a
/// suffix already checked; that case costs a table look-up, inline.
#[inline(always)]
pub(crate) fn check_name_with(message: &[u8], start: usize, memo: &mut CheckedSuffixes) -> Result<usize> {
    match message.get(start..).and_then(<[u8]>::first_chunk::<2>) {
        Some(&[high, low]) if high & POINTER == POINTER => {
            // The same three rules the walk applies on this path: backward
            // (the floor is `start`), a checked suffix, and one jump more
            // within the limit. Its length is already known to fit.
            let target = usize::from(high & !POINTER) << 8 | usize::from(low);
            if target < start {
                if let Some(known) = memo.get(target) {
                    if usize::from(known.jumps) < MAX_POINTERS {
                        return Ok(start + 2);
                    }
                }
            }
        }
        // The root name (the OPT record's owner).
        Some(&[0, _]) => return Ok(start + 1),
        // One label, then a pointer to a checked suffix (`ns1`, `mx1`, `www`
        // in front of the zone's name): the walk's rules for one label and
        // one jump, and the walk's note for pointers to this name.
        Some(&[label @ 1..=63, _]) => {
            let pointer = start + 1 + usize::from(label);
            if let Some(&[high, low]) = message.get(pointer..).and_then(<[u8]>::first_chunk::<2>) {
                let target = usize::from(high & !POINTER) << 8 | usize::from(low);
                if high & POINTER == POINTER && target < start {
                    if let Some(known) = memo.get(target) {
                        let len = 1 + usize::from(label) + usize::from(known.len);
                        let jumps = 1 + usize::from(known.jumps);
                        if len < MAX_NAME_LEN && jumps <= MAX_POINTERS {
                            if start <= MAX_POINTER_TARGET {
                                memo.remember(start, len, jumps);
                            }
                            return Ok(pointer + 2);
                        }
                    }
                }
            }
        }
        _ => {}
    }
    walk_name(message, start, memo)
}

/// Where a run of labels ends: at the root label or at a pointer.
enum RunEnd {
    /// The root label is at this offset.
    Root(usize),
    /// A pointer is at this offset.
    Pointer(usize),
}

/// Walks the labels from `pos` up to the root label or a pointer, adding
/// their lengths to `len`.
#[inline(always)]
fn walk_run(message: &[u8], mut pos: usize, len: &mut usize) -> Result<RunEnd> {
    loop {
        let byte = *message.get(pos).ok_or(Error::Truncated)?;
        match byte & POINTER {
            0 if byte == 0 => return Ok(RunEnd::Root(pos)),
            0 => {
                *len += 1 + usize::from(byte);
                if *len >= MAX_NAME_LEN {
                    return Err(Error::NameTooLong);
                }
                pos += 1 + usize::from(byte);
            }
            POINTER => return Ok(RunEnd::Pointer(pos)),
            _ => return Err(Error::ReservedLabelType),
        }
    }
}

/// [`check_name_with`] the long way: label by label, pointer by pointer.
pub(crate) fn walk_name(message: &[u8], start: usize, memo: &mut CheckedSuffixes) -> Result<usize> {
    // Uncompressed length so far, root label not yet counted.
    let mut len = 0usize;
    let pointer = match walk_run(message, start, &mut len)? {
        RunEnd::Root(root) => {
            remember_run(message, start, root, len, 0, memo);
            return Ok(root + 1);
        }
        RunEnd::Pointer(pointer) => pointer,
    };
    // Pointers must land strictly below the first byte of the run of labels
    // that led to them.
    let target = pointer_target(message, pointer, start)?;
    let jumps = match memo.get(target) {
        Some(known) => {
            len += usize::from(known.len);
            let jumps = 1 + usize::from(known.jumps);
            if len >= MAX_NAME_LEN {
                return Err(Error::NameTooLong);
            }
            if jumps > MAX_POINTERS {
                return Err(Error::TooManyPointers);
            }
            jumps
        }
        None => {
            let (suffix_len, suffix_jumps) = walk_suffix(message, target, len, memo)?;
            memo.put_target(target, suffix_len, suffix_jumps);
            len += suffix_len;
            1 + suffix_jumps
        }
    };
    remember_run(message, start, pointer, len, jumps, memo);
    Ok(pointer + 2)
}

/// The target of the pointer at `at`, which must land below `floor`.
#[inline(always)]
fn pointer_target(message: &[u8], at: usize, floor: usize) -> Result<usize> {
    let (high, low) = match message.get(at..at + 2) {
        Some(&[high, low]) => (high, low),
        _ => return Err(Error::Truncated),
    };
    let target = usize::from(high & !POINTER) << 8 | usize::from(low);
    if target >= floor {
        return Err(Error::BadPointer);
    }
    Ok(target)
}

/// Walks the suffix at `target`, reached by a name's first jump after
/// `before` bytes of labels: returns the suffix's length (root label not
/// counted) and the jumps it makes after `target`, and pays the work.
fn walk_suffix(message: &[u8], target: usize, before: usize, memo: &mut CheckedSuffixes) -> Result<(usize, usize)> {
    let mut len = before;
    // Jumps counted so far, the one to `target` included.
    let mut jumps = 1usize;
    // What the cache answered instead of a walk.
    let (mut known_len, mut known_jumps) = (0usize, 0usize);
    let mut floor = target;
    let mut run = walk_run(message, target, &mut len)?;
    while let RunEnd::Pointer(pointer) = run {
        let next = pointer_target(message, pointer, floor)?;
        jumps += 1;
        if jumps > MAX_POINTERS {
            return Err(Error::TooManyPointers);
        }
        if let Some(known) = memo.get(next) {
            (known_len, known_jumps) = (usize::from(known.len), usize::from(known.jumps));
            len += known_len;
            jumps += known_jumps;
            if len >= MAX_NAME_LEN {
                return Err(Error::NameTooLong);
            }
            if jumps > MAX_POINTERS {
                return Err(Error::TooManyPointers);
            }
            break;
        }
        floor = next;
        run = walk_run(message, next, &mut len)?;
    }
    let suffix_len = len - before;
    // Every jump this walk made, and every label byte it read.
    let work = JUMP_WORK * (jumps - known_jumps) + (suffix_len - known_len);
    memo.spend(work)?;
    Ok((suffix_len, jumps - 1))
}

/// Records, for each label of a checked name's first run (`start` up to
/// `run_end`, its root label or first pointer), the length and jumps of the
/// rest of the name, so that pointers to this name or to any of its
/// suffixes cost a look-up. Sound for the same reason as the memo itself:
/// the walk from a label at `p` with floor `p` meets the same labels and
/// pointers as the walk that passed through it (whose floor was lower).
#[inline(always)]
fn remember_run(message: &[u8], start: usize, run_end: usize, len: usize, jumps: usize, memo: &mut CheckedSuffixes) {
    let mut pos = start;
    let mut rest = len;
    // Pointers reach the first 16 KiB only.
    let end = run_end.min(MAX_POINTER_TARGET + 1);
    // A run longer than the cache maps labels of its own onto the same
    // slot; then the earlier label keeps it: pointers to a name's first
    // labels (to the name itself, above all) are the common ones.
    let long = end.saturating_sub(start) > CheckedSuffixes::SLOTS;
    while pos < end {
        if long {
            memo.remember_unless_within(pos, rest, jumps, start);
        } else {
            memo.remember(pos, rest, jumps);
        }
        let label = 1 + usize::from(message.get(pos).copied().unwrap_or(0));
        rest = rest.saturating_sub(label);
        pos += label;
    }
}

/// Returns the offset just past the in-place bytes of a name that
/// [`check_name`] already accepted. Does not follow pointers.
#[inline]
pub(crate) fn skip_name(message: &[u8], mut pos: usize) -> usize {
    while let Some(&byte) = message.get(pos) {
        if byte == 0 {
            return pos + 1;
        }
        if byte >= POINTER {
            return pos + 2;
        }
        pos += 1 + byte as usize;
    }
    message.len()
}

//--- Name

/// A domain name inside a message: the whole message and the offset where
/// the name starts. Compression pointers are followed lazily, on each walk.
///
/// Every `Name` handed out by this crate has passed the wire checks
/// described in the [module docs](self), so walking it cannot fail. Names
/// read from the wire are always absolute. Comparison is ASCII
/// case-insensitive; `Display` prints presentation format as dig does.
///
/// ```
/// use dnswire::Name;
///
/// // "mail" then a pointer to offset 0, where "example.com." starts.
/// let wire = b"\x07example\x03com\x00\x04mail\xc0\x00";
/// let name = Name::parse_at(wire, 13)?;
/// assert_eq!(name.to_string(), "mail.example.com.");
/// assert_eq!(name.labels().count(), 3);
/// assert_eq!(name.wire_len(), 18);
/// assert_eq!(name, "MAIL.Example.COM.".parse::<dnswire::NameBuf>()?);
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Name<'a> {
    message: &'a [u8],
    start: usize,
}

impl<'a> Name<'a> {
    /// Checks the name at `start` in `message` (which may hold pointers into
    /// the bytes before it) and returns a view of it.
    ///
    /// # Errors
    /// The wire rule the name breaks, see the [module docs](self);
    /// [`Error::Truncated`] if `start` is not inside `message`.
    ///
    /// ```
    /// use dnswire::{Error, Name};
    ///
    /// // "example.com." at 0; at 13, "mail" and a pointer back to it.
    /// let message = b"\x07example\x03com\x00\x04mail\xc0\x00";
    /// assert_eq!(Name::parse_at(message, 13)?.to_string(), "mail.example.com.");
    /// // A pointer to itself: refused, as a loop would be.
    /// let looped = b"\x07example\x03com\x00\xc0\x0d";
    /// assert_eq!(Name::parse_at(looped, 13).unwrap_err(), Error::BadPointer);
    /// assert_eq!(Name::parse_at(message, message.len()).unwrap_err(), Error::Truncated);
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub fn parse_at(message: &'a [u8], start: usize) -> Result<Self> {
        // The checks add small numbers to `start`: keep it in range first.
        if start >= message.len() {
            return Err(Error::Truncated);
        }
        check_name(message, start)?;
        Ok(Name { message, start })
    }

    /// A view of a name already checked by [`check_name`].
    pub(crate) fn new_checked(message: &'a [u8], start: usize) -> Self {
        Name { message, start }
    }

    /// The root name, `.`.
    ///
    /// ```
    /// use dnswire::Name;
    ///
    /// let root = Name::root();
    /// assert!(root.is_root());
    /// assert_eq!(root.to_string(), ".");
    /// assert_eq!(root.wire_len(), 1);
    /// ```
    pub const fn root() -> Name<'static> {
        Name { message: &[0], start: 0 }
    }

    /// The labels, from the leftmost to the one before the root; the root
    /// name has none.
    ///
    /// ```
    /// use dnswire::Name;
    ///
    /// let name = Name::parse_at(b"\x03www\x07Example\x00", 0)?;
    /// let labels: Vec<&[u8]> = name.labels().collect();
    /// assert_eq!(labels, [&b"www"[..], b"Example"]); // as sent: case kept
    /// assert_eq!(Name::root().labels().count(), 0);
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub fn labels(&self) -> Labels<'a> {
        Labels { bytes: self.message, pos: self.start, floor: self.start }
    }

    /// Whether this is the root name.
    ///
    /// ```
    /// use dnswire::Name;
    ///
    /// // The root, then "com." at 1.
    /// let message = b"\x00\x03com\x00";
    /// assert!(Name::parse_at(message, 0)?.is_root());
    /// assert!(!Name::parse_at(message, 1)?.is_root());
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub fn is_root(&self) -> bool {
        self.labels().next().is_none()
    }

    /// Length in uncompressed wire form, root label included (1 to 255).
    ///
    /// ```
    /// use dnswire::Name;
    ///
    /// let message = b"\x07example\x03com\x00\x04mail\xc0\x00";
    /// let mail = Name::parse_at(message, 13)?;
    /// // 7 bytes in the message ("mail" and a pointer), 18 uncompressed.
    /// assert_eq!(message.len() - mail.offset(), 7);
    /// assert_eq!(mail.wire_len(), 18);
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub fn wire_len(&self) -> usize {
        self.labels().map(|label| 1 + label.len()).sum::<usize>() + 1
    }

    /// Offset of the name's first byte in the message.
    ///
    /// ```
    /// use dnswire::{Class, Message, MessageBuilder, Rtype, HEADER_LEN};
    ///
    /// let mut buf = [0u8; 512];
    /// let mut builder = MessageBuilder::new(&mut buf[..])?;
    /// builder.push_question("example.com.", Rtype::A, Class::IN)?;
    /// let message = Message::parse(builder.finish())?;
    /// // The question's name starts right after the header.
    /// assert_eq!(message.question().unwrap().name.offset(), HEADER_LEN);
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub fn offset(&self) -> usize {
        self.start
    }

    /// The same name, copied into an inline [`NameBuf`].
    ///
    /// ```
    /// use dnswire::{Name, NameBuf};
    ///
    /// let owned: NameBuf = {
    ///     let message = b"\x07example\x03com\x00\x04mail\xc0\x00".to_vec();
    ///     Name::parse_at(&message, 13)?.to_buf()
    /// }; // the message is gone, the name stays
    /// assert_eq!(owned.as_wire(), b"\x04mail\x07example\x03com\x00"); // pointer resolved
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub fn to_buf(&self) -> NameBuf {
        NameBuf::from(*self)
    }
}

impl fmt::Display for Name<'_> {
    /// As dig prints it; honours width, fill and alignment.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        ops::display(f, self.labels(), true)
    }
}

impl fmt::Debug for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Name({self})")
    }
}

//--- Labels

/// Iterator over the labels of a [`Name`] or [`NameBuf`], leftmost first,
/// root excluded. Follows compression pointers.
///
/// It stops at the root label, at the end of the bytes (a relative name),
/// and, as a safeguard, at any pointer that does not go backward: it ends
/// on every input.
///
/// ```
/// use dnswire::{Name, NameBuf};
///
/// let message = b"\x07example\x03com\x00\x04mail\xc0\x00";
/// let mut labels = Name::parse_at(message, 13)?.labels();
/// assert_eq!(labels.next(), Some(&b"mail"[..]));
/// assert_eq!(labels.next(), Some(&b"example"[..])); // through the pointer
/// assert_eq!(labels.next(), Some(&b"com"[..]));
/// assert_eq!(labels.next(), None); // the root label is not one of them
///
/// let relative: NameBuf = "www.example".parse()?;
/// assert_eq!(relative.labels().count(), 2);
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Labels<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Pointers must land strictly below this, as in [`check_name`].
    floor: usize,
}

impl<'a> Iterator for Labels<'a> {
    type Item = &'a [u8];

    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        let bytes = self.bytes;
        loop {
            let pos = self.pos;
            let len = usize::from(*bytes.get(pos)?);
            if len >= usize::from(POINTER) {
                let low = usize::from(*bytes.get(pos + 1)?);
                let target = (len & 0x3f) << 8 | low;
                if target >= self.floor {
                    self.pos = usize::MAX;
                    return None;
                }
                self.pos = target;
                self.floor = target;
                continue;
            }
            if len == 0 {
                self.pos = usize::MAX;
                return None;
            }
            // `pos < bytes.len()`: neither sum overflows.
            let label = bytes.get(pos + 1..)?.get(..len)?;
            self.pos = pos + 1 + len;
            return Some(label);
        }
    }
}

//--- NameBuf

/// An owned domain name in uncompressed wire form, stored inline (255 bytes,
/// no allocation), absolute or relative.
///
/// Parsed from presentation text with [`str::parse`]: a trailing unescaped
/// dot makes the name absolute (`"mail.example.com."`), without it the name
/// is relative (`"mail"`, `"mail.example.com"`), and [`NameBuf::join`] or
/// [`NameBuf::to_absolute`] complete it. Escapes: `\.`, `\\`, any `\c`, and
/// `\DDD` (three decimal digits, at most 255).
///
/// ```
/// use dnswire::NameBuf;
///
/// let name: NameBuf = "a\\.b.example.com.".parse()?;
/// assert!(name.is_absolute());
/// assert_eq!(name.labels().next(), Some(&b"a.b"[..]));
/// assert_eq!(name.to_string(), "a\\.b.example.com.");
///
/// let host: NameBuf = "www".parse()?;
/// assert!(!host.is_absolute());
/// let origin: NameBuf = "example.com.".parse()?;
/// assert_eq!(host.join(&origin)?.to_string(), "www.example.com.");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone)]
pub struct NameBuf {
    bytes: [u8; MAX_NAME_LEN],
    len: u8,
    absolute: bool,
}

impl NameBuf {
    /// The root name, `.`; also what [`NameBuf::default`] gives.
    ///
    /// ```
    /// use dnswire::NameBuf;
    ///
    /// let root = NameBuf::root();
    /// assert!(root.is_root() && root.is_absolute());
    /// assert_eq!(root.as_wire(), b"\x00");
    /// assert_eq!(root, ".".parse::<NameBuf>()?);
    /// assert_eq!(root, NameBuf::default());
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub const fn root() -> Self {
        NameBuf { bytes: [0; MAX_NAME_LEN], len: 1, absolute: true }
    }

    /// An absolute name from its uncompressed wire form, which must end with
    /// the root label and hold nothing after it.
    ///
    /// # Errors
    /// The wire rule broken; [`Error::BadPointer`] for any pointer (there is
    /// nothing before the name to point to); [`Error::TrailingBytes`] for
    /// bytes after the root label.
    ///
    /// ```
    /// use dnswire::{Error, NameBuf};
    ///
    /// let name = NameBuf::from_wire(b"\x04mail\x07example\x00")?;
    /// assert_eq!(name.to_string(), "mail.example.");
    /// assert_eq!(NameBuf::from_wire(b"\x04mail\xc0\x00").unwrap_err(), Error::BadPointer);
    /// assert_eq!(NameBuf::from_wire(b"\x04mail\x00\x00").unwrap_err(), Error::TrailingBytes);
    /// assert_eq!(NameBuf::from_wire(b"\x04mail").unwrap_err(), Error::Truncated);
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub fn from_wire(wire: &[u8]) -> Result<Self> {
        let end = check_name(wire, 0)?;
        if end != wire.len() {
            return Err(Error::TrailingBytes);
        }
        let mut name = NameBuf::root();
        name.bytes[..end].copy_from_slice(wire);
        name.len = end as u8;
        Ok(name)
    }

    /// The uncompressed wire form: labels, and the root label if absolute.
    ///
    /// ```
    /// use dnswire::NameBuf;
    ///
    /// let absolute: NameBuf = "mail.example.".parse()?;
    /// assert_eq!(absolute.as_wire(), b"\x04mail\x07example\x00");
    /// let relative: NameBuf = "mail".parse()?;
    /// assert_eq!(relative.as_wire(), b"\x04mail");
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub fn as_wire(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// The labels, leftmost first, root excluded.
    ///
    /// ```
    /// use dnswire::NameBuf;
    ///
    /// let name: NameBuf = "a\\.b.example.".parse()?; // an escaped dot stays in its label
    /// let labels: Vec<&[u8]> = name.labels().collect();
    /// assert_eq!(labels, [&b"a.b"[..], b"example"]);
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub fn labels(&self) -> Labels<'_> {
        Labels { bytes: self.as_wire(), pos: 0, floor: 0 }
    }

    /// Whether the name ends with the root label.
    ///
    /// ```
    /// use dnswire::NameBuf;
    ///
    /// assert!("www.example.".parse::<NameBuf>()?.is_absolute());
    /// assert!(!"www.example".parse::<NameBuf>()?.is_absolute());
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub fn is_absolute(&self) -> bool {
        self.absolute
    }

    /// Whether this is the root name.
    ///
    /// ```
    /// use dnswire::NameBuf;
    ///
    /// assert!(".".parse::<NameBuf>()?.is_root());
    /// assert!(!"example.".parse::<NameBuf>()?.is_root());
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub fn is_root(&self) -> bool {
        self.absolute && self.len == 1
    }

    /// A view of this name, if it is absolute.
    ///
    /// ```
    /// use dnswire::NameBuf;
    ///
    /// let name: NameBuf = "www.example.".parse()?;
    /// let view = name.as_name().unwrap();
    /// assert_eq!(view.to_string(), "www.example.");
    /// assert_eq!(view.wire_len(), name.as_wire().len());
    /// assert!("www".parse::<NameBuf>()?.as_name().is_none()); // relative
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub fn as_name(&self) -> Option<Name<'_>> {
        self.absolute.then(|| Name::new_checked(self.as_wire(), 0))
    }

    /// This name followed by `origin`; an absolute name is returned as it is,
    /// as a zone file treats it.
    ///
    /// # Errors
    /// [`Error::NameTooLong`] if the result would exceed 255 bytes.
    ///
    /// ```
    /// use dnswire::{Error, NameBuf};
    ///
    /// let origin: NameBuf = "example.com.".parse()?;
    /// let www: NameBuf = "www".parse()?;
    /// assert_eq!(www.join(&origin)?.to_string(), "www.example.com.");
    /// let elsewhere: NameBuf = "www.example.org.".parse()?;
    /// assert_eq!(elsewhere.join(&origin)?, elsewhere); // absolute: as it is
    /// // 243 bytes, and 13 more would be 256:
    /// let long: NameBuf = format!("{0}.{0}.{0}.{1}", "a".repeat(63), "b".repeat(50)).parse()?;
    /// assert_eq!(long.join(&origin).unwrap_err(), Error::NameTooLong);
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub fn join(&self, origin: &NameBuf) -> Result<NameBuf> {
        if self.absolute {
            return Ok(self.clone());
        }
        let len = usize::from(self.len);
        let total = len + usize::from(origin.len);
        if total > MAX_NAME_LEN || (!origin.absolute && total >= MAX_NAME_LEN) {
            return Err(Error::NameTooLong);
        }
        let mut joined = self.clone();
        joined.bytes[len..total].copy_from_slice(origin.as_wire());
        joined.len = total as u8;
        joined.absolute = origin.absolute;
        Ok(joined)
    }

    /// The name made absolute: the root label appended to a relative name.
    ///
    /// # Errors
    /// [`Error::NameTooLong`] if it no longer fits in 255 bytes.
    ///
    /// ```
    /// use dnswire::NameBuf;
    ///
    /// let host: NameBuf = "mail.example".parse()?;
    /// let absolute = host.to_absolute()?;
    /// assert!(absolute.is_absolute());
    /// assert_eq!(absolute.to_string(), "mail.example.");
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub fn to_absolute(&self) -> Result<NameBuf> {
        self.join(&NameBuf::root())
    }

    /// The same name with the case of its ASCII letters chosen by `bits`:
    /// the n-th letter is upper case if bit n of `bits` (LSB first) is
    /// set, lower case otherwise; letters past `bits` keep their case. For
    /// 0x20 randomisation (draft-vixie-dnsext-dns0x20).
    pub(crate) fn with_letter_case(&self, bits: &[u8]) -> NameBuf {
        let mut out = self.clone();
        let len = usize::from(out.len);
        let (mut pos, mut letter) = (0, 0usize);
        while pos < len {
            let label = usize::from(out.bytes[pos]);
            if label == 0 {
                break;
            }
            let end = (pos + 1 + label).min(len);
            for byte in &mut out.bytes[pos + 1..end] {
                if byte.is_ascii_alphabetic() {
                    if let Some(bits) = bits.get(letter / 8) {
                        let upper = bits >> (letter % 8) & 1 == 1;
                        *byte = if upper { byte.to_ascii_uppercase() } else { byte.to_ascii_lowercase() };
                    }
                    letter += 1;
                }
            }
            pos = end;
        }
        out
    }
}

impl Default for NameBuf {
    fn default() -> Self {
        NameBuf::root()
    }
}

impl From<Name<'_>> for NameBuf {
    fn from(name: Name<'_>) -> Self {
        let mut buf = NameBuf::root();
        let mut len = 0;
        for label in name.labels() {
            // A checked name fits: labels + root <= 255.
            let Some(slot) = buf.bytes.get_mut(len..len + 1 + label.len()) else {
                break;
            };
            slot[0] = label.len() as u8;
            slot[1..].copy_from_slice(label);
            len += 1 + label.len();
        }
        if let Some(root) = buf.bytes.get_mut(len) {
            *root = 0;
            len += 1;
        }
        buf.len = len as u8;
        buf
    }
}

impl FromStr for NameBuf {
    type Err = Error;

    /// Parses presentation text; see the [type docs](NameBuf).
    fn from_str(text: &str) -> Result<Self> {
        let text = text.as_bytes();
        match text {
            [] => return Err(Error::BadText),
            b"." => return Ok(NameBuf::root()),
            _ => {}
        }
        let mut name = NameBuf { bytes: [0; MAX_NAME_LEN], len: 0, absolute: false };
        // Offset of the current label's length byte; its bytes follow.
        let mut label_at = 0usize;
        let mut pos = 1usize;
        let mut i = 0usize;
        while i < text.len() {
            let (byte, escaped, used) = match text[i] {
                b'\\' => {
                    let (byte, used) = parse_escape(&text[i + 1..])?;
                    (byte, true, used + 1)
                }
                byte => (byte, false, 1),
            };
            i += used;
            if byte == b'.' && !escaped {
                let label_len = pos - label_at - 1;
                if label_len == 0 {
                    return Err(Error::EmptyLabel);
                }
                name.bytes[label_at] = label_len as u8;
                if i == text.len() {
                    // Trailing dot: absolute. The root byte is already 0.
                    if pos >= MAX_NAME_LEN {
                        return Err(Error::NameTooLong);
                    }
                    name.len = (pos + 1) as u8;
                    name.absolute = true;
                    return Ok(name);
                }
                label_at = pos;
                pos += 1;
            } else {
                if pos - label_at > MAX_LABEL_LEN {
                    return Err(Error::LabelTooLong);
                }
                // A relative name must leave room for the root label.
                if pos >= MAX_NAME_LEN - 1 {
                    return Err(Error::NameTooLong);
                }
                name.bytes[pos] = byte;
                pos += 1;
            }
        }
        name.bytes[label_at] = (pos - label_at - 1) as u8;
        name.len = pos as u8;
        Ok(name)
    }
}

/// Parses what follows a backslash: `DDD` or one literal byte. Returns the
/// byte and how many input bytes it used.
pub(crate) fn parse_escape(rest: &[u8]) -> Result<(u8, usize)> {
    match rest {
        [a, b, c, ..] if a.is_ascii_digit() && b.is_ascii_digit() && c.is_ascii_digit() => {
            let value = u16::from(a - b'0') * 100 + u16::from(b - b'0') * 10 + u16::from(c - b'0');
            let byte = u8::try_from(value).map_err(|_| Error::BadEscape)?;
            Ok((byte, 3))
        }
        [digit, ..] if digit.is_ascii_digit() => Err(Error::BadEscape),
        [byte, ..] => Ok((*byte, 1)),
        [] => Err(Error::BadEscape),
    }
}

impl fmt::Display for NameBuf {
    /// As dig prints it (a relative name without the final dot); honours
    /// width, fill and alignment.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        ops::display(f, self.labels(), self.absolute)
    }
}

impl fmt::Debug for NameBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NameBuf({self})")
    }
}

//--- Comparison and hashing (ASCII case-insensitive)

fn labels_eq(mut a: Labels<'_>, mut b: Labels<'_>) -> bool {
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => {}
            _ => return false,
        }
    }
}

fn hash_labels<H: Hasher>(labels: Labels<'_>, absolute: bool, state: &mut H) {
    for label in labels {
        state.write_u8(label.len() as u8);
        for byte in label {
            state.write_u8(byte.to_ascii_lowercase());
        }
    }
    state.write_u8(u8::from(absolute));
}

impl PartialEq for Name<'_> {
    fn eq(&self, other: &Self) -> bool {
        labels_eq(self.labels(), other.labels())
    }
}
impl Eq for Name<'_> {}

impl PartialEq for NameBuf {
    fn eq(&self, other: &Self) -> bool {
        self.absolute == other.absolute && labels_eq(self.labels(), other.labels())
    }
}
impl Eq for NameBuf {}

impl PartialEq<NameBuf> for Name<'_> {
    fn eq(&self, other: &NameBuf) -> bool {
        other.absolute && labels_eq(self.labels(), other.labels())
    }
}

impl PartialEq<Name<'_>> for NameBuf {
    fn eq(&self, other: &Name<'_>) -> bool {
        other == self
    }
}

impl Hash for Name<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_labels(self.labels(), true, state);
    }
}

impl Hash for NameBuf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_labels(self.labels(), self.absolute, state);
    }
}

//--- Presentation format

/// How dig (BIND) prints a byte of a label: `Some(true)` for a backslash
/// before it, `Some(false)` for `\DDD`, `None` for as it is.
#[inline]
fn label_escape(byte: u8) -> Option<bool> {
    match byte {
        b'"' | b'(' | b')' | b'.' | b';' | b'\\' | b'@' | b'$' => Some(true),
        0x21..=0x7e => None,
        _ => Some(false),
    }
}

/// Writes `bytes` with the escapes `escape` asks for, plain runs in one go.
pub(crate) fn write_escaped(
    f: &mut fmt::Formatter<'_>,
    bytes: &[u8],
    escape: impl Fn(u8) -> Option<bool>,
) -> fmt::Result {
    let mut plain_from = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let Some(backslash) = escape(byte) else {
            continue;
        };
        // Bytes that need no escape are printable ASCII, so valid UTF-8.
        f.write_str(core::str::from_utf8(&bytes[plain_from..i]).unwrap_or(""))?;
        if backslash {
            write!(f, "\\{}", char::from(byte))?;
        } else {
            write!(f, "\\{byte:03}")?;
        }
        plain_from = i + 1;
    }
    f.write_str(core::str::from_utf8(&bytes[plain_from..]).unwrap_or(""))
}

fn write_labels(f: &mut fmt::Formatter<'_>, labels: Labels<'_>, absolute: bool) -> fmt::Result {
    let mut any = false;
    for label in labels {
        if any {
            f.write_str(".")?;
        }
        write_escaped(f, label, label_escape)?;
        any = true;
    }
    if absolute {
        f.write_str(".")?;
    }
    Ok(())
}

//--- ToName

/// A name the builder can write: a [`Name`], a [`NameBuf`], presentation
/// text (`str`), or a reference to one of these. It must be absolute.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, NameBuf, Rtype, ToName};
///
/// // Any of them, for any method that takes a name.
/// fn ask(name: impl ToName, buf: &mut [u8]) -> dnswire::Result<usize> {
///     let mut builder = MessageBuilder::new(buf)?;
///     builder.push_question(name, Rtype::A, Class::IN)?;
///     Ok(builder.finish().len())
/// }
/// let (mut buf, mut other) = ([0u8; 512], [0u8; 512]);
/// let name: NameBuf = "www.example.".parse()?;
/// let len = ask(&name, &mut buf)?;
/// assert_eq!(ask("www.example.", &mut other)?, len);
/// let message = Message::parse(&buf[..len])?;
/// assert_eq!(ask(message.question().unwrap().name, &mut other)?, len);
/// assert_eq!(ask("www", &mut other).unwrap_err(), dnswire::Error::RelativeName);
/// # Ok::<(), dnswire::Error>(())
/// ```
pub trait ToName {
    /// The name's absolute, uncompressed wire form, borrowed from `self` or
    /// written into `scratch`.
    ///
    /// # Errors
    /// [`Error::RelativeName`] for a relative name; for text, whatever
    /// parsing it reports.
    ///
    /// ```
    /// use dnswire::name::MAX_NAME_LEN;
    /// use dnswire::{Error, ToName};
    ///
    /// let mut scratch = [0u8; MAX_NAME_LEN];
    /// assert_eq!("Mail.example.".to_wire(&mut scratch)?, b"\x04Mail\x07example\x00");
    /// assert_eq!("mail".to_wire(&mut scratch).unwrap_err(), Error::RelativeName);
    /// assert_eq!("a..b.".to_wire(&mut scratch).unwrap_err(), Error::EmptyLabel);
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    fn to_wire<'s>(&'s self, scratch: &'s mut [u8; MAX_NAME_LEN]) -> Result<&'s [u8]>;
}

impl ToName for Name<'_> {
    fn to_wire<'s>(&'s self, scratch: &'s mut [u8; MAX_NAME_LEN]) -> Result<&'s [u8]> {
        let buf = NameBuf::from(*self);
        let wire = buf.as_wire();
        scratch[..wire.len()].copy_from_slice(wire);
        Ok(&scratch[..wire.len()])
    }
}

impl ToName for NameBuf {
    fn to_wire<'s>(&'s self, _scratch: &'s mut [u8; MAX_NAME_LEN]) -> Result<&'s [u8]> {
        if !self.absolute {
            return Err(Error::RelativeName);
        }
        Ok(self.as_wire())
    }
}

impl ToName for str {
    fn to_wire<'s>(&'s self, scratch: &'s mut [u8; MAX_NAME_LEN]) -> Result<&'s [u8]> {
        let name: NameBuf = self.parse()?;
        if !name.absolute {
            return Err(Error::RelativeName);
        }
        let wire = name.as_wire();
        scratch[..wire.len()].copy_from_slice(wire);
        Ok(&scratch[..wire.len()])
    }
}

impl<T: ToName + ?Sized> ToName for &T {
    fn to_wire<'s>(&'s self, scratch: &'s mut [u8; MAX_NAME_LEN]) -> Result<&'s [u8]> {
        (**self).to_wire(scratch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(name: &str) -> NameBuf {
        name.parse().unwrap()
    }

    // RFC 1035 §4.1.4's example: F.ISI.ARPA at 20, FOO.F.ISI.ARPA at 40 as
    // "FOO" + pointer to 20, and the root at 64 (offsets shifted to 0 here).
    const RFC1035_EXAMPLE: &[u8] = b"\x01F\x03ISI\x04ARPA\x00\x03FOO\xc0\x00\x00";

    #[test]
    fn an_offset_outside_the_message_is_truncated_never_an_overflow() {
        let wire = b"\x07example\x03com\x00";
        for start in [wire.len(), wire.len() + 1, usize::MAX / 2, usize::MAX - 2, usize::MAX - 1, usize::MAX] {
            assert_eq!(Name::parse_at(wire, start).map(drop), Err(Error::Truncated), "{start}");
        }
        assert_eq!(Name::parse_at(b"", 0).map(drop), Err(Error::Truncated));
        assert_eq!(Name::parse_at(wire, 8).map(|n| n.to_string()), Ok("com.".to_string()));
    }

    #[test]
    fn decodes_rfc1035_compression_example() {
        let f_isi = Name::parse_at(RFC1035_EXAMPLE, 0).unwrap();
        let foo = Name::parse_at(RFC1035_EXAMPLE, 12).unwrap();
        let root = Name::parse_at(RFC1035_EXAMPLE, 18).unwrap();
        assert_eq!(f_isi.to_string(), "F.ISI.ARPA.");
        assert_eq!(foo.to_string(), "FOO.F.ISI.ARPA.");
        assert_eq!(root.to_string(), ".");
        assert!(root.is_root());
        assert_eq!(check_name(RFC1035_EXAMPLE, 12), Ok(18));
        assert_eq!(foo.wire_len(), 16);
    }

    #[test]
    fn rejects_self_pointer() {
        assert_eq!(check_name(b"\xc0\x00", 0), Err(Error::BadPointer));
    }

    #[test]
    fn rejects_forward_pointer() {
        assert_eq!(check_name(b"\xc0\x02\x00", 0), Err(Error::BadPointer));
    }

    #[test]
    fn rejects_pointer_past_end() {
        assert_eq!(check_name(b"\x00\x00\xff\xff", 2), Err(Error::BadPointer));
    }

    #[test]
    fn rejects_pointer_back_into_own_labels() {
        // "a" at 2, then a pointer to 2: a loop through the name itself.
        assert_eq!(check_name(b"\x00\x00\x01a\xc0\x02", 2), Err(Error::BadPointer));
    }

    #[test]
    fn rejects_two_pointer_cycle() {
        // 0: "a" + pointer to 5; 5: "b" + pointer to 0 (not below 5's floor? 0 < 5
        // is fine, but then 0's pointer to 5 is not below the floor 0).
        let wire = b"\x01a\xc0\x05\x00\x01b\xc0\x00";
        assert_eq!(check_name(wire, 5), Err(Error::BadPointer));
    }

    #[test]
    fn rejects_truncated_pointer_and_label() {
        assert_eq!(check_name(b"\xc0", 0), Err(Error::Truncated));
        assert_eq!(check_name(b"\x03ab", 0), Err(Error::Truncated));
        assert_eq!(check_name(b"\x03abc", 0), Err(Error::Truncated));
        assert_eq!(check_name(b"", 0), Err(Error::Truncated));
    }

    #[test]
    fn rejects_reserved_label_types() {
        assert_eq!(check_name(b"\x40", 0), Err(Error::ReservedLabelType));
        assert_eq!(check_name(b"\x80", 0), Err(Error::ReservedLabelType));
        assert_eq!(check_name(b"\x41\x00", 0), Err(Error::ReservedLabelType));
    }

    #[test]
    fn name_of_exactly_255_bytes_is_accepted_256_refused() {
        // Four labels of 63 (4 * 64 = 256) is already over; 3*64 + 62 + 1 = 255.
        let mut wire = [0u8; 256];
        let mut pos = 0;
        for len in [63u8, 63, 63, 61] {
            wire[pos] = len;
            wire[pos + 1..pos + 1 + usize::from(len)].fill(b'a');
            pos += 1 + usize::from(len);
        }
        assert_eq!(pos + 1, 255);
        assert_eq!(check_name(&wire[..255], 0), Ok(255));
        wire[pos - 62] = 62; // lengthen the last label by one
        assert_eq!(check_name(&wire, 0), Err(Error::NameTooLong));
    }

    #[test]
    fn length_limit_holds_through_pointers() {
        // A 200-byte name at 0, then "x" * 60 + pointer to it: 61 + 200 > 255.
        let mut wire = Vec::new();
        for _ in 0..4 {
            wire.push(49);
            wire.extend_from_slice(&[b'b'; 49]);
        }
        wire.push(0);
        assert_eq!(check_name(&wire, 0), Ok(201));
        let second = wire.len();
        wire.push(60);
        wire.extend_from_slice(&[b'x'; 60]);
        wire.extend_from_slice(&[0xc0, 0x00]);
        assert_eq!(check_name(&wire, second), Err(Error::NameTooLong));
    }

    #[test]
    fn pointer_chain_is_bounded() {
        // 0: root; then 200 pointers each to the one before it.
        let mut wire = vec![0u8];
        for i in 0..200u16 {
            let target = if i == 0 { 0 } else { 1 + 2 * (i - 1) };
            wire.extend_from_slice(&(0xc000 | target).to_be_bytes());
        }
        let last = wire.len() - 2;
        assert_eq!(check_name(&wire, 1 + 2 * 100), Ok(1 + 2 * 100 + 2));
        assert_eq!(check_name(&wire, last), Err(Error::TooManyPointers));
    }

    #[test]
    fn parses_presentation_text() {
        let name = text("mail.Example.com.");
        assert!(name.is_absolute());
        assert_eq!(name.as_wire(), b"\x04mail\x07Example\x03com\x00");
        assert_eq!(text("www").as_wire(), b"\x03www");
        assert!(!text("www").is_absolute());
        assert_eq!(text(".").as_wire(), b"\x00");
        assert_eq!(text("a\\.b.").as_wire(), b"\x03a.b\x00");
        assert_eq!(text("with\\032space.").as_wire(), b"\x0awith space\x00");
        assert_eq!(text("back\\\\slash.").as_wire(), b"\x0aback\\slash\x00");
        assert_eq!(text("x\\255.").as_wire(), b"\x02x\xff\x00");
        assert_eq!(text("dot\\.").as_wire(), b"\x04dot.");
        assert!(!text("dot\\.").is_absolute());
    }

    #[test]
    fn rejects_bad_presentation_text() {
        let err = |s: &str| s.parse::<NameBuf>().unwrap_err();
        assert_eq!(err(""), Error::BadText);
        assert_eq!(err("a..b"), Error::EmptyLabel);
        assert_eq!(err(".a"), Error::EmptyLabel);
        assert_eq!(err(".."), Error::EmptyLabel);
        assert_eq!(err("a\\"), Error::BadEscape);
        assert_eq!(err("a\\256"), Error::BadEscape);
        assert_eq!(err("a\\25"), Error::BadEscape);
        assert_eq!(err(&"l".repeat(64)), Error::LabelTooLong);
        let l63 = "l".repeat(63);
        assert_eq!(text(&format!("{l63}.")).as_wire().len(), 65);
        let long = format!("{l63}.{l63}.{l63}.{}.", "l".repeat(62));
        assert_eq!(err(&long), Error::NameTooLong);
        let longest = format!("{l63}.{l63}.{l63}.{}.", "l".repeat(61));
        assert_eq!(text(&longest).as_wire().len(), 255);
        // Relative: must leave room for the root, so 254 bytes at most.
        assert_eq!(text(&longest[..longest.len() - 1]).as_wire().len(), 254);
        assert_eq!(err(&long[..long.len() - 1]), Error::NameTooLong);
    }

    #[test]
    fn displays_escapes_as_dig_does() {
        // Expected strings are dig 9.18's output for these owners (see
        // tests/data/knot-escaped-*.dig).
        assert_eq!(text("a\\.b.example.com.").to_string(), "a\\.b.example.com.");
        assert_eq!(text("with\\032space.").to_string(), "with\\032space.");
        assert_eq!(text("sp\\034\\040\\041\\059\\064\\036\\043*/_x.").to_string(), "sp\\\"\\(\\)\\;\\@\\$+*/_x.");
        assert_eq!(text("hi\\200\\255bit.").to_string(), "hi\\200\\255bit.");
        assert_eq!(text("www").to_string(), "www");
        assert_eq!(NameBuf::root().to_string(), ".");
    }

    #[test]
    fn compares_case_insensitively_and_hashes_alike() {
        use std::collections::hash_map::DefaultHasher;
        let hash = |n: &dyn Fn(&mut DefaultHasher)| {
            let mut h = DefaultHasher::new();
            n(&mut h);
            h.finish()
        };
        let a = text("MX1.Example.COM.");
        let b = text("mx1.example.com.");
        assert_eq!(a, b);
        assert_ne!(a, text("mx1.example.com"));
        assert_ne!(a, text("mx2.example.com."));
        let wire = b"\x03MX1\x07EXAMPLE\x03COM\x00";
        let view = Name::parse_at(wire, 0).unwrap();
        assert_eq!(view, b);
        assert_eq!(b, view);
        assert_eq!(hash(&|h| a.hash(h)), hash(&|h| b.hash(h)));
        assert_eq!(hash(&|h| view.hash(h)), hash(&|h| b.hash(h)));
    }

    #[test]
    fn joins_relative_names() {
        let origin = text("example.com.");
        assert_eq!(text("www").join(&origin).unwrap(), text("www.example.com."));
        assert_eq!(text("a.").join(&origin).unwrap(), text("a."));
        assert_eq!(text("www").to_absolute().unwrap(), text("www."));
        let l63 = "l".repeat(63);
        let big = text(&format!("{l63}.{l63}.{l63}"));
        assert_eq!(big.join(&text(&format!("{l63}."))), Err(Error::NameTooLong));
    }

    #[test]
    fn from_wire_round_trips_and_rejects_junk() {
        let name = NameBuf::from_wire(b"\x03www\x00").unwrap();
        assert_eq!(name, text("www."));
        assert_eq!(NameBuf::from_wire(b"\x03www\x00\x00"), Err(Error::TrailingBytes));
        assert_eq!(NameBuf::from_wire(b"\xc0\x00"), Err(Error::BadPointer));
        assert_eq!(NameBuf::from(Name::parse_at(RFC1035_EXAMPLE, 12).unwrap()), text("FOO.F.ISI.ARPA."));
    }

    /// Lays out names one after another: each has some labels, then either
    /// the root or a pointer to an earlier name's start or label. Chains of
    /// such names reach the 255-byte and 127-jump limits often.
    fn chained_names(plan: &[(Vec<u8>, Option<usize>)]) -> (Vec<u8>, Vec<usize>) {
        let mut bytes = Vec::new();
        let mut starts = Vec::new();
        let mut label_starts: Vec<usize> = Vec::new();
        for (labels, link) in plan {
            if bytes.len() > 16_000 {
                break;
            }
            starts.push(bytes.len());
            let earlier = label_starts.len();
            // The name's start is a target too: a bare pointer when it has no
            // labels, which makes pointer-to-pointer chains.
            label_starts.push(bytes.len());
            for &len in labels {
                label_starts.push(bytes.len());
                bytes.push(len);
                bytes.extend(core::iter::repeat_n(b'a', usize::from(len)));
            }
            match link {
                Some(back) if earlier > 0 => {
                    let back = (*back).min(earlier - 1);
                    let target = label_starts[earlier - 1 - back] as u16;
                    bytes.extend_from_slice(&(0xc000 | target).to_be_bytes());
                }
                _ => bytes.push(0),
            }
        }
        (bytes, starts)
    }

    /// A small xorshift generator: the same plans on every run, no
    /// dependency.
    struct Plans(u64);

    impl Plans {
        fn below(&mut self, bound: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % bound
        }

        /// Up to 400 names: bare pointers (`bare` in 100: long pointer
        /// chains), the others 1 or 2 labels of 1-3, 60-63 or any length;
        /// `roots` in 1000 end at the root, the rest point back, mostly to
        /// the newest target.
        fn plan(&mut self, bare: u64, roots: u64) -> Vec<(Vec<u8>, Option<usize>)> {
            let names = 1 + self.below(399) as usize;
            (0..names)
                .map(|_| {
                    let labels = if self.below(100) < bare {
                        Vec::new()
                    } else {
                        let count = 1 + self.below(2) as usize;
                        (0..count)
                            .map(|_| match self.below(3) {
                                0 => 1 + self.below(3) as u8,
                                1 => 60 + self.below(4) as u8,
                                _ => 1 + self.below(63) as u8,
                            })
                            .collect()
                    };
                    let link = (self.below(1000) >= roots).then(|| {
                        if self.below(4) < 3 {
                            0
                        } else {
                            1 + self.below(3) as usize
                        }
                    });
                    (labels, link)
                })
                .collect()
        }
    }

    /// The memo of checked suffixes never changes a verdict: walking every
    /// name in order with one shared memo gives what a fresh walk of each
    /// gives, over 64 generated messages of chained names.
    #[test]
    fn shared_memo_agrees_with_fresh_walks() {
        let mut plans = Plans(0x9e37_79b9_7f4a_7c15);
        let cases = if cfg!(miri) { 2 } else { 64 };
        let (mut too_long, mut too_many) = (0, 0);
        for case in 0..cases {
            // Half the messages mostly labels (names reach 255 bytes), half
            // mostly bare pointers (chains reach 127 jumps).
            let (bare, roots) = if case % 2 == 0 { (67, 50) } else { (99, 2) };
            let (bytes, starts) = chained_names(&plans.plan(bare, roots));
            let mut memo = CheckedSuffixes::new();
            for start in starts {
                let fresh = check_name(&bytes, start);
                too_long += usize::from(fresh == Err(Error::NameTooLong));
                too_many += usize::from(fresh == Err(Error::TooManyPointers));
                let shared = check_name_with(&bytes, start, &mut memo);
                match (fresh, shared) {
                    (Ok(a), Ok(b)) => assert_eq!(a, b, "case {case}, start {start}"),
                    // A name over both limits may report either first.
                    (
                        Err(Error::NameTooLong | Error::TooManyPointers),
                        Err(Error::NameTooLong | Error::TooManyPointers),
                    ) => {}
                    (a, b) => assert_eq!(a, b, "case {case}, start {start}"),
                }
            }
        }
        // Two plans an earlier, proptest-driven version of this test
        // shrank failures to (the links were indexes then; huge ones clamp
        // to the oldest target).
        let regressions: [&[(&[u8], Option<usize>)]; 2] = [
            &[
                (&[], None),
                (&[9], None),
                (&[3, 1], Some(0)),
                (&[1], Some(usize::MAX / 3)),
                (&[1], None),
                (&[35], Some(1 << 62)),
                (&[1], None),
                (&[1], None),
                (&[2, 38], Some(1 << 63)),
                (&[1], None),
                (&[26], Some(1 << 63)),
                (&[63], Some(0)),
                (&[61], Some(0)),
                (&[], Some(1_997_973_790_683_955_556)),
            ],
            &[
                (&[61], None),
                (&[], Some(0)),
                (&[], None),
                (&[3], Some(1 << 62)),
                (&[], None),
                (&[62], Some(1 << 62)),
                (&[], None),
                (&[3, 51], Some(1 << 62)),
                (&[], None),
                (&[1], Some(1 << 63)),
                (&[62], Some(0)),
            ],
        ];
        for plan in regressions {
            let plan: Vec<(Vec<u8>, Option<usize>)> =
                plan.iter().map(|(labels, link)| (labels.to_vec(), *link)).collect();
            let (bytes, starts) = chained_names(&plan);
            let mut memo = CheckedSuffixes::new();
            for start in starts {
                assert_eq!(check_name_with(&bytes, start, &mut memo), check_name(&bytes, start), "start {start}");
            }
        }
        // The plans reach both limits, often.
        assert!(cfg!(miri) || (too_long > 100 && too_many > 100), "{too_long} too long, {too_many} too many pointers");
    }

    #[test]
    fn memo_counts_jumps_exactly_along_long_pointer_chains() {
        // Name 0 is "a." (with `first_label` more labels); name k is a bare
        // pointer to name k-1, so it follows k pointers: the 128th is over.
        for first_label in [0usize, 1, 60] {
            let plan: Vec<(Vec<u8>, Option<usize>)> = (0..200)
                .map(|k| if k == 0 { (vec![1; first_label + 1], None) } else { (Vec::new(), Some(0)) })
                .collect();
            let (bytes, starts) = chained_names(&plan);
            let mut memo = CheckedSuffixes::new();
            for (k, &start) in starts.iter().enumerate() {
                let fresh = check_name(&bytes, start);
                assert_eq!(check_name_with(&bytes, start, &mut memo), fresh, "name {k}");
                let expected = match k {
                    0 => Ok(start + 2 * (first_label + 1) + 1),
                    1..=MAX_POINTERS => Ok(start + 2),
                    _ => Err(Error::TooManyPointers),
                };
                assert_eq!(fresh, expected, "name {k}");
            }
        }
    }

    #[test]
    fn memo_makes_repeated_targets_one_lookup_and_keeps_limits() {
        // A 200-byte name at 0; then "x" * 60 + pointer to it: over 255 whether
        // the suffix is walked or remembered.
        let mut wire = Vec::new();
        for _ in 0..4 {
            wire.push(49);
            wire.extend_from_slice(&[b'b'; 49]);
        }
        wire.push(0);
        let ok = wire.len();
        wire.extend_from_slice(&[0xc0, 0x00]); // a plain pointer to it: fine
        let bad = wire.len();
        wire.push(60);
        wire.extend_from_slice(&[b'x'; 60]);
        wire.extend_from_slice(&[0xc0, 0x00]);
        let mut memo = CheckedSuffixes::new();
        assert_eq!(check_name_with(&wire, ok, &mut memo), Ok(ok + 2));
        assert!(memo.get(0).is_some());
        assert_eq!(check_name_with(&wire, bad, &mut memo), Err(Error::NameTooLong));
    }

    #[test]
    fn labels_stop_on_non_backward_pointer_even_unchecked() {
        let looping = Name::new_checked(b"\x01a\xc0\x00", 0);
        assert_eq!(looping.labels().count(), 1);
        let two_step = Name::new_checked(b"\x00\x01a\xc0\x00\x01b\xc0\x01", 5);
        assert_eq!(two_step.labels().count(), 2);
    }

    #[test]
    fn labels_stop_on_every_other_broken_rule_even_unchecked() {
        let labels = |bytes: &'static [u8], start| Name::new_checked(bytes, start).labels().collect::<Vec<_>>();
        // A byte of a reserved label type (0x40 to 0xbf), taken as a
        // length, runs past the end.
        assert_eq!(labels(b"\x01a\x41bcd\x00", 0), [&b"a"[..]]);
        assert_eq!(labels(b"\x01a\x80\x00", 0), [&b"a"[..]]);
        // A label or a pointer cut short by the end of the bytes.
        assert_eq!(labels(b"\x01a\x05bc", 0), [&b"a"[..]]);
        assert_eq!(labels(b"\x00\x01a\xc0", 1), [&b"a"[..]]);
        // A start past the end: no labels.
        assert!(labels(b"\x00", 5).is_empty());
        // Once ended, ended for good.
        let mut walk = Name::new_checked(b"\x01a\x41bcd\x01e\x00", 0).labels();
        assert_eq!((walk.next(), walk.next(), walk.next()), (Some(&b"a"[..]), None, None));
    }
}
