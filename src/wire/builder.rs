//! Building messages into a caller's buffer, with name compression.

use crate::error::{Error, Result};
use crate::name::{CheckedSuffixes, ToName, MAX_NAME_LEN};
use crate::rdata::{Class, ComposeRdata, Edns, RData, Rtype};
use crate::wire::header::{Header, HEADER_LEN};
use crate::wire::message::{Record, Section, MAX_MESSAGE_LEN};

/// How many name suffixes the compression table remembers.
pub const COMPRESSION_ENTRIES: usize = 192;

/// Compression pointers have 14 bits of offset.
const MAX_POINTER_OFFSET: usize = 0x3fff;

//--- OutputBuffer

/// Where a [`MessageBuilder`] writes: a fixed `&mut [u8]`, or (with the
/// `alloc` feature) a `Vec<u8>`, or (with `bytes`) a `bytes::BytesMut`, which
/// grow as needed up to 65 535 bytes (65 537 with a TCP length prefix).
pub trait OutputBuffer {
    /// What [`MessageBuilder::finish`] returns.
    type Output;

    /// The bytes to write into.
    fn buffer(&mut self) -> &mut [u8];

    /// Makes [`OutputBuffer::buffer`] larger; false when it cannot grow.
    fn grow(&mut self) -> bool;

    /// Keeps the first `len` bytes and hands them over.
    fn finish(self, len: usize) -> Self::Output;
}

impl<'b> OutputBuffer for &'b mut [u8] {
    type Output = &'b mut [u8];

    fn buffer(&mut self) -> &mut [u8] {
        self
    }

    fn grow(&mut self) -> bool {
        false
    }

    fn finish(self, len: usize) -> &'b mut [u8] {
        let len = len.min(self.len());
        &mut self[..len]
    }
}

/// The next size of a growable buffer, or `None` at the cap.
#[cfg(any(feature = "alloc", feature = "bytes"))]
fn next_size(len: usize) -> Option<usize> {
    let cap = MAX_MESSAGE_LEN + crate::wire::tcp::PREFIX_LEN;
    let next = (len * 2).clamp(512, cap);
    (next > len).then_some(next)
}

/// A buffer that grows by zero-filling, up to [`MAX_MESSAGE_LEN`].
#[cfg(any(feature = "alloc", feature = "bytes"))]
macro_rules! growable_output_buffer {
    ($type:ty) => {
        impl OutputBuffer for $type {
            type Output = $type;

            fn buffer(&mut self) -> &mut [u8] {
                self
            }

            fn grow(&mut self) -> bool {
                next_size(self.len()).map(|size| self.resize(size, 0)).is_some()
            }

            fn finish(mut self, len: usize) -> Self::Output {
                self.truncate(len);
                self
            }
        }
    };
}

#[cfg(feature = "alloc")]
growable_output_buffer!(alloc::vec::Vec<u8>);

#[cfg(feature = "bytes")]
growable_output_buffer!(bytes::BytesMut);

//--- Compressor

/// A suffix already written: a label and the suffix after it. Entries are
/// numbered from 1 (index + 1); 0 stands for the root, or for none.
#[derive(Clone, Copy)]
struct Entry {
    /// Where the label's length byte is in the message.
    offset: u16,
    /// The entry of the suffix after this label.
    parent: u16,
    /// The first entry whose parent this is (the latest added).
    first_child: u16,
    /// The entry added before this one with the same parent. Always a
    /// smaller number, so every walk along siblings ends.
    next_sibling: u16,
}

/// The fixed-size table of name suffixes already written, as a tree: a
/// look-up compares the children of one suffix only, not every entry.
pub(crate) struct Compressor {
    entries: [Entry; COMPRESSION_ENTRIES],
    len: usize,
    /// The first entry whose parent is the root.
    first_top: u16,
}

impl Compressor {
    const fn new() -> Self {
        let empty = Entry { offset: 0, parent: 0, first_child: 0, next_sibling: 0 };
        Compressor { entries: [empty; COMPRESSION_ENTRIES], len: 0, first_top: 0 }
    }

    /// Where the list of `parent`'s children starts.
    fn first_child(&mut self, parent: u16) -> Option<&mut u16> {
        match parent {
            0 => Some(&mut self.first_top),
            _ => self.entries.get_mut(usize::from(parent) - 1).map(|entry| &mut entry.first_child),
        }
    }

    /// The entry for `label` (length byte included) followed by the suffix
    /// `parent`, as written in `message`.
    #[inline]
    fn find(&self, message: &[u8], parent: u16, label: &[u8]) -> Option<u16> {
        let mut number = match parent {
            0 => self.first_top,
            _ => self.entries.get(usize::from(parent) - 1)?.first_child,
        };
        while number != 0 {
            let entry = self.entries.get(usize::from(number) - 1)?;
            // The length byte and the last byte first, inline: siblings
            // tend to differ there (`www`, `mail`; `mx1`, `mx2`).
            let candidate = message.get(usize::from(entry.offset)..).and_then(|rest| rest.get(..label.len()));
            if let Some(candidate) = candidate {
                if candidate.first() == label.first() && candidate.last() == label.last() && candidate == label {
                    return Some(number);
                }
            }
            // Always smaller, so the walk ends; checked all the same.
            number = if entry.next_sibling < number { entry.next_sibling } else { 0 };
        }
        None
    }

    /// Remembers a label at `offset` followed by suffix `parent`; returns its
    /// entry, or `None` when the table is full or the offset unreachable.
    fn add(&mut self, offset: usize, parent: u16) -> Option<u16> {
        if offset > MAX_POINTER_OFFSET || self.len == COMPRESSION_ENTRIES {
            return None;
        }
        let number = self.len as u16 + 1;
        let first = self.first_child(parent)?;
        let next_sibling = core::mem::replace(first, number);
        self.entries[self.len] = Entry { offset: offset as u16, parent, first_child: 0, next_sibling };
        self.len += 1;
        Some(number)
    }

    /// Forgets every entry after the first `len`, as when a push that added
    /// them is undone: the tree is rebuilt from the entries kept.
    fn truncate(&mut self, len: usize) {
        if len >= self.len {
            return;
        }
        self.len = 0;
        self.first_top = 0;
        for entry in &mut self.entries[..len] {
            entry.first_child = 0;
        }
        for index in 0..len {
            let Entry { offset, parent, .. } = self.entries[index];
            self.add(usize::from(offset), parent);
        }
    }
}

//--- RdataWriter

/// Writes a record's fields and RDATA for [`ComposeRdata`] implementations.
pub struct RdataWriter<'w> {
    buf: &'w mut [u8],
    pos: usize,
    compressor: &'w mut Compressor,
    compress: bool,
}

