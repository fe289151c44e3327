#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs one libFuzzer target for a fixed time; meson runs it as a test of
# the "fuzz" suite (tests/fuzz/meson.build), build-aux/dev fuzz and CI
# through meson.
#
#   run-fuzz.py NAME FUZZER CORPUS DICT MAX_LEN BUILD_ROOT
#
# RUSHES_FUZZ_SECONDS (default 60) is how long it runs. The committed
# corpus is copied to BUILD_ROOT/fuzz-work/NAME first: libFuzzer adds what
# it finds to the first folder it is given, and the committed corpus only
# grows by hand. Crash, leak, timeout and out-of-memory inputs are kept in
# BUILD_ROOT/crashes/NAME/; the run fails, naming them. The full output is
# in BUILD_ROOT/fuzz-work/NAME.log. The last line printed is the summary
# build-aux/dev shows. Sanitizer options (LSAN_OPTIONS with the project's
# suppressions) come from meson's test environment.

import os
import re
import shutil
import subprocess
import sys
import time


def main():
    if len(sys.argv) != 7:
        print("usage: run-fuzz.py NAME FUZZER CORPUS DICT MAX_LEN BUILD_ROOT", file=sys.stderr)
        return 2
    name, fuzzer, corpus, dictionary, max_len, build_root = sys.argv[1:]
    seconds = int(os.environ.get("RUSHES_FUZZ_SECONDS", "60"))

    work = os.path.join(build_root, "fuzz-work", name)
    crashes = os.path.join(build_root, "crashes", name)
    log_path = os.path.join(build_root, "fuzz-work", name + ".log")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(corpus, work)
    os.makedirs(crashes, exist_ok=True)
    before = set(os.listdir(crashes))

    env = dict(os.environ)
    # GSlice (GLib 2.74) would hide overruns and leaks from ASan; it reads
    # this before main().
    env["G_SLICE"] = "always-malloc"
    env["G_DEBUG"] = "gc-friendly"
    env.pop("G_MESSAGES_DEBUG", None)
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1:allocator_may_return_null=1")
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")

    command = [
        fuzzer,
        "-max_total_time=%d" % seconds,
        "-timeout=10",
        "-rss_limit_mb=2048",
        "-max_len=%s" % max_len,
        "-dict=%s" % dictionary,
        "-artifact_prefix=%s/" % crashes,
        "-print_final_stats=1",
        work,
    ]
    started = time.monotonic()
    with open(log_path, "w", encoding="utf-8", errors="replace") as log:
        log.write(" ".join(command) + "\n")
        log.flush()
        status = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, env=env).returncode
    elapsed = time.monotonic() - started

    with open(log_path, encoding="utf-8", errors="replace") as log:
        output = log.read()

    runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", output)
    if not runs:
        runs = re.findall(r"^#(\d+)\s", output, re.MULTILINE)
    coverage = re.findall(r"\bcov: (\d+) ft: (\d+)", output)
    corpus_size = re.findall(r"\bcorp: (\d+)/", output)
    found = sorted(set(os.listdir(crashes)) - before)

    summary = "%s: %s runs in %.0f s, cov: %s, ft: %s, corpus: %s" % (
        name,
        runs[-1] if runs else "?",
        elapsed,
        coverage[-1][0] if coverage else "?",
        coverage[-1][1] if coverage else "?",
        corpus_size[-1] if corpus_size else "?",
    )

    if status != 0 or found:
        # What libFuzzer said about it: the sanitizer report and the input.
        report = output[-6000:]
        print(report)
        print("Full log: " + log_path)
        for artifact in found:
            print("Found: " + os.path.join(crashes, artifact))
        print(summary + ", FOUND A CRASH (exit status %d)" % status)
        return 1

    print(summary + ", no crash")
    return 0


if __name__ == "__main__":
    sys.exit(main())
