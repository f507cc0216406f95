# shellcheck shell=bash
# Throw-away Garage (S3-compatible object store) servers on loopback, for tests of the S3
# destination ("second copy"). Source it; do not execute it:
#
#   . scripts/lib/garage.sh
#   garage_trap 'rm -rf "$work"'          # stop every server we start, whatever happens
#   garage_start_single "$work/single" 39100
#   read -r key secret < <(garage_make_user "$work/single" alice)
#   garage_bucket_info "$work/single" alice-backups      # -> "OBJECTS BYTES"
#
# Safe under `set -euo pipefail`. Everything binds 127.0.0.1 only. Every garage CLI call names its
# config with -c: a stray /etc/garage.toml or GARAGE_CONFIG_FILE must never be picked up.
#
# Layout of a node directory DIR: garage.toml, meta/, data/, garage.log, pid, endpoint.
# A cluster directory holds n1/ n2/ n3/ plus its own endpoint file (node 1's S3 API); the
# functions that take DIR accept either kind and talk to the first node that is running.
#
# Ports: a single node uses PORT_BASE (S3), +1 (RPC), +3 (admin); cluster node i uses the same
# offsets from PORT_BASE + 10*(i-1), so a cluster takes PORT_BASE..PORT_BASE+23.
#
# Environment: GARAGE / SHEETSAFE_GARAGE (binary), GARAGE_TIMEOUT (seconds to wait for a
# server to come up or heal, default 60).

_GARAGE_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
_GARAGE_REPO=$(cd "$_GARAGE_LIB_DIR/../.." && pwd)
# Started processes are recorded in a file, not in a shell array: callers often run these
# functions inside $(...) or pipelines, i.e. in subshells whose variables die with them.
# garage_stop_all (or the garage_trap exit handler) deletes it.
_GARAGE_REGISTRY=$(mktemp "${TMPDIR:-/tmp}/sheetsafe-garage.XXXXXX")
_GARAGE_BIN=

_garage_die() {
    echo "garage: $*" >&2
    return 1
}

# --- binary ---------------------------------------------------------------------------------

# Print the path of a Garage 2.x binary, building one only as the last resort.
garage_bin() {
    if [ -n "$_GARAGE_BIN" ]; then
        echo "$_GARAGE_BIN"
        return 0
    fi
    local cand
    for cand in "${GARAGE:-}" "${SHEETSAFE_GARAGE:-}"; do
        if [ -n "$cand" ]; then
            # An explicit choice that does not work is an error, not a reason to go looking
            # elsewhere: silently testing against another binary hides the misconfiguration.
            [ -x "$cand" ] || _garage_die "GARAGE/SHEETSAFE_GARAGE points at $cand, which is not executable" || return 1
            _GARAGE_BIN=$cand
            echo "$cand"
            return 0
        fi
    done
    # shared/ sits beside the repository on developer machines and in CI, with a prebuilt 2.5.0.
    cand=$_GARAGE_REPO/../shared/bin/garage
    if [ -x "$cand" ]; then
        _GARAGE_BIN=$(cd "$(dirname "$cand")" && pwd)/garage
        echo "$_GARAGE_BIN"
        return 0
    fi
    # A garage on PATH is only taken if it is 2.x: 1.x has another CLI (no json-api, no
    # `key info --secret-key`) and this library would fail in confusing ways.
    if cand=$(command -v garage 2>/dev/null) && "$cand" --version 2>/dev/null | grep -Eq '[v:]2\.'; then
        _GARAGE_BIN=$cand
        echo "$cand"
        return 0
    fi
    local root=$_GARAGE_REPO/target/garage
    if [ ! -x "$root/bin/garage" ]; then
        echo "garage: no Garage binary found; building Garage 2.5.0 from crates.io into $root (takes ~12 minutes on 2 cores)" >&2
        cargo install garage --version 2.5.0 --locked --no-default-features \
            --features bundled-libs,sqlite,lmdb --root "$root" >&2 ||
            _garage_die "cargo install garage failed" || return 1
    fi
    _GARAGE_BIN=$root/bin/garage
    echo "$_GARAGE_BIN"
}

# --- helpers --------------------------------------------------------------------------------

_garage_random_hex() { # BYTES
    if command -v openssl >/dev/null 2>&1; then
        openssl rand -hex "$1"
    else
        od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
        echo
    fi
}

