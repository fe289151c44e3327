#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start the real rushes binary on the test display, wait for its window
titled "Rushes", then quit it with Ctrl+Q (or SIGTERM) and check that it
exits 0 without GLib warnings or criticals.

Usage: check-app-lifecycle.py RUSHES_BINARY ctrl-q|sigterm APPLICATION_ID
"""

import os
import signal
import subprocess
import sys
import tempfile
import time

# Sanitizer builds start several times slower (tests/meson.build sets the
# scale for them).
TIMEOUT_SCALE = float(os.environ.get("RUSHES_TEST_TIMEOUT_SCALE") or "1")
WINDOW_TIMEOUT = 10.0 * TIMEOUT_SCALE


def poll(proc, condition, timeout):
    """condition()'s first true answer, asked every 0.1 s; None if the
    process ends or the time runs out first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return None
        answer = condition()
        if answer:
            return answer
        time.sleep(0.1)
    return None


def find_window(proc):
    def shown():
        result = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", "^Rushes$"],
            capture_output=True, text=True, timeout=WINDOW_TIMEOUT)
        ids = result.stdout.split()
        return ids[0] if ids else None

    return poll(proc, shown, WINDOW_TIMEOUT)


def answers_on_bus(proc, app_id):
    """Rushes lists its actions on the session bus: its main loop runs,
    with app.quit among them."""
    def listed():
        result = subprocess.run(
            ["gdbus", "call", "--session", "--dest", app_id,
             "--object-path", "/" + app_id.replace(".", "/"), "--method", "org.gtk.Actions.List"],
            capture_output=True, text=True, timeout=WINDOW_TIMEOUT)
        return result.returncode == 0 and "'quit'" in result.stdout

    return poll(proc, listed, WINDOW_TIMEOUT)


def main():
    binary, how, app_id = sys.argv[1:4]
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

        if not answers_on_bus(proc, app_id):
            if proc.poll() is not None:
                print(f"rushes exited by itself ({proc.returncode}) before {how}", file=sys.stderr)
            else:
                print(f"rushes did not list its actions on the bus within {WINDOW_TIMEOUT} s", file=sys.stderr)
            proc.kill()
            proc.communicate()
            return 1

        if how == "ctrl-q":
            # No window manager runs under Xvfb: focus the window ourselves
            # and type through XTEST, as a keyboard would. --sync returns
            # once the X server has moved the focus; the focus change then
            # reaches GTK before the keys, on the same connection.
            subprocess.run(["xdotool", "windowfocus", "--sync", window], check=True,
                           timeout=WINDOW_TIMEOUT)
            subprocess.run(["xdotool", "key", "ctrl+q"], check=True, timeout=WINDOW_TIMEOUT)
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
