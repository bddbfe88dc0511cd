//! Decode a DNS message and print it as dig does.
//!
//! ```text
//! cargo run --example decode -- tests/data/knot-mx.bin     # a binary capture
//! echo '1234 8180 0001 ...' | cargo run --example decode   # hex on stdin
//! ```
//! Hex may contain white space. A message that breaks a wire rule is
//! reported with the rule, and the exit status is 1.

use std::io::Read;
use std::process::ExitCode;

fn hex_to_bytes(text: &str) -> Result<Vec<u8>, String> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if digits.len() % 2 != 0 {
        return Err("odd number of hex digits".into());
    }
    digits
        .chunks(2)
        .map(|pair| {
            let pair = std::str::from_utf8(pair).map_err(|_| "not hex".to_string())?;
            u8::from_str_radix(pair, 16).map_err(|_| format!("not hex: {pair:?}"))
        })
        .collect()
}

fn read_input() -> Result<Vec<u8>, String> {
    match std::env::args().nth(1).as_deref() {
        None | Some("-") => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| format!("stdin: {e}"))?;
            hex_to_bytes(&text)
        }
        Some(path) => std::fs::read(path).map_err(|e| format!("{path}: {e}")),
    }
}

fn main() -> ExitCode {
    let bytes = match read_input() {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("decode: {message}");
            return ExitCode::FAILURE;
        }
    };
    match dnswire::Message::parse(&bytes[..]) {
        Ok(message) => {
            let mut text = message.to_string();
            // dig's note on a response that did not recurse when asked to,
            // after the flags line.
            let header = message.header();
            if header.qr() && header.rd() && !header.ra() {
                if let Some(flags) = text.find(";; flags:") {
                    let end = text[flags..].find('\n').map_or(text.len(), |at| flags + at + 1);
                    text.insert_str(end, ";; WARNING: recursion requested but not available\n");
                }
            }
            print!("{text}");
            println!(";; MSG SIZE  rcvd: {}", bytes.len());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("decode: malformed message ({} bytes): {error}", bytes.len());
            ExitCode::FAILURE
        }
    }
}
