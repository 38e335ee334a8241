# The two commands for a fresh machine (Python 3.11+ and make) are `make book` and `make test`;
# `make pdf` then prints the built book with the system Chromium.
#   make book   create .venv, install, execute the notebooks and build the HTML book
#   make pdf    print the built book to PDF (whole book and one per country) with the system Chromium
#   make test   create .venv with the test extras and run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: book pdf test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

book: $(VENV)/.installed
	$(BIN)/stancebook build
	@echo "Open the book: $(CURDIR)/_build/html/index.html"

# Needs the built book (make book) and Chromium (Debian/Ubuntu: sudo apt-get install chromium).
pdf: $(VENV)/.installed
	$(BIN)/stancebook pdf
	@echo "PDFs: $(CURDIR)/_build/pdf/"

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

clean:
	rm -rf _build chapters/countries chapters/region.ipynb chapters/sources.ipynb chapters/methods.ipynb chapters/data.ipynb
