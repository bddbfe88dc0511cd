//! SVCB and HTTPS: service bindings ([RFC 9460](https://www.rfc-editor.org/rfc/rfc9460), RFC 9461).
//!
//! # Wire format
//! ```text
//! SVCPRIORITY  u16; 0 is alias form (no parameters), else service form
//! TARGETNAME   domain name, uncompressed (RFC 9460 §2.2)
//! SVCPARAMS    { KEY u16, LENGTH u16, VALUE }*, keys strictly increasing
//! ```
//! The values are checked as RFC 9460 §7 and RFC 9461 §5 define them:
//! `mandatory` a non-empty list of keys, increasing, not naming itself;
//! `alpn` non-empty strings; `no-default-alpn` and `ohttp` empty; `port`
//! two bytes; `ipv4hint` and `ipv6hint` non-empty lists of addresses.
//! Any breach is [`Error::BadSvcParam`], and the record decodes as
//! [`RData::Invalid`](crate::RData::Invalid). HTTPS shares the view; push
//! `RData::Https(svcb)` to write one.

use core::fmt;
use core::net::{Ipv4Addr, Ipv6Addr};
use core::ops::Range;

use crate::error::{Error, Result};
use crate::name::{Name, ToName};
use crate::rdata::fields::Fields;
use crate::rdata::present::base64_unbroken;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A service binding (SVCB or HTTPS).
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, RData, SvcParam, SvcParams, Svcb};
///
/// // key 1 (alpn) "h2", key 3 (port) 8443.
/// let params = SvcParams::from_wire(b"\x00\x01\x00\x03\x02h2\x00\x03\x00\x02\x20\xfb")?;
/// let https = Svcb { priority: 1, target: ".", params };
/// let mut buf = [0u8; 96];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("example.com.", Class::IN, 300, &RData::<&str>::Https(https))?;
/// let message = Message::parse(builder.finish())?;
/// let RData::Https(parsed) = message.answers().next().unwrap().rdata() else { panic!() };
/// assert_eq!(parsed.to_string(), r#"1 . alpn="h2" port=8443"#);
/// assert!(parsed.params.iter().any(|p| p == SvcParam::Port(8443)));
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Svcb<'a, N> {
    /// 0 for alias form; otherwise lower is preferred.
    pub priority: u16,
    /// The target; `.` means the owner (service form) or "no service" (alias form).
    pub target: N,
    /// The service parameters.
    pub params: SvcParams<'a>,
}

impl<N> Svcb<'_, N> {
    /// Whether this is the alias form (priority 0).
    pub fn is_alias(&self) -> bool {
        self.priority == 0
    }
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Svcb<'_, Name<'_>>> {
    let mut fields = Fields::new(message, rdata);
    let priority = fields.u16()?;
    let target = fields.name()?;
    let params = SvcParams::from_wire(fields.rest())?;
    Ok(Svcb { priority, target, params })
}

impl<N: fmt::Display> fmt::Display for Svcb<'_, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.priority, self.target)?;
        for param in self.params.iter() {
            write!(f, " {param}")?;
        }
        Ok(())
    }
}

impl<N: ToName> ComposeRdata for Svcb<'_, N> {
    fn rtype(&self) -> Rtype {
        Rtype::SVCB
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.u16(self.priority)?;
        out.uncompressed_name(&self.target)?;
        out.bytes(self.params.as_wire())
    }
}

//--- SvcParamKey

/// A service parameter key (IANA "Service Parameter Keys (SvcParamKeys)").
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct SvcParamKey(pub u16);

impl SvcParamKey {
    /// Keys the client must understand (RFC 9460 §8).
    pub const MANDATORY: SvcParamKey = SvcParamKey(0);
    /// Application protocols (RFC 9460 §7.1).
    pub const ALPN: SvcParamKey = SvcParamKey(1);
    /// No default protocol (RFC 9460 §7.1).
    pub const NO_DEFAULT_ALPN: SvcParamKey = SvcParamKey(2);
    /// Port (RFC 9460 §7.2).
    pub const PORT: SvcParamKey = SvcParamKey(3);
    /// IPv4 address hints (RFC 9460 §7.3).
    pub const IPV4HINT: SvcParamKey = SvcParamKey(4);
    /// Encrypted ClientHello configuration (RFC 9460 §14.3.2).
    pub const ECH: SvcParamKey = SvcParamKey(5);
    /// IPv6 address hints (RFC 9460 §7.3).
    pub const IPV6HINT: SvcParamKey = SvcParamKey(6);
    /// DNS over HTTPS URI template (RFC 9461 §5).
    pub const DOHPATH: SvcParamKey = SvcParamKey(7);
    /// Oblivious HTTP gateway (RFC 9540 §4).
    pub const OHTTP: SvcParamKey = SvcParamKey(8);

