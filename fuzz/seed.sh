#!/usr/bin/env bash
# Rebuilds the seed corpora from the real captures in tests/data/ (with the
# EDNS ones in tests/data/edns/ for the message targets; and the
# lines dig printed for them, for parse_text), and, for
# resolver_response, the hostile answers of tests/support/hostile.rs.
# Campaigns should write new inputs elsewhere (see FUZZING.md), so these stay seeds.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf corpus
for target in parse_message roundtrip_message differential resolver_response; do
    mkdir -p "corpus/$target"
    for capture in ../tests/data/*.bin ../tests/data/edns/*.bin; do cp "$capture" "corpus/$target/$(basename "$capture" .bin)"; done
done
mkdir -p corpus/decompress_name corpus/build_message
for capture in ../tests/data/*.bin; do
    # (offset, bytes): offset 12, where the question name starts.
    { printf '\x0c\x00'; cat "$capture"; } > "corpus/decompress_name/$(basename "$capture" .bin)"
    # Any bytes drive the builder; the captures are as good a start as any.
    cp "$capture" "corpus/build_message/$(basename "$capture" .bin)"
done
# Presentation text: each record line dig printed for the captures, one
# file per line (names from their checksum, so duplicates collapse).
mkdir -p corpus/parse_text
for dig in ../tests/data/*.dig; do
    { grep -v -e '^;' -e '^$' "$dig" || true; } | while IFS= read -r line; do
        printf '%s' "$line" > "corpus/parse_text/$(printf '%s' "$line" | sha1sum | cut -c1-16)"
    done
done
# Zone files: the capture zones, the reader's good and bad test zones.
mkdir -p corpus/parse_zone
for zone in ../tests/data/capture/*.zone ../tests/data/zone/good/*.zone ../tests/data/zone/bad/*.zone; do
    cp "$zone" "corpus/parse_zone/$(basename "$zone" .zone)"
done
# The answers the resolver's hostile-answers tests serve (64 KiB of
# duplicate MX records and glue, thousands of exchanges, CH records…).
(cd .. && cargo run --release -q -p dnswire-bench --bin hostile_mx -- seeds fuzz/corpus/resolver_response)
