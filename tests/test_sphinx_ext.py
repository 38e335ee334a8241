"""The footer line is written into the built pages after Sphinx, as escaped text."""

from __future__ import annotations

from stancebook.builder.sphinx_ext import stamp_footers


def test_the_footer_line_is_stamped_into_every_page_as_text(tmp_path):
    footer = '<footer><p class="stancebook-vintage">stamped-later</p></footer>'
    (tmp_path / "chapters").mkdir()
    pages = [tmp_path / "chapters" / "a.html", tmp_path / "b.html"]
    for page in pages:
        page.write_text(f"<html><body><p>page</p>{footer}</body></html>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<html>redirect</html>", encoding="utf-8")
    stamped = stamp_footers(tmp_path, "Data to 2026 <script>alert(1)</script> & more")
    assert stamped == set(pages)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "Data to 2026 &lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in text and "<script>" not in text
    # again, with other words: the line is replaced, not added to
    stamp_footers(tmp_path, "fingerprint 2")
    assert pages[0].read_text(encoding="utf-8").count("stancebook-vintage") == 1
    assert '<p class="stancebook-vintage">fingerprint 2</p>' in pages[0].read_text(encoding="utf-8")
