//! Zone files on disk: read through a buffer, one entry in memory at a
//! time, `$INCLUDE` followed.

use std::borrow::ToOwned;
use std::boxed::Box;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::string::{String, ToString};
use std::vec::Vec;
use std::{format, vec};

use super::entry::{LineEnd, Splitter};
use super::parser::{record_in, Parsed, Parser, Scope};
use super::{Warning, MAX_INCLUDES, MAX_INCLUDE_DEPTH};
use crate::error::Error;
use crate::name::NameBuf;
use crate::rdata::scan::TextError;
use crate::rdata::Class;
use crate::wire::message::Record;

/// The longest entry read, in bytes of text: far more than the largest
/// RDATA in hex (131 070 characters) needs.
const MAX_ENTRY_LEN: usize = 1 << 20;

/// Why a zone file was refused: the file and what was wrong in it.
#[derive(Debug)]
pub struct ZoneFileError {
    path: PathBuf,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    Text(TextError),
    Io { line: u32, error: io::Error },
}

impl ZoneFileError {
    /// The file the error is in (an included one, when it is there).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The line, from 1 (0 when the file could not be opened).
    pub fn line(&self) -> u32 {
        match &self.kind {
            Kind::Text(error) => error.line(),
            Kind::Io { line, .. } => *line,
        }
    }

    /// The error in the text, unless reading the file failed.
    pub fn text_error(&self) -> Option<&TextError> {
        match &self.kind {
            Kind::Text(error) => Some(error),
            Kind::Io { .. } => None,
        }
    }

    /// What was wrong, without the file and the place.
    pub fn message(&self) -> String {
        match &self.kind {
            Kind::Text(error) => {
                let text = error.to_string();
                // `line:column: ` first.
                text.split_once(": ").map_or(text.as_str(), |(_, what)| what).to_owned()
            }
            Kind::Io { error, .. } => error.to_string(),
        }
    }
}

impl fmt::Display for ZoneFileError {
    /// `path:line:column: what`, as compilers write it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Text(error) => write!(f, "{}:{error}", self.path.display()),
            Kind::Io { line, error } => write!(f, "{}:{line}: {error}", self.path.display()),
        }
    }
}

impl core::error::Error for ZoneFileError {}

/// One file being read.
struct Source {
    path: PathBuf,
    reader: Box<dyn BufRead>,
    /// Lines read so far.
    line: u32,
    /// The including file's origin and owner, restored at the end.
    saved: Option<Scope>,
}

/// Reads a zone file record by record; see the [module](super) for the
/// syntax and the defaults. Memory stays bounded by the longest entry.
///
/// ```
/// use dnswire::zone::{ZoneFile, RECORD_BUF_LEN};
///
/// let mut zone = ZoneFile::open("tests/data/capture/types.example.zone")?
///     .with_origin("example.".parse()?);
/// let mut buf = vec![0u8; RECORD_BUF_LEN];
/// let mut count = 0;
/// while let Some(record) = zone.next_record(&mut buf)? {
///     assert!(record.owner().to_string().ends_with("example."));
///     count += 1;
/// }
/// assert!(count > 40);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ZoneFile {
    /// The file being read last; those including it before.
    stack: Vec<Source>,
    parser: Parser,
    includes: usize,
    /// The current entry's text.
    entry: Vec<u8>,
    /// The iterator's record buffer.
    record_buf: Vec<u8>,
    /// Whether the last line read ended with a line break.
    last_newline: bool,
    includes_allowed: bool,
}

impl fmt::Debug for ZoneFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.stack.last().map(|s| s.path.display().to_string());
        f.debug_struct("ZoneFile").field("path", &path).field("origin", &self.parser.origin).finish()
    }
}