    /// The registered name, for the keys that have one.
    pub fn name(self) -> Option<&'static str> {
        const NAMES: [&str; 9] =
            ["mandatory", "alpn", "no-default-alpn", "port", "ipv4hint", "ech", "ipv6hint", "dohpath", "ohttp"];
        NAMES.get(usize::from(self.0)).copied()
    }

    /// A registered name or `key<n>` (RFC 9460 §2.1).
    pub fn from_name(text: &str) -> Option<SvcParamKey> {
        for value in 0..9 {
            if SvcParamKey(value).name() == Some(text) {
                return Some(SvcParamKey(value));
            }
        }
        let digits = text.strip_prefix("key")?;
        if digits.is_empty()
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || (digits.len() > 1 && digits.starts_with('0'))
        {
            return None;
        }
        digits.parse().ok().map(SvcParamKey)
    }
}

impl fmt::Display for SvcParamKey {
    /// As dig 9.18 prints it: the names of RFC 9460 (keys 0 to 6), and
    /// `key<n>` for the rest, `dohpath` (7) and `ohttp` (8) included.
    /// [`SvcParamKey::from_name`] reads both forms.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) if self.0 <= 6 => f.write_str(name),
            _ => write!(f, "key{}", self.0),
        }
    }
}

//--- SvcParams

/// The checked parameters of a service binding, in wire form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct SvcParams<'a> {
    bytes: &'a [u8],
}

impl<'a> SvcParams<'a> {
    /// Checks and wraps parameters in wire form.
    ///
    /// # Errors
    /// [`Error::BadSvcParam`] for keys out of order or repeated, a value
    /// that does not fit its key, or a length past the end.
    pub fn from_wire(bytes: &'a [u8]) -> Result<Self> {
        let params = SvcParams { bytes };
        let mut last: Option<u16> = None;
        for item in (RawParams { rest: bytes }) {
            let (key, value) = item?;
            if last.is_some_and(|last| key <= last) {
                return Err(Error::BadSvcParam);
            }
            last = Some(key);
            check_value(SvcParamKey(key), value)?;
        }
        Ok(params)
    }

    /// The parameters in wire form.
    pub fn as_wire(&self) -> &'a [u8] {
        self.bytes
    }

    /// The parameters, in key order.
    pub fn iter(&self) -> impl Iterator<Item = SvcParam<'a>> + 'a {
        RawParams { rest: self.bytes }
            .map_while(|item| item.ok())
            .map(|(key, value)| SvcParam::new(SvcParamKey(key), value))
    }

    /// Whether there are none (as in alias form).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

//--- SvcParamsBuilder

/// Writes service parameters into a caller's buffer, with no allocator:
/// one call per key, in increasing key order (RFC 9460 §2.2), then
/// [`finish`](SvcParamsBuilder::finish), which checks them as a parser does.
///
/// ```
/// use core::net::Ipv4Addr;
/// use dnswire::{Class, Message, MessageBuilder, RData, SvcParamKey, SvcParamsBuilder, Svcb};
///
/// let mut buf = [0u8; 64];
/// let mut params = SvcParamsBuilder::new(&mut buf);
/// params.mandatory(&[SvcParamKey::ALPN])?.alpn(&["h3", "h2"])?.port(8443)?;
/// params.ipv4hint(&[Ipv4Addr::new(192, 0, 2, 1)])?;
/// let https = Svcb { priority: 1, target: ".", params: params.finish()? };
/// let mut out = [0u8; 128];
/// let mut builder = MessageBuilder::new(&mut out[..])?;
/// builder.push_answer("example.com.", Class::IN, 300, &RData::<&str>::Https(https))?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(
///     message.answers().next().unwrap().rdata().to_string(),
///     r#"1 . mandatory=alpn alpn="h3,h2" port=8443 ipv4hint=192.0.2.1"#
/// );
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Debug)]
pub struct SvcParamsBuilder<'b> {
    buf: &'b mut [u8],
    len: usize,
    last: Option<u16>,
}

