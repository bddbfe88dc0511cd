#!/usr/bin/env bash
# Usage: benches/kinds.sh [N]   (default N=5; BENCH_PROFILE=lto for LTO)
#
# Full parse, instructions per message (callgrind), dnswire against
# NLnet Labs' domain, on the broad corpus (the realistic responses, the
# zone transfers and the test captures) and on each kind of traffic in it
# (`KINDS` in benches/src/lib.rs), so that the table shows where dnswire's
# lead is smallest. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5}
source benches/instructions.sh

echo "| messages (${BENCH_PROFILE:-release} profile) | count | mean bytes | dnswire | domain | ratio |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for which in realistic broad kind:transfer kind:denial kind:referral kind:signed kind:address kind:mx kind:txt kind:other; do
    read -r count _ bytes _ < <("$bin" full "$which" dnswire 1)
    [ "$count" -gt 0 ] || continue
    ours=$(per_message full "$which" dnswire "$n")
    theirs=$(per_message full "$which" domain "$n")
    awk -v w="$which" -v c="$count" -v b="$bytes" -v o="$ours" -v t="$theirs" \
        'BEGIN { printf "| %s | %d | %.0f | %d | %d | %.2f |\n", w, c, b / c, o, t, t / o }'
done
