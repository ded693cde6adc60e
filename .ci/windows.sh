#!/usr/bin/env bash
# The Windows stage of CI: builds rollcall.exe for x86_64-pc-windows-gnu with mingw and runs
# a suite of Windows tests against it under Wine (CLI, progress store, files, data folders).
#
# Installs what is missing (the Rust target, mingw, Wine). Every test prints PASS, FAIL or
# SKIP with a reason; the last line is "windows: N passed, N failed, N skipped in S s". Exits 1
# if any test failed, 0 otherwise (a stage that cannot run at all says why and skips).
#
# Wine cannot judge how the TUI looks on Windows (its console translation garbles full-screen
# programs), so nothing here looks at screens.
#
# Environment: ROLLCALL_WINE_PROFILE (cargo profile, default `wine`), ROLLCALL_WINE_TARGET_DIR
# (default target/windows), ROLLCALL_WINE_KEEP=1 keeps the test folder for a post-mortem.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=x86_64-pc-windows-gnu
PROFILE=${ROLLCALL_WINE_PROFILE:-wine}
TARGET_DIR=${ROLLCALL_WINE_TARGET_DIR:-$ROOT/target/windows}
STARTED=$(date +%s)
PASSED=0 FAILED=0 SKIPPED=0
FAILURES=()

log() { printf 'windows: %s\n' "$*"; }
pass() { PASSED=$((PASSED + 1)); printf 'PASS  %s\n' "$1"; }
fail() {
  FAILED=$((FAILED + 1)); FAILURES+=("$1")
  printf 'FAIL  %s: %s\n' "$1" "$2"
  [ -n "${3:-}" ] && [ -s "$3" ] && sed -n '1,30s/^/      /p' "$3"
  return 0
}
skip() { SKIPPED=$((SKIPPED + 1)); printf 'SKIP  %s: %s\n' "$1" "$2"; }
summary() {
  local took=$(($(date +%s) - STARTED))
  ((FAILED)) && log "failed: ${FAILURES[*]}"
  echo "windows: $PASSED passed, $FAILED failed, $SKIPPED skipped in ${took} s"
}
# The whole stage cannot run: say why, loudly, and stop without failing the rest of CI.
skip_stage() {
  echo "windows: SKIPPED THE WHOLE WINDOWS STAGE: $1"
  SKIPPED=$((SKIPPED + 1))
  summary
  exit 0
}

# --- tools -------------------------------------------------------------------------------
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1
  fi
}

if ! rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
  log "installing the Rust target $TARGET"
  rustup target add "$TARGET" >/dev/null 2>&1 || skip_stage "cannot install the Rust target $TARGET (rustup target add failed: offline?)"