impl<'b> SvcParamsBuilder<'b> {
    /// Parameters written into `buf`.
    pub fn new(buf: &'b mut [u8]) -> Self {
        SvcParamsBuilder { buf, len: 0, last: None }
    }

    /// Adds a parameter whose value `write` produces (in pieces), after
    /// checking the key order and the room left.
    fn put(&mut self, key: SvcParamKey, pieces: &[&[u8]]) -> Result<&mut Self> {
        if self.last.is_some_and(|last| key.0 <= last) {
            return Err(Error::BadSvcParam);
        }
        let value_len: usize = pieces.iter().map(|p| p.len()).sum();
        let len = u16::try_from(value_len).map_err(|_| Error::BadSvcParam)?;
        let end = self.len + 4 + value_len;
        let slot = self.buf.get_mut(self.len..end).ok_or(Error::BufferTooSmall)?;
        slot[..2].copy_from_slice(&key.0.to_be_bytes());
        slot[2..4].copy_from_slice(&len.to_be_bytes());
        let mut at = 4;
        for piece in pieces {
            slot[at..at + piece.len()].copy_from_slice(piece);
            at += piece.len();
        }
        self.len = end;
        self.last = Some(key.0);
        Ok(self)
    }

    /// Adds a parameter whose value is made of `N`-byte items.
    fn put_items<const N: usize>(
        &mut self,
        key: SvcParamKey,
        items: impl Iterator<Item = [u8; N]> + Clone,
    ) -> Result<&mut Self> {
        let count = items.clone().count();
        let value_len = u16::try_from(count * N).map_err(|_| Error::BadSvcParam)?;
        self.put(key, &[])?;
        // Room for the items, then fill in the length.
        let start = self.len;
        let slot = self.buf.get_mut(start..start + count * N).ok_or(Error::BufferTooSmall)?;
        for (chunk, item) in slot.chunks_exact_mut(N).zip(items) {
            chunk.copy_from_slice(&item);
        }
        self.buf[start - 2..start].copy_from_slice(&value_len.to_be_bytes());
        self.len = start + count * N;
        Ok(self)
    }

    /// `mandatory`: keys the client must understand, in any order.
    ///
    /// # Errors
    /// [`Error::BadSvcParam`] out of key order (also at
    /// [`finish`](SvcParamsBuilder::finish): for no key, or a repeated
    /// one); [`Error::BufferTooSmall`].
    pub fn mandatory(&mut self, keys: &[SvcParamKey]) -> Result<&mut Self> {
        let mut sorted = [0u16; 64];
        let listed = sorted.get_mut(..keys.len()).ok_or(Error::BadSvcParam)?;
        for (slot, key) in listed.iter_mut().zip(keys) {
            *slot = key.0;
        }
        listed.sort_unstable();
        self.put_items(SvcParamKey::MANDATORY, listed.iter().map(|k| k.to_be_bytes()))
    }

    /// `alpn`: protocol identifiers, each 1 to 255 bytes.
    ///
    /// # Errors
    /// As [`mandatory`](SvcParamsBuilder::mandatory); [`Error::StringTooLong`].
    pub fn alpn<S: AsRef<[u8]>>(&mut self, ids: &[S]) -> Result<&mut Self> {
        self.put(SvcParamKey::ALPN, &[])?;
        let start = self.len;
        let mut at = start;
        for id in ids {
            let id = id.as_ref();
            let len = u8::try_from(id.len()).map_err(|_| Error::StringTooLong)?;
            let slot = self.buf.get_mut(at..at + 1 + id.len()).ok_or(Error::BufferTooSmall)?;
            slot[0] = len;
            slot[1..].copy_from_slice(id);
            at += 1 + id.len();
        }
        let value_len = u16::try_from(at - start).map_err(|_| Error::BadSvcParam)?;
        self.buf[start - 2..start].copy_from_slice(&value_len.to_be_bytes());
        self.len = at;
        Ok(self)
    }

