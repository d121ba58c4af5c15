# The README's quick start: `make serve` and `make test`. Each target sets up what it
# needs itself (a virtual environment with pinned packages; Debian's chromium for the
# browser tests), so both work on a fresh machine.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test validate bench chromium clean

$(STAMP): pyproject.toml constraints.txt
	rm -f $(VENV)/.installed-*
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	touch $@

chromium:
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@[ -x /usr/bin/chromium ] || { echo "chromium is missing: the browser tests cannot run" >&2; exit 1; }

serve: $(STAMP)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(PY) -m mkdocs build --strict

validate: $(STAMP)
	$(PY) -m generator validate decision_tree.yaml

test: $(STAMP) chromium
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP) chromium
	$(PY) bench/run.py

clean:
	rm -rf site build .pytest_cache
