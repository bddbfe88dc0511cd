//! Parse arbitrary bytes; whatever parses, walk every section, decode every
//! RDATA, copy every record, format everything. Must never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(message) = dnswire::Message::parse(data) {
        dnswire_fuzz::exercise(&message);
    }
    if let Ok(message) = dnswire::Message::parse_prefix(data) {
        dnswire_fuzz::exercise(&message);
    }
});
