//! The README's table of stack sizes, checked on a 64-bit host (the 32-bit
//! column is asserted at compile time by examples/runtimes/embedded, which
//! CI builds for thumbv7em-none-eabihf).
#![cfg(target_pointer_width = "64")]

use core::mem::size_of;

#[test]
fn the_readme_table_is_what_size_of_says() {
    let readme = include_str!("../README.md");
    let sizes: Vec<(&str, usize)> = vec![
        ("`NameBuf`", size_of::<dnswire::NameBuf>()),
        ("`Message<&[u8]>`", size_of::<dnswire::Message<&[u8]>>()),
        ("`MessageReader`", size_of::<dnswire::MessageReader<'static>>()),
        ("`MessageBuilder<&mut [u8]>`", size_of::<dnswire::MessageBuilder<&mut [u8]>>()),
        ("`stub::Query`", size_of::<dnswire::stub::Query>()),
        ("`stub::RetryPlan`", size_of::<dnswire::stub::RetryPlan>()),
        ("`stub::CnameChain`", size_of::<dnswire::stub::CnameChain>()),
        ("`stub::Transfer`", size_of::<dnswire::stub::Transfer>()),
    ];
    for (name, size) in sizes {
        let row = readme
            .lines()
            .find(|line| line.starts_with(&format!("| {name} |")))
            .unwrap_or_else(|| panic!("no README row for {name}"));
        let columns: Vec<&str> = row.split('|').map(str::trim).collect();
        let x86_64: usize = columns[3].replace(' ', "").parse().unwrap();
        assert_eq!(x86_64, size, "{name}: README says {x86_64}, size_of says {size}");
    }
}
