#!/usr/bin/env python3
"""Golden-file tests: the exact output of `talent validate` on broken packs, of
`talent check` on the example applicants and the records in
tests/golden/text/records, and of `talent rules` and `talent --version`.

usage: run_golden.py TALENT SOURCE_DIR (packs|text) [--update]

Each broken pack is the real pack with one textual change, described in
tests/golden/packs/<case>.yaml (file, replace, with); its expected output is
<case>.expected. On a mismatch the actual output is printed so it can be
reviewed and pasted; --update rewrites the expected files.
"""
import pathlib
import shutil
import subprocess
import sys
import tempfile

import yaml


def run(cmd, cwd=None):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=60)
    return f"exit {p.returncode}\n--- stdout\n{p.stdout}--- stderr\n{p.stderr}"


def compare(name, actual, expected_path, update):
    if update:
        expected_path.write_text(actual, encoding="utf-8")
        return True
    expected = expected_path.read_text(encoding="utf-8") if expected_path.exists() else "<missing>"
    if actual == expected:
        return True
    print(f"MISMATCH {name} (expected in {expected_path.name}); actual output:\n{actual}")
    return False


def packs(talent, source, update):
    pack = source / "rules" / "hohhot-talent-25"
    ok = True
    cases = sorted((source / "tests" / "golden" / "packs").glob("*.yaml"))
    for case in cases:
        spec = yaml.safe_load(case.read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as tmp:
            target = pathlib.Path(tmp) / "pack"
            target.mkdir()
            for f in pack.glob("*.yaml"):
                shutil.copy(f, target / f.name)
            for change in spec["changes"]:
                path = target / change["file"]
                text = path.read_text(encoding="utf-8")
                if change["replace"] not in text:
                    print(f"BROKEN CASE {case.name}: '{change['replace']}' not found in {change['file']}")
                    ok = False
                    continue
                path.write_text(text.replace(change["replace"], change["with"], 1), encoding="utf-8")
            actual = run([talent, "validate", "pack"], cwd=tmp)
        ok = compare(case.stem, actual, case.with_suffix(".expected"), update) and ok
    return ok, len(cases)


# Whole outputs besides the example applicants': the rules in words and the
# version, an example applicant the day after the second anniversary, and
# what would make a loan at no interest eligible (a rate as a percentage).
COMMANDS = [
    ("rules.zh", ["rules", "--as-of", "2025-06-30"]),
    ("rules.en", ["rules", "--as-of", "2025-06-30", "--lang", "en"]),
    ("version.zh", ["--version"]),
    ("version.en", ["version", "--lang", "en"]),
    ("02-bachelor-founder.2025-07-01.zh", ["check", "--as-of", "2025-07-01", "02-bachelor-founder.yaml"]),
    ("06-loan-at-no-interest.what-if.zh", ["check", "--as-of", "2025-06-30", "--what-if",
                                            "../../tests/golden/text/records/06-loan-at-no-interest.yaml"]),
]


def text(talent, source, update):
    ok = True
    count = 0
    for name, args in COMMANDS:
        actual = run([talent] + args, cwd=source / "examples" / "applicants")
        ok = compare(name, actual, source / "tests" / "golden" / "text" / f"{name}.expected", update) and ok
        count += 1
    golden_records = sorted((source / "tests" / "golden" / "text" / "records").glob("*.yaml"))
    for applicant in sorted((source / "examples" / "applicants").glob("*.*")) + golden_records:
        for lang in ("zh", "en"):
            actual = run([talent, "check", "--as-of", "2025-06-30", "--lang", lang, applicant.name],
                         cwd=applicant.parent)
            expected = source / "tests" / "golden" / "text" / f"{applicant.stem}.{lang}.expected"
            ok = compare(f"{applicant.name} ({lang})", actual, expected, update) and ok
            count += 1
    return ok, count


def main():
    talent, source, mode = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
    update = "--update" in sys.argv
    ok, count = (packs if mode == "packs" else text)(talent, source, update)
    print(f"{count} golden {mode} cases, {'all match' if ok else 'MISMATCHES above'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
