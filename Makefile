# Bootstrap for a fresh clone: only Python >= 3.11, git and make are needed.
# `make build` sets up .venv and builds the site; `make test` sets up and runs every test;
# `make verify` sets up and runs the content gate (`invoke verify`) on content/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Node tools for the browser checks (package.json); without npm those checks skip with a message.
NODE_TOOLS := $(if $(shell command -v npm),node_modules/.installed)

.PHONY: build test check verify setup clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

build: $(BIN)/.installed $(NODE_TOOLS)
	$(if $(NODE_TOOLS),,@echo "npm is not installed: the site is built without the CMS (/admin/). Install Node.js and npm, then run make build again.")
	$(BIN)/invoke build

check: $(BIN)/.installed
	$(BIN)/invoke check

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# .venv and the node tools, without running anything (.ci/install).
setup: $(BIN)/.installed $(NODE_TOOLS)

test: setup
	$(BIN)/invoke test

verify: setup
	$(BIN)/invoke verify

clean:
	rm -rf output $(VENV) .pytest_cache