_garage_port_busy() { # PORT -> true if something already listens there
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Resolve DIR to the directory of a node we can send CLI commands to: DIR itself for a single
# node, else the first cluster member that is running (node 1 may be the one a test stopped).
_garage_node_dir() {
    local dir=$1 n
    if [ -f "$dir/garage.toml" ]; then
        echo "$dir"
        return 0
    fi
    for n in "$dir"/n[0-9]*; do
        [ -f "$n/garage.toml" ] || continue
        if [ "$(cat "$n/state" 2>/dev/null)" = running ]; then
            echo "$n"
            return 0
        fi
    done
    _garage_die "no running Garage node in $dir"
}

# Run the garage CLI against node directory (or cluster directory) DIR. The timeout keeps a
# test from hanging forever on a node that was frozen with SIGSTOP.
garage_cli() { # DIR ARGS...
    local node bin
    node=$(_garage_node_dir "$1") || return 1
    shift
    bin=$(garage_bin) || return 1
    timeout 60 "$bin" -c "$node/garage.toml" "$@"
}

garage_endpoint() { # DIR -> http://127.0.0.1:PORT
    cat "$1/endpoint"
}

_garage_write_config() { # DIR S3_PORT RPC_SECRET REPLICATION
    local dir=$1 port=$2 secret=$3 rf=$4
    mkdir -p "$dir/meta" "$dir/data"
    # Absolute paths: the server and the CLI may be started from any working directory.
    dir=$(cd "$dir" && pwd)
    # umask: the file holds the RPC secret and the admin token.
    (
        umask 077
        cat >"$dir/garage.toml" <<EOF
metadata_dir = "$dir/meta"
data_dir = "$dir/data"
db_engine = "sqlite"
replication_factor = $rf
rpc_bind_addr = "127.0.0.1:$((port + 1))"
rpc_public_addr = "127.0.0.1:$((port + 1))"
rpc_secret = "$secret"

[s3_api]
s3_region = "garage"
api_bind_addr = "127.0.0.1:$port"
root_domain = ".s3.garage.localhost"

[admin]
api_bind_addr = "127.0.0.1:$((port + 3))"
admin_token = "$(_garage_random_hex 32)"
EOF
    )
    echo "http://127.0.0.1:$port" >"$dir/endpoint"
    echo "$port" >"$dir/s3_port"
}

_garage_register() { # PID CONFIG
    echo "$1 $2" >>"$_GARAGE_REGISTRY"
}

# Start the server of node directory DIR in the background and wait until its RPC answers.
_garage_launch() { # DIR
    local dir=$1 bin pid port p
    bin=$(garage_bin) || return 1
    port=$(cat "$dir/s3_port")
    for p in "$port" $((port + 1)) $((port + 3)); do
        if _garage_port_busy "$p"; then
            _garage_die "port $p on 127.0.0.1 is already in use (another Garage left running?)" || return 1
        fi
    done
    # stdin/stdout/stderr all detached: if a caller runs us inside $(...), a server that kept
    # the pipe open would make the command substitution wait for it forever.
    "$bin" -c "$dir/garage.toml" server </dev/null >>"$dir/garage.log" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/pid"
    echo running >"$dir/state"
    _garage_register "$pid" "$dir/garage.toml"
    _garage_wait "$dir" "server answering" _garage_check_up "$dir"
}

_garage_check_up() { # DIR
    local bin
    bin=$(garage_bin) || return 1
    kill -0 "$(cat "$1/pid")" 2>/dev/null || return 2 # the process died: stop waiting
    timeout 10 "$bin" -c "$1/garage.toml" status >/dev/null 2>&1 &&
        _garage_port_busy "$(cat "$1/s3_port")"
}

# Healthy = every partition has all its replicas up, as the node in DIR sees it; optionally
# also that it sees WANT storage nodes up (after a restart the old view can still say healthy).
_garage_check_healthy() { # DIR [WANT_NODES_UP]
    local bin out
    bin=$(garage_bin) || return 1
    out=$(timeout 10 "$bin" -c "$1/garage.toml" health 2>/dev/null) || return 1
    grep -q 'Cluster health: *HEALTHY' <<<"$out" || return 1
    if [ -n "${2:-}" ]; then
        grep -Eq "Storage nodes up: *$2 *\$" <<<"$out" || return 1
    fi
}

# For a cluster with some nodes still down on purpose: the node in DIR sees at least MIN up.
_garage_check_nodes_up() { # DIR MIN
    local bin up
    bin=$(garage_bin) || return 1
    up=$(timeout 10 "$bin" -c "$1/garage.toml" health 2>/dev/null |
        sed -n 's/^Storage nodes up: *\([0-9][0-9]*\).*/\1/p') || true
    [ -n "$up" ] && [ "$up" -ge "$2" ]
}

# Poll CHECK until it succeeds; on timeout print the log tails so a CI failure explains itself.
_garage_wait() { # DIR WHAT CHECK ARGS...
    local dir=$1 what=$2 deadline rc
    shift 2
    deadline=$((SECONDS + ${GARAGE_TIMEOUT:-60}))
    while :; do
        rc=0
        "$@" || rc=$?
        [ $rc = 0 ] && return 0
        if [ $rc = 2 ] || [ $SECONDS -ge $deadline ]; then
            if [ $rc = 2 ]; then
                echo "garage: the server exited while waiting for $what in $dir" >&2
            else
                echo "garage: timed out after ${GARAGE_TIMEOUT:-60} s waiting for $what in $dir" >&2
            fi
            _garage_log_tails "$dir" >&2
            return 1
        fi
        sleep 0.3
    done
}

_garage_log_tails() { # DIR (node or cluster)
    local log
    for log in "$1"/garage.log "$1"/n[0-9]*/garage.log; do
        [ -f "$log" ] || continue
        echo "---- tail of $log"
        tail -n 30 "$log"
    done
}

_garage_node_id() { # NODE_DIR -> full node id
    local id
    id=$(garage_cli "$1" node id -q 2>/dev/null) || return 1
    echo "${id%%@*}"
}

# Stage roles for the given nodes, then apply as the next layout version. The version is read
# back rather than assumed to be 1, so this also works on a directory that was used before.
_garage_apply_layout() { # ADMIN_NODE_DIR ZONE:NODE_DIR...
    local admin=$1 spec zone node id cur
    shift
    for spec in "$@"; do
        zone=${spec%%:*} node=${spec#*:}
        id=$(_garage_node_id "$node") || return 1
        garage_cli "$admin" layout assign -z "$zone" -c 1G "$id" >/dev/null || return 1
    done
    cur=$(garage_cli "$admin" layout show 2>/dev/null |
        sed -n 's/^Current cluster layout version: *\([0-9][0-9]*\).*/\1/p')
    [ -n "$cur" ] || _garage_die "cannot read the layout version from 'garage layout show'" || return 1
    garage_cli "$admin" layout apply --version $((cur + 1)) >/dev/null
}

# --- servers --------------------------------------------------------------------------------

garage_start_single() { # DIR PORT_BASE
    local dir=$1 port=$2
    # Resolve (and, at worst, build) the binary once in this shell; later calls reuse it.
    _GARAGE_BIN=$(garage_bin) || return 1
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    _garage_write_config "$dir" "$port" "$(_garage_random_hex 32)" 1
    _garage_launch "$dir" || return 1
    _garage_apply_layout "$dir" "dc1:$dir" || return 1
    _garage_wait "$dir" "a healthy layout" _garage_check_healthy "$dir" 1 || return 1
    echo "garage: single node on $(garage_endpoint "$dir")"
}

# Three nodes, replication factor 3, one zone each: with Garage's default "consistent" mode
# reads and writes need 2 of 3 replicas, so the cluster keeps working with one node down.
garage_start_cluster() { # DIR PORT_BASE
    local dir=$1 port=$2 secret i n id
    _GARAGE_BIN=$(garage_bin) || return 1
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    secret=$(_garage_random_hex 32) # one network: all nodes share the RPC secret
    for i in 1 2 3; do
        _garage_write_config "$dir/n$i" $((port + 10 * (i - 1))) "$secret" 3
    done
    for i in 1 2 3; do
        _garage_launch "$dir/n$i" || return 1
    done
    # Introduce nodes 2 and 3 to node 1; peers are then gossiped to everyone and stored in each
    # node's metadata dir, so a restarted node finds the cluster again by itself.
    for i in 2 3; do
        n=$dir/n$i
        id=$(_garage_node_id "$n") || return 1
        garage_cli "$dir/n1" node connect "$id@127.0.0.1:$(($(cat "$n/s3_port") + 1))" >/dev/null || return 1
    done
    _garage_apply_layout "$dir/n1" "dc1:$dir/n1" "dc2:$dir/n2" "dc3:$dir/n3" || return 1
    # Every node must have the new layout and see all three up before S3 traffic starts:
    # a node still on layout version 0 would answer requests with quorum errors.
    for i in 1 2 3; do
        _garage_wait "$dir" "node $i to see a healthy 3-node cluster" _garage_check_healthy "$dir/n$i" 3 || return 1
    done
    cp "$dir/n1/endpoint" "$dir/endpoint"
    echo "garage: 3-node cluster on $(garage_endpoint "$dir")"
}

# Take one node away. MODE "kill" (default) is a crash or power loss: connections are refused at
# once and the node restarts from its disk; requests keep taking ~1 s. MODE "freeze" (SIGSTOP)
# is a hung machine or a silent network partition, the harsher case: Garage sends reads to
# the two "closest" replicas first and only asks the third when one fails, so a request that
# picked the frozen node waits for Garage's RPC timeout (300 s by default, rpc_timeout_msec):
# a PutObject was measured taking 301 s. Use freeze only with client timeouts to match.
garage_stop_node() { # NODE_DIR [kill|freeze]
    local dir=$1 mode=${2:-kill} pid
    pid=$(cat "$dir/pid")
    case "$mode" in
        kill)
            _garage_kill_wait "$pid" "$dir/garage.toml"
            echo stopped >"$dir/state"
            ;;
        freeze)
            kill -STOP "$pid"
            echo frozen >"$dir/state"
            ;;
        *) _garage_die "garage_stop_node: unknown mode $mode" ;;
    esac
}

