# The README's quick start: `make serve` and `make test`. Each target sets up what it
# needs itself (a virtual environment with pinned packages; Debian's chromium for the
# browser tests), so both work on a fresh machine.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
# npm packages (package-lock.json): the Nu Html Checker for the tests, Lighthouse for the
# benchmark. Reinstalled only when the lock file changes.
NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json | cksum | cut -d' ' -f1)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
# pytest-xdist's scheduling for `make check` and `make test` (tests/scheduling.py)
DIST := --dist loadgroup --no-loadscope-reorder

.PHONY: serve build check test validate translations graph paths facts bench bench-scale chromium java fonts properdocs clean

$(STAMP): pyproject.toml constraints.txt
	rm -f $(VENV)/.installed-*
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	# the generator's bytecode, as Python writes it on a first import: a machine that sets
	# PYTHONDONTWRITEBYTECODE would compile its modules on every build (0.06 s of CPU);
	# an edited module is compiled anew, in memory, until the next set-up
	$(PY) -m compileall -q generator
	touch $@

# The engine that builds and serves the site: mkdocs, or ProperDocs (the maintained fork
# of mkdocs 1.x, same plugins and themes), e.g. `make build ENGINE=properdocs` (README).
# ProperDocs has its own virtual environment, without mkdocs: what builds there does not
# lean on mkdocs being installed (tests/test_engine_build.py compares the two sites).
ENGINE ?= mkdocs
PD_VENV := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
$(PD_STAMP): pyproject.toml constraints.txt
	rm -rf $(PD_VENV)
	$(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[properdocs]"
	$(PD_VENV)/bin/python -m pip uninstall --quiet --disable-pip-version-check -y mkdocs
	touch $@
properdocs: $(PD_STAMP)
ifeq ($(ENGINE),properdocs)
ENGINE_PY := $(PD_VENV)/bin/python
ENGINE_STAMP := $(PD_STAMP)
else ifeq ($(ENGINE),mkdocs)
ENGINE_PY := $(PY)
ENGINE_STAMP := $(STAMP)
else
$(error ENGINE is mkdocs or properdocs, not $(ENGINE))
endif

chromium:
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@[ -x /usr/bin/chromium ] || { echo "chromium is missing: the browser tests cannot run" >&2; exit 1; }

# The link preview images are drawn at build time with DejaVu Sans (it has Cyrillic).
fonts:
	@[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null; }

# --ignore-scripts: vnu-jar's install script would download a JRE; the machine's Java runs it.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

java:
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }
	@command -v java >/dev/null || { echo "java is missing: the HTML validity gate cannot run" >&2; exit 1; }

# --dirty: a save rebuilds only the pages it changes (generator/mkdocs_adapter/), in
# about a second; the search box then finds only the pages rebuilt since it started.
# Not strict: a warning is printed and the site keeps being served (`make build` is strict).
# `make serve PORT=8123` serves on another port; a taken port is said in one line.
PORT ?= 8000
PORT_FREE := import socket, sys; sys.exit( \
  "Port $(PORT) is in use (another make serve?): stop it, or run make serve PORT=%d" \
  % ($(PORT) + 1) \
  if socket.socket().connect_ex(("127.0.0.1", $(PORT))) == 0 else \
  print("Serving the site at http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"))
serve: $(ENGINE_STAMP) fonts
	@$(ENGINE_PY) -c '$(PORT_FREE)'
	MKDOCS_STRICT=false SITE_URL=http://127.0.0.1:$(PORT)/ $(ENGINE_PY) -m $(ENGINE) serve --dirty --dev-addr 127.0.0.1:$(PORT)

build: $(ENGINE_STAMP) fonts
	$(ENGINE_PY) -m $(ENGINE) build --strict

validate: $(STAMP)
	$(PY) -m generator validate decision_tree.yaml

# Adds every English text without an entry to translations/LANG.yaml (todo: true), for
# every language of languages.yaml, or one: `make translations LANG=xx` (LANG from the
# command line only; the environment's LANG is the system's locale).
translations: $(STAMP)
	$(PY) -m generator translations --update $(if $(filter command line,$(origin LANG)),--lang $(LANG))

# The tree for a pull request: a Mermaid flowchart, and per outcome the paths that reach it.
graph: $(STAMP)
	@$(PY) -m generator graph

paths: $(STAMP)
	@$(PY) -m generator paths

# Every fact with its source and the date it is due to be checked again; exit 1 when
# one is overdue (a weekly workflow runs it). Never part of the build.
facts: $(STAMP)
	@$(PY) -m generator facts

# The fast tier for a data-only change (CONTRIBUTING.md): the checker, then every test
# that needs no browser and builds no site (pyproject.toml's markers), on two processes,
# in under a minute.
check: $(STAMP)
	$(PY) -m generator validate decision_tree.yaml
	$(PY) -m pytest -m "not browser and not build and not slow" -n 2 $(DIST) $(PYTEST_ARGS)

# The whole suite (CI runs it), in two phases (pytest-xdist), a line for each phase and
# the ten slowest tests at the end of each. The site is built once and shared
# (tests/conftest.py). PYTEST_ARGS goes to both phases (README); a phase that
# PYTEST_ARGS leaves empty (pytest's status 5) is not a failure. DIST: the tests that
# share a module fixture (a site with attacks, one visit of every page) stay on one
# process, the longest start first (tests/scheduling.py). The second phase has one
# process per core: it is CPU-bound, and on 2 cores a third was not faster (BENCHMARKS.md).
TEST_PROCESSES ?= $(shell nproc)
test: $(STAMP) $(PD_STAMP) $(NODE_STAMP) chromium java fonts
	@echo "== make test 1/2: checks that need no browser and build no site"
	$(PY) -m pytest -m "not browser and not build" -n 2 $(DIST) --durations=10 \
	  $(PYTEST_ARGS) || [ $$? = 5 ]
	@echo "== make test 2/2: the site, built once, in its builds and in Chromium"
	$(PY) -m pytest -m "browser or build" -n $(TEST_PROCESSES) $(DIST) --durations=10 \
	  $(PYTEST_ARGS) || [ $$? = 5 ]

bench: $(STAMP) $(NODE_STAMP) chromium java fonts
	$(PY) bench/run.py
	$(PY) bench/scale.py

# What a reader downloads and what a build costs as the tree grows (real, 1,000 nodes;
# SCALE_ARGS=--huge adds 10,000: long). `make bench` runs it too.
bench-scale: $(STAMP) chromium fonts
	$(PY) bench/scale.py $(SCALE_ARGS)

# What the targets and the tests create; .venv and node_modules stay (slow to rebuild).
clean:
	rm -rf site build .pytest_cache .hypothesis *.egg-info
	find . -path ./.venv -prune -o -path ./node_modules -prune -o -name __pycache__ -type d -exec rm -rf {} +
