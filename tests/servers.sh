# Sourced by the scripts that run real DNS servers on 127.0.0.1 for tests
# (tests/data/capture/capture.sh, tests/interop/run.sh): a scratch
# directory, background processes stopped by PID on exit, and a wait until
# a server answers. Sets `work`; defines `start` and `wait_for`.
#
# Test servers listen on fixed ports 23531-23699, below Linux's ephemeral
# range (32768-60999, /proc/sys/net/ipv4/ip_local_port_range), so no client
# socket of another test can hold one for a moment: with 535xx ports, NSD
# once failed to bind ("Address already in use") in one CI run of six.

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# start COMMAND...: runs it in the background, to be stopped on exit.
start() {
    "$@" &
    pids+=($!)
}

# wait_for PORT NAME TYPE [EXPECTED]: waits (10 s at most) until dig, asking
# 127.0.0.1:PORT, gets an answer for NAME TYPE (exactly EXPECTED if given).
wait_for() {
    local port=$1 name=$2 type=$3 expected=${4:-} got
    for _ in $(seq 50); do
        got=$(dig +short +time=1 +tries=1 -p "$port" @127.0.0.1 "$name" "$type" 2>/dev/null || true)
        if [ -n "$got" ] && { [ -z "$expected" ] || [ "$got" = "$expected" ]; }; then
            return 0
        fi
        sleep 0.2
    done
    echo "no answer for $name $type from 127.0.0.1:$port" >&2
    return 1
}

# unbound_server PORT DIR: the start of an unbound.conf `server:` block for
# a test resolver on 127.0.0.1:PORT that keeps its files in DIR, in the
# foreground, logging only errors, asking servers on 127.0.0.1 too; the
# caller adds its modules, zones and anchors.
unbound_server() {
    cat <<CONF
server:
    interface: 127.0.0.1
    port: $1
    do-daemonize: no
    username: ""
    chroot: ""
    directory: "$2"
    pidfile: "$2/unbound.pid"
    use-syslog: no
    logfile: ""
    verbosity: 0
    do-ip6: no
    access-control: 127.0.0.0/8 allow
    do-not-query-localhost: no
CONF
}

# knot_server PORT DIR: the start of a knot.conf for a test knotd on
# 127.0.0.1:PORT that keeps its run files in DIR and its databases (and
# any signing keys) in DIR/db, logging warnings to stderr; the caller adds
# its ACLs, templates and zones.
knot_server() {
    cat <<CONF
server:
    listen: 127.0.0.1@$1
    rundir: $2
    pidfile: $2/knot.pid
database:
    storage: $2/db
log:
  - target: stderr
    any: warning
CONF
}

# named_server PORT DIR [OPTION...]: the start of a named.conf for a test
# named on 127.0.0.1:PORT (no IPv6, no recursion, no validation, no
# control channel) that keeps its files in DIR, with each further
# argument as one more line of its options; the caller adds its zones.
named_server() {
    local port=$1 dir=$2 option
    shift 2
    printf 'options {\n    directory "%s";\n    pid-file "%s/named.pid";\n' "$dir" "$dir"
    printf '    listen-on port %s { 127.0.0.1; };\n    listen-on-v6 { none; };\n' "$port"
    printf '    recursion no;\n    dnssec-validation no;\n'
    for option in "$@"; do printf '    %s\n' "$option"; done
    printf '};\ncontrols { };\n'
}
