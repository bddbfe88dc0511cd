//! Reading presentation text: the [`Scanner`] that splits a record's text
//! into tokens as RFC 1035 §5.1 (and BIND) read a zone file, the field
//! readers the types share, and [`TextError`], which says what was wrong
//! and where.
//!
//! # Syntax
//! Tokens are separated by spaces or tabs. `"` quotes a token (spaces
//! inside it are its own); `\X` escapes a character and `\DDD` gives a
//! byte by its decimal value, quoted or not. `;` starts a comment that runs
//! to the end of the line. `(` and `)` let a record run over several
//! lines; outside them, a line break ends the record.

use core::fmt;

use crate::error::Error;
use crate::name::NameBuf;
use crate::rdata::Rtype;
use crate::wire::builder::RdataWriter;

//--- TextError

/// An error in presentation text: the rule broken, what was being read,
/// and where (line and column, both from 1, and the token's length).
///
/// ```
/// use dnswire::{Error, RData, Rtype};
///
/// let mut buf = [0u8; 512];
/// let error = RData::from_text(Rtype::MX, "65536 mx1.example.", None, &mut buf).unwrap_err();
/// assert_eq!(error.error(), Error::BadNumber);
/// assert_eq!(error.field(), "MX preference");
/// assert_eq!(error.column(), 1);
/// assert_eq!(error.to_string(), "1:1: MX preference `65536`: larger than 65535");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TextError {
    error: Error,
    field: &'static str,
    line: u32,
    column: u32,
    /// The offending token, as much of it as fits, for the message.
    token: [u8; 24],
    token_len: u8,
    truncated: bool,
    /// For a number too large: the largest the field allows.
    limit: Option<u64>,
}

impl TextError {
    fn new(error: Error, field: &'static str, text: &str, at: usize, len: usize) -> Self {
        let at = at.min(text.len());
        let before = &text[..at];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..at].chars().count() + 1;
        let token_text = text.get(at..at + len).unwrap_or("");
        let mut token = [0; 24];
        // Cut at a character boundary.
        let mut cut = token_text.len().min(token.len());
        while !token_text.is_char_boundary(cut) {
            cut -= 1;
        }
        token[..cut].copy_from_slice(&token_text.as_bytes()[..cut]);
        TextError {
            error,
            field,
            line: line as u32,
            column: column as u32,
            token,
            token_len: cut as u8,
            truncated: cut < token_text.len(),
            limit: None,
        }
    }

    /// The rule the text broke.
    pub fn error(&self) -> Error {
        self.error
    }

    /// What was being read, such as `"MX preference"` or `"owner"`.
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// The line, from 1.
    pub fn line(&self) -> u32 {
        self.line
    }

    /// The column, in characters from 1.
    pub fn column(&self) -> u32 {
        self.column
    }

    /// The start of the offending token (at most 24 bytes of it).
    pub fn token(&self) -> &str {
        core::str::from_utf8(&self.token[..usize::from(self.token_len)]).unwrap_or("")
    }

    /// An error about the text from `at` to its end.
    pub(crate) fn whole(error: Error, field: &'static str, text: &str, at: usize) -> Self {
        let end = text[at.min(text.len())..].find('\n').map_or(text.len(), |i| at + i);
        TextError::new(error, field, text, at, end.saturating_sub(at))
    }

    /// The largest value the field allows, when the error is a number
    /// larger than that.
    pub fn limit(&self) -> Option<u64> {
        self.limit
    }

    /// This error's place and field, with another rule.
    pub(crate) fn with_error(self, error: Error) -> TextError {
        TextError { error, ..self }
    }

    /// The same error, one line further down and `columns` further right
    /// when it is on its first line: for a reader that handed over text
    /// from inside a larger file.
    pub fn shifted(mut self, lines: u32, columns: u32) -> Self {
        if self.line == 1 {
            self.column = self.column.saturating_add(columns);
        }
        self.line = self.line.saturating_add(lines);
        self
    }
}

