//! The one error type of the wire layer.

use core::fmt;

/// What went wrong, named by the rule the input (or the output buffer) broke.
///
/// Small and `Copy`: no allocation, no strings, so that a fuzz report or a log
/// line says exactly which check failed.
///
/// ```
/// use dnswire::{Error, Message, MessageBuilder};
///
/// assert_eq!(Message::parse(&[0u8; 11][..]).unwrap_err(), Error::Truncated); // half a header
/// let mut header = [0u8; 12];
/// header[5] = 1; // QDCOUNT 1, and no question
/// assert_eq!(Message::parse(&header[..]).unwrap_err(), Error::MissingRecords);
/// assert_eq!(MessageBuilder::new(&mut [0u8; 4][..]).err(), Some(Error::BufferTooSmall));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
    /// The message ends inside the header, a question or a record.
    Truncated,
    /// The header counts more questions or records than the message holds.
    MissingRecords,
    /// Bytes remain after the last record the header counts
    /// (see [`Message::parse_prefix`](crate::Message::parse_prefix)).
    TrailingBytes,
    /// The message is longer than 65 535 bytes, the most DNS can frame.
    MessageTooLong,
    /// A label is longer than 63 bytes (RFC 1035 §2.3.4).
    LabelTooLong,
    /// A name is longer than 255 bytes in uncompressed wire form
    /// (RFC 1035 §2.3.4), counted through compression pointers.
    NameTooLong,
    /// A compression pointer does not point strictly before the labels that
    /// led to it (forward, to itself, into a loop, or past the end); or, in
    /// opaque RDATA given to the builder, points into the header, whose
    /// bytes change as the message is built.
    BadPointer,
    /// A name follows more compression pointers than it could have labels.
    TooManyPointers,
    /// Following the message's compression pointers would take more work
    /// than its length allows ([`WORK_PER_BYTE`](crate::name::WORK_PER_BYTE)
    /// units per byte): pointers laid out to defeat the parser's cache of
    /// checked names, which no real encoder produces.
    CompressionTooCostly,
    /// A label type other than a plain label (`0b00`) or a pointer (`0b11`):
    /// the reserved `0x40` and `0x80` types (RFC 6891 §5 retired `0x40`).
    ReservedLabelType,
    /// The record's RDLENGTH runs past the end of the message.
    RdataPastEnd,
    /// The RDATA does not fit its type: wrong fixed size (A ≠ 4, AAAA ≠ 16),
    /// or its fields and names do not end exactly at RDLENGTH.
    RdataLength,
    /// An EDNS option's length runs past the end of the OPT RDATA.
    OptionLength,
    /// EDNS option data of a length its code does not allow: a COOKIE
    /// other than 8 or 16 to 40 bytes (RFC 7873 §4), a TCP keepalive
    /// other than 0 or 2 (RFC 7828 §3.1), an EXPIRE other than 0 or 4
    /// (RFC 7314 §2), an extended error under 2 (RFC 8914 §2), key tags
    /// of an odd or zero length (RFC 8145 §4.1); or option data over
    /// 65 535 bytes.
    BadOption,
    /// A client subnet option (RFC 7871 §6) of an unknown family, a prefix
    /// longer than its address, more or fewer address bytes than the
    /// source prefix needs, or address bits set beyond it.
    BadClientSubnet,
    /// A type bitmap (NSEC, NSEC3, CSYNC) with an empty, oversized or
    /// out-of-order window, or a trailing zero byte (RFC 4034 §4.1.2).
    BadBitmap,
    /// SVCB or HTTPS parameters out of order, repeated, or with a value that
    /// does not fit its key (RFC 9460 §2.2).
    BadSvcParam,
    /// A CAA tag that is empty or not letters and digits (RFC 8659 §4.1).
    BadCaaTag,
    /// A LOC record of a version other than 0, with a size or precision
    /// digit above 9 (RFC 1876 §2), or, in text, a coordinate out of range.
    BadLoc,
    /// An OPT record outside the additional section, with a non-root owner,
    /// or more than one of them (RFC 6891 §6.1.1).
    BadOpt,
    /// A character-string is longer than 255 bytes.
    StringTooLong,
    /// Presentation text with an empty label (`a..b`, or a leading dot).
    EmptyLabel,
    /// Presentation text with a bad escape: `\` at the end, or `\DDD` over 255.
    BadEscape,
    /// Presentation text that is not a valid value of its kind (an empty
    /// name, an unclosed quote or parenthesis).
    BadText,
    /// Presentation text where a number was expected: not decimal digits,
    /// or too large for its field.
    BadNumber,
    /// Presentation text that is not a known type mnemonic or `TYPE<n>`.
    UnknownType,
    /// Presentation text that is not hex (two digits a byte).
    BadHex,
    /// Presentation text that is not base64 (RFC 4648 §4).
    BadBase64,
    /// Presentation text that is not base32hex (RFC 4648 §7, NSEC3 hashes).
    BadBase32,
    /// Presentation text that is not an IPv4 or IPv6 address.
    BadAddress,
    /// Presentation text that ends before a field it needs.
    MissingField,
    /// Presentation text that goes on after the record's last field.
    TrailingText,
    /// A relative name where an absolute one is needed (the builder writes
    /// only absolute names).
    RelativeName,
    /// The output buffer is too small for what was pushed.
    BufferTooSmall,
    /// A section would hold more than 65 535 entries.
    CountOverflow,
    /// The builder was asked to go back to an earlier section.
    SectionOrder,
    /// A zone file record without an owner name, and none before it.
    NoOwner,
    /// A zone file record without a TTL, with no `$TTL` and no TTL before
    /// it (and not an SOA, whose minimum would do).
    NoTtl,
    /// A `$` directive that is unknown or malformed.
    BadDirective,
    /// A zone file record of another class than the zone's.
    WrongClass,
    /// `$INCLUDE` where no file can be opened (see [`zone`](crate::zone)).
    IncludeRefused,
    /// `$INCLUDE` nested too deep, or too many of them.
    IncludeTooDeep,
    /// A zone file entry longer than the reader's limit.
    EntryTooLong,
    /// A builder checkpoint that no longer holds: a rollback since went
    /// back before it, and what it covered was written again.
    StaleCheckpoint,
    /// A push that would take the message past its size limit (see
    /// [`MessageBuilder::set_limit`](crate::MessageBuilder::set_limit)):
    /// the record was not written; truncate, or answer over TCP.
    SizeLimit,
    /// A meta type (OPT, TSIG, TKEY, IXFR, AXFR, MAILA, MAILB, ANY) or
    /// meta class (NONE, ANY) in a zone file, where only data belongs.
    MetaType,
}

