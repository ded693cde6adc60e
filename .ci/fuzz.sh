#!/usr/bin/env bash
# Fuzz smoke run for CI: each cargo-fuzz target in fuzz/ for FUZZ_SECONDS (default 30) when a
# nightly toolchain and cargo-fuzz are present; otherwise says why it skipped. Crashing
# inputs land in fuzz/artifacts/<target>/ and are reported loudly; copy them to
# fuzz/regressions/<target>/ so `cargo test` replays them (see fuzz/README.md). Every kept input
# is also a seed here and a `cargo test` case, so a fixed bug that returns fails the build. A
# *new* find of a 30-second random search fails the run only with FUZZ_STRICT=1: it is a bug
# to file and fix, and should not decide by chance whether unrelated work lands.
#
# Sourced or run by .ci/run. Run by hand: `bash .ci/fuzz.sh` (FUZZ_SECONDS=600 for a long run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../fuzz"

FUZZ_SECONDS=${FUZZ_SECONDS:-30}
TARGETS=(markdown_render course_check quiz_grade progress_merge xapi_export)

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    echo "fuzz.sh: skipped: no nightly toolchain (rustup toolchain install nightly)"
    exit 0
fi
# cargo-fuzz is not on a fresh machine. Installing it (144 s) and building the targets cold
# (523 s) take about eleven minutes on 2 cores, which would put CI past 20 minutes, so that
# happens only when asked (ROLLCALL_FUZZ_INSTALL=1); otherwise the stage says why it skipped.
if ! cargo +nightly fuzz --version >/dev/null 2>&1 && [ "${ROLLCALL_FUZZ_INSTALL:-0}" != 1 ]; then
    echo "fuzz.sh: skipped: cargo-fuzz is not installed (ROLLCALL_FUZZ_INSTALL=1 installs it, or cargo install cargo-fuzz)"
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz"
    start=$(date +%s)
    if ! cargo install cargo-fuzz --locked --quiet; then
        echo "fuzz.sh: skipped: cargo-fuzz could not be installed (cargo install cargo-fuzz)"
        exit 0
    fi
    echo "fuzz.sh: cargo-fuzz installed in $(( $(date +%s) - start )) s"
fi

# No sanitizer: the crate forbids unsafe code, and without ASan the build and the runs are
# about twice as fast. Debug assertions on, so integer overflow is a finding.
start=$(date +%s)
cargo +nightly fuzz build -s none -a
echo "fuzz.sh: built in $(( $(date +%s) - start )) s"
# Seeds: the repository's own courses and records (read only; new inputs go to corpus/).
seeds_for() {
    case "$1" in
        markdown_render | course_check) ls -d ../courses/*/ ;;
        quiz_grade) ls -d ../courses/*/ ../tests/fixtures/broken-courses/*/ ;;
        progress_merge | xapi_export) ls -d ../tests/fixtures/machines/*/ ;;
    esac
}
FUZZ_STRICT=${FUZZ_STRICT:-0}
found=()
for t in "${TARGETS[@]}"; do
    mkdir -p "corpus/$t"
    mapfile -t seeds < <(seeds_for "$t")
    [ -d "regressions/$t" ] && seeds+=("regressions/$t")
    log=$(mktemp)
    if ! cargo +nightly fuzz run -s none -a "$t" "corpus/$t" "${seeds[@]}" -- \
        -max_total_time="$FUZZ_SECONDS" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
        >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        echo "fuzz.sh: $t FOUND A CRASH; the input is in fuzz/artifacts/$t/" >&2
        rm -f "$log"
        found+=("$t")
        continue
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz.sh: $t: $runs runs in ${FUZZ_SECONDS} s, no crash"
    rm -f "$log"
done
if [ "${#found[@]}" -gt 0 ]; then
    echo "fuzz.sh: NEW FINDINGS in: ${found[*]} (see above; keep each input in fuzz/regressions/)" >&2
    [ "$FUZZ_STRICT" = 1 ] && exit 1
fi
exit 0