    /// `no-default-alpn`.
    ///
    /// # Errors
    /// As [`mandatory`](SvcParamsBuilder::mandatory).
    pub fn no_default_alpn(&mut self) -> Result<&mut Self> {
        self.put(SvcParamKey::NO_DEFAULT_ALPN, &[])
    }

    /// `port`.
    ///
    /// # Errors
    /// As [`mandatory`](SvcParamsBuilder::mandatory).
    pub fn port(&mut self, port: u16) -> Result<&mut Self> {
        self.put(SvcParamKey::PORT, &[&port.to_be_bytes()])
    }

    /// `ipv4hint`.
    ///
    /// # Errors
    /// As [`mandatory`](SvcParamsBuilder::mandatory).
    pub fn ipv4hint(&mut self, addrs: &[Ipv4Addr]) -> Result<&mut Self> {
        self.put_items(SvcParamKey::IPV4HINT, addrs.iter().map(|a| a.octets()))
    }

    /// `ech`: an ECHConfigList.
    ///
    /// # Errors
    /// As [`mandatory`](SvcParamsBuilder::mandatory).
    pub fn ech(&mut self, config: &[u8]) -> Result<&mut Self> {
        self.put(SvcParamKey::ECH, &[config])
    }

    /// `ipv6hint`.
    ///
    /// # Errors
    /// As [`mandatory`](SvcParamsBuilder::mandatory).
    pub fn ipv6hint(&mut self, addrs: &[Ipv6Addr]) -> Result<&mut Self> {
        self.put_items(SvcParamKey::IPV6HINT, addrs.iter().map(|a| a.octets()))
    }

    /// `dohpath`: a URI template (RFC 9461).
    ///
    /// # Errors
    /// As [`mandatory`](SvcParamsBuilder::mandatory).
    pub fn dohpath(&mut self, template: &str) -> Result<&mut Self> {
        self.put(SvcParamKey::DOHPATH, &[template.as_bytes()])
    }

    /// `ohttp` (RFC 9540).
    ///
    /// # Errors
    /// As [`mandatory`](SvcParamsBuilder::mandatory).
    pub fn ohttp(&mut self) -> Result<&mut Self> {
        self.put(SvcParamKey::OHTTP, &[])
    }

    /// Any key, with its value in wire form.
    ///
    /// # Errors
    /// As [`mandatory`](SvcParamsBuilder::mandatory).
    pub fn param(&mut self, key: SvcParamKey, value: &[u8]) -> Result<&mut Self> {
        self.put(key, &[value])
    }

    /// The parameters, checked as [`SvcParams::from_wire`] checks them.
    ///
    /// # Errors
    /// [`Error::BadSvcParam`] for a value its key does not allow.
    pub fn finish(self) -> Result<SvcParams<'b>> {
        let buf: &'b [u8] = self.buf;
        SvcParams::from_wire(&buf[..self.len])
    }
}

/// Splits parameters into keys and values, without judging the values.
struct RawParams<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for RawParams<'a> {
    type Item = Result<(u16, &'a [u8])>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let Some(&[k0, k1, l0, l1]) = self.rest.get(..4) else {
            self.rest = &[];
            return Some(Err(Error::BadSvcParam));
        };
        let len = usize::from(u16::from_be_bytes([l0, l1]));
        let Some(value) = self.rest.get(4..4 + len) else {
            self.rest = &[];
            return Some(Err(Error::BadSvcParam));
        };
        self.rest = &self.rest[4 + len..];
        Some(Ok((u16::from_be_bytes([k0, k1]), value)))
    }
}