# Bring a node back and wait until the whole cluster is fully healthy again, so that what a
# test checks next runs against three replicas, not a cluster still healing.
garage_resume_node() { # NODE_DIR
    local dir=$1 cluster state i total up
    dir=$(cd "$dir" && pwd)
    cluster=$(dirname "$dir")
    state=$(cat "$dir/state" 2>/dev/null || echo stopped)
    case "$state" in
        frozen)
            kill -CONT "$(cat "$dir/pid")"
            echo running >"$dir/state"
            ;;
        stopped) _garage_launch "$dir" || return 1 ;;
        running) ;;
    esac
    if [ ! -f "$cluster/n1/garage.toml" ]; then
        _garage_wait "$dir" "a healthy node" _garage_check_healthy "$dir" || return 1
        return 0
    fi
    # The restarted node finds its peers from its stored peer list, but the survivors retry a
    # lost peer with a growing back-off: after a 12 s outage they took ~25 s to notice the
    # node was back. Reconnecting both ways by hand brings that to ~1 s.
    if [ "$state" = stopped ]; then
        _garage_reconnect "$cluster" "$dir" || return 1
    fi
    total=0 up=0
    for i in "$cluster"/n[0-9]*; do
        total=$((total + 1))
        if [ "$(cat "$i/state")" = running ]; then up=$((up + 1)); fi
    done
    for i in "$cluster"/n[0-9]*; do
        [ "$(cat "$i/state")" = running ] || continue
        if [ $up = $total ]; then
            _garage_wait "$cluster" "$(basename "$i") to see a healthy cluster" \
                _garage_check_healthy "$i" "$total" || return 1
        else # another node is still down on purpose: full health cannot come
            _garage_wait "$cluster" "$(basename "$i") to see $up nodes up" \
                _garage_check_nodes_up "$i" "$up" || return 1
        fi
    done
}