impl ZoneFile {
    /// Opens the file at `path`.
    ///
    /// # Errors
    /// The file cannot be opened.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, ZoneFileError> {
        let path = path.as_ref();
        let file = open_regular(path).map_err(|error| io_error(path, 0, error))?;
        Ok(Self::from_reader(path, BufReader::new(file)))
    }

    /// Reads zone text from `reader`, named `path` in errors; `$INCLUDE`
    /// paths are relative to the directory of `path`.
    pub fn from_reader(path: impl Into<PathBuf>, reader: impl BufRead + 'static) -> Self {
        let source = Source { path: path.into(), reader: Box::new(reader), line: 0, saved: None };
        ZoneFile {
            stack: vec![source],
            parser: Parser::new(),
            includes: 0,
            entry: Vec::new(),
            record_buf: Vec::new(),
            last_newline: false,
            includes_allowed: true,
        }
    }

    /// Starts with `origin`, as a zone's name does (a relative name is
    /// taken as absolute).
    pub fn with_origin(mut self, origin: NameBuf) -> Self {
        self.parser.set_origin(origin);
        self
    }

    /// Refuses `$INCLUDE` ([`Error::IncludeRefused`]), for zone text from
    /// someone who should not make this process read its files.
    pub fn without_includes(mut self) -> Self {
        self.includes_allowed = false;
        self
    }

    /// The zone's class: records of another are refused.
    pub fn with_class(mut self, class: Class) -> Self {
        self.parser.set_class(class);
        self
    }

    /// The warning the last entry gave, with its file.
    pub fn take_warning(&mut self) -> Option<(PathBuf, Warning)> {
        let warning = self.parser.warning.take()?;
        Some((self.stack.last().map(|s| s.path.clone()).unwrap_or_default(), warning))
    }

    /// The next record, in `buf` ([`RECORD_BUF_LEN`](super::RECORD_BUF_LEN)
    /// bytes always suffice), or `None` at the end of the top file.
    ///
    /// # Errors
    /// What was wrong, and where; reading goes on with the next entry.
    pub fn next_record<'b>(&mut self, buf: &'b mut [u8]) -> Result<Option<Record<'b>>, ZoneFileError> {
        loop {
            let Some(line) = self.next_text()? else {
                return Ok(None);
            };
            // The file being read, for errors and includes.
            let path = &self.stack.last().expect("a source while text is read").path;
            let text = match core::str::from_utf8(&self.entry) {
                Ok(text) => text,
                Err(error) => {
                    // Where the first byte that is not UTF-8 is.
                    let valid = core::str::from_utf8(&self.entry[..error.valid_up_to()]).unwrap_or_default();
                    let error = TextError::whole(Error::BadText, "text (not UTF-8)", valid, valid.len());
                    return Err(text_error(path, error.shifted(line.saturating_sub(1), 0)));
                }
            };
            let parsed = self.parser.entry(text, line, buf).map_err(|error| text_error(path, error))?;
            match parsed {
                Parsed::Directive => {}
                Parsed::Include { path: file, origin } => {
                    let (from, file) = (path.clone(), file.to_owned());
                    self.include(&from, line, &file, origin)?;
                }
                parsed @ Parsed::Record { .. } => return Ok(record_in(buf, &parsed)),
            }
        }
    }

    /// Opens an included file; its records come next.
    fn include(&mut self, from: &Path, line: u32, file: &str, origin: Option<NameBuf>) -> Result<(), ZoneFileError> {
        let refuse = |error| {
            let text = format!("$INCLUDE {file}");
            text_error(from, TextError::whole(error, "$INCLUDE", &text, 0).shifted(line.saturating_sub(1), 0))
        };
        if self.stack.len() >= MAX_INCLUDE_DEPTH || self.includes >= MAX_INCLUDES {
            return Err(refuse(Error::IncludeTooDeep));
        }
        let path = from.parent().unwrap_or(Path::new("")).join(file);
        if !self.includes_allowed {
            return Err(refuse(Error::IncludeRefused));
        }
        let opened = open_regular(&path).map_err(|error| {
            let error = io::Error::new(error.kind(), format!("$INCLUDE {}: {error}", path.display()));
            io_error(from, line, error)
        })?;
        self.includes += 1;
        let saved = Some(self.parser.enter_include(origin));
        self.stack.push(Source { path, reader: Box::new(BufReader::new(opened)), line: 0, saved });
        Ok(())
    }

    /// Reads the next entry's text into `self.entry`; returns its first
    /// line. Finished files are left for the one that included them.
    fn next_text(&mut self) -> Result<Option<u32>, ZoneFileError> {
        let mut splitter = Splitter::default();
        self.entry.clear();
        let mut first_line = 0;
        // An entry found too long: the rest of it is read and dropped, then
        // this is the error.
        let mut too_long = None;
        loop {
            let Some(source) = self.stack.last_mut() else {
                return too_long.map_or(Ok(None), Err);
            };
            // The line goes straight into the entry, after a line break
            // when it continues one.
            let continued = !self.entry.is_empty();
            if continued {
                self.entry.push(b'\n');
            }
            let mark = self.entry.len();
            let room = MAX_ENTRY_LEN.saturating_sub(mark);
            let read = match read_line(&mut source.reader, &mut self.entry, room) {
                Ok(read) => read,
                Err(error) => {
                    // The file is given up: reading goes on after it.
                    let error = io_error(&source.path, source.line.saturating_add(1), error);
                    self.finish_source();
                    return Err(error);
                }
            };
            let Some(ended) = read else {
                self.entry.truncate(mark - usize::from(continued));
                if let Some(error) = too_long {
                    return Err(error);
                }
                if splitter.is_open() {
                    // Cut short: the record reader reports the parenthesis,
                    // at the end of the file as BIND does.
                    if self.last_newline {
                        self.entry.push(b'\n');
                    }
                    return Ok(Some(first_line));
                }
                self.finish_source();
                continue;
            };
            source.line = source.line.saturating_add(1);
            if !ended {
                self.entry.clear();
                if too_long.is_none() {
                    let text = TextError::whole(Error::EntryTooLong, "entry", "", 0);
                    too_long = Some(text_error(&source.path, text.shifted(source.line - 1, 0)));
                }
                // What the dropped line did to the parentheses is unknown:
                // taken as leaving them as they were.
                if !splitter.is_open() {
                    return too_long.map_or(Ok(None), Err);
                }
                continue;
            }
            if !continued {
                first_line = source.line;
            }
            self.last_newline = self.entry.last() == Some(&b'\n');
            if self.last_newline {
                self.entry.pop();
            }
            let ended = splitter.line(&self.entry[mark..]);
            if too_long.is_some() {
                self.entry.clear();
                if ended != LineEnd::Open {
                    return too_long.map_or(Ok(None), Err);
                }
                continue;
            }
            match ended {
                LineEnd::Open => {}
                LineEnd::Closed => return Ok(Some(first_line)),
                LineEnd::Blank => self.entry.clear(),
            }
        }
    }

    /// Drops the file being read, and gives the one that included it back
    /// its origin and owner.
    fn finish_source(&mut self) {
        if let Some(scope) = self.stack.pop().and_then(|done| done.saved) {
            self.parser.leave_include(scope);
        }
    }
}

