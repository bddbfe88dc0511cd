#!/usr/bin/env bash
# Usage: benches/gate.sh [--update]
#
# The performance gate of .ci/run: instructions per message (callgrind:
# repeatable on a shared machine, unlike time) for dnswire's full parse and
# `Message::parse` of benches/data/realistic.tcp, and for encoding the
# benchmark message, against the baseline committed in
# benches/baseline.txt. A rise of more than 3 % fails; a fall of more than
# 3 % is reported, so that the commit that earns it updates the baseline
# (--update writes the figures measured, to commit with them quoted).
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/instructions.sh
baseline=benches/baseline.txt
n=10
failed=0
measured=()
while read -r task messages krate expected; do
    case "$task" in ''|'#'*) continue ;; esac
    per=$(per_message "$task" "$messages" "$krate" "$n")
    measured+=("$task $messages $krate $per")
    verdict=$(awk -v got="$per" -v want="$expected" 'BEGIN {
        if (got > want * 1.03) print "FAIL";
        else if (got < want * 0.97) print "better: update the baseline";
        else print "ok" }')
    printf 'gate: %s %s %s: %d instructions/message (baseline %d): %s\n' \
        "$task" "$messages" "$krate" "$per" "$expected" "$verdict"
    [ "$verdict" = FAIL ] && failed=1
done < "$baseline"
if [ "${1:-}" = --update ]; then
    { grep '^#' "$baseline"; printf '%s\n' "${measured[@]}"; } > "$baseline.new"
    mv "$baseline.new" "$baseline"
    echo "gate: $baseline updated"
fi
exit $failed
