# Two commands work on a fresh machine with only Python and make: `make chat` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup chat test lint unit package

$(STAMP): pyproject.toml requirements-dev.txt lambda/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

chat: setup
	$(BIN)/skill-sim chat

lint: setup
	$(BIN)/ruff check lambda tools tests
	$(BIN)/ruff format --check lambda tools tests
	$(BIN)/model-lint
	$(BIN)/cfn-lint template.yaml

unit: setup
	$(BIN)/pytest

test: lint unit

# The deployment zip (needs PyPI): lambda/ + lambda/requirements.txt for python3.13 arm64, no boto3, no tests.
package: setup
	$(BIN)/python tools/build_zip.py --function-dir lambda --out build/skill.zip