impl fmt::Display for TextError {
    /// `line:column: field `token`: rule`, or without the token when there
    /// is none (text that ended too early).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.field)?;
        if self.token_len > 0 {
            write!(f, " `{}{}`", self.token(), if self.truncated { "…" } else { "" })?;
        }
        match self.limit {
            Some(limit) => write!(f, ": larger than {limit}"),
            None => write!(f, ": {}", self.error),
        }
    }
}

impl core::error::Error for TextError {}

/// The result of reading text.
pub type TextResult<T> = core::result::Result<T, TextError>;

//--- Token

/// One token of presentation text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token<'t> {
    /// The token's text: for a quoted token, what is inside the quotes,
    /// escapes not yet undone.
    pub(crate) raw: &'t str,
    /// Whether it was quoted.
    pub(crate) quoted: bool,
    /// Where it starts in the scanner's text (at its quote, if quoted).
    pub(crate) at: usize,
    /// Its length in the text, quotes included.
    pub(crate) len: usize,
}

/// What [`Scanner::record_head`] read.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RecordHead<'t> {
    pub(crate) ttl: Option<u32>,
    pub(crate) class: Option<crate::Class>,
    pub(crate) rtype: Rtype,
    /// The type's token, for errors about what is missing before it.
    pub(crate) type_token: Token<'t>,
}

/// A table of which bytes are among `members`, for scanning text.
pub(crate) const fn byte_set(members: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut i = 0;
    while i < members.len() {
        set[members[i] as usize] = true;
        i += 1;
    }
    set
}

/// The bytes that end an unquoted token, and `\\`, which escapes the next.
const ENDS_TOKEN: [bool; 256] = byte_set(b" \t\r\n;()\"\\");

//--- Scanner

/// Splits presentation text into tokens and reads fields from them.
#[derive(Clone, Debug)]
pub(crate) struct Scanner<'t> {
    text: &'t str,
    pos: usize,
    /// Open parentheses.
    depth: u32,
    /// The origin for relative names, if any.
    origin: Option<&'t NameBuf>,
    /// Where the last token read ended, for errors about missing ones.
    last_end: usize,
}

impl<'t> Scanner<'t> {
    /// A scanner over `text`; relative names are completed with `origin`
    /// (without one, they are an error).
    pub(crate) fn new(text: &'t str, origin: Option<&'t NameBuf>) -> Self {
        Scanner { text, pos: 0, depth: 0, origin, last_end: 0 }
    }

