"""One module per chapter template: its ``load`` (the chapter's scope of ``data/``), its ``facts`` (every
value its prose glues) and its ``show_*`` functions (every table and chart it displays).

``CHAPTERS`` lists them: ``country`` is executed once per focus country, the others once per build, in the order
of the book's table of contents. Their titles are what the build log and ``stancebook list`` call them.
"""

CHAPTERS = {"country": "Country chapter", "findings": "Key findings", "region": "Regional comparison", "sources": "The source articles checked",
            "methods": "Methods", "data": "The data"}
#: the chapters executed once per build (every chapter but the country template)
BOOK_CHAPTERS = {name: title for name, title in CHAPTERS.items() if name != "country"}
