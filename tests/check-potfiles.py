#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fail when a file with translatable strings is missing from po/POTFILES.in,
or when POTFILES.in names a file that does not exist."""

import pathlib
import re
import sys

MARKERS = {
    ".c": re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"'),
    ".ui": re.compile(r'translatable="yes"'),
    ".xml": re.compile(r'<(?:summary|description|name|p|li|caption)\b'),
    ".in": re.compile(r'^(?:Name|GenericName|Comment|Keywords)=', re.M),
}


def needs_translation(path: pathlib.Path) -> bool:
    suffix = path.suffix
    if suffix == ".in":
        inner = pathlib.Path(path.stem).suffix
        if inner in (".xml", ".in"):
            suffix = ".xml" if "metainfo" in path.name else ".in"
    pattern = MARKERS.get(suffix)
    if pattern is None:
        return False
    return bool(pattern.search(path.read_text(encoding="utf-8")))


def main() -> int:
    root = pathlib.Path(sys.argv[1]).resolve()
    listed = set()
    for line in (root / "po" / "POTFILES.in").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            listed.add(line)

    failures = []
    for name in sorted(listed):
        if not (root / name).is_file():
            failures.append(f"po/POTFILES.in lists {name}, which does not exist")

    candidates = []
    for folder in ("src", "data"):
        for path in sorted((root / folder).rglob("*")):
            if not path.is_file() or "models" in path.parts:
                continue
            if path.suffix in (".c", ".ui") or path.name.endswith((".desktop.in.in", ".metainfo.xml.in.in", ".gschema.xml")):
                candidates.append(path)

    for path in candidates:
        rel = path.relative_to(root).as_posix()
        if needs_translation(path) and rel not in listed:
            failures.append(f"{rel} has translatable strings but is not in po/POTFILES.in")

    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"checked {len(candidates)} files, {len(listed)} listed, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
