//! Where one entry of a zone file ends: at the line break that closes its
//! last parenthesis, outside quotes and comments (RFC 1035 §5.1).
//!
//! The splitter sees a line at a time and keeps only the parenthesis depth,
//! so that the text reader and the file reader (which has one entry in
//! memory at a time) cut entries the same way.

/// The bytes that change how the rest of a line reads.
const SPECIAL: [bool; 256] = crate::rdata::scan::byte_set(b"\\\";()");

/// The state between the lines of one entry.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Splitter {
    /// Open parentheses.
    depth: u32,
    /// Whether the entry so far has a token (not only spaces and comments).
    tokens: bool,
}

/// What a line did to its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineEnd {
    /// The entry goes on over the next line (a parenthesis is open).
    Open,
    /// The entry ends with this line.
    Closed,
    /// The entry so far is only blank lines and comments: nothing to read.
    Blank,
}

impl Splitter {
    /// Takes one line (without its line break) of the current entry.
    ///
    /// A quote left open at the end of the line ends the entry there: a
    /// quoted string cannot span lines, as BIND and dnspython read them, and
    /// the record reader then reports it. A `)` too many is left to the
    /// record reader as well.
    pub(crate) fn line(&mut self, line: &[u8]) -> LineEnd {
        // The usual line: no parenthesis, outside any. Only whether it has
        // a token matters (a quote or escape before a comment makes one).
        if self.depth == 0 && !line.contains(&b'(') {
            let first = line.iter().find(|&&b| !matches!(b, b' ' | b'\t' | b'\r'));
            return if first.is_some_and(|&b| b != b';') { LineEnd::Closed } else { LineEnd::Blank };
        }
        let mut quoted = false;
        let mut i = 0;
        // Where a comment starts.
        let mut end = line.len();
        let special = |b: &u8| SPECIAL[usize::from(*b)];
        while let Some(skip) = line.get(i..).and_then(|rest| rest.iter().position(special)) {
            let at = i + skip;
            i = at + 1;
            match line[at] {
                b'\\' => i += 1,
                b'"' => quoted = !quoted,
                _ if quoted => {}
                b';' => {
                    end = at;
                    break;
                }
                b'(' => self.depth += 1,
                b')' => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
        }
        if !self.tokens {
            self.tokens = line[..end].iter().any(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'(' | b')'));
        }
        if self.depth > 0 && !quoted {
            return LineEnd::Open;
        }
        let end = if self.tokens { LineEnd::Closed } else { LineEnd::Blank };
        *self = Splitter::default();
        end
    }

    /// Whether an entry is under way (a parenthesis open at the end of the
    /// text means the entry is cut short).
    pub(crate) fn is_open(&self) -> bool {
        self.depth > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ends(lines: &[&str]) -> Vec<LineEnd> {
        let mut splitter = Splitter::default();
        lines.iter().map(|line| splitter.line(line.as_bytes())).collect()
    }

    #[test]
    fn an_entry_ends_where_its_parentheses_close() {
        assert_eq!(
            ends(&["@ SOA ns hostmaster ( 1 ; serial", "  2 3 4", "  5 )", "www A 192.0.2.1"]),
            [LineEnd::Open, LineEnd::Open, LineEnd::Closed, LineEnd::Closed]
        );
    }

    #[test]
    fn parentheses_in_quotes_comments_and_escapes_do_not_count() {
        assert_eq!(ends(&[r#"a TXT "(" ; ("#]), [LineEnd::Closed]);
        assert_eq!(ends(&[r"a TXT \( x"]), [LineEnd::Closed]);
        assert_eq!(ends(&[r#"a TXT "\"(" x"#]), [LineEnd::Closed]);
    }

    #[test]
    fn blank_lines_and_comments_are_no_entry() {
        assert_eq!(ends(&["", "   ", "; only a comment", "\t\r"]), [LineEnd::Blank; 4]);
        // A parenthesis around nothing but comments still is no record.
        assert_eq!(ends(&["( ; c", ")"]), [LineEnd::Open, LineEnd::Blank]);
    }

    #[test]
    fn an_open_quote_ends_the_entry_with_its_line() {
        assert_eq!(ends(&[r#"a TXT ( "open"#, "b A 1.2.3.4"]), [LineEnd::Closed, LineEnd::Closed]);
    }
}