impl RdataWriter<'_> {
    /// Runs `write` on a writer over `buf` that never compresses; returns
    /// the bytes written.
    pub(crate) fn uncompressed<E>(
        buf: &mut [u8],
        write: impl FnOnce(&mut RdataWriter<'_>) -> core::result::Result<(), E>,
    ) -> core::result::Result<usize, E> {
        let mut compressor = Compressor::new();
        let mut writer = RdataWriter { buf, pos: 0, compressor: &mut compressor, compress: false };
        write(&mut writer)?;
        Ok(writer.pos)
    }

    /// Appends bytes as they are.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`].
    #[inline]
    pub fn bytes(&mut self, bytes: &[u8]) -> Result<()> {
        let end = self.pos + bytes.len();
        let slot = self.buf.get_mut(self.pos..end).ok_or(Error::BufferTooSmall)?;
        slot.copy_from_slice(bytes);
        self.pos = end;
        Ok(())
    }

    /// How many bytes this writer has written (of the whole message, when
    /// it writes into a builder).
    pub(crate) fn written(&self) -> usize {
        self.pos
    }

    /// The bytes written from `start` (a position [`RdataWriter::written`]
    /// returned) on, to rearrange in place.
    pub(crate) fn written_since(&mut self, start: usize) -> &mut [u8] {
        let end = self.pos;
        self.buf.get_mut(start..end).unwrap_or(&mut [])
    }

    /// Overwrites the byte at `at` (a position [`RdataWriter::written`]
    /// returned): a length known only after what it counts.
    pub(crate) fn patch_u8(&mut self, at: usize, value: u8) {
        if let Some(slot) = self.buf.get_mut(at) {
            *slot = value;
        }
    }

    /// Appends a byte.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`].
    #[inline]
    pub fn u8(&mut self, value: u8) -> Result<()> {
        self.bytes(&[value])
    }

    /// Appends a character-string: a length byte, then the bytes.
    ///
    /// # Errors
    /// [`Error::StringTooLong`] above 255 bytes; [`Error::BufferTooSmall`].
    pub fn string(&mut self, bytes: &[u8]) -> Result<()> {
        let len = u8::try_from(bytes.len()).map_err(|_| Error::StringTooLong)?;
        self.u8(len)?;
        self.bytes(bytes)
    }

    /// Appends bytes preceded by their length as a big-endian `u16`.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`] (also above 65 535 bytes).
    pub fn u16_prefixed(&mut self, bytes: &[u8]) -> Result<()> {
        let len = u16::try_from(bytes.len()).map_err(|_| Error::BufferTooSmall)?;
        self.u16(len)?;
        self.bytes(bytes)
    }

    /// Appends a big-endian `u16`.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`].
    #[inline]
    pub fn u16(&mut self, value: u16) -> Result<()> {
        self.bytes(&value.to_be_bytes())
    }

    /// Appends a big-endian `u32`.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`].
    #[inline]
    pub fn u32(&mut self, value: u32) -> Result<()> {
        self.bytes(&value.to_be_bytes())
    }

    /// Appends a name that may be compressed (owner names; names in RDATA
    /// of the types RFC 3597 §4 lists), if the builder compresses.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`], or what the name reports
    /// ([`Error::RelativeName`], a parse error for text).
    pub fn compressed_name(&mut self, name: &impl ToName) -> Result<()> {
        let mut scratch = [0; MAX_NAME_LEN];
        let wire = name.to_wire(&mut scratch)?;
        self.name_wire(wire, self.compress)
    }

    /// Appends a name that must not be compressed (SRV targets, and the
    /// names of types a peer might not know). Later names do not point into
    /// it either.
    ///
    /// # Errors
    /// As [`RdataWriter::compressed_name`].
    pub fn uncompressed_name(&mut self, name: &impl ToName) -> Result<()> {
        let mut scratch = [0; MAX_NAME_LEN];
        let wire = name.to_wire(&mut scratch)?;
        self.bytes(wire)
    }

    /// Writes an absolute, uncompressed wire name, compressing it against
    /// (and adding it to) the table when `compress` is set.
    fn name_wire(&mut self, wire: &[u8], compress: bool) -> Result<()> {
        if !compress {
            return self.bytes(wire);
        }
        // The offsets of a name's labels: a name of 32 bytes or fewer has
        // at most 15, and most names are that short; a table for 127, the
        // most any name has, costs a 127-byte clear on every name.
        if wire.len() <= 32 {
            self.compress_name(wire, &mut [0u8; 16])
        } else {
            self.compress_name(wire, &mut [0u8; MAX_NAME_LEN / 2])
        }
    }

    /// [`RdataWriter::name_wire`], compressing, with `starts` to hold the
    /// offsets of the name's labels.
    #[inline(always)]
    fn compress_name(&mut self, wire: &[u8], starts: &mut [u8]) -> Result<()> {
        // Offsets of the labels in `wire`, root excluded.
        let mut count = 0;
        let mut at = 0;
        while let Some(&len) = wire.get(at) {
            if len == 0 || count == starts.len() {
                break;
            }
            starts[count] = at as u8;
            count += 1;
            at += 1 + usize::from(len);
        }
        // The longest suffix already in the table, matched from the root.
        let mut parent = 0u16;
        let mut matched = count;
        while matched > 0 {
            let start = usize::from(starts[matched - 1]);
            let end = start + 1 + usize::from(wire[start]);
            match self.compressor.find(self.buf, parent, &wire[start..end]) {
                Some(entry) => {
                    parent = entry;
                    matched -= 1;
                }
                None => break,
            }
        }
        let name_at = self.pos;
        let prefix_end = if matched < count { usize::from(starts[matched]) } else { wire.len() - 1 };
        self.bytes(&wire[..prefix_end])?;
        if parent == 0 {
            self.bytes(&[0])?;
        } else {
            let target = self.compressor.entries[usize::from(parent) - 1].offset;
            self.u16(0xc000 | target)?;
        }
        // Remember the new labels, innermost first, so each can name its parent.
        for &start in starts[..matched].iter().rev() {
            match self.compressor.add(name_at + usize::from(start), parent) {
                Some(entry) => parent = entry,
                None => break,
            }
        }
        Ok(())
    }
}

/// A whole record, to push in one call with
/// [`MessageBuilder::push_record`]: a parsed [`Record`], or an owned
/// [`RecordBuf`](crate::RecordBuf).
pub trait WholeRecord {
    /// The owner name.
    fn owner(&self) -> crate::Name<'_>;
    /// The class.
    fn class(&self) -> Class;
    /// The time to live.
    fn ttl(&self) -> u32;
    /// The RDATA.
    fn rdata(&self) -> RData<'_>;
}

impl WholeRecord for Record<'_> {
    fn owner(&self) -> crate::Name<'_> {
        Record::owner(self)
    }
    fn class(&self) -> Class {
        Record::class(self)
    }
    fn ttl(&self) -> u32 {
        Record::ttl(self)
    }
    fn rdata(&self) -> RData<'_> {
        Record::rdata(self)
    }
}

#[cfg(feature = "alloc")]
impl WholeRecord for crate::RecordBuf {
    fn owner(&self) -> crate::Name<'_> {
        crate::RecordBuf::owner(self)
    }
    fn class(&self) -> Class {
        crate::RecordBuf::class(self)
    }
    fn ttl(&self) -> u32 {
        crate::RecordBuf::ttl(self)
    }
    fn rdata(&self) -> RData<'_> {
        crate::RecordBuf::rdata(self)
    }
}

//--- MessageBuilder

/// Builds a message section by section into an [`OutputBuffer`], with name
/// compression, never allocating (except to grow a `Vec` or `BytesMut`) and
/// never panicking.
///
/// Sections are filled in order: questions, answers, authority, additional;
/// pushing into a section before the current one is [`Error::SectionOrder`].
/// The header counts are kept by the builder and written by
/// [`MessageBuilder::finish`].
///
/// # Compression
/// Every name the builder writes where compression is allowed (owner names,
/// and the names in NS, CNAME, PTR, MX and SOA RDATA, RFC 3597 §4) is looked
/// up label by label, from the root, in a fixed table of the name suffixes
/// already written: each entry is a label's offset and the entry of the
/// suffix that follows it, and entries with the same suffix are linked, so
/// a label is compared with the labels already seen in front of the same
/// suffix only. The longest known suffix becomes a pointer; the new labels
/// before it become new entries. The table has [`COMPRESSION_ENTRIES`]
/// slots and no allocator; when it is full, later names are still
/// compressed against it, they just add nothing. Each label costs at most
/// one pass over the table, so building is linear in the message size.
/// Labels are matched byte for byte, so the case of every name is kept.
///
/// # Failure
/// A push that fails (full buffer, bad name, too many records) leaves the
/// builder exactly as it was before the push: the bytes written so far, the
/// counts and the compression table are rolled back.
///
/// ```
/// use dnswire::{Class, Edns, Message, MessageBuilder, Rtype};
///
/// // A query for the MX records of example.com, with EDNS, into a stack buffer.
/// let mut buf = [0u8; 512];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// let mut header = builder.header_mut();
/// header.set_id(0x2a2a);
/// header.set_rd(true);
/// builder.push_question("example.com.", Rtype::MX, Class::IN)?;
/// builder.push_edns(&Edns::default())?;
/// let query = builder.finish();
/// assert_eq!(query.len(), 12 + 17 + 11);
///
/// let message = Message::parse(&query[..])?;
/// assert_eq!(message.id(), 0x2a2a);
/// assert_eq!(message.question().unwrap().qtype, Rtype::MX);
/// # Ok::<(), dnswire::Error>(())
/// ```
pub struct MessageBuilder<B: OutputBuffer> {
    target: B,
    len: usize,
    /// 0 questions, then 1 + the index of the record section.
    section: u8,
    counts: [u16; 4],
    compress: bool,
    compressor: Compressor,
    /// Whether the OPT record is written (there may be only one).
    has_opt: bool,
    /// The most bytes the message may have (a client's UDP payload size).
    limit: usize,
    /// The OPT record [`MessageBuilder::finish`] writes, if any; its room
    /// is kept out of `limit`.
    pending_opt: Option<PendingOpt>,
    /// The whole rcode [`MessageBuilder::set_rcode`] set (its bits above
    /// the header's four go into the OPT record).
    rcode: u16,
    /// Where the OPT record starts, when one is written.
    opt_at: usize,
    /// The room kept for the response's OPT record; see
    /// [`MessageBuilder::sync_reserve`].
    reserve: usize,
    /// What the client said it can take (RFC 6891 §6.2.5), for the limit.
    client_payload: usize,
    /// Where the questions end, once a record follows them.
    after_questions: Option<Checkpoint>,
    /// Checkpoints and rollbacks so far, and the rollbacks that matter.
    serial: u32,
    rollbacks: Rollbacks,
    /// Where the message starts in the target: after the TCP length
    /// prefix, or at 0.
    base: usize,
    /// The bytes of the options for the OPT record to come, headers
    /// included, kept at the end of the buffer's room until
    /// [`MessageBuilder::finish`] moves them into place.
    options_len: usize,
    /// Room kept free for a record pushed last (a TSIG record).
    kept: usize,
    /// The block size [`MessageBuilder::finish`] pads the message to with a
    /// padding option (RFC 8467), 0 for none.
    padding_block: u16,
}