fi
missing=()
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64)
command -v wine >/dev/null || missing+=(wine wine64)
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  command -v apt-get >/dev/null || skip_stage "${missing[*]} missing and there is no apt-get to install them"
  { as_root apt-get update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >/dev/null 2>&1 ||
    skip_stage "cannot install ${missing[*]} (not root, no sudo, or offline)"
fi
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc

# --- build ---------------------------------------------------------------------------------
log "building rollcall.exe (profile $PROFILE)"
t0=$(date +%s)
# The hidden save-loop command is in release code only with the test-commands feature (when
# the crate has one).
FEATURES=()
grep -q '^test-commands *=' Cargo.toml && FEATURES=(--features test-commands)
if ! cargo build --quiet --profile "$PROFILE" --target "$TARGET" --target-dir "$TARGET_DIR" "${FEATURES[@]}" --bin rollcall; then
  fail build "cargo build for $TARGET failed"
  summary
  exit 1
fi
log "built in $(($(date +%s) - t0)) s"
EXE_BUILT=$TARGET_DIR/$TARGET/$PROFILE/rollcall.exe
# The Linux binary the outputs are compared with (already built by `cargo test` in CI).
cargo build --quiet --bin rollcall || { fail build-linux "cargo build failed"; summary; exit 1; }
LIN=$ROOT/target/debug/rollcall

W=$(mktemp -d "${TMPDIR:-/tmp}/rollcall-wine.XXXXXX")
export WINEPREFIX=$W/prefix WINEDEBUG=-all WINEARCH=win64
# No Mono or Gecko installers on first start: nothing here needs .NET or a browser.
export WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() {
  wineserver -k >/dev/null 2>&1
  if [ "${ROLLCALL_WINE_KEEP:-}" = 1 ]; then log "kept $W"; else rm -rf "$W"; fi
}
trap cleanup EXIT
BIN=$W/bin
mkdir -p "$BIN"
cp "$EXE_BUILT" "$BIN/rollcall.exe"
# Test tooling only, never shipped: see the comments in the sources.
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$BIN/bcryptprimitives.dll" .ci/wine/processprng.c -ladvapi32 ||
  { fail build-shim "cannot build the ProcessPrng shim"; summary; exit 1; }
x86_64-w64-mingw32-gcc -municode -O2 -s -o "$W/holdfile.exe" .ci/wine/holdfile.c ||
  { fail build-holdfile "cannot build holdfile.exe"; summary; exit 1; }
log "rollcall.exe is $(stat -c %s "$BIN/rollcall.exe") bytes ($PROFILE profile)"

t0=$(date +%s)
timeout 180 wineboot -i >/dev/null 2>&1 || skip_stage "wineboot could not make a Wine prefix"
log "Wine prefix ready in $(($(date +%s) - t0)) s ($(wine --version 2>/dev/null))"
# One wineserver for the whole stage. By default it exits 3 s after its last client, and a
# client that starts while it is going away fails with "wine client error"; -p (no delay
# given) keeps it until cleanup's wineserver -k. wineboot's own server goes first (-w waits
# for it, bounded); later calls only start one when none runs (a second -p exits at once).
timeout 60 wineserver -w >/dev/null 2>&1
wineserver_up() { wineserver -p >/dev/null 2>&1; }
wineserver_up

# Nothing from the caller's environment may steer either binary.
for v in $(env | sed -n 's/^\(ROLLCALL_[A-Z_]*\)=.*/\1/p'); do unset "$v"; done
unset NO_COLOR COLUMNS
export TZ=UTC

# --- helpers ---------------------------------------------------------------------------------
# A Windows path (Wine's Z: drive is /) for a Unix path.
wpath() { local p=$1; printf 'Z:%s' "${p//\//\\}"; }
# Runs rollcall.exe under Wine: stdout to $OUT, stderr to $ERR, exit code in $CODE.
OUT=$W/out ERR=$W/err
# Wine's own plumbing fails now and then: a client that meets the wineserver at a bad moment
# prints "wine client error:0: recvmsg: Connection reset by peer" and exits 1 before
# rollcall.exe runs (CI failed once so on the reserved-name test). Such a run is not
# rollcall's answer: it is said and retried, at most twice.
win() {
  local try
  for try in 1 2 3; do
    timeout 120 wine "$BIN/rollcall.exe" "$@" >"$OUT" 2>"$ERR"; CODE=$?
    grep -q '^wine client error' "$ERR" || return 0
    log "Wine itself failed (try $try of 3, exit $CODE): $(head -1 "$ERR")"
    wineserver_up
  done
}
# Runs the Linux binary the same way, into $LOUT/$LERR/$LCODE.
LOUT=$W/lout LERR=$W/lerr
lin() { timeout 120 "$LIN" "$@" >"$LOUT" 2>"$LERR"; LCODE=$?; }
# Line ends aside, are two files the same bytes? Leaves a diff in $W/diff.
same() { diff -u <(tr -d '\r' <"$2") <(tr -d '\r' <"$1") >"$W/diff"; }
# Windows paths in $1 (and in $ERR) made Unix ones, for outputs that show native paths:
# Z:\a\b -> /a/b, also JSON-escaped (Z:\\a\\b).
unix_paths() {
  local f
  for f in "$1" "$ERR"; do sed -i -e 's#Z:\\\\#/#g; s#\\\\#/#g' -e 's#Z:\\#/#g; s#\\#/#g; s#Z:/#/#g' "$f"; done
}
# Compares the Windows run ($OUT, $CODE) with the Linux run ($LOUT, $LCODE); with a second
# argument `paths`, native Windows paths count as equal to the Unix ones.
expect_same() {
  local name=$1
  [ "${2:-}" = paths ] && unix_paths "$OUT"
  if [ "$CODE" != "$LCODE" ]; then
    fail "$name" "exit code $CODE under Wine, $LCODE on Linux" "$ERR"
  elif ! same "$OUT" "$LOUT"; then
    fail "$name" "output differs from Linux (- Linux, + Windows)" "$W/diff"
  elif [ ! -s "$OUT" ]; then
    fail "$name" "no output" "$ERR"
  else
    pass "$name"
  fi
}
# Attempt ids in a progress file, one a line, sorted (read by the Linux binary's parser via
# `progress --format json`, so a file Linux cannot parse fails here).
attempt_ids() { grep -o '^id = "[^"]*"' "$1" | sed 's/^id = "\(.*\)"$/\1/' | sort; }
parses_on_both() {
  local dir=$1 learner=$2
  lin --data-dir "$dir" --learner "$learner" progress --format json || return 1
  win --data-dir "$(wpath "$dir")" --learner "$learner" progress --format json || return 1
  unix_paths "$OUT"
  same "$OUT" "$LOUT"
}

# --- tests -------------------------------------------------------------------------------------
log "running the Windows tests under Wine"

win --version; lin --version; expect_same "version"

win check courses; lin check courses; expect_same "check bundled courses (courses\\)"

mkdir -p "$W/empty"
(cd "$W/empty" && win check); (cd "$W/empty" && lin check)
expect_same "check built-in courses (unpacked to %TEMP%)"

win check 'tests\fixtures\broken-courses'; lin check tests/fixtures/broken-courses
if [ "$CODE" = 1 ] && grep -q 'tests/fixtures/broken-courses/toml-syntax/course.toml:1:17' "$OUT"; then
  expect_same "check broken fixtures, relative path with backslashes"
else
  fail "check broken fixtures, relative path with backslashes" "exit $CODE or no located diagnostic" "$OUT"
fi

win check "$(wpath "$ROOT/tests/fixtures/broken-courses")"; lin check "$ROOT/tests/fixtures/broken-courses"
sed -i 's#Z:/#/#g' "$OUT"
expect_same "check broken fixtures, absolute Z:\\ path (shown as Z:/...)"

win check --format json 'tests\fixtures\broken-courses'; lin check --format json tests/fixtures/broken-courses
expect_same "check --format json on broken fixtures"

# Course files saved by a Windows editor (CRLF): same diagnostics, lines and columns.
mkdir -p "$W/crlf"
cp -r tests/fixtures/broken-courses "$W/crlf/broken"
find "$W/crlf" -type f -name '*.toml' -exec sed -i 's/$/\r/' {} +
find "$W/crlf" -type f -name '*.md' -exec sed -i 's/$/\r/' {} +
(cd "$W/crlf" && win check broken); lin check tests/fixtures/broken-courses
sed -i 's#^\( *--> \)tests/fixtures/broken-courses/#\1broken/#' "$LOUT"
sed -i 's#"tests/fixtures/broken-courses/#"broken/#' "$LOUT"
expect_same "check CRLF course files (same lines and columns as LF)"

for course in courses/*/; do
  id=$(basename "$course")
  win --courses courses preview --plain --width 80 "$id/1"
  lin --courses courses preview --plain --width 80 "$id/1"
  expect_same "preview --plain $id/1"
done

DATA=$W/data
cp -r tests/fixtures/machines/station-a "$DATA"
for fmt in table json csv; do
  win --courses 'tests\fixtures\records-courses' --data-dir "$(wpath "$DATA")" --learner jdoe progress --format "$fmt"
  lin --courses tests/fixtures/records-courses --data-dir "$DATA" --learner jdoe progress --format "$fmt"
  expect_same "progress --format $fmt (native paths aside)" paths
done

MACHINES=(station-a laptop-b laptop-c)
for fmt in table csv json; do
  win --courses 'tests\fixtures\records-courses' --data-dir "$(wpath "$W/empty")" report --format "$fmt" "${MACHINES[@]/#/tests\\fixtures\\machines\\}"
  lin --courses tests/fixtures/records-courses --data-dir "$W/empty" report --format "$fmt" "${MACHINES[@]/#/tests/fixtures/machines/}"
  expect_same "report --format $fmt (three machines, native paths aside)" paths
  if ! same "$ERR" "$LERR"; then fail "report --format $fmt: warnings" "stderr differs from Linux" "$W/diff"; fi
done

win --courses 'tests\fixtures\records-courses' --data-dir "$(wpath "$W/empty")" export xapi --homepage https://pd.example/ "${MACHINES[@]/#/tests\\fixtures\\machines\\}"
lin --courses tests/fixtures/records-courses --data-dir "$W/empty" export xapi --homepage https://pd.example/ "${MACHINES[@]/#/tests/fixtures/machines/}"
expect_same "export xapi (three machines)"

# A roster saved by a Windows spreadsheet (byte-order mark, CRLF) reads like the original.
COMP=tests/fixtures/compliance
{ printf '\xef\xbb\xbf'; sed 's/$/\r/' "$COMP/roster.csv"; } >"$W/roster-crlf.csv"
for fmt in csv json; do
  win --courses "$(wpath "$ROOT/$COMP/courses")" --data-dir "$(wpath "$W/empty")" compliance --roster "$(wpath "$W/roster-crlf.csv")" --as-of 2026-12-20 --format "$fmt" "${COMP//\//\\}\\station" "${COMP//\//\\}\\laptop"
  lin --courses "$ROOT/$COMP/courses" --data-dir "$W/empty" compliance --roster "$COMP/roster.csv" --as-of 2026-12-20 --format "$fmt" "$COMP/station" "$COMP/laptop"
  expect_same "compliance --format $fmt with a CRLF roster with a byte-order mark" paths
done

# Two copies saving into one learner at once (LockFileEx): all 100 attempts kept.
TWO=$W/two
mkdir -p "$TWO"
timeout 300 wine "$BIN/rollcall.exe" --data-dir "$(wpath "$TWO")" --learner jdoe save-loop --count 50 --tag a >"$W/a.out" 2>"$W/a.err" &
pa=$!
timeout 300 wine "$BIN/rollcall.exe" --data-dir "$(wpath "$TWO")" --learner jdoe save-loop --count 50 --tag b >"$W/b.out" 2>"$W/b.err" &
pb=$!
wait $pa; ca=$?; wait $pb; cb=$?
n=$(attempt_ids "$TWO/jdoe.toml" 2>/dev/null | sort -u | wc -l)
if [ "$ca$cb" != 00 ]; then
  fail "two copies saving 50 attempts each" "exit codes $ca and $cb" "$W/a.err"
elif [ "$n" != 100 ]; then
  fail "two copies saving 50 attempts each" "$n of 100 attempts in the file"
elif ! parses_on_both "$TWO" jdoe; then
  fail "two copies saving 50 attempts each" "the file does not read the same on Linux and Windows" "$W/diff"
else
  pass "two copies saving 50 attempts each (100 of 100 kept)"
fi

# A copy killed mid-loop: every attempt it reported saved is in the file, which still parses.
killed_test() {
  local name=$1 how=$2 dir=$W/killed-$2
  mkdir -p "$dir"
  : >"$dir.out"
  # No `timeout` wrapper: $! must be the Wine process itself for the SIGKILL (wineserver -k
  # at the end stops anything left).
  wine "$BIN/rollcall.exe" --data-dir "$(wpath "$dir")" --learner jdoe save-loop --count 1000000 --tag k >"$dir.out" 2>"$dir.err" &
  local pid=$! waited=0
  while [ "$(grep -c '^saved ' "$dir.out" 2>/dev/null)" -lt 25 ] && [ $waited -lt 600 ] && kill -0 $pid 2>/dev/null; do
    sleep 0.1; waited=$((waited + 1))
  done
  if [ "$how" = taskkill ]; then
    wine taskkill /F /IM rollcall.exe >/dev/null 2>&1
  else
    kill -9 $pid
  fi
  wait $pid 2>/dev/null
  if pgrep -f 'rollcall\.exe.*save-loop' >/dev/null; then
    fail "$name" "the saver is still running after the kill"; wineserver -k; wineserver_up; return
  fi
  local reported kept missing
  reported=$(grep -c '^saved ' "$dir.out")
  if [ "$reported" -lt 25 ]; then
    fail "$name" "only $reported attempts saved before the kill" "$dir.err"; return
  fi
  kept=$(attempt_ids "$dir/jdoe.toml" | wc -l)
  missing=$(comm -23 <(sed -n 's/^saved //p' "$dir.out" | tr -d '\r' | sort) <(attempt_ids "$dir/jdoe.toml") | wc -l)
  if [ "$missing" != 0 ]; then
    fail "$name" "$missing of $reported reported attempts missing from the file"
  elif ! parses_on_both "$dir" jdoe; then
    fail "$name" "the file does not read the same on Linux and Windows after the kill (exit $LCODE/$CODE)" "$W/diff"
  else
    pass "$name ($reported reported, $kept kept, file parses)"
  fi
}
killed_test "saver killed mid-loop (Unix SIGKILL of the Wine process)" sigkill
killed_test "saver killed mid-loop (taskkill /F)" taskkill

# A corrupt progress file is never overwritten; --repair moves it aside byte for byte.
BAD=$W/bad
mkdir -p "$BAD"
cp tests/fixtures/progress/bad-syntax.toml "$BAD/jdoe.toml"
win --data-dir "$(wpath "$BAD")" --learner jdoe save-loop --count 1 --tag c
if [ "$CODE" = 0 ]; then
  fail "corrupt progress file kept intact" "save-loop succeeded over a corrupt file"
elif ! cmp -s "$BAD/jdoe.toml" tests/fixtures/progress/bad-syntax.toml; then
  fail "corrupt progress file kept intact" "the file was changed"
elif ! grep -q "left untouched" "$ERR"; then
  fail "corrupt progress file kept intact" "the error does not say the file was left untouched" "$ERR"
else
  win --data-dir "$(wpath "$BAD")" --learner jdoe progress --repair
  moved=$(find "$BAD" -name 'jdoe.toml.broken-*' | head -1)
  if [ "$CODE" != 0 ] || [ -z "$moved" ] || ! cmp -s "$moved" tests/fixtures/progress/bad-syntax.toml; then
    fail "corrupt progress file kept intact" "--repair did not move it aside intact (exit $CODE)" "$ERR"
  else
    win --data-dir "$(wpath "$BAD")" --learner jdoe save-loop --count 1 --tag c
    if [ "$CODE" = 0 ]; then pass "corrupt progress file kept intact, then repaired"; else fail "corrupt progress file kept intact" "cannot save after --repair" "$ERR"; fi
  fi
fi

# Data folders: the platform folder (%APPDATA%), then rollcall-data\ beside the exe wins.
# shellcheck disable=SC2016
appdata_unix=$(wine cmd /c 'echo %APPDATA%' 2>/dev/null | tr -d '\r')
appdata_unix=$(realpath -m "$(winepath -u "$appdata_unix" 2>/dev/null)")
win --learner appdata save-loop --count 1 --tag d
found=$(find "$WINEPREFIX/drive_c" -name appdata.toml 2>/dev/null | head -1)
if [ "$CODE" != 0 ]; then
  fail "data folder: %APPDATA%" "save failed" "$ERR"
elif [ -z "$appdata_unix" ] || [[ "$found" != "${appdata_unix%/}"/rollcall/* ]]; then
  fail "data folder: %APPDATA%" "saved to '${found:-nowhere}', not under %APPDATA% ($appdata_unix)"
else
  pass "data folder: %APPDATA% (${found#"$WINEPREFIX"/})"
fi
mkdir -p "$BIN/rollcall-data"
win --learner portable save-loop --count 1 --tag p
if [ "$CODE" = 0 ] && [ -f "$BIN/rollcall-data/portable.toml" ] && [ -z "$(find "$WINEPREFIX/drive_c" -name portable.toml)" ]; then
  win --learner portable progress
  if grep -q 'portable' "$OUT" && grep -q '1 quiz attempt' "$OUT"; then
    pass "data folder: rollcall-data\\ beside the exe"
  else
    fail "data folder: rollcall-data\\ beside the exe" "progress does not read it back" "$OUT"
  fi
else
  fail "data folder: rollcall-data\\ beside the exe" "not saved beside the exe (exit $CODE)" "$ERR"
fi
rm -rf "$BIN/rollcall-data"
ROLLCALL_DATA_DIR=$(wpath "$W/envdir") win --learner env save-loop --count 1 --tag e
if [ "$CODE" = 0 ] && [ -f "$W/envdir/env.toml" ]; then pass "data folder: %ROLLCALL_DATA_DIR%"; else fail "data folder: %ROLLCALL_DATA_DIR%" "not saved there (exit $CODE)" "$ERR"; fi

# Renaming over a progress file that another program holds open (a virus scanner, a backup
# tool): the save waits and succeeds when it lets go, and says "not saved" when it never does.
HOLD=$W/hold
mkdir -p "$HOLD"
win --data-dir "$(wpath "$HOLD")" --learner jdoe save-loop --count 1 --tag h0
hold_for() { # milliseconds; starts holdfile and waits until it holds the file
  : >"$W/hold.out"
  wine "$W/holdfile.exe" "$(wpath "$HOLD/jdoe.toml")" "$1" >"$W/hold.out" 2>&1 &
  HOLDER=$!
  local i=0
  while ! grep -q held "$W/hold.out" && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
  grep -q held "$W/hold.out"
}
if ! hold_for 1500; then
  skip "save while another program holds the file" "holdfile.exe could not open the file under Wine"
else
  win --data-dir "$(wpath "$HOLD")" --learner jdoe save-loop --count 1 --tag h1
  wait $HOLDER
  if [ "$CODE" = 0 ] && attempt_ids "$HOLD/jdoe.toml" | grep -qx h1-0; then
    pass "save while another program holds the file for 1.5 s (retried, saved)"
  else
    fail "save while another program holds the file for 1.5 s" "not saved (exit $CODE)" "$ERR"
  fi
  cp "$HOLD/jdoe.toml" "$W/hold-before"
  hold_for 8000
  win --data-dir "$(wpath "$HOLD")" --learner jdoe save-loop --count 1 --tag h2
  wait $HOLDER
  leftovers=$(find "$HOLD" -name '.jdoe.toml.tmp-*' | wc -l)
  if [ "$CODE" = 0 ]; then
    fail "save while another program holds the file for 8 s" "reported saved while the file was held"
  elif ! grep -q "not saved" "$ERR" || ! grep -q "another program" "$ERR"; then
    fail "save while another program holds the file for 8 s" "the error does not say not saved / another program" "$ERR"
  elif ! cmp -s "$HOLD/jdoe.toml" "$W/hold-before"; then
    fail "save while another program holds the file for 8 s" "the file changed"
  elif [ "$leftovers" != 0 ]; then
    fail "save while another program holds the file for 8 s" "$leftovers temp files left behind"
  else
    pass "save while another program holds the file for 8 s (gave up after 3 s: \"$(grep -o 'not saved' "$ERR" | head -1)\", file intact)"
  fi
fi

# Names Windows reserves are refused (on every platform; here on Windows itself).
ok=1
for name in CON nul.txt 'Com1' 'LPT9' 'jdoe.' 'jdoe '; do
  win --data-dir "$(wpath "$W/names")" --learner "$name" save-loop --count 1
  if [ "$CODE" != 2 ] || ! grep -q "invalid learner name" "$ERR"; then
    ok=0; fail "reserved learner name '$name' refused" "exit $CODE" "$ERR"
  fi
done
win --courses "$(wpath "$W/names")" new con
if [ "$CODE" = 0 ] || ! grep -q "reserved device name" "$ERR"; then ok=0; fail "course id 'con' refused" "exit $CODE" "$ERR"; fi
[ $ok = 1 ] && pass "reserved names (CON, nul.txt, Com1, LPT9, trailing dot or space, course id con) refused"

# Long paths (past MAX_PATH = 260): progress saves and reads back, courses check.
LONG=$W
for _ in 1 2 3 4 5 6; do LONG=$LONG/a-rather-long-folder-name-for-testing-windows-paths; done
mkdir -p "$LONG"
cp -r tests/fixtures/courses/sample "$LONG/sample"
win --data-dir "$(wpath "$LONG/data")" --learner jdoe save-loop --count 3 --tag l
if [ "$CODE" != 0 ]; then
  fail "long path (${#LONG} characters)" "save failed" "$ERR"
elif [ "$(attempt_ids "$LONG/data/jdoe.toml" | wc -l)" != 3 ]; then
  fail "long path (${#LONG} characters)" "attempts missing"
else
  win check "$(wpath "$LONG/sample")"
  if [ "$CODE" = 0 ]; then pass "long path (${#LONG} characters): save, read, check"; else fail "long path: check" "exit $CODE" "$OUT"; fi
fi

summary
((FAILED == 0))