# Connect NODE_DIR and every other running member of CLUSTER to each other.
_garage_reconnect() { # CLUSTER NODE_DIR
    local cluster=$1 node=$2 other id_node id_other
    id_node=$(_garage_node_id "$node") || return 1
    for other in "$cluster"/n[0-9]*; do
        if [ "$other" = "$node" ] || [ "$(cat "$other/state")" != running ]; then continue; fi
        id_other=$(_garage_node_id "$other") || return 1
        garage_cli "$node" node connect "$id_other@127.0.0.1:$(($(cat "$other/s3_port") + 1))" >/dev/null || return 1
        garage_cli "$other" node connect "$id_node@127.0.0.1:$(($(cat "$node/s3_port") + 1))" >/dev/null || return 1
    done
}

# TERM, then KILL after 10 s. The command line is checked first: PIDs get reused, and a test
# helper must never shoot an unrelated process.
_garage_kill_wait() { # PID CONFIG
    local pid=$1 cfg=$2 i
    [ -r "/proc/$pid/cmdline" ] || return 0
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$cfg" || return 0
    kill -CONT "$pid" 2>/dev/null || true # a frozen process cannot act on TERM
    kill -TERM "$pid" 2>/dev/null || return 0
    for i in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}

# Stop every server this library started (in this shell or any of its subshells).
garage_stop_all() {
    local pid cfg
    [ -f "$_GARAGE_REGISTRY" ] || return 0
    while read -r pid cfg; do
        [ -n "$pid" ] || continue
        _garage_kill_wait "$pid" "$cfg" || true
        echo stopped >"$(dirname "$cfg")/state" 2>/dev/null || true
    done <"$_GARAGE_REGISTRY"
    # Removed, not emptied: a script that sourced us leaves nothing in /tmp once it has
    # called this. A later start simply creates the file again.
    rm -f "$_GARAGE_REGISTRY"
}

