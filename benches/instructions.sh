# Sourced by the callgrind scripts of benches/: builds the `callgrind`
# binary, sets `bin`, and defines `instructions`.
#
# BENCH_PROFILE=lto builds it as performance-minded users build
# (`lto = "thin"`, `codegen-units = 1`) into target/lto; the default is
# Cargo's release profile.
if [ "${BENCH_PROFILE:-release}" = lto ]; then
    CARGO_PROFILE_RELEASE_LTO=thin CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 CARGO_TARGET_DIR=target/lto \
        cargo build --release -q -p dnswire-bench --bin callgrind
    bin=target/lto/release/callgrind
else
    cargo build --release -q -p dnswire-bench --bin callgrind
    bin=target/release/callgrind
fi

# instructions TASK MESSAGES CRATE ITERATIONS: total instructions of one
# run of the callgrind binary, counted by valgrind's callgrind.
instructions() {
    local out
    out=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$@" > /dev/null 2>&1
    awk '/^summary:/ { print $2 }' "$out"
    rm -f "$out"
}

# per_message TASK MESSAGES CRATE N: instructions per message, from runs of
# 1 and 1+N iterations (loading the corpus cancels out).
per_message() {
    local one many count
    one=$(instructions "$1" "$2" "$3" 1)
    many=$(instructions "$1" "$2" "$3" $(($4 + 1)))
    read -r count _ < <("$bin" "$1" "$2" "$3" 1)
    echo $(( (many - one) / $4 / count ))
}
