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
source benches/instructions.sh

# row TASK MESSAGES CRATE: a table row, instructions per message and per byte.
row() {
    local one many messages bytes
    one=$(instructions "$1" "$2" "$3" 1)
    many=$(instructions "$1" "$2" "$3" $((n + 1)))
    read -r messages _ bytes _ < <("$bin" "$1" "$2" "$3" 1)
    awk -v t="$1" -v w="$2" -v c="$3" -v d=$((many - one)) -v n="$n" -v m="$messages" -v b="$bytes" \
        'BEGIN { printf "| %s | %s | %s | %.0f | %.1f |\n", t, w, c, d / n / m, d / n / b }'
}

echo "| task | messages | crate | instructions/message | instructions/byte |"
echo "| --- | --- | --- | ---: | ---: |"
for krate in dnswire dnswire-message domain hickory-proto simple-dns; do row full realistic "$krate"; done
for krate in dnswire domain hickory-proto simple-dns dns-parser; do row full common "$krate"; done
for krate in dnswire domain hickory-proto simple-dns; do row full large "$krate"; done
row check realistic dnswire
row check realistic domain
row check common dnswire
row check large dnswire
for krate in dnswire domain hickory-proto simple-dns; do row encode - "$krate"; done
for hostile in one-long-name pointer-chains; do
    row check "$hostile" dnswire
    for krate in dnswire domain; do row full "$hostile" "$krate"; done
done
