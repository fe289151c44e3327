# SPDX-License-Identifier: GPL-3.0-or-later
#
# The standing security checks, sourced by build-aux/dev:
#
#   build-aux/dev fuzz [SECONDS]    build the libFuzzer targets (tests/fuzz) in _build-fuzz
#                                   with clang and run each for SECONDS (default 60)
#   RUSHES_CI=1 build-aux/dev test  what .ci/run does: the test suite, the same suite built
#                                   with -Db_sanitize=address,undefined in _build-asan, then
#                                   each fuzz target for RUSHES_CI_FUZZ_SECONDS (default 20);
#                                   one closing line counts the tests of all three
#
# A fuzz target is one test of meson's "fuzz" suite (tests/fuzz/run-fuzz.py),
# so every stage reports through its own meson-logs/testlog.json.

asan_build_dir="${RUSHES_ASAN_BUILD_DIR:-$source_dir/_build-asan}"
fuzz_build_dir="${RUSHES_FUZZ_BUILD_DIR:-$source_dir/_build-fuzz}"

ensure_asan_build() {
  if [ ! -f "$asan_build_dir/build.ninja" ]; then
    log "Configuring $asan_build_dir (AddressSanitizer and UndefinedBehaviorSanitizer)"
    meson setup "$asan_build_dir" "$source_dir" -Ddevelopment=true -Db_sanitize=address,undefined
  fi
  log "Building $asan_build_dir"
  ninja -C "$asan_build_dir"
}

# clang for libFuzzer. b_lundef=false: meson warns that clang's sanitizers
# and -Wl,--no-undefined do not mix (it matters for shared libraries only).
ensure_fuzz_build() {
  if [ ! -f "$fuzz_build_dir/build.ninja" ]; then
    log "Configuring $fuzz_build_dir (clang, libFuzzer)"
    CC=clang meson setup "$fuzz_build_dir" "$source_dir" -Ddevelopment=true -Dfuzzing=true \
      -Db_sanitize=address,undefined -Db_lundef=false
  fi
  log "Building the fuzz targets"
  ninja -C "$fuzz_build_dir" fuzz
}

# What each target did: its runs, coverage and findings (run-fuzz.py's
# summary line and the paths of what it found).
print_fuzz_summary() {
  python3 - "$fuzz_build_dir/meson-logs/testlog.json" <<'PY'
import json, re, sys
try:
    lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
except OSError:
    sys.exit(0)
for line in lines:
    if not line.strip():
        continue
    test = json.loads(line)
    output = (test.get("stdout") or "").splitlines()
    for text in output:
        if text.startswith("Found: "):
            print("  " + text)
    summary = [text for text in output if re.match(r"[\w-]+: \S+ runs in ", text)]
    print("  " + (summary[-1] if summary else "%s: %s" % (test["name"], test.get("result"))))
PY
}

run_fuzz() {
  local seconds="$1" status=0

  rm -f "$fuzz_build_dir/meson-logs/testlog.json"
  log "Fuzzing: each target for $seconds s (crashes are kept in $fuzz_build_dir/crashes/)"
  RUSHES_FUZZ_SECONDS="$seconds" meson test -C "$fuzz_build_dir" --no-rebuild --suite fuzz \
    --num-processes 1 --print-errorlogs || status=$?
  log "Fuzz results"
  print_fuzz_summary
  return "$status"
}

# CI: one stage after the other, whatever the one before did; a stage whose
# build fails counts as one failed test.
ci_results=()

ci_stage() {
  local name="$1" dir="$2" build="$3"
  shift 3
  local started=$SECONDS status=0

  rm -f "$dir/meson-logs/testlog.json"
  if ! "$build"; then
    log "$name: the build failed"
    ci_results+=("$name=BUILD FAILED")
    return 1
  fi
  "$@" || status=$?
  log "$name: $((SECONDS - started)) s"
  ci_results+=("$name=$dir/meson-logs/testlog.json")
  return "$status"
}

run_suite() {
  local dir="$1"
  shift
  meson test -C "$dir" --no-rebuild --print-errorlogs --num-processes "$(nproc)" "$@"
}

# One line per stage, then the one closing line CI reads.
print_ci_closing_line() {
  python3 - "$@" <<'PY'
import json, sys
passed = failed = skipped = 0
for arg in sys.argv[1:]:
    name, _, path = arg.partition("=")
    counts = [0, 0, 0]
    if path == "BUILD FAILED":
        counts[1] = 1
    else:
        try:
            lines = open(path, encoding="utf-8").read().splitlines()
        except OSError:
            lines = []
            counts[1] = 1
        for line in lines:
            if not line.strip():
                continue
            result = json.loads(line).get("result")
            if result in ("OK", "EXPECTEDFAIL"):
                counts[0] += 1
            elif result == "SKIP":
                counts[2] += 1
            else:
                counts[1] += 1
    detail = "%d of %d tests passed" % (counts[0], sum(counts))
    if path == "BUILD FAILED":
        detail = "the build failed"
    elif counts[2]:
        detail += " (%d skipped)" % counts[2]
    print("%s: %s" % (name, detail))
    passed, failed, skipped = passed + counts[0], failed + counts[1], skipped + counts[2]
text = f"{passed} passed, {failed} failed"
if skipped:
    text += f", {skipped} skipped"
print(text)
PY
}

run_ci() {
  local status=0 started=$SECONDS

  ci_stage "Test suite" "$build_dir" ensure_build \
    run_suite "$build_dir" "$@" || status=1
  # RUSHES_TEST_TIMEOUT_SCALE (tests/meson.build) stretches the tests' own
  # waits under ASan; meson's timeouts are only caps for a hung test, and
  # the UI tests take three to ten times longer with ASan's full stacks on
  # every allocation (fast_unwind_on_malloc=0): 120 s was not enough for
  # library-view on a busy machine.
  ci_stage "AddressSanitizer suite" "$asan_build_dir" ensure_asan_build \
    run_suite "$asan_build_dir" --timeout-multiplier 10 "$@" || status=1
  ci_stage "Fuzz smoke runs" "$fuzz_build_dir" ensure_fuzz_build \
    run_fuzz "${RUSHES_CI_FUZZ_SECONDS:-20}" || status=1

  log "All stages: $((SECONDS - started)) s"
  print_ci_closing_line "${ci_results[@]}"
  return "$status"
}