/// Appends a line (its `\n` included) to `buf`, at most `limit` bytes of
/// it besides the `\n`: `None` at the end of the input, `Some(false)` if
/// the line is longer (it is read to its end and dropped), `Some(true)`
/// otherwise.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<Option<bool>> {
    let start = buf.len();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let read = io::Read::take(&mut *reader, cap).read_until(b'\n', buf)?;
    if read == 0 {
        return Ok(None);
    }
    let content = read - usize::from(buf.last() == Some(&b'\n'));
    if content <= limit {
        return Ok(Some(true));
    }
    buf.truncate(start);
    // The rest of the line, dropped (`BufRead::skip_until` is Rust 1.83).
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            return Ok(Some(false));
        }
        let (take, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        reader.consume(take);
        if done {
            return Ok(Some(false));
        }
    }
}

/// Opens a regular file: not a directory, a device or a pipe, which
/// could be read without end (`$INCLUDE /dev/zero`).
fn open_regular(path: &Path) -> io::Result<File> {
    let file = File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    Ok(file)
}

fn io_error(path: &Path, line: u32, error: io::Error) -> ZoneFileError {
    ZoneFileError { path: path.to_owned(), kind: Kind::Io { line, error } }
}

fn text_error(path: &Path, error: TextError) -> ZoneFileError {
    ZoneFileError { path: path.to_owned(), kind: Kind::Text(error) }
}

impl Iterator for ZoneFile {
    type Item = Result<crate::RecordBuf, ZoneFileError>;

    /// The next record, owned (an allocation each; [`ZoneFile::next_record`]
    /// lends a buffer instead).
    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = core::mem::take(&mut self.record_buf);
        buf.resize(super::RECORD_BUF_LEN, 0);
        let next = match self.next_record(&mut buf) {
            Ok(Some(record)) => Some(Ok(crate::RecordBuf::from(&record))),
            Ok(None) => None,
            Err(error) => Some(Err(error)),
        };
        self.record_buf = buf;
        next
    }
}
