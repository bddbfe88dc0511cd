#!/usr/bin/env bash
# Usage: benches/hostile-gate.sh [LIMIT]   (default LIMIT=50)
#
# The callgrind gate on hostile input: for every message of
# `pathological::HOSTILE` at every size of `pathological::SIZES`, counts
# the instructions `Message::parse` (task `check`) and `MessageReader`
# (task `read`) spend per byte, and fails if any exceeds LIMIT. Start-up
# cancels out: each row is (run with 1+N iterations − run with 1) / N.
# Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-50}
n=4
source benches/instructions.sh

names=$(sed -n 's/^ *Hostile { name: "\([a-z-]*\)".*/\1/p' benches/src/pathological.rs)
sizes=$(sed -n 's/^pub const SIZES: \[usize; [0-9]*\] = \[\(.*\)\];/\1/p' benches/src/pathological.rs | tr -d '_,' | sed 's/MAX/65535/')
[ -n "$names" ] && [ -n "$sizes" ] || { echo "could not read HOSTILE or SIZES"; exit 1; }
worst=0
failed=0
echo "| message | bytes | Message::parse instructions/byte | MessageReader instructions/byte |"
echo "| --- | ---: | ---: | ---: |"
for name in $names; do
    for size in $sizes; do
        row="| $name | $size"
        for task in check read; do
            one=$(instructions "$task" "hostile:$name:$size" dnswire 1)
            many=$(instructions "$task" "hostile:$name:$size" dnswire $((n + 1)))
            read -r _ _ bytes _ < <("$bin" "$task" "hostile:$name:$size" dnswire 1)
            per=$(awk -v d=$((many - one)) -v n="$n" -v b="$bytes" 'BEGIN { printf "%.1f", d / n / b }')
            row="$row | $per"
            if awk -v p="$per" -v l="$limit" 'BEGIN { exit !(p > l) }'; then failed=1; fi
            worst=$(awk -v p="$per" -v w="$worst" 'BEGIN { print (p > w) ? p : w }')
        done
        echo "$row |"
    done
done
echo
echo "worst: $worst instructions per byte (limit $limit)"
[ "$failed" -eq 0 ] || { echo "hostile input costs more than $limit instructions per byte"; exit 1; }
