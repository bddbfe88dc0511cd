#!/usr/bin/env bash
# Usage: benches/hostile-mx.sh [--gate]
#
# What each hostile answer of tests/support/hostile.rs makes the resolver
# do: queries sent, wall time, exchanges and addresses kept, the most heap
# held, and (under callgrind) the instructions the client spent. The server
# runs as a process of its own on 127.0.0.1, stopped by PID on exit.
# Prints a Markdown table.
#
# With --gate (as .ci/run calls it), only the two 64 KiB answers, and fails
# if either costs the client more than 100 M instructions (the resolver
# before its limits: 6.6 G and 535 M), or more addresses or queries than
# the limits allow.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p dnswire-bench --bin hostile_mx
bin=target/release/hostile_mx
port=${HOSTILE_PORT:-23599}
"$bin" serve "127.0.0.1:$port" > /dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 0.5

# case MODE NAME TIMEOUT_MS ATTEMPTS: one row.
case_row() {
    local mode=$1 name=$2 timeout=$3 attempts=$4 line out instructions
    line=$("$bin" "$mode" "127.0.0.1:$port" "$name" "$timeout" "$attempts")
    out=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$mode" "127.0.0.1:$port" "$name" "$timeout" "$attempts" > /dev/null 2>&1
    instructions=$(awk '/^summary:/ { print $2 }' "$out")
    rm -f "$out"
    echo "| $mode $name (timeout ${timeout} ms × $attempts) | $instructions | $(sed -e 's/result=.*//' -e 's/=/ /g' <<<"$line" | awk '{ print $2 " | " $4 " | " $6 " | " $8 " | " $10 " | " $12 }') | $(sed 's/.*result=//' <<<"$line" | cut -c1-60) |"
}

if [ "${1:-}" = --gate ]; then
    for case in "dup.hostile.test. 6 16" "many.hostile.test. 22 160"; do
        read -r name most_queries most_addresses <<<"$case"
        out=$(mktemp)
        line=$(valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" lookup "127.0.0.1:$port" "$name" 2000 1 2>/dev/null)
        instructions=$(awk '/^summary:/ { print $2 }' "$out")
        rm -f "$out"
        echo "$name: $instructions instructions; $line"
        queries=$(sed 's/.*queries=\([0-9]*\).*/\1/' <<<"$line")
        addresses=$(sed 's/.*addresses=\([0-9]*\).*/\1/' <<<"$line")
        [ "$instructions" -le 100000000 ] || { echo "$name costs more than 100 M instructions"; exit 1; }
        [ "$queries" -le "$most_queries" ] || { echo "$name: $queries queries, at most $most_queries allowed"; exit 1; }
        [ "$addresses" -le "$most_addresses" ] || { echo "$name: $addresses addresses kept"; exit 1; }
    done
    exit 0
fi

echo "| case | instructions | queries | distinct questions | wall ms | exchanges | addresses | peak heap bytes | result |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
case_row lookup dup.hostile.test. 1000 1
case_row lookup many.hostile.test. 1000 1
case_row lookup glue.hostile.test. 1000 1
case_row lookup cnames.hostile.test. 1000 1
case_row ip ch.hostile.test. 1000 1
case_row ip chcname.hostile.test. 1000 1
case_row lookup stall.hostile.test. 200 1
case_row ip x.edns.hostile.test. 500 1
case_row ip x.slowcnames.hostile.test. 500 1
