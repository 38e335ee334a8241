# The two commands for a fresh machine (Python 3.11+ and make) are `make book` and `make test`;
# `make pdf` then prints the built book with the system Chromium.
#   make book       create .venv from the lock file, install, execute the notebooks and build the HTML book
#   make pdf        print the built book to PDF (whole book and one per country) with the system Chromium
#   make test       create .venv with the test tools from the lock file, check the code (ruff), run every test
#   make test-fast  the same checks and the tests that build nothing (under a minute; for development)
#   make lock       refresh the lock files in requirements/ from the ranges in pyproject.toml (needs PyPI)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# the environment the book is built and tested in, pinned with hashes (make lock writes them)
LOCK_BOOK := requirements/book.txt
LOCK_TEST := requirements/test.txt
# the resolver that writes the lock files; readers install from them with plain pip
UV_VERSION := 0.13.9
LOCK_VENV  := .venv-lock
CODE := src tests scripts

.PHONY: book pdf test test-fast lint format lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the lock file or pyproject.toml changes. The project itself is installed without
# dependencies: every one of them comes from the lock file, at the version and hash it pins.
$(VENV)/.installed: $(LOCK_BOOK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK_BOOK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(LOCK_TEST) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK_TEST)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.installed

book: $(VENV)/.installed
	$(BIN)/stancebook build
	@echo "Open the book: $(CURDIR)/_build/html/index.html"

# Needs the built book (make book) and Chromium (Debian/Ubuntu: sudo apt-get install chromium).
pdf: $(VENV)/.installed
	$(BIN)/stancebook pdf
	@echo "PDFs: $(CURDIR)/_build/pdf/"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)

# Rewrite the code in the house format and apply ruff's safe fixes.
format: $(VENV)/.installed-test
	$(BIN)/ruff format $(CODE)
	$(BIN)/ruff check --fix $(CODE)

# Both run on all cores (pytest-xdist): each worker builds its own copy of the book, so the slow tests spread too.
test: lint
	$(BIN)/python -m pytest -n auto

test-fast: lint
	$(BIN)/python -m pytest -m "not slow" -n auto

# The test lock is resolved first; the book's lock is resolved within it, so that the book is built with the
# same versions whether the test tools are installed or not. Both hold every platform and Python 3.11+.
lock:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet "uv==$(UV_VERSION)"
	mkdir -p requirements
	$(LOCK_VENV)/bin/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
		--generate-hashes --upgrade --quiet -o $(LOCK_TEST)
	$(LOCK_VENV)/bin/uv pip compile pyproject.toml --constraint $(LOCK_TEST) --universal --python-version 3.11 \
		--generate-hashes --upgrade --quiet -o $(LOCK_BOOK)

clean:
	rm -rf _build chapters/countries chapters/region.ipynb chapters/sources.ipynb chapters/methods.ipynb chapters/data.ipynb