    /// The text being read.
    pub(crate) fn text(&self) -> &'t str {
        self.text
    }

    /// An error about `token`.
    pub(crate) fn error_at(&self, token: &Token<'_>, field: &'static str, error: Error) -> TextError {
        TextError::new(error, field, self.text, token.at, token.len)
    }

    /// An error about the place just before `token`: something missing there.
    #[cfg_attr(not(feature = "alloc"), allow(dead_code))] // for RecordBuf
    pub(crate) fn error_before(&self, token: &Token<'_>, field: &'static str, error: Error) -> TextError {
        TextError::new(error, field, self.text, token.at, 0)
    }

    /// An error about the place after the last token: something missing.
    pub(crate) fn error_here(&self, field: &'static str, error: Error) -> TextError {
        TextError::new(error, field, self.text, self.last_end, 0)
    }

    /// Skips spaces, comments, parentheses and (inside parentheses) line
    /// breaks. Returns an error for an unbalanced `)`.
    fn skip_space(&mut self) -> TextResult<()> {
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(self.pos) {
            match byte {
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'\n' if self.depth > 0 => self.pos += 1,
                b';' => {
                    while bytes.get(self.pos).is_some_and(|&b| b != b'\n') {
                        self.pos += 1;
                    }
                }
                b'(' => {
                    self.depth += 1;
                    self.pos += 1;
                }
                b')' => {
                    if self.depth == 0 {
                        return Err(TextError::new(Error::BadText, "parentheses", self.text, self.pos, 1));
                    }
                    self.depth -= 1;
                    self.pos += 1;
                }
                _ => break,
            }
        }
        Ok(())
    }

    /// The next token, or `None` at the end of the record (the end of the
    /// text, or a line break outside parentheses).
    pub(crate) fn next_token(&mut self) -> TextResult<Option<Token<'t>>> {
        self.skip_space()?;
        let bytes = self.text.as_bytes();
        let start = self.pos;
        match bytes.get(start) {
            None | Some(b'\n') => {
                if self.depth > 0 && bytes.get(start).is_none() {
                    return Err(TextError::new(Error::BadText, "parentheses", self.text, start, 0));
                }
                Ok(None)
            }
            Some(b'"') => {
                let mut i = start + 1;
                loop {
                    match bytes.get(i) {
                        None => {
                            return Err(TextError::new(Error::BadText, "quoted string", self.text, start, i - start))
                        }
                        Some(b'\\') => i += 2,
                        Some(b'"') => break,
                        Some(_) => i += 1,
                    }
                }
                let raw = &self.text[start + 1..i];
                self.pos = i + 1;
                self.last_end = self.pos;
                Ok(Some(Token { raw, quoted: true, at: start, len: i + 1 - start }))
            }
            Some(_) => {
                let mut i = start;
                loop {
                    // To the next byte that ends the token or escapes one.
                    let rest = bytes.get(i..).unwrap_or_default();
                    i += rest.iter().position(|&b| ENDS_TOKEN[usize::from(b)]).unwrap_or(rest.len());
                    match bytes.get(i) {
                        Some(b'\\') => i = (i + 2).min(bytes.len()),
                        _ => break,
                    }
                }
                // A `\` before a multi-byte character: keep to a boundary.
                while !self.text.is_char_boundary(i) {
                    i += 1;
                }
                self.pos = i;
                self.last_end = i;
                Ok(Some(Token { raw: &self.text[start..i], quoted: false, at: start, len: i - start }))
            }
        }
    }

    /// The next token, which must be there.
    pub(crate) fn token(&mut self, field: &'static str) -> TextResult<Token<'t>> {
        self.next_token()?.ok_or_else(|| self.error_here(field, Error::MissingField))
    }

    /// The record must end here.
    pub(crate) fn finish(&mut self) -> TextResult<()> {
        match self.next_token()? {
            None => Ok(()),
            Some(token) => Err(self.error_at(&token, "end of record", Error::TrailingText)),
        }
    }

    /// The text must hold nothing more than spaces, line breaks and
    /// comments: one record is all it may hold.
    pub(crate) fn finish_text(&mut self) -> TextResult<()> {
        loop {
            self.skip_space()?;
            match self.text.as_bytes().get(self.pos) {
                None => return Ok(()),
                Some(b'\n') => self.pos += 1,
                Some(_) => {
                    let token = self.token("end of text")?;
                    return Err(self.error_at(&token, "end of text", Error::TrailingText));
                }
            }
        }
    }

    /// How far the scanner has read.
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    /// The TTL, class and type of a record, in either order of the first
    /// two, each of those optional (RFC 1035 §5.1): what follows the
    /// owner. `None` for a missing TTL or class.
    pub(crate) fn record_head(&mut self) -> TextResult<RecordHead<'t>> {
        let mut ttl = None;
        let mut class = None;
        loop {
            let token = self.token("type")?;
            if ttl.is_none() {
                if let Some(value) = parse_ttl(token.raw) {
                    ttl = Some(value);
                    continue;
                }
            }
            if class.is_none() {
                if let Ok(value) = token.raw.parse::<crate::Class>() {
                    class = Some(value);
                    continue;
                }
            }
            let rtype = token.raw.parse::<Rtype>().map_err(|_| self.error_at(&token, "type", Error::UnknownType))?;
            return Ok(RecordHead { ttl, class, rtype, type_token: token });
        }
    }

    /// Whether the record ends here (nothing but spaces and comments left).
    #[cfg_attr(not(feature = "alloc"), allow(dead_code))] // for RecordBuf
    pub(crate) fn at_end(&self) -> TextResult<bool> {
        Ok(self.clone().next_token()?.is_none())
    }

    //--- Fields

    /// A decimal number of at most `max`.
    pub(crate) fn number(&mut self, field: &'static str, max: u64) -> TextResult<u64> {
        let token = self.token(field)?;
        match parse_decimal(token.raw) {
            Some(n) if n <= max => Ok(n),
            // Digits, more than the field holds.
            _ if !token.raw.is_empty() && token.raw.bytes().all(|b| b.is_ascii_digit()) => {
                Err(TextError { limit: Some(max), ..self.error_at(&token, field, Error::BadNumber) })
            }
            _ => Err(self.error_at(&token, field, Error::BadNumber)),
        }
    }

    pub(crate) fn u8(&mut self, field: &'static str) -> TextResult<u8> {
        self.number(field, u8::MAX.into()).map(|n| n as u8)
    }

    pub(crate) fn u16(&mut self, field: &'static str) -> TextResult<u16> {
        self.number(field, u16::MAX.into()).map(|n| n as u16)
    }

    pub(crate) fn u32(&mut self, field: &'static str) -> TextResult<u32> {
        self.number(field, u32::MAX.into()).map(|n| n as u32)
    }

    /// A TTL or timer: seconds, or with BIND's units (`1h30m`, `2w`).
    pub(crate) fn ttl(&mut self, field: &'static str) -> TextResult<u32> {
        let token = self.token(field)?;
        parse_ttl(token.raw).ok_or_else(|| self.error_at(&token, field, Error::BadNumber))
    }

    /// A domain name: absolute, `@` for the origin, or relative to it.
    #[cfg_attr(not(feature = "alloc"), allow(dead_code))] // for RecordBuf
    pub(crate) fn name(&mut self, field: &'static str) -> TextResult<NameBuf> {
        let token = self.token(field)?;
        self.name_from(&token, field)
    }

    pub(crate) fn name_from(&self, token: &Token<'_>, field: &'static str) -> TextResult<NameBuf> {
        let fail = |error| self.error_at(token, field, error);
        if token.quoted {
            return Err(fail(Error::BadText));
        }
        if token.raw == "@" {
            return self.origin.cloned().ok_or_else(|| fail(Error::RelativeName));
        }
        let name: NameBuf = token.raw.parse().map_err(fail)?;
        if name.is_absolute() {
            return Ok(name);
        }
        let origin = self.origin.ok_or_else(|| fail(Error::RelativeName))?;
        name.join(origin).map_err(fail)
    }

    /// A name, written uncompressed.
    pub(crate) fn write_name(&mut self, field: &'static str, out: &mut RdataWriter<'_>) -> TextResult<()> {
        let token = self.token(field)?;
        let name = self.name_from(&token, field)?;
        out.uncompressed_name(&name).map_err(|e| self.error_at(&token, field, e))
    }

    /// A record type mnemonic or `TYPE<n>`.
    pub(crate) fn rtype(&mut self, field: &'static str) -> TextResult<Rtype> {
        let token = self.token(field)?;
        token.raw.parse().map_err(|_| self.error_at(&token, field, Error::UnknownType))
    }

    /// A character-string, quoted or not, its escapes undone; at most 255
    /// bytes. Written with its length byte.
    pub(crate) fn write_string(&mut self, field: &'static str, out: &mut RdataWriter<'_>) -> TextResult<()> {
        let token = self.token(field)?;
        self.write_string_from(&token, field, out)
    }

    pub(crate) fn write_string_from(
        &self,
        token: &Token<'_>,
        field: &'static str,
        out: &mut RdataWriter<'_>,
    ) -> TextResult<()> {
        let mut buf = [0u8; 255];
        let len = unescape(token.raw, &mut buf).map_err(|e| self.error_at(token, field, e))?;
        out.string(&buf[..len]).map_err(|e| self.error_at(token, field, e))
    }

    /// The bytes of a token, its escapes undone, written as they are (no
    /// length byte): URI targets, CAA values.
    pub(crate) fn write_unescaped(&mut self, field: &'static str, out: &mut RdataWriter<'_>) -> TextResult<()> {
        let token = self.token(field)?;
        let mut rest = token.raw.as_bytes();
        while !rest.is_empty() {
            let (byte, used) = next_char(rest).map_err(|e| self.error_at(&token, field, e))?;
            out.u8(byte).map_err(|e| self.error_at(&token, field, e))?;
            rest = &rest[used..];
        }
        Ok(())
    }

    /// Hex in the rest of the record, in as many tokens as it comes in (a
    /// digest may be split); at least one byte.
    pub(crate) fn write_hex_rest(&mut self, field: &'static str, out: &mut RdataWriter<'_>) -> TextResult<()> {
        if !self.write_hex_tokens(field, out)? {
            return Err(self.error_here(field, Error::MissingField));
        }
        Ok(())
    }

    /// Hex in the rest of the record, possibly none (as dig prints an empty
    /// digest); whether there was any.
    pub(crate) fn write_hex_tokens(&mut self, field: &'static str, out: &mut RdataWriter<'_>) -> TextResult<bool> {
        let mut any = false;
        while let Some(token) = self.next_token()? {
            self.write_hex_token(&token, field, out)?;
            any = true;
        }
        Ok(any)
    }

    pub(crate) fn write_hex_token(
        &self,
        token: &Token<'_>,
        field: &'static str,
        out: &mut RdataWriter<'_>,
    ) -> TextResult<()> {
        let fail = |error| self.error_at(token, field, error);
        let digits = token.raw.as_bytes();
        if token.quoted || digits.len() % 2 != 0 {
            return Err(fail(Error::BadHex));
        }
        for pair in digits.chunks(2) {
            let byte = match (hex_digit(pair[0]), hex_digit(pair[1])) {
                (Some(high), Some(low)) => high << 4 | low,
                _ => return Err(fail(Error::BadHex)),
            };
            out.u8(byte).map_err(fail)?;
        }
        Ok(())
    }

    /// Base64 in the rest of the record, in as many tokens as it comes in
    /// (padding only at the very end). `allow_empty` accepts none.
    pub(crate) fn write_base64_rest(
        &mut self,
        field: &'static str,
        allow_empty: bool,
        out: &mut RdataWriter<'_>,
    ) -> TextResult<()> {
        let mut decoder = Base64::default();
        let mut last = None;
        while let Some(token) = self.next_token()? {
            if token.quoted {
                return Err(self.error_at(&token, field, Error::BadBase64));
            }
            decoder.push_all(token.raw.as_bytes(), out).map_err(|e| self.error_at(&token, field, e))?;
            last = Some(token);
        }
        match last {
            Some(token) => decoder.finish().map_err(|e| self.error_at(&token, field, e)),
            None if allow_empty => Ok(()),
            None => Err(self.error_here(field, Error::MissingField)),
        }
    }

    /// Base64 in one token (SVCB's `ech`).
    pub(crate) fn write_base64_token(
        &self,
        token: &Token<'_>,
        text: &str,
        field: &'static str,
        out: &mut RdataWriter<'_>,
    ) -> TextResult<()> {
        let mut decoder = Base64::default();
        decoder.push_all(text.as_bytes(), out).map_err(|e| self.error_at(token, field, e))?;
        decoder.finish().map_err(|e| self.error_at(token, field, e))
    }

    /// Base32hex (no padding, either case) in one token, written with a
    /// length byte: NSEC3's next hashed owner.
    pub(crate) fn write_base32hex(&mut self, field: &'static str, out: &mut RdataWriter<'_>) -> TextResult<()> {
        let token = self.token(field)?;
        let fail = |error| self.error_at(&token, field, error);
        let digits = token.raw.as_bytes();
        let len = digits.len() * 5 / 8;
        // Only lengths an encoder produces: 2, 4, 5, 7 or 8 digits per 5 bytes.
        if token.quoted || len == 0 || len > 255 || matches!(digits.len() % 8, 1 | 3 | 6) {
            return Err(fail(Error::BadBase32));
        }
        out.u8(len as u8).map_err(fail)?;
        let mut bits: u64 = 0;
        let mut count = 0;
        for &c in digits {
            let value = match c {
                b'0'..=b'9' => c - b'0',
                b'A'..=b'V' => c - b'A' + 10,
                b'a'..=b'v' => c - b'a' + 10,
                _ => return Err(fail(Error::BadBase32)),
            };
            bits = bits << 5 | u64::from(value);
            count += 5;
            if count >= 8 {
                count -= 8;
                out.u8((bits >> count) as u8).map_err(fail)?;
            }
        }
        // Leftover bits must be zero, as an encoder leaves them.
        if bits & ((1 << count) - 1) != 0 {
            return Err(fail(Error::BadBase32));
        }
        Ok(())
    }

    /// A type bitmap from the mnemonics in the rest of the record, in one
    /// pass (any order, repeats allowed).
    pub(crate) fn write_bitmap_rest(&mut self, field: &'static str, out: &mut RdataWriter<'_>) -> TextResult<()> {
        let mut bits = crate::rdata::bitmap::TypeSet::new();
        while let Some(token) = self.next_token()? {
            let rtype = token.raw.parse::<Rtype>().map_err(|_| self.error_at(&token, field, Error::UnknownType))?;
            bits.insert(rtype);
        }
        bits.write(|bytes| out.bytes(bytes)).map_err(|e| self.error_here(field, e))
    }

    /// RFC 3597 §5: `\# <length> <hex>` if that is what comes next; writes
    /// it and says so.
    pub(crate) fn generic(&mut self, out: &mut RdataWriter<'_>) -> TextResult<bool> {
        let mut peek = self.clone();
        match peek.next_token()? {
            Some(token) if !token.quoted && token.raw == "\\#" => {}
            _ => return Ok(false),
        }
        *self = peek;
        let length_token = self.token("RDATA length")?;
        let length = parse_decimal(length_token.raw)
            .filter(|&n| n <= u64::from(u16::MAX))
            .ok_or_else(|| self.error_at(&length_token, "RDATA length", Error::BadNumber))?;
        let before = out.written();
        if length > 0 {
            self.write_hex_rest("RDATA", out)?;
        } else {
            self.finish()?;
        }
        if (out.written() - before) as u64 != length {
            return Err(self.error_at(&length_token, "RDATA length", Error::RdataLength));
        }
        Ok(true)
    }
}