/// The OPT record of a response, written last.
#[derive(Clone, Copy, Debug)]
struct PendingOpt {
    udp_payload_size: u16,
    dnssec_ok: bool,
}

/// The room an OPT record without options takes: the root, TYPE, CLASS,
/// TTL and RDLENGTH.
const OPT_LEN: usize = 11;

/// The largest UDP response without EDNS (RFC 1035 §4.2.1).
pub const UDP_LIMIT: usize = 512;

/// A point in a message being built, to go back to with
/// [`MessageBuilder::rollback`]: what was pushed after it is undone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    /// At most 65 535, as the message.
    len: u16,
    section: u8,
    has_opt: bool,
    /// At most `COMPRESSION_ENTRIES`.
    table: u16,
    counts: [u16; 4],
    /// When it was taken, in the builder's count of checkpoints and
    /// rollbacks.
    serial: u32,
}

/// The rollbacks that matter for checkpoints still held: a rollback to
/// `len` makes every older checkpoint past `len` stale (the bytes it
/// covered were written again). Kept as (serial, len) with both rising, so
/// that the first entry newer than a checkpoint has the least `len` of all
/// rollbacks since it. At most [`Rollbacks::KEPT`]; past that, the two
/// oldest merge into one that claims the newer serial and the smaller
/// length, which refuses more checkpoints, never fewer.
#[derive(Clone, Copy, Debug)]
struct Rollbacks {
    entries: [(u32, u16); Rollbacks::KEPT],
    count: u8,
}

impl Rollbacks {
    const KEPT: usize = 8;

    const fn new() -> Self {
        Rollbacks { entries: [(0, 0); Rollbacks::KEPT], count: 0 }
    }

    fn record(&mut self, serial: u32, len: u16) {
        let mut count = usize::from(self.count);
        // Entries at `len` or beyond say nothing this one does not.
        while count > 0 && self.entries[count - 1].1 >= len {
            count -= 1;
        }
        if count == Self::KEPT {
            let (_, oldest_len) = self.entries[0];
            let (newer_serial, _) = self.entries[1];
            self.entries[1] = (newer_serial, oldest_len);
            self.entries.copy_within(1.., 0);
            count -= 1;
        }
        self.entries[count] = (serial, len);
        self.count = count as u8 + 1;
    }

    /// Whether no rollback since `checkpoint` went below it.
    fn still_holds(&self, checkpoint: &Checkpoint) -> bool {
        let since = self.entries[..usize::from(self.count)].iter().find(|(serial, _)| *serial > checkpoint.serial);
        since.is_none_or(|&(_, len)| len >= checkpoint.len)
    }
}

/// Writes an EDNS option's code and data length (at most 65 535, checked
/// by the caller) into the first 4 bytes of `slot`.
pub(crate) fn write_option_header(slot: &mut [u8], code: crate::rdata::OptionCode, data_len: usize) {
    slot[..2].copy_from_slice(&code.0.to_be_bytes());
    slot[2..4].copy_from_slice(&(data_len as u16).to_be_bytes());
}

/// Checks opaque RDATA claiming a type with rules (`written[start..]`, the
/// end of what is written so far) as the parser will: only against what is
/// written, so that a name cannot read on into the buffer's unwritten
/// bytes; and with the header masked, so that no pointer may land in it,
/// since its counts and flags change as the message is built. Each masked
/// byte reads as a pointer to offset 0x3fff, which is never backward:
/// [`Error::BadPointer`].
fn check_opaque(written: &mut [u8], rtype: Rtype, class: Class, start: usize) -> Result<()> {
    let mut header = [0u8; HEADER_LEN];
    header.copy_from_slice(&written[..HEADER_LEN]);
    written[..HEADER_LEN].fill(0xff);
    let checked = RData::check(written, rtype, class, start..written.len(), &mut CheckedSuffixes::new());
    written[..HEADER_LEN].copy_from_slice(&header);
    checked
}

impl<B: OutputBuffer> MessageBuilder<B> {
    /// Starts a message in `target`: a zeroed header (ID 0, a query, no
    /// flags). A `Vec` or `BytesMut` target is overwritten from its start.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`] if not even the 12-byte header fits.
    pub fn new(mut target: B) -> Result<Self> {
        while target.buffer().len() < HEADER_LEN {
            if !target.grow() {
                return Err(Error::BufferTooSmall);
            }
        }
        target.buffer()[..HEADER_LEN].fill(0);
        Ok(MessageBuilder {
            target,
            len: HEADER_LEN,
            section: 0,
            counts: [0; 4],
            compress: true,
            compressor: Compressor::new(),
            has_opt: false,
            limit: MAX_MESSAGE_LEN,
            pending_opt: None,
            rcode: 0,
            opt_at: 0,
            reserve: 0,
            client_payload: MAX_MESSAGE_LEN,
            after_questions: None,
            serial: 0,
            rollbacks: Rollbacks::new(),
            base: 0,
            options_len: 0,
            kept: 0,
            padding_block: 0,
        })
    }

