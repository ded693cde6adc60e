#!/usr/bin/env bash
# A real xAPI LRS for tests/lrs.rs: Ralph, from PyPI, in a virtualenv, on loopback only.
#
# Sourced by .ci/run, which calls lrs_start before the README's `cargo test` and lrs_stop
# after it. Run by hand (`bash .ci/lrs.sh`) it starts Ralph and runs only tests/lrs.rs.
#
# Environment: RALPH_VENV (default ~/.cache/rollcall/ralph-venv) is honoured. The test itself
# starts and stops a second Ralph (ROLLCALL_TEST_RALPH_VENV) to check that a sync interrupted
# by the LRS going away sends the rest next time.

LRS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LRS_VENV=${RALPH_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/rollcall/ralph-venv}
LRS_RALPH_VERSION=5.1.0
LRS_WORK=
LRS_PID=

lrs_stop() {
    if [ -n "$LRS_PID" ] && kill -0 "$LRS_PID" 2>/dev/null; then
        kill -TERM "$LRS_PID" 2>/dev/null || true
        wait "$LRS_PID" 2>/dev/null || true
    fi
    if [ -n "$LRS_WORK" ]; then rm -rf "$LRS_WORK"; fi
}

# Starts Ralph and exports ROLLCALL_TEST_LRS_*; returns non-zero (tests then skip) if it cannot.
lrs_start() {
    if [ ! -x "$LRS_VENV/bin/ralph" ] || ! "$LRS_VENV/bin/pip" show ralph-malph 2>/dev/null | grep -qx "Version: $LRS_RALPH_VERSION"; then
        echo "lrs.sh: installing Ralph $LRS_RALPH_VERSION into $LRS_VENV"
        python3 -m venv "$LRS_VENV" &&
        "$LRS_VENV/bin/pip" install --quiet --disable-pip-version-check \
            "ralph-malph[lrs,cli]==$LRS_RALPH_VERSION" requests || {
            echo "lrs.sh: WARNING: Ralph could not be installed; the LRS tests will be skipped" >&2
            return 1
        }
    fi
    LRS_WORK=$(mktemp -d)
    export RALPH_APP_DIR=$LRS_WORK/app
    export RALPH_AUTH_FILE=$LRS_WORK/auth.json
    export RALPH_RUNSERVER_BACKEND=fs
    export RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=$LRS_WORK/data
    mkdir -p "$LRS_WORK/data"
    local user=rollcall-ci password port
    password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
    "$LRS_VENV/bin/ralph" auth -u "$user" -p "$password" -s all \
        -M mailto:rollcall-ci@example.com -w >/dev/null 2>&1
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    "$LRS_VENV/bin/python" "$LRS_ROOT/.ci/ralph-lrs.py" "$port" >"$LRS_WORK/server.log" 2>&1 &
    LRS_PID=$!
    local ok=
    for _ in $(seq 1 150); do
        if python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; then
            ok=1
            break
        fi
        if ! kill -0 "$LRS_PID" 2>/dev/null; then break; fi
        sleep 0.2
    done
    if [ -z "$ok" ]; then
        echo "lrs.sh: WARNING: Ralph did not start; the LRS tests will be skipped. Its log:" >&2
        cat "$LRS_WORK/server.log" >&2
        return 1
    fi
    export ROLLCALL_TEST_LRS_URL=http://127.0.0.1:$port/xAPI
    export ROLLCALL_TEST_LRS_USER=$user
    export ROLLCALL_TEST_LRS_PASSWORD=$password
    export ROLLCALL_TEST_RALPH_VENV=$LRS_VENV
    echo "lrs.sh: Ralph LRS on $ROLLCALL_TEST_LRS_URL"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    cd "$LRS_ROOT"
    trap lrs_stop EXIT
    lrs_start
    cargo test --test lrs
fi
