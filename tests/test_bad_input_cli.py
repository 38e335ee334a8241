"""Bad input through the real command: each fault exits non-zero with one message naming the file, row,
column and rule, and leaves the last good book exactly as it was. Unusual but valid input builds."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from conftest import stancebook
from test_schemas import BAD

pytestmark = pytest.mark.slow  # every case runs the real command on a copy of the built book
URL_RULE = ["sources.csv", "column 'url'", "must be an http:// or https:// address with a host name"]

# the catalogue: (file, text to replace, replacement, fragments of the one message), most of them from
# the loader's own catalogue in test_schemas
CATALOGUE = {
    "wrong column": BAD["misspelt column"],
    "missing column": BAD["missing column"],
    "malformed CSV (unbalanced quote)": BAD["unbalanced quote"],
    "wrong type": BAD["not a number"],
    "unknown country code": BAD["unknown country"],
    "duplicate key": BAD["duplicate key"],
    "negative trade value": (
        "trade.csv",
        "KAZ,RUS,2015,,export,4807.0",
        "KAZ,RUS,2015,,export,-4807.0",
        ["trade.csv", "row 1 (line 2)", "column 'value_usd_m'", "0 or more", "-4807"],
    ),
    "year out of range": BAD["year out of range"],
    "unknown source id": BAD["unknown source"],
    "unknown vote code": BAD["unknown vote code"],
    "unknown direction code": BAD["unknown event direction"],
    "a date that does not parse": BAD["date that does not parse"],
    # a URL that would close the href attribute and add an event handler, and one that would run script
    "a URL breaking out of its attribute": (
        "sources.csv",
        "https://unstats.un.org/unsd/methodology/m49/,",
        '"https://unstats.un.org/unsd/methodology/m49/"" onmouseover=""alert(1)",',
        URL_RULE,
    ),
    "a javascript: URL": (
        "sources.csv",
        "https://unstats.un.org/unsd/methodology/m49/,",
        "javascript:alert(1),",
        URL_RULE,
    ),
    # well-formed but wrong, and numbers written in ways the book does not read
    "a decimal comma": BAD["decimal comma"],
    "a decimal comma splitting a row": BAD["decimal comma splitting a row"],
    "a thousands separator": (
        "trade.csv",
        "KAZ,RUS,2015,,export,4807.0",
        'KAZ,RUS,2015,,export,"4,807.0"',
        ["trade.csv", "row 1 (line 2)", "column 'value_usd_m'", "',' between thousands", "write 4807.0"],
    ),
    "NaN": BAD["not a number written as NaN"],
    "inf": BAD["infinity"],
    "a number too large to be finite": BAD["a number too large to be finite"],
    "a partner above the world total": BAD["partner above the world total"],
    "a share above 100 percent": BAD["a share above 100 percent"],
    "an event after the build date": BAD["an event after the build date"],
    "an event id naming another country": BAD["an event id naming another country"],
    "an event id naming another date": BAD["an event id naming another date"],
    "a claim id naming another article": BAD["a claim id naming another article"],
    "more votes than the world tally": BAD["more votes than the world tally"],
    "an article URL with a quote": (
        "articles.csv",
        "https://theins.ru/",
        "https://theins.ru/'><script>alert(1)</script>",
        ["articles.csv", "row 1 (line 2)", "column 'url'", "must be an http://"],
    ),
}


def tree_digest(root: Path) -> dict[str, str]:
    """Every file the build writes: executed notebooks, the HTML book, the manifest."""
    paths = [p for p in sorted((root / "_build").rglob("*")) if p.is_file()]
    paths += sorted(p for p in (root / "chapters").rglob("*.ipynb") if "templates" not in p.parts)
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


@pytest.fixture(scope="module")
def built(book, tmp_path_factory) -> Path:
    """A copy of the session's built book, shared by the cases below (each restores what it broke)."""
    return Path(shutil.copytree(book, tmp_path_factory.mktemp("bad") / "book", symlinks=True))


