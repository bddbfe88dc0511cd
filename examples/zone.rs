//! Read a zone file and print every record, one a line, as
//! `owner TTL CLASS TYPE RDATA` with absolute owners and the RDATA as dig
//! prints it (or, with `--generic`, as RFC 3597's `\# LEN HEX` of the
//! uncompressed wire RDATA).
//!
//! ```text
//! cargo run --example zone -- --origin example. tests/data/capture/types.example.zone
//! cargo run --example zone -- --generic db.example
//! ```
//! Bad input: `FILE:LINE: message` on stderr for each bad entry (reading
//! goes on with the next), and the exit status is 1. Warnings (a TTL taken
//! from the SOA or the record before) go to stderr as `FILE:LINE: warning:`.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use dnswire::zone::{ZoneFile, RECORD_BUF_LEN};
use dnswire::{NameBuf, UnknownRdata};

const USAGE: &str = "usage: zone [--origin NAME] [--generic] FILE";

fn main() -> ExitCode {
    let mut origin: Option<NameBuf> = None;
    let mut generic = false;
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--generic" => generic = true,
            "--origin" => {
                let Some(name) = args.next() else {
                    eprintln!("{USAGE}");
                    return ExitCode::FAILURE;
                };
                match name.parse::<NameBuf>().and_then(|n| n.to_absolute()) {
                    Ok(name) => origin = Some(name),
                    Err(error) => {
                        eprintln!("--origin {name}: {error}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            _ if file.is_none() && !arg.starts_with("--") => file = Some(arg),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::FAILURE;
            }
        }
    }
    let Some(file) = file else {
        eprintln!("{USAGE}");
        return ExitCode::FAILURE;
    };
    let mut zone = match ZoneFile::open(&file) {
        Ok(zone) => zone,
        Err(error) => {
            eprintln!("{file}: {}", error.message());
            return ExitCode::FAILURE;
        }
    };
    if let Some(origin) = origin {
        zone = zone.with_origin(origin);
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut buf = vec![0u8; RECORD_BUF_LEN];
    let mut failed = false;
    loop {
        let record = match zone.next_record(&mut buf) {
            Ok(Some(record)) => record,
            Ok(None) => break,
            Err(error) => {
                eprintln!("{}:{}: {}", error.path().display(), error.line(), error.message());
                failed = true;
                continue;
            }
        };
        let (owner, ttl, class, rtype) = (record.owner(), record.ttl(), record.class(), record.rtype());
        let written = if generic {
            let rdata = UnknownRdata::new(rtype, record.rdata_bytes());
            writeln!(out, "{owner}\t{ttl}\t{class}\t{rtype}\t{rdata}")
        } else {
            writeln!(out, "{owner}\t{ttl}\t{class}\t{rtype}\t{}", record.rdata())
        };
        if written.is_err() {
            // stdout closed (a pipe to `head`): nothing more to do.
            return ExitCode::SUCCESS;
        }
        while let Some((path, warning)) = zone.take_warning() {
            let line = warning.line();
            let text = warning.to_string();
            let message = text.split_once(": ").map_or(text.as_str(), |(_, rest)| rest);
            eprintln!("{}:{line}: warning: {message}", path.display());
        }
    }
    if out.flush().is_err() {
        return ExitCode::SUCCESS;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
