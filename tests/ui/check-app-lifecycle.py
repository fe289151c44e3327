#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start the real rushes binary on the test display, wait for its window
titled "Rushes", then quit it with Ctrl+Q (or SIGTERM) and check that it
exits 0 without GLib warnings or criticals.

Usage: check-app-lifecycle.py RUSHES_BINARY ctrl-q|sigterm
"""

import os
import signal
import subprocess
import sys
import tempfile
import time

# Sanitizer builds start several times slower (tests/meson.build sets the
# scale for them).
TIMEOUT_SCALE = float(os.environ.get("RUSHES_TEST_TIMEOUT_SCALE", "1"))
WINDOW_TIMEOUT = 10.0 * TIMEOUT_SCALE


def find_window(proc):
    deadline = time.monotonic() + WINDOW_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return None
        result = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", "^Rushes$"],
            capture_output=True, text=True)
        ids = result.stdout.split()
        if ids:
            return ids[0]
        time.sleep(0.1)
    return None


def main():
    binary, how = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ)
        for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            env[var] = os.path.join(home, var.lower())
        start = time.monotonic()
        proc = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        window = find_window(proc)
        if window is None:
            proc.kill()
            out, err = proc.communicate()
            print(f"no window titled 'Rushes' within {WINDOW_TIMEOUT} s\n{err}", file=sys.stderr)
            return 1
        print(f"window {window} shown after {time.monotonic() - start:.2f} s")

        time.sleep(0.5)
        if proc.poll() is not None:
            print(f"rushes exited by itself ({proc.returncode}) before {how}", file=sys.stderr)
            return 1

        if how == "ctrl-q":
            # No window manager runs under Xvfb: focus the window ourselves
            # and type through XTEST, as a keyboard would.
            subprocess.run(["xdotool", "windowfocus", "--sync", window], check=True)
            time.sleep(0.2)
            subprocess.run(["xdotool", "key", "ctrl+q"], check=True)
        else:
            proc.send_signal(signal.SIGTERM)

        try:
            out, err = proc.communicate(timeout=10 * TIMEOUT_SCALE)
        except subprocess.TimeoutExpired:
            proc.kill()
            print(f"rushes did not quit after {how}", file=sys.stderr)
            return 1

        problems = [line for line in err.splitlines()
                    if "-WARNING" in line or "-CRITICAL" in line or "-ERROR" in line]
        sys.stderr.write(err)
        if proc.returncode != 0:
            print(f"rushes exited with {proc.returncode} after {how}", file=sys.stderr)
            return 1
        if problems:
            print(f"rushes printed {len(problems)} warnings", file=sys.stderr)
            return 1
        print(f"quit cleanly after {how}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
