# Two commands for a new user: `make run` and `make test`.
# Both create .venv/ once; a second call reuses it (the stamp tracks pyproject.toml).
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORPUS ?= corpora/q7x2

.PHONY: setup run test lint bench

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# A CPU build of torch from this machine's disk; a bare `torch` would pull CUDA.
	$(PY) -c "import torch" 2>/dev/null || $(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(VENV)/bin/align run $(CORPUS)

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/python -m pytest -q

bench: setup
	$(VENV)/bin/align bench ../shared/bench/mac-dev
