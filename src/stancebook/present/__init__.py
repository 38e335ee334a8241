"""The present layer: the only one that produces markup or figures.

``escape`` is the one way text from ``data/`` reaches HTML, MyST Markdown and BibTeX; ``text`` writes codes,
numbers, dates and lists as words; ``style`` holds the colours and the chart style; ``tables`` and ``charts``
make what a page shows; ``blocks`` holds pieces more than one chapter shows; ``glue`` is the registry of the
values the prose takes from the computations; ``bib`` writes ``references.bib``; ``chapters`` has one module per
chapter template.
"""
