# Sourced by the callgrind scripts of benches/: builds the `callgrind`
# binary, sets `bin`, and defines `instructions`.
cargo build --release -q -p dnswire-bench --bin callgrind
bin=target/release/callgrind

# instructions TASK MESSAGES CRATE ITERATIONS: total instructions of one
# run of the callgrind binary, counted by valgrind's callgrind.
instructions() {
    local out
    out=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$@" > /dev/null 2>&1
    awk '/^summary:/ { print $2 }' "$out"
    rm -f "$out"
}