impl Error {
    /// A one-line description of the broken rule; also what `Display`
    /// prints.
    ///
    /// ```
    /// use dnswire::Error;
    ///
    /// assert_eq!(Error::LabelTooLong.as_str(), "label longer than 63 bytes");
    /// assert_eq!(Error::BadPointer.to_string(), Error::BadPointer.as_str());
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Error::Truncated => "message ends inside a header, question or record",
            Error::MissingRecords => "header counts more entries than the message holds",
            Error::TrailingBytes => "bytes remain after the last record",
            Error::MessageTooLong => "message longer than 65535 bytes",
            Error::LabelTooLong => "label longer than 63 bytes",
            Error::NameTooLong => "name longer than 255 bytes",
            Error::BadPointer => "compression pointer not strictly backward",
            Error::TooManyPointers => "name follows too many compression pointers",
            Error::CompressionTooCostly => "compression pointers cost more to follow than the message size allows",
            Error::ReservedLabelType => "reserved label type 0x40 or 0x80",
            Error::RdataPastEnd => "RDLENGTH runs past the end of the message",
            Error::RdataLength => "RDATA does not fit its type",
            Error::OptionLength => "EDNS option length runs past the OPT RDATA",
            Error::BadOption => "EDNS option data of a length its code does not allow",
            Error::BadClientSubnet => {
                "client subnet with an unknown family, a prefix too long, or address bytes not matching the prefix"
            }
            Error::BadBitmap => "malformed type bitmap",
            Error::BadSvcParam => "SVCB parameters out of order, repeated, or malformed",
            Error::BadCaaTag => "CAA tag empty or not alphanumeric",
            Error::BadLoc => "malformed LOC: version other than 0, a size digit above 9, or a coordinate out of range",
            Error::BadOpt => "misplaced or duplicate OPT record",
            Error::StringTooLong => "character-string longer than 255 bytes",
            Error::EmptyLabel => "empty label in presentation text",
            Error::BadEscape => "bad escape in presentation text",
            Error::BadText => "invalid presentation text",
            Error::BadNumber => "number too large or not a number",
            Error::UnknownType => "unknown record type",
            Error::BadHex => "not hex",
            Error::BadBase64 => "not base64",
            Error::BadBase32 => "not base32hex",
            Error::BadAddress => "not an IP address",
            Error::MissingField => "missing field",
            Error::TrailingText => "text after the last field",
            Error::RelativeName => "relative name where an absolute one is needed",
            Error::BufferTooSmall => "output buffer too small",
            Error::CountOverflow => "more than 65535 entries in a section",
            Error::SectionOrder => "sections must be built in order",
            Error::NoOwner => "no owner name, and no record before this one",
            Error::NoTtl => "no TTL, no $TTL before it and no earlier TTL",
            Error::BadDirective => "unknown or malformed $ directive",
            Error::WrongClass => "class differs from the zone's",
            Error::IncludeRefused => "$INCLUDE refused: this reader opens no files",
            Error::IncludeTooDeep => "$INCLUDE nested too deep, or too many",
            Error::EntryTooLong => "entry longer than the reader's limit",
            Error::MetaType => "meta type or class, not data",
            Error::SizeLimit => "the message would exceed its size limit",
            Error::StaleCheckpoint => "checkpoint no longer holds: a rollback went back before it",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl core::error::Error for Error {}

/// The result type of the wire layer.
pub type Result<T> = core::result::Result<T, Error>;