//--- Helpers

/// A TTL as BIND reads one: decimal seconds, or numbers each followed by a
/// unit `w`, `d`, `h`, `m` or `s` (either case), summed: `1h30m` is 5400.
/// At most 2³² − 1.
pub(crate) fn parse_ttl(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    if let Some(seconds) = parse_decimal(text) {
        return u32::try_from(seconds).ok();
    }
    let mut total: u64 = 0;
    let mut number: Option<u64> = None;
    for c in text.bytes() {
        match c {
            b'0'..=b'9' => {
                let n = number.unwrap_or(0).checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
                number = Some(n);
            }
            _ => {
                let unit = match c.to_ascii_lowercase() {
                    b'w' => 604_800,
                    b'd' => 86_400,
                    b'h' => 3_600,
                    b'm' => 60,
                    b's' => 1,
                    _ => return None,
                };
                total = total.checked_add(number.take()?.checked_mul(unit)?)?;
            }
        }
    }
    if number.is_some() || total > u64::from(u32::MAX) {
        return None;
    }
    u32::try_from(total).ok()
}

/// A decimal number without sign, at most 20 digits; `None` otherwise.
pub(crate) fn parse_decimal(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Leading zeros do not count (BIND and dnspython read `0001` as 1).
    let digits = text.trim_start_matches('0');
    if digits.len() > 20 {
        return None;
    }
    digits.bytes().try_fold(0u64, |n, b| n.checked_mul(10)?.checked_add(u64::from(b - b'0')))
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// One character of a string: a byte, `\X` or `\DDD`; the byte and how
/// many input bytes it took.
pub(crate) fn next_char(text: &[u8]) -> Result<(u8, usize), Error> {
    match text {
        // The escapes names have (`NameBuf`'s parser reads them the same).
        [b'\\', rest @ ..] => crate::name::parse_escape(rest).map(|(byte, used)| (byte, used + 1)),
        [byte, ..] => Ok((*byte, 1)),
        [] => Err(Error::BadEscape),
    }
}

/// Undoes escapes into `buf`; [`Error::StringTooLong`] if it overflows.
pub(crate) fn unescape(text: &str, buf: &mut [u8]) -> Result<usize, Error> {
    let mut rest = text.as_bytes();
    let mut len = 0;
    while !rest.is_empty() {
        let (byte, used) = next_char(rest)?;
        *buf.get_mut(len).ok_or(Error::StringTooLong)? = byte;
        len += 1;
        rest = &rest[used..];
    }
    Ok(len)
}

/// A streaming base64 decoder (RFC 4648 §4).
#[derive(Default)]
struct Base64 {
    bits: u32,
    count: u32,
    /// Characters of the current group of four.
    group: u32,
    /// Padding characters seen: nothing may follow them.
    padding: u32,
}

/// Each base64 character's value; 0xff for the others (`=` included).
const BASE64_VALUES: [u8; 256] = {
    let mut values = [0xff; 256];
    let mut i = 0;
    while i < 26 {
        values[b'A' as usize + i] = i as u8;
        values[b'a' as usize + i] = 26 + i as u8;
        i += 1;
    }
    let mut d = 0;
    while d < 10 {
        values[b'0' as usize + d] = 52 + d as u8;
        d += 1;
    }
    values[b'+' as usize] = 62;
    values[b'/' as usize] = 63;
    values
};

impl Base64 {
    /// Pushes every character of `text`: whole groups of four at a time
    /// while the decoder is between groups, the rest one by one.
    fn push_all(&mut self, text: &[u8], out: &mut RdataWriter<'_>) -> Result<(), Error> {
        let mut rest = text;
        if self.group == 0 && self.count == 0 && self.padding == 0 {
            while let Some((&[a, b, c, d], tail)) = rest.split_first_chunk::<4>() {
                let v = [a, b, c, d].map(|c| BASE64_VALUES[usize::from(c)]);
                if v.iter().any(|&v| v > 63) {
                    break;
                }
                let n = u32::from(v[0]) << 18 | u32::from(v[1]) << 12 | u32::from(v[2]) << 6 | u32::from(v[3]);
                out.bytes(&[(n >> 16) as u8, (n >> 8) as u8, n as u8])?;
                rest = tail;
            }
        }
        for &c in rest {
            self.push(c, out)?;
        }
        Ok(())
    }

    fn push(&mut self, c: u8, out: &mut RdataWriter<'_>) -> Result<(), Error> {
        if c == b'=' {
            // At most two, only in the last two places of a group.
            if self.group < 2 || self.padding >= 2 {
                return Err(Error::BadBase64);
            }
            self.padding += 1;
            self.group = (self.group + 1) % 4;
            return Ok(());
        }
        if self.padding > 0 {
            return Err(Error::BadBase64);
        }
        let value = BASE64_VALUES[usize::from(c)];
        if value > 63 {
            return Err(Error::BadBase64);
        }
        self.bits = (self.bits << 6 | u32::from(value)) & 0xffff;
        self.count += 6;
        self.group = (self.group + 1) % 4;
        if self.count >= 8 {
            self.count -= 8;
            out.u8((self.bits >> self.count) as u8)?;
        }
        Ok(())
    }

    fn finish(&self) -> Result<(), Error> {
        // Whole groups of four; the leftover bits of the last are zero.
        if self.group != 0 || self.bits & ((1 << self.count) - 1) != 0 {
            return Err(Error::BadBase64);
        }
        Ok(())
    }
}
