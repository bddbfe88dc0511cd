#!/usr/bin/env bash
# Usage: benches/zone.sh [NAMES] [RUNS]   (defaults 20000 names, 5 runs)
#
# Zone file reading, dnswire's `ZoneFile` beside `domain`'s zone reader, on
# the same zones in one run: a generated zone of NAMES hosts (A, AAAA, TXT;
# MX on one in ten; a delegation with NS and DS on one in twenty), as
# written, and the same zone signed by dnssec-signzone (NSEC: an RRSIG for
# every RRset, an NSEC for every name). Prints a Markdown table: records
# per second (median of RUNS) and the peak heap, counted by a counting
# allocator; the peak resident size from GNU time for one run each.
set -euo pipefail
cd "$(dirname "$0")/.."
names=${1:-20000}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
origin=bench.example.
cargo build --release -q -p dnswire-bench --bin zone_read
bin=target/release/zone_read

python3 - "$names" > "$work/plain.zone" <<'PY'
import sys
n = int(sys.argv[1])
print("$ORIGIN bench.example.\n$TTL 3600")
print("@ SOA ns1 hostmaster ( 2026120201 7200 900 1209600 300 )\n  NS ns1\n  NS ns2")
print("ns1 A 192.0.2.1\nns2 A 192.0.2.2")
for i in range(n):
    h = f"host{i}"
    print(f"{h} A 10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}")
    print(f"{h} AAAA 2001:db8::{i >> 16:x}:{i & 0xffff:x}")
    print(f'{h} TXT "v=spf1 ip4:10.0.0.0/8 -all" "host {i}"')
    if i % 10 == 0:
        print(f"{h} MX 10 mx{i}.mail.example.net.")
    if i % 20 == 0:
        print(f"sub{i} NS ns1.sub{i}.example.net.\nsub{i} NS ns2.sub{i}.example.net.")
        print(f"sub{i} DS {i % 65536} 13 2 {i:064x}")
PY
zones=(plain)
if command -v dnssec-signzone > /dev/null; then
    (cd "$work" \
        && dnssec-keygen -q -K . -a ECDSAP256SHA256 -f KSK "$origin" > /dev/null \
        && dnssec-keygen -q -K . -a ECDSAP256SHA256 "$origin" > /dev/null \
        && dnssec-signzone -q -S -K . -o "$origin" -f signed.zone plain.zone > /dev/null)
    zones+=(signed)
fi

echo "| zone | records | MB | crate | records/s | peak heap | peak RSS |"
echo "| --- | ---: | ---: | --- | ---: | ---: | ---: |"
for zone in "${zones[@]}"; do
    file="$work/$zone.zone"
    mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1e6 }')
    counted=
    for krate in dnswire domain; do
        read -r _ records _ _ rate heap < <("$bin" "$krate" "$file" "$origin" "$runs")
        # Both readers must find as many records.
        [ -z "$counted" ] || [ "$counted" = "$records" ] || { echo "$zone: $krate read $records, not $counted" >&2; exit 1; }
        counted=$records
        rss=$( { /usr/bin/time -f %M "$bin" "$krate" "$file" "$origin" 1 > /dev/null; } 2>&1 | tail -1)
        printf '| %s | %s | %s | %s | %s | %s KiB | %s KiB |\n' "$zone" "$records" "$mb" "$krate" "$rate" \
            "$((heap / 1024))" "$rss"
    done
done