    /// Starts a message as [`MessageBuilder::new`] does, after a 2-byte
    /// placeholder for the TCP length prefix (RFC 1035 §4.2.2) that
    /// [`MessageBuilder::finish`] fills in: the output is the whole frame,
    /// ready to write to a TCP stream. Compression pointers count from the
    /// message, not the frame. The size limit is 65 535.
    ///
    /// ```
    /// use dnswire::{tcp, Class, Message, MessageBuilder, Rtype};
    ///
    /// let mut buf = [0u8; 512];
    /// let mut builder = MessageBuilder::new_framed(&mut buf[..])?;
    /// builder.push_question("example.com.", Rtype::SOA, Class::IN)?;
    /// let frame = builder.finish();
    /// let (message, rest) = tcp::split_frame(frame).unwrap();
    /// assert!(rest.is_empty());
    /// assert_eq!(Message::parse(message)?.question().unwrap().qtype, Rtype::SOA);
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`] if not even the prefix and header fit.
    pub fn new_framed(mut target: B) -> Result<Self> {
        while target.buffer().len() < crate::wire::tcp::PREFIX_LEN + HEADER_LEN {
            if !target.grow() {
                return Err(Error::BufferTooSmall);
            }
        }
        let mut builder = Self::new(target)?;
        builder.base = crate::wire::tcp::PREFIX_LEN;
        builder.target.buffer()[..crate::wire::tcp::PREFIX_LEN + HEADER_LEN].fill(0);
        Ok(builder)
    }

    /// The message's bytes in the target (after the TCP prefix, if any).
    #[inline]
    fn buf(&mut self) -> &mut [u8] {
        let base = self.base;
        self.target.buffer().get_mut(base..).unwrap_or(&mut [])
    }

    /// Where the message may end at most in the buffer as it is: the end of
    /// the room that options to come are kept at.
    #[inline]
    fn room(&mut self) -> usize {
        self.buf().len().min(MAX_MESSAGE_LEN)
    }

    /// Grows the target, moving the options kept at the end of its room.
    fn grow(&mut self) -> bool {
        let old_room = self.room();
        if old_room >= MAX_MESSAGE_LEN || !self.target.grow() {
            return false;
        }
        if self.options_len > 0 {
            let (new_room, options_len) = (self.room(), self.options_len);
            self.buf().copy_within(old_room - options_len..old_room, new_room - options_len);
        }
        true
    }

    /// Starts the response to `query` in `target`: its ID, opcode, RD and
    /// CD, QR set, and its questions. EDNS as RFC 6891 §6.1.1 and §7 say:
    /// an OPT record only if the query had one, written by
    /// [`MessageBuilder::finish`] after everything else (its room kept from
    /// the start), advertising 1 232 bytes ([`MessageBuilder::set_udp_payload_size`])
    /// with DO copied from the query (RFC 3225 §3); a query of an EDNS
    /// version above 0 gets BADVERS. The size limit is that of UDP: the
    /// smaller of the client's payload size and ours (at least 512), or 512
    /// without EDNS; over TCP, set it to 65 535 with
    /// [`MessageBuilder::set_limit`].
    ///
    /// ```
    /// use dnswire::{Class, Edns, Message, MessageBuilder, Rcode, Rtype, A};
    ///
    /// let mut query_buf = [0u8; 512];
    /// let mut query = MessageBuilder::new(&mut query_buf[..])?;
    /// query.header_mut().set_id(0x5353);
    /// query.header_mut().set_rd(true);
    /// query.push_question("www.example.", Rtype::A, Class::IN)?;
    /// query.push_edns(&Edns { udp_payload_size: 4096, dnssec_ok: true, ..Edns::default() })?;
    /// let query = Message::parse(query.finish())?;
    ///
    /// let mut buf = [0u8; 4096];
    /// let mut response = MessageBuilder::start_response(&mut buf[..], &query)?;
    /// response.header_mut().set_aa(true);
    /// response.push_answer("www.example.", Class::IN, 300, &A::from([192, 0, 2, 80]))?;
    /// let response = Message::parse(response.finish())?;
    /// let header = response.header();
    /// assert!(header.qr() && header.rd() && header.aa());
    /// assert_eq!((header.id(), response.rcode()), (0x5353, Rcode::NOERROR));
    /// assert_eq!(response.question(), query.question());
    /// assert!(response.edns().unwrap().dnssec_ok);
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`MessageBuilder::new`] and [`MessageBuilder::push_question`].
    pub fn start_response<T: AsRef<[u8]>>(target: B, query: &crate::Message<T>) -> Result<Self> {
        Self::respond(Self::new(target)?, query)
    }

    /// Starts the response to `query` as [`MessageBuilder::start_response`]
    /// does, for TCP: after the length prefix that
    /// [`MessageBuilder::finish`] fills in (see
    /// [`MessageBuilder::new_framed`]), with a size limit of 65 535.
    ///
    /// # Errors
    /// As [`MessageBuilder::start_response`].
    pub fn start_framed_response<T: AsRef<[u8]>>(target: B, query: &crate::Message<T>) -> Result<Self> {
        Self::respond(Self::new_framed(target)?, query)
    }

    fn respond<T: AsRef<[u8]>>(mut builder: Self, query: &crate::Message<T>) -> Result<Self> {
        let asked = query.header();
        let mut header = builder.header_mut();
        header.set_id(asked.id());
        header.set_qr(true);
        header.set_opcode(asked.opcode());
        header.set_rd(asked.rd());
        header.set_cd(asked.cd());
        builder.client_payload = UDP_LIMIT;
        if let Some(edns) = query.edns() {
            builder.client_payload = usize::from(edns.udp_payload_size).max(UDP_LIMIT);
            builder.pending_opt = Some(PendingOpt { udp_payload_size: 1232, dnssec_ok: edns.dnssec_ok });
            builder.sync_reserve();
            // The OPT record must fit whatever else does.
            while builder.room() < builder.len + OPT_LEN {
                if !builder.grow() {
                    return Err(Error::BufferTooSmall);
                }
            }
            if edns.version > 0 {
                builder.set_rcode(crate::Rcode::BADVERS)?;
            }
        }
        builder.limit_to_payloads();
        for question in query.questions() {
            builder.push_question(question.name, question.qtype, question.qclass)?;
        }
        Ok(builder)
    }

    /// The limit of a UDP response: what the client takes and this server
    /// sends, at least 512 (RFC 6891 §6.2.5; 1 232 each by default, as the
    /// DNS Flag Day 2020 recommends).
    fn limit_to_payloads(&mut self) {
        if self.base != 0 {
            // Over TCP.
            return self.set_limit(MAX_MESSAGE_LEN);
        }
        let ours = self.pending_opt.map_or(MAX_MESSAGE_LEN, |opt| usize::from(opt.udp_payload_size));
        self.set_limit(self.client_payload.min(ours).max(UDP_LIMIT));
    }

    /// The most bytes the message may have (65 535 unless
    /// [`MessageBuilder::start_response`] set a UDP response's limit): a
    /// push past it fails with [`Error::SizeLimit`]. The room of the OPT
    /// record a response writes at the end is kept out of it. Never below
    /// what is already written. Over TCP, set 65 535.
    pub fn set_limit(&mut self, limit: usize) {
        // Never below what is written, with the OPT record's room.
        self.limit = limit.max(self.len + self.reserve).min(MAX_MESSAGE_LEN);
    }

    /// The size limit; see [`MessageBuilder::set_limit`].
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// The UDP payload size the response's OPT record advertises, and the
    /// most this server sends over UDP (1 232 unless set, at least 512);
    /// nothing without an OPT record to come. Sets the limit again (to the
    /// smaller of this and the client's size), as for UDP.
    pub fn set_udp_payload_size(&mut self, size: u16) {
        if let Some(opt) = &mut self.pending_opt {
            opt.udp_payload_size = size.max(UDP_LIMIT as u16);
            self.limit_to_payloads();
        }
    }

    /// Sets the response code, all 12 bits: the low 4 in the header, the
    /// rest in the OPT record (RFC 6891 §6.1.3), which a code above 15
    /// needs. (A code set later through [`MessageBuilder::header_mut`]
    /// replaces it, extended bits and all.)
    ///
    /// # Errors
    /// [`Error::BadOpt`] for a code above 15 in a message without an OPT
    /// record, written or to come; [`Error::BadNumber`] above 4 095.
    pub fn set_rcode(&mut self, rcode: crate::Rcode) -> Result<()> {
        if rcode.0 > 0xfff {
            return Err(Error::BadNumber);
        }
        if rcode.0 > 0xf && self.pending_opt.is_none() && !self.has_opt {
            return Err(Error::BadOpt);
        }
        self.rcode = rcode.0;
        self.header_mut().set_low_rcode(rcode);
        Ok(())
    }

    /// The response code as it stands: the header's four bits, and the
    /// extended ones [`MessageBuilder::set_rcode`] gave.
    pub fn rcode(&mut self) -> crate::Rcode {
        let low = self.header_mut().low_rcode().0;
        crate::Rcode(if low == self.rcode & 0xf { self.rcode } else { low })
    }

    /// A point to come back to with [`MessageBuilder::rollback`].
    pub fn checkpoint(&mut self) -> Checkpoint {
        self.serial = self.serial.saturating_add(1);
        self.state()
    }

    /// What a failed push puts back.
    fn state(&self) -> Checkpoint {
        // The message and the table never outgrow 16 bits.
        Checkpoint {
            len: self.len as u16,
            section: self.section,
            has_opt: self.has_opt,
            table: self.compressor.len as u16,
            counts: self.counts,
            serial: self.serial,
        }
    }

    /// Undoes what was pushed since `checkpoint`, one of this builder's.
    /// The header's flags and rcode stay as they are. The checkpoints
    /// taken after it are then stale, and so is any taken past a point a
    /// later rollback went back to.
    ///
    /// # Errors
    /// [`Error::StaleCheckpoint`] for a stale checkpoint (what it covered
    /// was written again), or one past what is written; nothing changes.
    pub fn rollback(&mut self, checkpoint: Checkpoint) -> Result<()> {
        // (Past 2³² − 1 checkpoints and rollbacks, serials no longer tell
        // them apart: every rollback is refused.)
        if usize::from(checkpoint.len) > self.len
            || checkpoint.serial > self.serial
            || self.serial == u32::MAX
            || !self.rollbacks.still_holds(&checkpoint)
        {
            return Err(Error::StaleCheckpoint);
        }
        self.cut_back(checkpoint);
        Ok(())
    }

    /// Goes back to `checkpoint`, which holds, and logs the rollback.
    fn cut_back(&mut self, checkpoint: Checkpoint) {
        self.serial = self.serial.saturating_add(1);
        self.rollbacks.record(self.serial, checkpoint.len);
        self.restore(checkpoint);
    }

    fn restore(&mut self, checkpoint: Checkpoint) {
        if self.after_questions.is_some_and(|end| checkpoint.len < end.len) {
            // Back among the questions: they end somewhere else now.
            self.after_questions = None;
        }
        self.len = usize::from(checkpoint.len);
        self.section = checkpoint.section;
        self.counts = checkpoint.counts;
        self.has_opt = checkpoint.has_opt;
        self.compressor.truncate(usize::from(checkpoint.table));
        self.sync_reserve();
    }

    /// Sets the room kept for the response's OPT record: while one is to
    /// come and none was pushed. Called wherever either changes (kept in a
    /// field: reading it is cheaper on every push than working it out).
    fn sync_reserve(&mut self) {
        let opt = if self.pending_opt.is_some() && !self.has_opt { OPT_LEN + self.options_len } else { 0 };
        self.reserve = opt + self.kept;
    }

    /// Keeps `bytes` free at the end of the message, for a record pushed
    /// last (a TSIG record, RFC 8945 §5.3): other pushes fail with
    /// [`Error::SizeLimit`] where they would take that room. Set 0 again
    /// before pushing that record.
    pub fn keep_room(&mut self, bytes: usize) {
        self.kept = bytes.min(MAX_MESSAGE_LEN);
        self.sync_reserve();
        self.set_limit(self.limit);
    }

    /// Adds `option` to the OPT record [`MessageBuilder::finish`] writes
    /// (a response's, from [`MessageBuilder::start_response`], or one
    /// [`MessageBuilder::set_edns`] asked for), after the options added
    /// before it. Its room is taken at once, as a push's is. Rollbacks
    /// and [`MessageBuilder::truncate`] keep it.
    ///
    /// ```
    /// use dnswire::{Class, Message, MessageBuilder, Nsid, OptionCode, Rtype};
    ///
    /// let mut buf = [0u8; 512];
    /// let mut builder = MessageBuilder::new(&mut buf[..])?;
    /// builder.push_question("example.com.", Rtype::A, Class::IN)?;
    /// builder.set_edns(1232, false)?;
    /// builder.push_edns_option(&Nsid::new(b"")?)?; // asks for the server's NSID
    /// builder.set_padding(128); // RFC 8467's block for queries
    /// let query = builder.finish();
    /// assert_eq!(query.len(), 128);
    /// let message = Message::parse(&query[..])?;
    /// let edns = message.edns().unwrap();
    /// let codes: Vec<_> = edns.options.options().map(|option| option.code).collect();
    /// assert_eq!(codes, [OptionCode::NSID, OptionCode::PADDING]);
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::BadOpt`] without an OPT record to come, or with one
    /// pushed; [`Error::OptionLength`] if the options would pass 65 535
    /// bytes; [`Error::SizeLimit`] or [`Error::BufferTooSmall`] if it does
    /// not fit.
    pub fn push_edns_option(&mut self, option: &impl crate::rdata::ComposeOption) -> Result<()> {
        if self.pending_opt.is_none() || self.has_opt {
            return Err(Error::BadOpt);
        }
        let data_len = option.data_len();
        let added = data_len.checked_add(4).ok_or(Error::OptionLength)?;
        let options_len = self.options_len + added;
        if options_len > usize::from(u16::MAX) {
            return Err(Error::OptionLength);
        }
        let needed = self.len + self.reserve + added;
        if needed > self.limit {
            return Err(if self.limit < MAX_MESSAGE_LEN { Error::SizeLimit } else { Error::BufferTooSmall });
        }
        while self.room() < needed {
            if !self.grow() {
                return Err(Error::BufferTooSmall);
            }
        }
        let room = self.room();
        let old = room - self.options_len..room;
        let buffer = self.buf();
        buffer.copy_within(old, room - options_len);
        let slot = &mut buffer[room - added..room];
        write_option_header(slot, option.code(), data_len);
        option.write_data(&mut slot[4..]);
        self.options_len = options_len;
        self.sync_reserve();
        Ok(())
    }

    /// Asks for an OPT record (RFC 6891), written by
    /// [`MessageBuilder::finish`] after everything else, its room kept
    /// from now on: for a query, or to replace what
    /// [`MessageBuilder::start_response`] chose. Options come with
    /// [`MessageBuilder::push_edns_option`]. Does nothing once an OPT
    /// record was pushed.
    ///
    /// # Errors
    /// [`Error::SizeLimit`] or [`Error::BufferTooSmall`] if the OPT record
    /// and its options would not fit; nothing changes.
    pub fn set_edns(&mut self, udp_payload_size: u16, dnssec_ok: bool) -> Result<()> {
        if self.has_opt {
            return Ok(());
        }
        let needed = self.len + self.kept + OPT_LEN + self.options_len;
        if needed > self.limit {
            return Err(Error::SizeLimit);
        }
        while self.room() < needed {
            if !self.grow() {
                return Err(Error::BufferTooSmall);
            }
        }
        self.pending_opt = Some(PendingOpt { udp_payload_size, dnssec_ok });
        self.sync_reserve();
        Ok(())
    }

    /// Pads the message with a padding option (RFC 7830) to a multiple of
    /// `block` bytes, as RFC 8467 §4.1 recommends (468 for responses, 128
    /// for queries), or as far as the size limit allows; 0 for none. Only
    /// with an OPT record to come ([`MessageBuilder::set_edns`], or a
    /// response to a query with EDNS). RFC 7830 §3: a response should be
    /// padded when the query was, and not over unencrypted transports.
    pub fn set_padding(&mut self, block: u16) {
        self.padding_block = block;
    }

    /// Truncates the message as RFC 2181 §9 and RFC 6891 §7 allow: every
    /// record is dropped, TC is set, the questions and the OPT record (one
    /// pushed, or the response's, written by [`MessageBuilder::finish`])
    /// stay. A client then asks again over TCP.
    pub fn truncate(&mut self) {
        self.header_mut().set_tc(true);
        let Some(after_questions) = self.after_questions else {
            return;
        };
        // Valid whenever it is kept (a rollback into the questions forgets
        // it): no need to ask the log.
        let opt = self.has_opt.then(|| (self.opt_at, self.opt_end()));
        self.cut_back(after_questions);
        if let Some((start, end)) = opt {
            // The OPT record moves down to where the records began.
            let at = self.len;
            self.buf().copy_within(start..end, at);
            self.opt_at = at;
            self.len = at + (end - start);
            self.section = 3;
            self.counts[3] = 1;
            self.has_opt = true;
            self.sync_reserve();
        }
    }

    /// Where the written OPT record ends.
    fn opt_end(&mut self) -> usize {
        let at = self.opt_at;
        let buffer = self.buf();
        let rdlength = buffer.get(at + 9..at + 11).map_or(0, |b| usize::from(u16::from_be_bytes([b[0], b[1]])));
        at + OPT_LEN + rdlength
    }

    /// The header, to set the ID, opcode and flags (and a 4-bit rcode;
    /// [`MessageBuilder::set_rcode`] sets one of 12). The counts are the
    /// builder's: [`MessageBuilder::finish`] overwrites them.
    pub fn header_mut(&mut self) -> Header<&mut [u8]> {
        let buffer = self.buf();
        let header = buffer.get_mut(..HEADER_LEN).unwrap_or(&mut []);
        Header::new_unchecked(header)
    }

    /// Turns name compression on (the default) or off for what is pushed
    /// from now on.
    pub fn set_compression(&mut self, compress: bool) {
        self.compress = compress;
    }

    /// Bytes written so far.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing but the header is written.
    pub fn is_empty(&self) -> bool {
        self.len == HEADER_LEN
    }

    /// Runs `write` on a writer at the end of the message, after moving to
    /// `section` and counting one more entry there; on any error, puts
    /// everything back and, if the buffer was too small and can grow,
    /// tries again.
    fn push_with(&mut self, section: u8, write: impl Fn(&mut RdataWriter<'_>) -> Result<()>) -> Result<()> {
        if section < self.section {
            return Err(Error::SectionOrder);
        }
        let index = usize::from(section);
        let count = self.counts[index].checked_add(1).ok_or(Error::CountOverflow)?;
        // The first record: where the questions end, kept once it is in.
        let questions_end = (section > 0 && self.section == 0).then(|| self.state());
        let (before_len, before_section, before_table) = (self.len, self.section, self.compressor.len);
        let (limit, reserve) = (self.limit, self.reserve);
        loop {
            let base = self.base;
            let buffer = self.target.buffer().get_mut(base..).unwrap_or(&mut []);
            let room = buffer.len().min(MAX_MESSAGE_LEN);
            // Up to the size limit or the end of the buffer, less the room
            // the response's OPT record keeps.
            let cap = room.min(limit).saturating_sub(reserve);
            let mut writer = RdataWriter {
                buf: &mut buffer[..cap],
                pos: self.len,
                compressor: &mut self.compressor,
                compress: self.compress,
            };
            match write(&mut writer) {
                Ok(()) => {
                    self.len = writer.pos;
                    self.section = section;
                    self.counts[index] = count;
                    if questions_end.is_some() || section == 0 {
                        // A question (after a truncation) moves the end.
                        self.after_questions = questions_end;
                    }
                    return Ok(());
                }
                Err(error) => {
                    // Counts and the OPT flag change only on success.
                    self.len = before_len;
                    self.section = before_section;
                    self.compressor.truncate(before_table);
                    if error != Error::BufferTooSmall {
                        return Err(error);
                    }
                    // The size limit, not the buffer, ended the room.
                    if limit <= room && limit < MAX_MESSAGE_LEN {
                        return Err(Error::SizeLimit);
                    }
                    if !self.grow() {
                        return Err(error);
                    }
                }
            }
        }
    }

    /// Adds a question.
    ///
    /// # Errors
    /// [`Error::SectionOrder`] after any record; [`Error::BufferTooSmall`];
    /// [`Error::CountOverflow`]; what the name reports.
    pub fn push_question(&mut self, name: impl ToName, qtype: Rtype, qclass: Class) -> Result<()> {
        self.push_with(0, |out| {
            out.compressed_name(&name)?;
            out.u16(qtype.0)?;
            out.u16(qclass.0)
        })
    }

    /// Adds a record to `section`.
    ///
    /// Whatever the builder accepts, the parser accepts: an OPT record must
    /// be the only one, owned by the root, in the additional section; and
    /// opaque RDATA ([`UnknownRdata`](crate::UnknownRdata)) that claims a
    /// type this crate checks must have that type's wire form.
    ///
    /// # Errors
    /// [`Error::SectionOrder`] if a later section was already started;
    /// [`Error::BufferTooSmall`]; [`Error::CountOverflow`];
    /// [`Error::BadOpt`]; what the owner name or the RDATA check reports.
    pub fn push(
        &mut self,
        section: Section,
        owner: impl ToName,
        class: Class,
        ttl: u32,
        rdata: &impl ComposeRdata,
    ) -> Result<()> {
        let section_number = match section {
            Section::Answer => 1,
            Section::Authority => 2,
            Section::Additional => 3,
        };
        let rtype = rdata.rtype();
        let is_opt = rtype == Rtype::OPT;
        if is_opt {
            let mut scratch = [0; MAX_NAME_LEN];
            let root_owner = owner.to_wire(&mut scratch)? == [0];
            if section != Section::Additional || self.has_opt || !root_owner {
                return Err(Error::BadOpt);
            }
        }
        let opt_start = self.len;
        self.push_with(section_number, |out| {
            out.compressed_name(&owner)?;
            out.u16(rtype.0)?;
            out.u16(class.0)?;
            out.u32(ttl)?;
            let length_at = out.pos;
            out.u16(0)?;
            rdata.compose(out)?;
            let start = length_at + 2;
            let length = u16::try_from(out.pos - start).map_err(|_| Error::BufferTooSmall)?;
            out.buf[length_at..start].copy_from_slice(&length.to_be_bytes());
            let update = start == out.pos && crate::rdata::is_update_class(class) && !is_opt;
            if rdata.is_opaque() && !update {
                check_opaque(&mut out.buf[..out.pos], rtype, class, start)?;
            }
            Ok(())
        })?;
        if is_opt {
            self.has_opt = true;
            // What `push_with` left at the end: this record.
            self.opt_at = opt_start;
            self.sync_reserve();
        }
        Ok(())
    }

    /// Adds a record to the answer section.
    ///
    /// # Errors
    /// As [`MessageBuilder::push`].
    pub fn push_answer(&mut self, owner: impl ToName, class: Class, ttl: u32, rdata: &impl ComposeRdata) -> Result<()> {
        self.push(Section::Answer, owner, class, ttl, rdata)
    }

    /// Adds a record to the authority section.
    ///
    /// # Errors
    /// As [`MessageBuilder::push`].
    pub fn push_authority(
        &mut self,
        owner: impl ToName,
        class: Class,
        ttl: u32,
        rdata: &impl ComposeRdata,
    ) -> Result<()> {
        self.push(Section::Authority, owner, class, ttl, rdata)
    }

    /// Adds a record to the additional section.
    ///
    /// # Errors
    /// As [`MessageBuilder::push`].
    pub fn push_additional(
        &mut self,
        owner: impl ToName,
        class: Class,
        ttl: u32,
        rdata: &impl ComposeRdata,
    ) -> Result<()> {
        self.push(Section::Additional, owner, class, ttl, rdata)
    }

    /// Copies a whole record into `section`: a parsed [`Record`] (from any
    /// message) or an owned [`RecordBuf`](crate::RecordBuf), as read from
    /// text or a zone file.
    ///
    /// ```
    /// # #[cfg(feature = "alloc")] {
    /// use dnswire::{Class, Message, MessageBuilder, RecordBuf, Rtype, Section};
    ///
    /// let record: RecordBuf = "mail.example. 300 IN MX 10 mx1.example.".parse()?;
    /// let mut builder = MessageBuilder::new(Vec::new())?;
    /// builder.push_question("mail.example.", Rtype::MX, Class::IN)?;
    /// builder.push_record(Section::Answer, &record)?;
    /// let message = Message::parse(builder.finish())?;
    /// let answer = message.answers().next().unwrap();
    /// assert_eq!(answer.to_string(), record.to_string());
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`MessageBuilder::push`].
    pub fn push_record(&mut self, section: Section, record: &impl WholeRecord) -> Result<()> {
        self.push(section, record.owner(), record.class(), record.ttl(), &record.rdata())
    }

    /// Adds the OPT record that carries `edns` to the additional section.
    ///
    /// # Errors
    /// As [`MessageBuilder::push`].
    pub fn push_edns(&mut self, edns: &Edns<'_>) -> Result<()> {
        let class = Class(edns.udp_payload_size);
        self.push(Section::Additional, crate::NameBuf::root(), class, edns.ttl(), &edns.options)
    }

    /// Writes the OPT record to come, unless one was pushed, with its
    /// options and padding; gives the OPT record the rcode's extended bits.
    #[inline(never)]
    fn write_pending_opt(&mut self) {
        // The extended bits, unless the header's rcode was set since.
        let rcode = self.rcode();
        let extended = (rcode.0 >> 4) as u8;
        if let Some(opt) = self.pending_opt.take() {
            if !self.has_opt {
                let edns = Edns {
                    udp_payload_size: opt.udp_payload_size,
                    extended_rcode: extended,
                    dnssec_ok: opt.dnssec_ok,
                    ..Edns::default()
                };
                self.write_opt(&edns);
                self.options_len = 0;
                self.sync_reserve();
                return;
            }
            self.options_len = 0;
            self.sync_reserve();
        }
        if self.has_opt && extended != 0 {
            // A pushed OPT record: its TTL's first byte.
            let at = self.opt_at + 5;
            if let Some(byte) = self.buf().get_mut(at) {
                *byte = extended;
            }
        }
    }

    /// Writes the OPT record at the end: its fixed fields, the options
    /// kept at the end of the room, then the padding. Its room was kept
    /// (`start_response`, `set_edns` and `push_edns_option` made sure of
    /// the buffer, `push_with` of the rest), so nothing here can fail; a
    /// buffer that proved too small all the same leaves the message as it
    /// was.
    fn write_opt(&mut self, edns: &Edns<'_>) {
        let (at, options_len, room) = (self.len, self.options_len, self.room());
        let Some(count) = self.counts[3].checked_add(1) else {
            return;
        };
        let body = at + OPT_LEN;
        if body + options_len > room {
            return;
        }
        // Padding, as far as the limit and the buffer allow.
        let end_without = body + options_len;
        let most = self.limit.min(room).saturating_sub(self.kept);
        let mut padding = None;
        if self.padding_block > 0 && end_without + 4 <= most {
            let unpadded = end_without + 4;
            let wanted = usize::from(crate::rdata::Padding::for_block(end_without, self.padding_block).len);
            padding = Some(wanted.min(most - unpadded));
        }
        let rdlength = options_len + padding.map_or(0, |pad| 4 + pad);
        let buffer = self.buf();
        buffer.copy_within(room - options_len..room, body);
        let head = &mut buffer[at..body];
        head[0] = 0;
        head[1..3].copy_from_slice(&Rtype::OPT.0.to_be_bytes());
        head[3..5].copy_from_slice(&edns.udp_payload_size.to_be_bytes());
        head[5..9].copy_from_slice(&edns.ttl().to_be_bytes());
        head[9..11].copy_from_slice(&(rdlength as u16).to_be_bytes());
        if let Some(pad) = padding {
            let option = &mut buffer[end_without..end_without + 4 + pad];
            write_option_header(option, crate::rdata::OptionCode::PADDING, pad);
            option[4..].fill(0);
        }
        self.opt_at = at;
        self.len = body + rdlength;
        self.section = 3;
        self.counts[3] = count;
        self.has_opt = true;
    }

    /// Writes the response's OPT record if one is pending, then the header
    /// counts, and returns the message.
    pub fn finish(mut self) -> B::Output {
        if self.pending_opt.is_some() || self.rcode > 0xf {
            self.write_pending_opt();
        }
        let counts = self.counts;
        let mut header = self.header_mut();
        header.set_qdcount(counts[0]);
        header.set_ancount(counts[1]);
        header.set_nscount(counts[2]);
        header.set_arcount(counts[3]);
        let base = self.base;
        if base != 0 {
            // The TCP length prefix: the message is at most 65 535 bytes.
            let prefix = (self.len as u16).to_be_bytes();
            if let Some(slot) = self.target.buffer().get_mut(..base) {
                slot.copy_from_slice(&prefix);
            }
        }
        self.target.finish(base + self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cname, Message, Mx, NameBuf, A};

    fn name(text: &str) -> NameBuf {
        text.parse().unwrap()
    }

    #[test]
    fn many_rollbacks_never_take_a_stale_checkpoint_back() {
        let mut buf = [0u8; 4096];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        let a = A::from([192, 0, 2, 1]);
        b.push_answer("first.example.", Class::IN, 1, &a).unwrap();
        let first = b.checkpoint();
        // Twenty rollbacks, each to a point further on than the last: more
        // than the log keeps apart, so its oldest entries merge.
        let mut kept = Vec::new();
        for i in 0..20u8 {
            b.push_answer("x.example.", Class::IN, u32::from(i), &a).unwrap();
            let point = b.checkpoint();
            b.push_answer("gone.example.", Class::IN, 1, &a).unwrap();
            let stale = b.checkpoint();
            b.rollback(point).unwrap();
            kept.push(stale);
        }
        // Every checkpoint past a point a rollback went back to is stale.
        for stale in kept {
            assert_eq!(b.rollback(stale), Err(Error::StaleCheckpoint));
        }
        // The first still holds: no rollback went before it.
        b.rollback(first).unwrap();
        let message = Message::parse(b.finish()).unwrap();
        assert_eq!(message.answers().count(), 1);
    }

    #[test]
    fn compresses_as_rfc1035_describes() {
        // RFC 1035 §4.1.4: F.ISI.ARPA, then FOO.F.ISI.ARPA as FOO + pointer,
        // then ARPA as a bare pointer.
        let mut buf = [0u8; 128];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        let a = A::from([10, 0, 0, 1]);
        b.push_answer("F.ISI.ARPA.", Class::IN, 0, &a).unwrap();
        b.push_answer("FOO.F.ISI.ARPA.", Class::IN, 0, &a).unwrap();
        b.push_answer("ARPA.", Class::IN, 0, &a).unwrap();
        let out = b.finish();
        assert_eq!(&out[12..24], b"\x01F\x03ISI\x04ARPA\x00");
        let second = 12 + 12 + 14;
        assert_eq!(&out[second..second + 6], b"\x03FOO\xc0\x0c");
        let third = second + 6 + 14;
        assert_eq!(&out[third..third + 2], b"\xc0\x12");
    }

    #[test]
    fn compresses_names_inside_rdata_but_not_srv_targets() {
        let mut buf = [0u8; 256];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        b.push_question("example.com.", Rtype::MX, Class::IN).unwrap();
        let mx = Mx { preference: 10, exchange: name("mx1.example.com.") };
        b.push_answer("example.com.", Class::IN, 3600, &mx).unwrap();
        let srv = crate::Srv { priority: 0, weight: 0, port: 25, target: name("mx1.example.com.") };
        b.push_answer("example.com.", Class::IN, 3600, &srv).unwrap();
        let out = b.finish();
        // Question at 12 (17 bytes); MX owner is a pointer to 12; exchange "mx1" + pointer.
        assert_eq!(&out[29..31], b"\xc0\x0c");
        assert_eq!(&out[41..49], b"\x00\x0a\x03mx1\xc0\x0c");
        // SRV owner pointer, then the target written out in full.
        assert_eq!(&out[49..51], b"\xc0\x0c");
        assert_eq!(&out[67..], b"\x03mx1\x07example\x03com\x00");
    }

    #[test]
    fn keeps_the_case_of_each_name() {
        let mut buf = [0u8; 128];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        b.push_question("Example.COM.", Rtype::A, Class::IN).unwrap();
        b.push_answer("example.com.", Class::IN, 0, &A::from([1, 2, 3, 4])).unwrap();
        let out = b.finish();
        let message = Message::parse(&out[..]).unwrap();
        assert_eq!(message.answers().next().unwrap().owner().to_string(), "example.com.");
        assert_eq!(message.question().unwrap().name.to_string(), "Example.COM.");
    }

    #[test]
    fn full_buffer_is_an_error_and_rolls_back() {
        let mut buf = [0u8; 40];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        b.push_question("example.com.", Rtype::A, Class::IN).unwrap();
        let before = b.len();
        let target = Cname { cname: "a-rather-long-target-name.example.com." };
        assert_eq!(b.push_answer("www.example.com.", Class::IN, 0, &target), Err(Error::BufferTooSmall));
        assert_eq!(b.len(), before);
        // What fits still goes in, and the counts match what is there.
        b.push_answer("example.com.", Class::IN, 0, &A::from([1, 2, 3, 4])).unwrap_err();
        let out = b.finish();
        let message = Message::parse(&out[..]).unwrap();
        assert_eq!(message.header().qdcount(), 1);
        assert_eq!(message.answers().count(), 0);
        assert_eq!(out.len(), before);
    }

    #[test]
    fn rollback_forgets_compression_entries() {
        // A failed push must not leave table entries pointing at bytes that
        // are no longer there.
        let mut buf = [0u8; 64];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        let big = crate::UnknownRdata::new(Rtype(65280), &[0; 40]);
        assert_eq!(b.push_answer("gone.example.", Class::IN, 0, &big), Err(Error::BufferTooSmall));
        assert_eq!(b.compressor.len, 0);
        b.push_answer("x.example.", Class::IN, 0, &A::from([1, 2, 3, 4])).unwrap();
        b.push_answer("gone.example.", Class::IN, 0, &A::from([1, 2, 3, 4])).unwrap();
        let out = b.finish();
        let message = Message::parse(&out[..]).unwrap();
        let owners: Vec<String> = message.answers().map(|r| r.owner().to_string()).collect();
        assert_eq!(owners, ["x.example.", "gone.example."]);
    }

    #[test]
    fn rollback_keeps_the_entries_before_it() {
        // Entries from before a failed push still compress later names, and
        // the failed push's labels are not pointed to.
        let mut buf = [0u8; 100];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        let a = A::from([1, 2, 3, 4]);
        b.push_answer("mail.example.", Class::IN, 0, &a).unwrap();
        let big = crate::UnknownRdata::new(Rtype(65280), &[0; 80]);
        assert_eq!(b.push_answer("www.example.", Class::IN, 0, &big), Err(Error::BufferTooSmall));
        b.push_answer("www.example.", Class::IN, 0, &a).unwrap();
        b.push_answer("mail.example.", Class::IN, 0, &a).unwrap();
        let out = b.finish();
        // 12 header; at 12 `4mail7example0` (14) and 14 bytes of fields and
        // RDATA; at 40 `3www` and a pointer to `example` at 17; at 60 a
        // pointer to 12.
        assert_eq!(out.len(), 76);
        assert_eq!(out[40..46], *b"\x03www\xc0\x11");
        assert_eq!(out[60..62], [0xc0, 0x0c]);
        let message = Message::parse(&out[..]).unwrap();
        let owners: Vec<String> = message.answers().map(|r| r.owner().to_string()).collect();
        assert_eq!(owners, ["mail.example.", "www.example.", "mail.example."]);
    }

    #[test]
    fn sections_go_in_order() {
        let mut buf = [0u8; 128];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        let a = A::from([1, 2, 3, 4]);
        b.push_authority("example.", Class::IN, 0, &a).unwrap();
        assert_eq!(b.push_answer("example.", Class::IN, 0, &a), Err(Error::SectionOrder));
        assert_eq!(b.push_question("example.", Rtype::A, Class::IN), Err(Error::SectionOrder));
        b.push_additional("example.", Class::IN, 0, &a).unwrap();
    }

    #[test]
    fn relative_and_bad_names_are_refused() {
        let mut buf = [0u8; 128];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        assert_eq!(b.push_question("example.com", Rtype::A, Class::IN), Err(Error::RelativeName));
        assert_eq!(b.push_question(name("www"), Rtype::A, Class::IN), Err(Error::RelativeName));
        assert_eq!(b.push_question("a..b.", Rtype::A, Class::IN), Err(Error::EmptyLabel));
        assert!(b.is_empty());
    }

    #[test]
    fn refuses_what_the_parser_would_refuse() {
        let mut buf = [0u8; 256];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        let opt = crate::Opt::EMPTY;
        assert_eq!(b.push_answer(".", Class(1232), 0, &opt), Err(Error::BadOpt));
        assert_eq!(b.push_additional("example.", Class(1232), 0, &opt), Err(Error::BadOpt));
        b.push_edns(&Edns::default()).unwrap();
        assert_eq!(b.push_edns(&Edns::default()), Err(Error::BadOpt));
        // Opaque bytes claiming a type whose names may be compressed must
        // have its form.
        let short_mx = crate::UnknownRdata::new(Rtype::MX, &[1]);
        assert_eq!(b.push_additional("x.", Class::IN, 0, &short_mx), Err(Error::RdataLength));
        let loop_mx = crate::UnknownRdata::new(Rtype::MX, &[0, 1, 0xc0, 0xff]);
        assert_eq!(b.push_additional("x.", Class::IN, 0, &loop_mx), Err(Error::BadPointer));
        let fine_a = crate::UnknownRdata::new(Rtype::A, &[1, 2, 3, 4]);
        b.push_additional("x.", Class::IN, 0, &fine_a).unwrap();
        let unknown = crate::UnknownRdata::new(Rtype(65280), &[1, 2, 3]);
        b.push_additional("x.", Class::IN, 0, &unknown).unwrap();
        let out = b.finish();
        let message = Message::parse(&out[..]).unwrap();
        assert_eq!(message.additional().count(), 3);
        assert!(message.edns().is_some());
    }

    #[test]
    fn opaque_rdata_may_not_point_into_the_header() {
        // Found by the build_message fuzz target: an NS record of opaque
        // bytes pointing at offset 11, the low byte of ARCOUNT. It read as
        // the root name while ARCOUNT was 0, and as a reserved label type
        // once records were added to the additional section.
        let mut buf = [0u8; 2048];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        b.push_question("example.", Rtype::NS, Class::IN).unwrap();
        let into_header = crate::UnknownRdata::new(Rtype::NS, &[0xc0, 11]);
        assert_eq!(b.push_answer("example.", Class::IN, 0, &into_header), Err(Error::BadPointer));
        let to_question = crate::UnknownRdata::new(Rtype::NS, &[0xc0, 12]);
        b.push_answer("example.", Class::IN, 0, &to_question).unwrap();
        for _ in 0..0x41 {
            b.push_additional("x.", Class::IN, 0, &crate::A::from([192, 0, 2, 1])).unwrap();
        }
        let out = b.finish();
        let message = Message::parse(&out[..]).unwrap();
        let RData::Ns(ns) = message.answers().next().unwrap().rdata() else { panic!("an NS record") };
        assert_eq!(ns.nsdname.to_string(), "example.");
    }

    #[test]
    fn opaque_rdata_may_not_read_past_what_is_written() {
        // Found by the build_message fuzz target: an NS record of opaque
        // bytes pointing into its own TTL, where a label of 16 bytes starts
        // that runs past the RDATA into the buffer's unwritten zeros (the
        // root label, while checking). The finished message ends first.
        let mut buf = [0u8; 512];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        b.push_question(".", Rtype::NS, Class::IN).unwrap();
        // Owner "n." at 17, fields at 20, TTL bytes at 24..28, RDATA at 30.
        let into_ttl = crate::UnknownRdata::new(Rtype::NS, &[0xc0, 26]);
        assert_eq!(b.push_answer("n.", Class::IN, 0x0100_1010, &into_ttl), Err(Error::RdataLength));
        let out = b.finish();
        assert!(Message::parse(&out[..]).is_ok());
    }

    #[test]
    fn header_does_not_fit() {
        assert!(matches!(MessageBuilder::new(&mut [0u8; 11][..]), Err(Error::BufferTooSmall)));
    }

    #[test]
    fn too_many_records_is_count_overflow() {
        let mut buf = vec![0u8; MAX_MESSAGE_LEN];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        b.counts[1] = u16::MAX;
        let a = A::from([1, 2, 3, 4]);
        assert_eq!(b.push_answer(".", Class::IN, 0, &a), Err(Error::CountOverflow));
    }

    #[test]
    fn stops_at_65535_bytes_even_in_a_bigger_buffer() {
        let mut buf = vec![0u8; 100_000];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        let big = crate::UnknownRdata::new(Rtype(65280), &[7; 60_000]);
        b.push_answer(".", Class::IN, 0, &big).unwrap();
        assert_eq!(b.push_answer(".", Class::IN, 0, &big), Err(Error::BufferTooSmall));
        let out = b.finish();
        assert!(Message::parse(&out[..]).is_ok());
    }

    #[cfg(feature = "alloc")]
    #[test]
    fn vec_grows_to_fit() {
        let mut b = MessageBuilder::new(Vec::new()).unwrap();
        for i in 0..100u8 {
            b.push_answer("many.example.", Class::IN, 0, &A::from([10, 0, 0, i])).unwrap();
        }
        let out = b.finish();
        // The owner once, then 99 two-byte pointers; 14 bytes of fields and address each.
        assert_eq!(out.len(), 12 + 14 + 99 * 2 + 100 * 14);
        assert_eq!(Message::parse(&out[..]).unwrap().answers().count(), 100);
    }

    #[cfg(feature = "alloc")]
    #[test]
    fn table_full_still_builds_correct_messages() {
        let mut b = MessageBuilder::new(vec![0u8; MAX_MESSAGE_LEN]).unwrap();
        let a = A::from([1, 2, 3, 4]);
        let names: Vec<String> = (0..400).map(|i| format!("h{i}.zone{}.example.", i % 7)).collect();
        for n in &names {
            b.push_answer(n.as_str(), Class::IN, 0, &a).unwrap();
        }
        let out = b.finish();
        let message = Message::parse(&out[..]).unwrap();
        let owners: Vec<String> = message.answers().map(|r| r.owner().to_string()).collect();
        assert_eq!(owners, names);
    }
}
