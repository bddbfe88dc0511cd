//! A deliberately simple name decoder, written from RFC 1035 §4.1.4 and
//! the rules dnswire documents, to check dnswire's against. It collects
//! every label into a `Vec` and remembers every offset it visits.

/// Why the naive decoder refused a name.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Ran off the end of the bytes.
    Truncated,
    /// 0x40 or 0x80 label type.
    ReservedLabelType,
    /// Over 255 bytes uncompressed.
    NameTooLong,
    /// A pointer not strictly below every position reached before it.
    BadPointer,
    /// More than 127 pointers.
    TooManyPointers,
}

/// Decodes the name at `start`: its labels, or why not.
pub fn decode(bytes: &[u8], start: usize) -> Result<Vec<Vec<u8>>, Refusal> {
    let mut labels = Vec::new();
    let mut total = 1; // the root byte
    let mut pointers = 0;
    let mut lowest_start = start; // the start of the current run of labels
    let mut at = start;
    loop {
        let Some(&first) = bytes.get(at) else { return Err(Refusal::Truncated) };
        if first == 0 {
            return Ok(labels);
        }
        if first & 0xc0 == 0xc0 {
            let Some(&second) = bytes.get(at + 1) else { return Err(Refusal::Truncated) };
            let target = ((first as usize & 0x3f) << 8) + second as usize;
            if target >= lowest_start {
                return Err(Refusal::BadPointer);
            }
            pointers += 1;
            if pointers > 127 {
                return Err(Refusal::TooManyPointers);
            }
            lowest_start = target;
            at = target;
            continue;
        }
        if first & 0xc0 != 0 {
            return Err(Refusal::ReservedLabelType);
        }
        let len = first as usize;
        total += len + 1;
        if total > 255 {
            return Err(Refusal::NameTooLong);
        }
        let Some(label) = bytes.get(at + 1..at + 1 + len) else { return Err(Refusal::Truncated) };
        labels.push(label.to_vec());
        at += 1 + len;
    }
}

/// Presentation format as dig prints it, from RFC 1035 §5.1 and BIND's
/// choice of characters to escape.
pub fn to_text(labels: &[Vec<u8>]) -> String {
    if labels.is_empty() {
        return ".".to_string();
    }
    let mut text = String::new();
    for label in labels {
        for &byte in label {
            if b"\"().;\\@$".contains(&byte) {
                text.push('\\');
                text.push(byte as char);
            } else if (0x21..0x7f).contains(&byte) {
                text.push(byte as char);
            } else {
                text.push_str(&format!("\\{byte:03}"));
            }
        }
        text.push('.');
    }
    text
}