@pytest.fixture(scope="module")
def good(built) -> dict[str, str]:
    return tree_digest(built)


def expect_refusal(root: Path, fragments: list[str], good: dict[str, str]) -> None:
    result = stancebook("build", "--root", str(root))
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("The data in data/ break 1 rule(s); nothing was built."), result.stderr
    assert len(lines) == 2, result.stderr
    for fragment in fragments:
        assert fragment in lines[1], f"{fragment!r} missing from: {lines[1]}"
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert tree_digest(root) == good, "the last good book changed"


@pytest.mark.parametrize("case", list(CATALOGUE))
def test_each_fault_is_refused_with_one_message_and_the_book_is_untouched(built, good, case):
    file, old, new, fragments = CATALOGUE[case]
    path = built / "data" / file
    original = path.read_bytes()
    text = original.decode("utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        expect_refusal(built, fragments, good)
    finally:
        path.write_bytes(original)


@pytest.mark.parametrize(
    "case, change, fragments",
    [
        ("missing file", lambda p: p.unlink(), ["data/unga_votes.csv: file not found"]),
        (
            "empty table",
            lambda p: p.write_text(p.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8"),
            ["unga_votes.csv", "the table has no rows"],
        ),
        ("empty file", lambda p: p.write_bytes(b""), ["unga_votes.csv", "the file is empty"]),
    ],
)
def test_a_missing_or_empty_table_is_refused(built, good, case, change, fragments):
    path = built / "data" / "unga_votes.csv"
    original = path.read_bytes()
    change(path)
    try:
        expect_refusal(built, fragments, good)
    finally:
        path.write_bytes(original)


def _resave(codec: str):
    return lambda p: p.write_bytes(p.read_text(encoding="utf-8").encode(codec))


def _semicolons(path: Path) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _oversized(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    country, topic = lines[1].split(",")[:2]
    lines[1] = f'{country},{topic},"{"x" * 200_000}"'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    "case, file, change, fragments",
    [
        (
            "UTF-16 without a byte-order mark",
            "unga_votes.csv",
            _resave("utf-16-le"),
            [
                "unga_votes.csv: the file looks like UTF-16 (little-endian) text without a byte-order mark",
                "re-save it as UTF-8",
            ],
        ),
        (
            "UTF-16 with a byte-order mark",
            "unga_votes.csv",
            _resave("utf-16"),
            ["unga_votes.csv: the file is UTF-16 (little-endian) text, not UTF-8", "CSV UTF-8"],
        ),
        ("UTF-32", "unga_votes.csv", _resave("utf-32-be"), ["looks like UTF-32 (big-endian) text"]),
        (
            "a Windows code page",
            "trade.csv",
            _resave("cp1251"),
            [
                "trade.csv, row 1 (line 2): the file is not UTF-8 text (it looks like Windows-1251 (Cyrillic)",
                "re-save it as UTF-8",
            ],
        ),
        (
            "semicolons",
            "unga_votes.csv",
            _semicolons,
            ["unga_votes.csv, header (line 1): the file's cells are separated by semicolons, not commas"],
        ),
        (
            "an oversized cell",
            "coverage_notes.csv",
            _oversized,
            ["coverage_notes.csv, row 1 (line 2)", "longer than 131,072 characters", "quote"],
        ),
    ],
)
def test_a_file_in_another_encoding_or_layout_is_refused_with_its_cause(built, good, case, file, change, fragments):
    path = built / "data" / file
    original = path.read_bytes()
    change(path)
    try:
        expect_refusal(built, fragments, good)
    finally:
        path.write_bytes(original)


def test_unusual_but_valid_input_is_accepted(project):
    votes = project / "data" / "unga_votes.csv"
    # a byte-order mark, Windows line endings and trailing blank lines, as spreadsheet programs write them
    votes.write_bytes(b"\xef\xbb\xbf" + votes.read_bytes().replace(b"\n", b"\r\n") + b"\r\n\r\n")
    countries = project / "data" / "countries.csv"
    countries.write_text(
        countries.read_text(encoding="utf-8").replace("MNG,Mongolia", "MNG,Mongolia (Монгол Улс)"), encoding="utf-8"
    )
    result = stancebook("build", "--root", str(project), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("run   ") == 10
    listing = stancebook("list", "--root", str(project))
    assert "Mongolia (Монгол Улс)" in listing.stdout


# --- build folders that cannot be written ----------------------------------------------------------------


def run_with_read_only(root: Path, folder: Path, *args: str):
    """The real command with ``folder`` read-only: a read-only bind mount in a mount namespace of its own when
    running as root (whom file modes do not stop), the folder's write permission removed otherwise."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "stancebook", *args]
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(mode & ~0o222)
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=600)
        finally:
            folder.chmod(mode)
    if shutil.which("unshare") is None:
        pytest.skip("running as root, and unshare (util-linux) is missing to make a folder read-only")
    script = 'mount --bind -o ro "$0" "$0" && exec "$@"'
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, str(folder), *command], capture_output=True, text=True, timeout=600
    )
    if "mount:" in result.stderr or "unshare:" in result.stderr:
        pytest.skip(f"cannot make a read-only mount here: {result.stderr.strip()}")
    return result


@pytest.mark.parametrize("where", ["_build", "_build/html", "_build/stancebook"])
def test_a_read_only_build_folder_stops_the_build_with_one_line_and_the_next_build_works(built, good, where):
    intro = built / "chapters" / "intro.md"
    original = intro.read_bytes()
    intro.write_bytes(original + b"\nOne more sentence.\n")  # something to build
    try:
        result = run_with_read_only(built, built / where, "build", "--root", str(built))
        assert result.returncode == 1, result.stdout + result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Cannot "), result.stderr
        cause = "Permission denied" if os.geteuid() != 0 else "Read-only file system"  # see run_with_read_only
        assert f" {where}: {cause}." in lines[0], lines[0]
        assert "Traceback" not in result.stderr
        assert leftover_scratch(built) == []
    finally:
        intro.write_bytes(original)
    assert tree_digest(built) == good, "a refused build must change nothing"
    again = stancebook("build", "--root", str(built))
    assert again.returncode == 0, again.stdout + again.stderr


def leftover_scratch(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "_build").glob("html.*"))


def test_a_replaced_book_that_cannot_be_deleted_is_said_and_never_blocks_the_next_build(book, tmp_path):
    """A file of the published book that this user cannot delete: the new book is still published, one line says
    what was left, and the next builds work (each publishes through folders of its own)."""
    import subprocess

    if os.geteuid() != 0:
        pytest.skip(
            "needs root to make a file undeletable by its owner (chattr +i); as another user the build "
            "makes read-only files writable before deleting them"
        )
    built = Path(shutil.copytree(book, tmp_path / "book", symlinks=True))
    stuck = built / "_build" / "html" / "_static" / "stuck.txt"
    stuck.write_text("cannot be deleted", encoding="utf-8")
    if subprocess.run(["chattr", "+i", str(stuck)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available on this file system")
    try:
        for sentence in (b"\nFirst.\n", b"\nSecond.\n"):
            intro = built / "chapters" / "intro.md"
            intro.write_bytes(intro.read_bytes() + sentence)
            result = stancebook("build", "--root", str(built))
            assert result.returncode == 0, result.stdout + result.stderr
            warnings = [line for line in result.stdout.splitlines() if line.startswith("warning: could not remove")]
            assert len(warnings) == 1 and "_build/html.old-" in warnings[0], result.stdout
            assert sentence.strip().decode() in (built / "_build" / "html" / "chapters" / "intro.html").read_text(
                encoding="utf-8"
            )
    finally:
        subprocess.run(["chattr", "-R", "-i", str(built / "_build")], capture_output=True)
    result = stancebook("build", "--root", str(built), "--force")
    assert result.returncode == 0 and leftover_scratch(built) == []