fn check_value(key: SvcParamKey, value: &[u8]) -> Result<()> {
    let ok = match key {
        SvcParamKey::MANDATORY => {
            !value.is_empty()
                && value.len() % 2 == 0
                && value
                    .chunks(2)
                    .try_fold(None, |last: Option<u16>, pair| {
                        let key = u16::from_be_bytes([pair[0], pair[1]]);
                        (key != 0 && last.is_none_or(|last| key > last)).then_some(Some(key))
                    })
                    .is_some()
        }
        SvcParamKey::ALPN => {
            let mut rest = value;
            let mut ok = !rest.is_empty();
            while let Some((&len, tail)) = rest.split_first() {
                if len == 0 || tail.len() < usize::from(len) {
                    ok = false;
                    break;
                }
                rest = &tail[usize::from(len)..];
            }
            ok
        }
        SvcParamKey::NO_DEFAULT_ALPN | SvcParamKey::OHTTP => value.is_empty(),
        SvcParamKey::PORT => value.len() == 2,
        SvcParamKey::IPV4HINT => !value.is_empty() && value.len() % 4 == 0,
        SvcParamKey::IPV6HINT => !value.is_empty() && value.len() % 16 == 0,
        SvcParamKey(65535) => false,
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(Error::BadSvcParam)
    }
}

//--- SvcParam

