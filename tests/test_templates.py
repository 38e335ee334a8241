"""The template notebooks keep the shape the build relies on."""

from __future__ import annotations

import nbformat
import pytest

from conftest import ROOT

TEMPLATES = sorted((ROOT / "chapters" / "templates").glob("*.ipynb"))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_template_shape(path):
    nb = nbformat.read(path, as_version=4)
    # first, for a reader who downloads the executed chapter: how to run it (removed from the book's pages)
    howto, title = nb.cells[0], nb.cells[1]
    assert howto.cell_type == "code" and howto.metadata.get("tags") == ["remove-cell"]
    assert "python -m pip install" in howto.source and "STANCEBOOK_DATA" in howto.source
    assert all(line.startswith("#") for line in howto.source.splitlines()), "the how-to is comments only"
    assert title.cell_type == "markdown" and title.source.startswith("# "), "the title must be a Markdown heading"
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    assert "remove-input" in params[0].metadata["tags"]
    for cell in nb.cells:
        if cell.cell_type == "code" and cell is not howto:
            assert "remove-input" in cell.metadata.get("tags", []), cell.source[:60]
            assert not cell.get("outputs"), "templates are committed without outputs"
            # headings printed from code would break the book's table of contents
            assert 'print("#' not in cell.source and 'Markdown("#' not in cell.source


def test_one_template_per_country_and_one_per_book_chapter():
    from stancebook.present.chapters import BOOK_CHAPTERS

    assert [p.name for p in TEMPLATES] == sorted(["country.ipynb", *(f"{n}.ipynb" for n in BOOK_CHAPTERS)])


def test_no_template_names_a_country_or_types_a_year():
    """Prose is computed: a template names no focus country (by code or name) and no country code at all, and
    types no year; the country chapter's title is its {{name}} field, and dates come from the data or the
    vocabulary through glue. (Russia and Ukraine, the subject of the book, are named in its prose.)"""
    import csv
    import re

    countries = list(csv.DictReader((ROOT / "data" / "countries.csv").open(encoding="utf-8-sig")))
    for path in TEMPLATES:
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        code = "\n".join(
            c.source for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])
        )
        for c in countries:
            assert not re.search(rf"\b{c['iso3']}\b", text + code), (path.name, c["iso3"])
            if c["role"] == "focus":
                assert c["name"] not in text, (path.name, c["name"])
        assert not re.search(r"\b(19|20)\d\d\b", text), (path.name, re.findall(r"\b(?:19|20)\d\d\b", text))
