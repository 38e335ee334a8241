"""Bad input through the real command: each fault exits non-zero with one message naming the file, row,
column and rule, and leaves the last good book exactly as it was. Unusual but valid input builds."""

from __future__ import annotations

import hashlib
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
    "negative trade value": ("trade.csv", "KAZ,RUS,2015,export,4807.0", "KAZ,RUS,2015,export,-4807.0",
                             ["trade.csv", "row 1 (line 2)", "column 'value_usd_m'", "0 or more", "-4807"]),
    "year out of range": BAD["year out of range"],
    "unknown source id": BAD["unknown source"],
    "unknown vote code": BAD["unknown vote code"],
    "unknown direction code": BAD["unknown event direction"],
    "a date that does not parse": BAD["date that does not parse"],
    # a URL that would close the href attribute and add an event handler, and one that would run script
    "a URL breaking out of its attribute": (
        "sources.csv", "https://unstats.un.org/unsd/methodology/m49/,",
        '"https://unstats.un.org/unsd/methodology/m49/"" onmouseover=""alert(1)",', URL_RULE),
    "a javascript: URL": ("sources.csv", "https://unstats.un.org/unsd/methodology/m49/,", "javascript:alert(1),",
                          URL_RULE),
    "an article URL with a quote": ("articles.csv", "https://theins.ru/", "https://theins.ru/'><script>alert(1)</script>",
                                    ["articles.csv", "row 1 (line 2)", "column 'url'", "must be an http://"]),
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


@pytest.mark.parametrize("case, change, fragments", [
    ("missing file", lambda p: p.unlink(), ["data/unga_votes.csv: file not found"]),
    ("empty table", lambda p: p.write_text(p.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8"),
     ["unga_votes.csv", "the table has no rows"]),
    ("empty file", lambda p: p.write_bytes(b""), ["unga_votes.csv", "the file is empty"]),
])
def test_a_missing_or_empty_table_is_refused(built, good, case, change, fragments):
    path = built / "data" / "unga_votes.csv"
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
    countries.write_text(countries.read_text(encoding="utf-8").replace("MNG,Mongolia", "MNG,Mongolia (Монгол Улс)"),
                         encoding="utf-8")
    result = stancebook("build", "--root", str(project), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("run   ") == 9
    listing = stancebook("list", "--root", str(project))
    assert "Mongolia (Монгол Улс)" in listing.stdout
