#!/usr/bin/env bash
# Usage: tests/doc-coverage.sh MIN_PERCENT
#
# The doc-example gate: rustdoc's coverage report (nightly, all features,
# `--show-coverage --output-format json`) counts, file by file, the items
# that should have a code example or have one (`total_examples`: rustdoc
# leaves out fields, variants, constants, statics, type aliases, modules,
# trait impls and the items only re-exported from a private module), and
# those that have one (`with_examples`). Prints
# `doc coverage: X of Y items have examples (Z %)`, then the files short of
# every item, and fails if the share is below MIN_PERCENT (a whole percent).
# `cargo +nightly rustdoc --all-features -- -Z unstable-options
# -Zcrate-attr='feature(rustdoc_missing_doc_code_examples)'
# -W rustdoc::missing_doc_code_examples` names the items.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ] || ! [[ $1 =~ ^[0-9]+$ ]] || [ "$1" -gt 100 ]; then
    echo "usage: $0 MIN_PERCENT (a whole number, 0 to 100)" >&2
    exit 2
fi
min=$1
json=$(cargo +nightly rustdoc -q --all-features -- -Z unstable-options --show-coverage --output-format json)
python3 -c '
import json, sys

min_percent = int(sys.argv[1])
files = json.loads(sys.stdin.read())
if not isinstance(files, dict) or not files:
    sys.exit("doc coverage: no report from rustdoc")
total = sum(entry["total_examples"] for entry in files.values())
with_examples = sum(entry["with_examples"] for entry in files.values())
if total == 0:
    sys.exit("doc coverage: rustdoc counted no item")
print(f"doc coverage: {with_examples} of {total} items have examples ({100 * with_examples / total:.1f} %)")
for path, entry in sorted(files.items()):
    if entry["with_examples"] < entry["total_examples"]:
        print("  %s: %d of %d" % (path, entry["with_examples"], entry["total_examples"]))
# In integers: no rounding decides the gate.
if 100 * with_examples < min_percent * total:
    sys.exit(f"doc coverage below {min_percent} %")
' "$min" <<<"$json"
