#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that the Flatpak manifest parses and agrees with the meson build.

Usage: check-flatpak.py MANIFEST APP_ID COMMAND
"""

import json
import sys

REQUIRED_FINISH_ARGS = [
    "--share=network",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
    "--socket=pulseaudio",
]


def main() -> int:
    path, app_id, command = sys.argv[1:4]
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)

    problems = []
    if manifest.get("id", manifest.get("app-id")) != app_id:
        problems.append(f"id is {manifest.get('id')!r}, meson builds {app_id!r}")
    if manifest.get("command") != command:
        problems.append(f"command is {manifest.get('command')!r}, meson installs {command!r}")
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        problems.append("runtime/sdk must be org.gnome.Platform / org.gnome.Sdk")
    if str(manifest.get("runtime-version")) != "47":
        problems.append("runtime-version must be 47")
    for arg in REQUIRED_FINISH_ARGS:
        if arg not in manifest.get("finish-args", []):
            problems.append(f"finish-args lacks {arg}")

    modules = manifest.get("modules", [])
    if not modules:
        problems.append("no modules")
    else:
        app = modules[-1]
        if app.get("buildsystem") != "meson":
            problems.append("the last module (the app) must build with meson")
        if not any(s.get("type") == "dir" for s in app.get("sources", [])):
            problems.append("the app must build from the local directory (a 'dir' source)")

    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{path}: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
