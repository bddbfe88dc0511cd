//! Presentation-format helpers the types share: dig's hex, base64 and
//! base32hex with its word breaks, quoted character-strings, and the
//! RFC 3597 generic form.
//!
//! dig prints in one line what a zone file may spread over several:
//! binary fields are broken into words of 56 characters (BIND's default
//! width of 60 less 2, rounded down to whole groups), separated by a space.

use core::fmt;

/// How many characters of hex or base64 dig prints between word breaks.
pub(crate) const WORD: usize = 56;

/// `<prefix><n>` (`TYPE65535`, `CLASS42`) formatted without an allocator,
/// so that `Formatter::pad` can honour width and fill.
pub(crate) struct Numbered {
    buf: [u8; 16],
    len: usize,
}

impl Numbered {
    pub(crate) fn new(prefix: &str, value: u16) -> Self {
        let mut buf = [0u8; 16];
        let len = prefix.len().min(10);
        buf[..len].copy_from_slice(&prefix.as_bytes()[..len]);
        let mut digits = [0u8; 5];
        let mut n = value;
        let mut count = 0;
        loop {
            digits[count] = b'0' + (n % 10) as u8;
            count += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for (i, digit) in digits[..count].iter().rev().enumerate() {
            buf[len + i] = *digit;
        }
        Numbered { buf, len: len + count }
    }

    pub(crate) fn as_str(&self) -> &str {
        core::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

/// Writes upper-case hex, a space every [`WORD`] characters when `broken`.
pub(crate) fn hex(f: &mut fmt::Formatter<'_>, bytes: &[u8], broken: bool) -> fmt::Result {
    for (i, chunk) in bytes.chunks(if broken { WORD / 2 } else { usize::MAX }).enumerate() {
        if i > 0 {
            f.write_str(" ")?;
        }
        for byte in chunk {
            write!(f, "{byte:02X}")?;
        }
    }
    Ok(())
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Writes base64 (RFC 4648 §4, padded), a space every [`WORD`] characters.
pub(crate) fn base64(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    // WORD characters are WORD / 4 groups of three bytes.
    base64_words(f, bytes, WORD / 4 * 3)
}

/// Writes base64 in one word, as dig prints SVCB's `ech`.
pub(crate) fn base64_unbroken(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    base64_words(f, bytes, usize::MAX)
}

fn base64_words(f: &mut fmt::Formatter<'_>, bytes: &[u8], word_bytes: usize) -> fmt::Result {
    for (i, chunk) in bytes.chunks(word_bytes).enumerate() {
        if i > 0 {
            f.write_str(" ")?;
        }
        for group in chunk.chunks(3) {
            let b = [group[0], *group.get(1).unwrap_or(&0), *group.get(2).unwrap_or(&0)];
            let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
            let mut out = [b'='; 4];
            for (j, slot) in out.iter_mut().enumerate().take(group.len() + 1) {
                *slot = BASE64[(n >> (18 - 6 * j) & 63) as usize];
            }
            f.write_str(core::str::from_utf8(&out).unwrap_or(""))?;
        }
    }
    Ok(())
}

const BASE32HEX: &[u8; 32] = b"0123456789ABCDEFGHIJKLMNOPQRSTUV";

/// Writes base32hex (RFC 4648 §7) without padding, upper case, as dig
/// prints NSEC3 hashes.
pub(crate) fn base32hex(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    for group in bytes.chunks(5) {
        let mut b = [0u8; 8];
        b[3..3 + group.len()].copy_from_slice(group);
        let n = u64::from_be_bytes(b);
        let chars = (group.len() * 8).div_ceil(5);
        let mut out = [0u8; 8];
        for (j, slot) in out.iter_mut().enumerate().take(chars) {
            *slot = BASE32HEX[(n >> (35 - 5 * j) & 31) as usize];
        }
        f.write_str(core::str::from_utf8(&out[..chars]).unwrap_or(""))?;
    }
    Ok(())
}

/// Writes a character-string in double quotes, escaped as dig does.
pub(crate) fn quoted(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    f.write_str("\"")?;
    crate::name::write_escaped(f, bytes, crate::rdata::txt::string_escape)?;
    f.write_str("\"")
}

/// Writes the RFC 3597 §5 generic form, `\# <length> <hex>`, in dig's
/// words of 28 bytes.
pub(crate) fn generic(f: &mut fmt::Formatter<'_>, data: &[u8]) -> fmt::Result {
    write!(f, "\\# {}", data.len())?;
    if !data.is_empty() {
        f.write_str(" ")?;
        hex(f, data, true)?;
    }
    Ok(())
}

/// Writes an IPv6 address as BIND's `inet_ntop` does, which dig prints:
/// RFC 5952 text (lower case, the first longest run of two or more zero
/// words as `::`), but with the last 32 bits dotted after a leading run of
/// exactly six zero words (`::192.0.2.1`, the IPv4-compatible form) or of
/// five and `ffff` (`::ffff:192.0.2.1`). `core`'s `Display` writes the
/// first as `::c000:201`.
pub(crate) fn ipv6(f: &mut impl fmt::Write, octets: [u8; 16]) -> fmt::Result {
    let mut words = [0u16; 8];
    for (i, word) in words.iter_mut().enumerate() {
        *word = u16::from_be_bytes([octets[2 * i], octets[2 * i + 1]]);
    }
    // The first longest run of zero words.
    let (mut best, mut best_len, mut run, mut run_len) = (0, 0, 0, 0);
    for (i, &word) in words.iter().enumerate() {
        if word == 0 {
            if run_len == 0 {
                run = i;
            }
            run_len += 1;
            if run_len > best_len {
                (best, best_len) = (run, run_len);
            }
        } else {
            run_len = 0;
        }
    }
    if best_len < 2 {
        best_len = 0;
    }
    let mut i = 0;
    while i < 8 {
        if best_len > 0 && i == best {
            f.write_str(":")?;
            i += best_len;
            if i == 8 {
                f.write_str(":")?;
            }
            continue;
        }
        if i > 0 {
            f.write_str(":")?;
        }
        if i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && words[5] == 0xffff)) {
            return write!(f, "{}.{}.{}.{}", octets[12], octets[13], octets[14], octets[15]);
        }
        write!(f, "{:x}", words[i])?;
        i += 1;
    }
    Ok(())
}

/// An IPv6 address that prints as [`ipv6`] writes it, honouring width,
/// fill and alignment as `core`'s `Display` of an address does.
pub(crate) struct Ipv6Text(pub(crate) [u8; 16]);

impl fmt::Display for Ipv6Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        /// The longest text: eight groups of four digits and seven colons.
        struct Text {
            buf: [u8; 39],
            len: usize,
        }
        impl fmt::Write for Text {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                let end = self.len + s.len();
                self.buf.get_mut(self.len..end).ok_or(fmt::Error)?.copy_from_slice(s.as_bytes());
                self.len = end;
                Ok(())
            }
        }
        let mut text = Text { buf: [0; 39], len: 0 };
        ipv6(&mut text, self.0)?;
        f.pad(core::str::from_utf8(&text.buf[..text.len]).unwrap_or(""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Show<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result>(F);
    impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Display for Show<F> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            (self.0)(f)
        }
    }