/// One service parameter, typed by its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SvcParam<'a> {
    /// Keys the client must support, as wire pairs of bytes.
    Mandatory(KeyList<'a>),
    /// Protocol identifiers, as length-prefixed strings.
    Alpn(AlpnIds<'a>),
    /// No default ALPN.
    NoDefaultAlpn,
    /// The port.
    Port(u16),
    /// IPv4 hints, four bytes each.
    Ipv4Hint(&'a [u8]),
    /// The ECHConfigList.
    Ech(&'a [u8]),
    /// IPv6 hints, sixteen bytes each.
    Ipv6Hint(&'a [u8]),
    /// The DoH URI template (UTF-8).
    DohPath(&'a [u8]),
    /// The target is an Oblivious HTTP gateway.
    Ohttp,
    /// A key without a typed form here.
    Other(SvcParamKey, &'a [u8]),
}

/// The key list of a `mandatory` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyList<'a>(&'a [u8]);

impl KeyList<'_> {
    /// The keys.
    pub fn keys(&self) -> impl Iterator<Item = SvcParamKey> + '_ {
        self.0.chunks_exact(2).map(|pair| SvcParamKey(u16::from_be_bytes([pair[0], pair[1]])))
    }
}

/// The protocol identifiers of an `alpn` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AlpnIds<'a>(&'a [u8]);

impl<'a> AlpnIds<'a> {
    /// The identifiers.
    pub fn ids(&self) -> impl Iterator<Item = &'a [u8]> + 'a {
        crate::rdata::TxtStrings::new(self.0)
    }
}

impl<'a> SvcParam<'a> {
    fn new(key: SvcParamKey, value: &'a [u8]) -> Self {
        match key {
            SvcParamKey::MANDATORY => SvcParam::Mandatory(KeyList(value)),
            SvcParamKey::ALPN => SvcParam::Alpn(AlpnIds(value)),
            SvcParamKey::NO_DEFAULT_ALPN => SvcParam::NoDefaultAlpn,
            SvcParamKey::PORT => SvcParam::Port(u16::from_be_bytes([value[0], value[1]])),
            SvcParamKey::IPV4HINT => SvcParam::Ipv4Hint(value),
            SvcParamKey::ECH => SvcParam::Ech(value),
            SvcParamKey::IPV6HINT => SvcParam::Ipv6Hint(value),
            SvcParamKey::DOHPATH => SvcParam::DohPath(value),
            SvcParamKey::OHTTP => SvcParam::Ohttp,
            other => SvcParam::Other(other, value),
        }
    }

    /// The key.
    pub fn key(&self) -> SvcParamKey {
        match self {
            SvcParam::Mandatory(_) => SvcParamKey::MANDATORY,
            SvcParam::Alpn(_) => SvcParamKey::ALPN,
            SvcParam::NoDefaultAlpn => SvcParamKey::NO_DEFAULT_ALPN,
            SvcParam::Port(_) => SvcParamKey::PORT,
            SvcParam::Ipv4Hint(_) => SvcParamKey::IPV4HINT,
            SvcParam::Ech(_) => SvcParamKey::ECH,
            SvcParam::Ipv6Hint(_) => SvcParamKey::IPV6HINT,
            SvcParam::DohPath(_) => SvcParamKey::DOHPATH,
            SvcParam::Ohttp => SvcParamKey::OHTTP,
            SvcParam::Other(key, _) => *key,
        }
    }
}

/// Writes a value's bytes as dig escapes them inside quotes: `"` and `\`
/// with a backslash, bytes outside printable ASCII as `\DDD`.
fn write_value(f: &mut fmt::Formatter<'_>, value: &[u8]) -> fmt::Result {
    crate::name::write_escaped(f, value, crate::rdata::txt::string_escape)
}

/// Writes bytes of an alpn id as dig does: as a value, and a space too as
/// `\032`.
fn write_alpn(f: &mut fmt::Formatter<'_>, id: &[u8]) -> fmt::Result {
    crate::name::write_escaped(f, id, |byte| match byte {
        b' ' => Some(false),
        other => crate::rdata::txt::string_escape(other),
    })
}

impl fmt::Display for SvcParam<'_> {
    /// `key=value` as dig prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.key())?;
        match *self {
            SvcParam::NoDefaultAlpn | SvcParam::Ohttp => Ok(()),
            SvcParam::Mandatory(list) => {
                for (i, key) in list.keys().enumerate() {
                    write!(f, "{}{key}", if i == 0 { "=" } else { "," })?;
                }
                Ok(())
            }
            SvcParam::Alpn(ids) => {
                f.write_str("=\"")?;
                for (i, id) in ids.ids().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    // A comma or backslash inside an id is escaped twice:
                    // once for the list, once for the string (RFC 9460 §A.1).
                    let mut plain_from = 0;
                    for (j, &byte) in id.iter().enumerate() {
                        if byte == b',' || byte == b'\\' {
                            write_alpn(f, &id[plain_from..j])?;
                            f.write_str(if byte == b',' { "\\\\," } else { "\\\\\\\\" })?;
                            plain_from = j + 1;
                        }
                    }
                    write_alpn(f, &id[plain_from..])?;
                }
                f.write_str("\"")
            }
            SvcParam::Port(port) => write!(f, "={port}"),
            SvcParam::Ipv4Hint(addrs) => {
                for (i, a) in addrs.chunks_exact(4).enumerate() {
                    write!(f, "{}{}", if i == 0 { "=" } else { "," }, Ipv4Addr::new(a[0], a[1], a[2], a[3]))?;
                }
                Ok(())
            }
            SvcParam::Ipv6Hint(addrs) => {
                for (i, a) in addrs.chunks_exact(16).enumerate() {
                    let octets: [u8; 16] = a.try_into().unwrap_or_default();
                    write!(f, "{}{}", if i == 0 { "=" } else { "," }, super::present::Ipv6Text(octets))?;
                }
                Ok(())
            }
            SvcParam::Ech([]) => Ok(()),
            SvcParam::Ech(config) => {
                f.write_str("=")?;
                base64_unbroken(f, config)
            }
            SvcParam::DohPath(value) | SvcParam::Other(_, value) => {
                if value.is_empty() {
                    return Ok(());
                }
                f.write_str("=\"")?;
                write_value(f, value)?;
                f.write_str("\"")
            }
        }
    }
}

//--- Presentation text

/// The most parameters one record may list in text.
const MAX_TEXT_PARAMS: usize = 64;

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let priority = s.u16("SVCB priority")?;
    out.u16(priority).map_err(|e| s.error_here("SVCB priority", e))?;
    s.write_name("SVCB target", out)?;
    let start = out.written();
    let mut count = 0;
    while let Some(token) = s.next_token()? {
        count += 1;
        if count > MAX_TEXT_PARAMS || token.quoted {
            return Err(s.error_at(&token, "SVCB parameter", Error::BadSvcParam));
        }
        let (key_text, value) = match token.raw.split_once('=') {
            None => (token.raw, None),
            // `key="value"`: the quoted value is the next token, adjacent.
            Some((key, "")) => {
                let mut peek = s.clone();
                match peek.next_token()? {
                    Some(next) if next.quoted && next.at == token.at + token.len => {
                        *s = peek;
                        (key, Some((next, next.raw)))
                    }
                    _ => return Err(s.error_at(&token, "SVCB parameter value", Error::BadSvcParam)),
                }
            }
            Some((key, value)) => (key, Some((token, value))),
        };
        let key = SvcParamKey::from_name(key_text).ok_or_else(|| s.error_at(&token, "SVCB key", Error::BadSvcParam))?;
        let at = out.written();
        out.u16(key.0).and_then(|()| out.u16(0)).map_err(|e| s.error_at(&token, "SVCB parameter", e))?;
        // A key alone has an empty value (as dig prints one); whether its
        // key allows that is checked with the rest, below.
        if let Some((value_token, text)) = value {
            // `keyNNNNN=` gives the value's wire bytes, even for a key that
            // has a name (RFC 9460 §2.1, as BIND, Knot and dnspython read it).
            let numbered = key_text.get(..3).is_some_and(|k| k.eq_ignore_ascii_case("key"));
            let key = if numbered { None } else { Some(key) };
            scan_value(s, key, &value_token, text, out)?;
        }
        let len = out.written() - at - 4;
        let len = u16::try_from(len).map_err(|_| s.error_at(&token, "SVCB parameter value", Error::BadSvcParam))?;
        out.patch_u8(at + 2, (len >> 8) as u8);
        out.patch_u8(at + 3, len as u8);
    }
    // Text may list the keys in any order; the wire form is sorted.
    sort_params(out.written_since(start)).map_err(|e| s.error_here("SVCB parameters", e))
}