# Install an EXIT trap that stops all servers, then runs CMD (the caller's own cleanup), and
# keeps the script's exit status. INT/TERM are turned into exits so the trap runs on ^C too.
# Bash has one EXIT trap per shell: a script using this should not set its own.
garage_trap() { # [CMD]
    _GARAGE_TRAP_CMD=${1:-}
    trap '_garage_on_exit' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

_garage_on_exit() {
    local rc=$?
    set +e
    garage_stop_all
    if [ -n "${_GARAGE_TRAP_CMD:-}" ]; then
        eval "$_GARAGE_TRAP_CMD"
    fi
    exit $rc
}

# --- accounts -------------------------------------------------------------------------------

# Create access key NAME and bucket NAME-backups that only this key can use (read, write,
# owner), the way a company administrator would set up one employee. Prints "KEY_ID SECRET".
garage_make_user() { # DIR NAME
    local dir=$1 name=$2 out key_id secret
    out=$(garage_cli "$dir" key create "$name") || return 1
    # Take the ID from the create output (several keys may share a name), then ask for the
    # secret alone: --secret-key prints nothing but the secret, so no table parsing for it.
    key_id=$(sed -n 's/^Key ID: *\(GK[0-9a-fA-F]*\).*/\1/p' <<<"$out" | head -n 1)
    [ -n "$key_id" ] || _garage_die "cannot find the key ID in 'garage key create' output: $out" || return 1
    secret=$(garage_cli "$dir" key info --secret-key "$key_id" 2>/dev/null | tr -d '[:space:]') || true
    if [ -z "$secret" ]; then
        secret=$(garage_cli "$dir" key info --show-secret "$key_id" |
            sed -n 's/^Secret key: *\([0-9a-fA-F]*\).*/\1/p' | head -n 1)
    fi
    [ -n "$secret" ] || _garage_die "cannot read the secret of key $key_id" || return 1
    garage_cli "$dir" bucket create "$name-backups" >/dev/null || return 1
    garage_cli "$dir" bucket allow --read --write --owner "$name-backups" --key "$key_id" >/dev/null || return 1
    echo "$key_id $secret"
}

# Print "OBJECTS BYTES" of BUCKET, what the administrator sees in `garage bucket info`. Taken
# from the admin API's JSON (exact bytes) rather than the human table ("1.2 MB"). The counters
# are updated asynchronously: poll if a test needs them right after a write.
garage_bucket_info() { # DIR BUCKET
    local json objects bytes
    json=$(garage_cli "$1" json-api GetBucketInfo "{\"globalAlias\":\"$2\"}") || return 1
    objects=$(sed -n 's/^  "objects": *\([0-9][0-9]*\).*/\1/p' <<<"$json")
    bytes=$(sed -n 's/^  "bytes": *\([0-9][0-9]*\).*/\1/p' <<<"$json")
    [ -n "$objects" ] && [ -n "$bytes" ] ||
        _garage_die "unexpected GetBucketInfo answer: $json" || return 1
    echo "$objects $bytes"
}