    #[test]
    fn base64_matches_rfc_4648_test_vectors() {
        // RFC 4648 §10.
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, output) in vectors {
            assert_eq!(Show(|f| base64(f, input.as_bytes())).to_string(), output);
        }
    }

    #[test]
    fn base32hex_matches_rfc_4648_test_vectors() {
        // RFC 4648 §10, without the padding.
        let vectors = [
            ("", ""),
            ("f", "CO"),
            ("fo", "CPNG"),
            ("foo", "CPNMU"),
            ("foob", "CPNMUOG"),
            ("fooba", "CPNMUOJ1"),
            ("foobar", "CPNMUOJ1E8"),
        ];
        for (input, output) in vectors {
            assert_eq!(Show(|f| base32hex(f, input.as_bytes())).to_string(), output);
        }
    }

    #[test]
    fn breaks_words_at_56_characters() {
        let bytes = [0xabu8; 43];
        let text = Show(|f| base64(f, &bytes)).to_string();
        let words: Vec<usize> = text.split(' ').map(str::len).collect();
        assert_eq!(words, [56, 4]);
        let text = Show(|f| hex(f, &bytes, true)).to_string();
        assert_eq!(text.split(' ').map(str::len).collect::<Vec<_>>(), [56, 30]);
        assert_eq!(Show(|f| generic(f, &[1, 2, 3])).to_string(), r"\# 3 010203");
        assert_eq!(Show(|f| generic(f, &[])).to_string(), r"\# 0");
    }

    #[test]
    fn ipv6_as_dig_prints_it() {
        // dig 9.18's text for AAAA records of these addresses (crafted,
        // replayed to dig), and RFC 5952 §4's rules for the rest.
        let cases = [
            ("00000000000000000000000000000000", "::"),
            ("00000000000000000000000000000001", "::1"),
            ("000000000000000000000000c0000201", "::192.0.2.1"),
            ("00000000000000000000ffffc0000201", "::ffff:192.0.2.1"),
            ("00000000000000000001000000000000", "::1:0:0:0"),
            ("20010db8000000000001000000000001", "2001:db8::1:0:0:1"),
            ("00000000000000000000000000010000", "::0.1.0.0"),
            ("20010db8000000000000000000000000", "2001:db8::"),
            // RFC 5952 §4.2.2: a single zero word is not shortened.
            ("20010db8000000010001000100010001", "2001:db8:0:1:1:1:1:1"),
            // §4.2.3: the first of two equally long runs.
            ("20010db8000000000001000000000001", "2001:db8::1:0:0:1"),
            ("fe800000000000000000000000000001", "fe80::1"),
        ];
        for (hex, text) in cases {
            let mut octets = [0u8; 16];
            for (i, byte) in octets.iter_mut().enumerate() {
                *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap();
            }
            assert_eq!(Show(|f| ipv6(f, octets)).to_string(), text, "{hex}");
            assert_eq!(Ipv6Text(octets).to_string(), text, "{hex}");
        }
        // The longest text fits; width and fill are honoured.
        assert_eq!(Ipv6Text([0xff; 16]).to_string(), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        assert_eq!(format!("[{:>6}]", Ipv6Text([0; 16])), "[    ::]");
    }

    #[test]
    fn numbers_without_an_allocator() {
        assert_eq!(Numbered::new("TYPE", 0).as_str(), "TYPE0");
        assert_eq!(Numbered::new("CLASS", 65535).as_str(), "CLASS65535");
    }
}
