#!/usr/bin/env bash
# Dig parity: how many records dnswire prints exactly as dig prints them.
#
#   tests/dig-parity/run.sh [--min-identical PERCENT] [--opt-must-match] [--report FILE] [--jobs N] [CORPUS...]
#
# CORPUS: a file framed as DNS over TCP (*.tcp: 2-byte big-endian length,
# message, repeated), a single-message *.bin file, or a directory of *.bin
# (and *.tcp) files. Default: benches/data/realistic.tcp benches/data/transfers.tcp
# tests/data/*.bin.
#
# Each stored response with one question is replayed to `dig +tcp` by
# replay.py's server on 127.0.0.1 (high ports it picks itself; loopback
# only), ID rewritten to dig's; an AXFR spread over several messages is
# replayed whole to `dig axfr`. dnswire's printer (the `decode` example,
# built with `cargo build --example decode` if missing; DECODE=PATH to use
# another binary) runs on the same bytes, and the record lines of each
# section are compared, and the lines of the OPT pseudo-section ("; EDNS:",
# one line an option; dig's COOKIE "(good)" cut). Report: FILE (default
# target/dig-parity/report.txt), summary on stdout.
#
# Exit status 0, whatever the counts, unless --min-identical PERCENT is
# given and fewer records than that share are identical, or --opt-must-match
# is given and an OPT pseudo-section differs (then 1); 2 for a
# usage or setup error. Needs bash, python3 and dig (bind9-dnsutils).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }

min=()
opt=()
report=$root/target/dig-parity/report.txt
jobs=$(nproc 2>/dev/null || echo 2)
corpora=()
while [ $# -gt 0 ]; do
    case $1 in
        --min-identical) [ $# -ge 2 ] || { usage >&2; exit 2; }; min=(--min-identical "$2"); shift 2 ;;
        --min-identical=*) min=(--min-identical "${1#*=}"); shift ;;
        --opt-must-match) opt=(--opt-must-match); shift ;;
        --report) [ $# -ge 2 ] || { usage >&2; exit 2; }; report=$2; shift 2 ;;
        --jobs) [ $# -ge 2 ] || { usage >&2; exit 2; }; jobs=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        --) shift; corpora+=("$@"); break ;;
        -*) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
        *) corpora+=("$1"); shift ;;
    esac
done
if [ ${#corpora[@]} -eq 0 ]; then
    corpora=("$root/benches/data/realistic.tcp" "$root/benches/data/transfers.tcp" "$root"/tests/data/*.bin)
fi
for c in "${corpora[@]}"; do
    [ -e "$c" ] || { echo "run.sh: no such corpus: $c" >&2; exit 2; }
done
command -v dig >/dev/null || { echo "run.sh: dig not found (apt-get install bind9-dnsutils)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "run.sh: python3 not found" >&2; exit 2; }

if [ -n "${DECODE:-}" ]; then
    decode=$DECODE
    [ -x "$decode" ] || { echo "run.sh: DECODE=$decode is not an executable" >&2; exit 2; }
else
    decode=$root/target/debug/examples/decode
    if [ ! -x "$decode" ]; then
        echo "run.sh: building the decode example" >&2
        (cd "$root" && cargo build --quiet --example decode)
    fi
fi

work=$(mktemp -d)
server=
cleanup() {
    if [ -n "$server" ]; then
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

python3 "$here/replay.py" serve --portfile "$work/ports" --slots "$jobs" &
server=$!
for _ in $(seq 100); do
    [ -s "$work/ports" ] && break
    kill -0 "$server" 2>/dev/null || { echo "run.sh: replay server exited" >&2; exit 2; }
    sleep 0.1
done
[ -s "$work/ports" ] || { echo "run.sh: replay server did not start" >&2; exit 2; }

mkdir -p "$(dirname "$report")"
status=0
python3 "$here/replay.py" compare --portfile "$work/ports" --decode "$decode" --scratch "$work" \
    --report "$report" --jobs "$jobs" "${min[@]}" "${opt[@]}" "${corpora[@]}" || status=$?
exit "$status"