/// Writes one parameter's value (escapes in `text` not yet undone): in
/// its key's syntax, or as its bytes for `None`.
fn scan_value(
    s: &Scanner<'_>,
    key: Option<SvcParamKey>,
    token: &crate::rdata::scan::Token<'_>,
    text: &str,
    out: &mut RdataWriter<'_>,
) -> TextResult<()> {
    let fail = |error| s.error_at(token, "SVCB parameter value", error);
    let bytes = Unescaped { rest: text.as_bytes() };
    let Some(key) = key else {
        return write_unescaped(bytes, out).map_err(fail);
    };
    match key {
        SvcParamKey::MANDATORY => {
            // At most 64 keys; sorted on the wire (RFC 9460 §8).
            let mut keys = [0u16; 64];
            let mut count = 0;
            for name in text.split(',') {
                let listed = SvcParamKey::from_name(name).ok_or_else(|| fail(Error::BadSvcParam))?;
                *keys.get_mut(count).ok_or_else(|| fail(Error::BadSvcParam))? = listed.0;
                count += 1;
            }
            let keys = &mut keys[..count];
            keys.sort_unstable();
            keys.iter().try_for_each(|key| out.u16(*key)).map_err(fail)
        }
        SvcParamKey::ALPN => {
            // A value-list (RFC 9460 §A.1): `\,` and `\\` are an item's own.
            let mut item_at = out.written();
            out.u8(0).map_err(fail)?;
            let mut pending = false;
            for byte in bytes {
                let byte = byte.map_err(fail)?;
                match (pending, byte) {
                    (false, b'\\') => pending = true,
                    (false, b',') => {
                        close_item(out, item_at).map_err(fail)?;
                        item_at = out.written();
                        out.u8(0).map_err(fail)?;
                    }
                    _ => {
                        pending = false;
                        out.u8(byte).map_err(fail)?;
                    }
                }
            }
            close_item(out, item_at).map_err(fail)
        }
        SvcParamKey::NO_DEFAULT_ALPN | SvcParamKey::OHTTP => Err(fail(Error::BadSvcParam)),
        SvcParamKey::PORT => {
            let port = crate::rdata::scan::parse_decimal(text).and_then(|n| u16::try_from(n).ok());
            out.u16(port.ok_or_else(|| fail(Error::BadNumber))?).map_err(fail)
        }
        SvcParamKey::IPV4HINT => {
            for addr in text.split(',') {
                let addr: Ipv4Addr = addr.parse().map_err(|_| fail(Error::BadAddress))?;
                out.bytes(&addr.octets()).map_err(fail)?;
            }
            Ok(())
        }
        SvcParamKey::IPV6HINT => {
            for addr in text.split(',') {
                let addr: Ipv6Addr = addr.parse().map_err(|_| fail(Error::BadAddress))?;
                out.bytes(&addr.octets()).map_err(fail)?;
            }
            Ok(())
        }
        SvcParamKey::ECH => s.write_base64_token(token, text, "SVCB ech", out),
        _ => write_unescaped(bytes, out).map_err(fail),
    }
}

