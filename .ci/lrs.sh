#!/usr/bin/env bash
# Runs the LRS integration test (tests/lrs.rs) against a real xAPI LRS: Ralph, from PyPI,
# in a virtualenv, on loopback only. Called by .ci/run; also runnable by hand.
#
# Environment: RALPH_VENV (default ~/.cache/rollcall/ralph-venv) and CARGO_TARGET_DIR are
# honoured. The test itself starts and stops a second Ralph (ROLLCALL_TEST_RALPH_VENV) to
# check that a sync interrupted by the LRS going away sends the rest next time.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${RALPH_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/rollcall/ralph-venv}
RALPH_VERSION=5.1.0

if [ ! -x "$VENV/bin/ralph" ] || ! "$VENV/bin/pip" show ralph-malph 2>/dev/null | grep -qx "Version: $RALPH_VERSION"; then
    echo "lrs.sh: installing Ralph $RALPH_VERSION into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check \
        "ralph-malph[lrs,cli]==$RALPH_VERSION" requests
fi

WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export RALPH_APP_DIR=$WORK/app
export RALPH_AUTH_FILE=$WORK/auth.json
export RALPH_RUNSERVER_BACKEND=fs
export RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=$WORK/data
mkdir -p "$WORK/data"

USER_NAME=rollcall-ci
PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
"$VENV/bin/ralph" auth -u "$USER_NAME" -p "$PASSWORD" -s all \
    -M mailto:rollcall-ci@example.com -w >/dev/null 2>&1

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$VENV/bin/python" "$ROOT/.ci/ralph-lrs.py" "$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 150); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "lrs.sh: Ralph exited:"; cat "$WORK/server.log"; exit 1
    fi
    sleep 0.2
done

export ROLLCALL_TEST_LRS_URL=http://127.0.0.1:$PORT/xAPI
export ROLLCALL_TEST_LRS_USER=$USER_NAME
export ROLLCALL_TEST_LRS_PASSWORD=$PASSWORD
export ROLLCALL_TEST_RALPH_VENV=$VENV
status=0
cargo test --test lrs -- --test-threads=2 || status=$?
if [ "$status" -ne 0 ]; then
    echo "lrs.sh: Ralph's log:"; tail -50 "$WORK/server.log"
fi
exit "$status"
