#!/usr/bin/env bash
# Usage: benches/callgrind.sh [N]   (default N=20)
#
# Instructions per message for each task and crate, counted by callgrind
# (repeatable, unlike time on a shared machine): runs the `callgrind` binary
# with 1 and 1+N iterations and divides the difference by N × messages, so
# that start-up and loading the corpus cancel out. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
cargo build --release -q -p dnswire-bench --bin callgrind
bin=target/release/callgrind

# instructions TASK CRATE ITERATIONS: total instructions of one run.
instructions() {
    local out
    out=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$@" > /dev/null 2>&1
    awk '/^summary:/ { print $2 }' "$out"
    rm -f "$out"
}

# per_message TASK CRATE: instructions per message and per byte.
per_message() {
    local one many messages bytes
    one=$(instructions "$1" "$2" 1)
    many=$(instructions "$1" "$2" $((n + 1)))
    read -r messages _ bytes _ < <("$bin" "$1" "$2" 1)
    awk -v d=$((many - one)) -v n="$n" -v m="$messages" -v b="$bytes" \
        'BEGIN { printf "%.0f | %.1f", d / n / m, d / n / b }'
}

echo "| task | crate | instructions/message | instructions/byte |"
echo "| --- | --- | ---: | ---: |"
for krate in dnswire domain hickory-proto simple-dns dns-parser; do
    echo "| full parse | $krate | $(per_message full "$krate") |"
done
for krate in dnswire domain hickory-proto simple-dns; do
    echo "| full parse, with DNSSEC responses | $krate | $(per_message full-large "$krate") |"
done
echo "| check only (Message::parse) | dnswire | $(per_message check dnswire) |"
for krate in dnswire domain hickory-proto simple-dns; do
    echo "| encode | $krate | $(per_message encode "$krate") |"
done
for task in one-long-name pointer-chains; do
    echo "| $task (64 KiB) | dnswire | $(per_message "$task" dnswire) |"
done