/// Writes the bytes of a value as they are.
fn write_unescaped(bytes: Unescaped<'_>, out: &mut RdataWriter<'_>) -> Result<()> {
    for byte in bytes {
        out.u8(byte?)?;
    }
    Ok(())
}

/// Fills in the length byte of an alpn item begun at `at`.
fn close_item(out: &mut RdataWriter<'_>, at: usize) -> Result<()> {
    let len = out.written() - at - 1;
    if len == 0 || len > 255 {
        return Err(Error::BadSvcParam);
    }
    out.patch_u8(at, len as u8);
    Ok(())
}

/// The bytes of presentation text with its escapes undone.
struct Unescaped<'a> {
    rest: &'a [u8],
}

impl Iterator for Unescaped<'_> {
    type Item = Result<u8>;

    fn next(&mut self) -> Option<Result<u8>> {
        if self.rest.is_empty() {
            return None;
        }
        Some(crate::rdata::scan::next_char(self.rest).map(|(byte, used)| {
            self.rest = &self.rest[used..];
            byte
        }))
    }
}

/// Sorts `{key, length, value}` entries by key in place (insertion, by
/// rotating slices); a repeated key is [`Error::BadSvcParam`].
fn sort_params(params: &mut [u8]) -> Result<()> {
    let entry_len = |bytes: &[u8], at: usize| 4 + usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
    let key_at = |bytes: &[u8], at: usize| u16::from_be_bytes([bytes[at], bytes[at + 1]]);
    let mut sorted_end = 0;
    while sorted_end < params.len() {
        let len = entry_len(params, sorted_end);
        let key = key_at(params, sorted_end);
        let mut insert = 0;
        while insert < sorted_end && key_at(params, insert) < key {
            insert += entry_len(params, insert);
        }
        if insert < sorted_end && key_at(params, insert) == key {
            return Err(Error::BadSvcParam);
        }
        params[insert..sorted_end + len].rotate_right(len);
        sorted_end += len;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_what_rfc_9460_forbids() {
        // Keys out of order, repeated.
        assert_eq!(SvcParams::from_wire(b"\x00\x03\x00\x02\x01\xbb\x00\x01\x00\x03\x02h2"), Err(Error::BadSvcParam));
        assert_eq!(SvcParams::from_wire(b"\x00\x03\x00\x02\x01\xbb\x00\x03\x00\x02\x01\xbb"), Err(Error::BadSvcParam));
        // Lengths that do not fit: port of 3 bytes, ipv4hint of 5, a value past the end.
        assert_eq!(SvcParams::from_wire(b"\x00\x03\x00\x03\x01\xbb\x00"), Err(Error::BadSvcParam));
        assert_eq!(SvcParams::from_wire(b"\x00\x04\x00\x05\x01\x02\x03\x04\x05"), Err(Error::BadSvcParam));
        assert_eq!(SvcParams::from_wire(b"\x00\x07\x00\x09/"), Err(Error::BadSvcParam));
        // An empty alpn id; mandatory naming itself.
        assert_eq!(SvcParams::from_wire(b"\x00\x01\x00\x01\x00"), Err(Error::BadSvcParam));
        assert_eq!(SvcParams::from_wire(b"\x00\x00\x00\x02\x00\x00"), Err(Error::BadSvcParam));
        assert!(SvcParams::from_wire(b"\x00\x00\x00\x04\x00\x01\x00\x03").is_ok());
    }

    #[test]
    fn ipv6hint_prints_as_dig() {
        // dig 9.18 on a crafted SVCB record: BIND's inet_ntop forms.
        let mut wire = b"\x00\x06\x00\x20".to_vec();
        wire.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 192, 0, 2, 1]);
        wire.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1]);
        let params = SvcParams::from_wire(&wire).unwrap();
        let hint = params.iter().next().unwrap();
        assert_eq!(hint.to_string(), "ipv6hint=::192.0.2.1,::ffff:192.0.2.1");
    }
}
