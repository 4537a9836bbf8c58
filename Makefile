# Two commands work on a fresh machine with only Python and make: `make chat` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup chat test test-fast lint unit package fuzz bench review icons phrasings deploy train-screen outside-nlu apl-lint

$(STAMP): pyproject.toml requirements-dev.txt lambda/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

chat: setup
	$(BIN)/skill-sim chat

lint: setup apl-lint
	$(BIN)/ruff check lambda tools tests
	$(BIN)/ruff format --check lambda tools tests
	$(BIN)/mypy  # strict on lambda/ (pyproject.toml [tool.mypy])
	$(BIN)/model-lint --smapi
	$(BIN)/python tools/icons.py --check
	$(BIN)/python tools/free_text_starts.py --check
	$(BIN)/python tools/phrasings.py --check
	$(BIN)/cfn-lint template.yaml

# Amazon's apl-suggester (npm, pinned in tools/apl_check/suggester/package-lock.json) and the checks it misses,
# over every screen the skill sends (README "On a screen"). Needs node and npm.
APL_SUGGESTER := tools/apl_check/suggester
APL_STAMP := $(APL_SUGGESTER)/node_modules/.installed
$(APL_STAMP): $(APL_SUGGESTER)/package.json $(APL_SUGGESTER)/package-lock.json
	@command -v npm >/dev/null || { echo "apl-lint needs node and npm (Debian: apt-get install -y nodejs npm)"; exit 2; }
	npm ci --prefix $(APL_SUGGESTER) --no-audit --no-fund --loglevel=error
	touch $(APL_STAMP)

apl-lint: setup $(APL_STAMP)
	PYTHONPATH=lambda:tools $(BIN)/python -m apl_check

# The browser tests (tests/test_review_browser.py, marker "browser") run in `make review`.
# In random order (pytest-random-order: modules shuffled, tests shuffled within each module), so a test that
# leans on another's leftovers fails here. The seed is printed first; RANDOM_ORDER_SEED=N replays that order.
RANDOM_ORDER = seed=$${RANDOM_ORDER_SEED:-$$(date +%s)}; echo "random order: seed $$seed (RANDOM_ORDER_SEED=$$seed replays it)";
unit: setup $(APL_STAMP)
	@$(RANDOM_ORDER) $(BIN)/pytest -m "not browser" --random-order-bucket=module --random-order-seed=$$seed

test: lint unit

# The fast level (under 20 s): the unit and conversation tests, without the corpora, the tools' checks and the
# fuzzing (tests/conftest.py SLOW_MODULES). For the edit-test loop; `make test` is what counts.
test-fast: setup
	@$(RANDOM_ORDER) $(BIN)/pytest -m "not browser and not slow" --random-order-bucket=module --random-order-seed=$$seed

# The deployment zip (needs PyPI): lambda/ + lambda/requirements.txt for python3.13 arm64, no boto3, no tests.
package: setup
	$(BIN)/python tools/build_zip.py --function-dir lambda --out build/skill.zip

# Ship what was built and tested, in order (tools/deploy.sh; README "Deploy"): needs sam, aws, node/npm,
# python3.13 and AWS credentials; refuses content without clinical sign-off unless ALLOW_UNAPPROVED=1.
deploy: setup
	bash tools/deploy.sh

# The topic phrasings the catch-all's words are matched against (lambda/phrasings), from the interaction model;
# `make lint` checks they are current.
phrasings: setup
	$(BIN)/python tools/phrasings.py

# The store icons (108 and 512 px PNG) from interaction_model/icon.svg; `make lint` checks they are current.
icons: setup
	$(BIN)/python tools/icons.py

# 50,000 generated request envelopes (5 properties x 10,000; tests/conftest.py "fuzz" profile).
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/test_fuzz.py --hypothesis-show-statistics

# Retrain the learned emergency screen from tests/corpus (weights, thresholds, docs/screen-model-card.md).
# make test fails when the corpora changed and this was not run.
TRAIN_STAMP := $(VENV)/.train-installed
$(TRAIN_STAMP): $(STAMP) requirements-train.txt
	$(BIN)/python -m pip install -q -r requirements-train.txt
	touch $(TRAIN_STAMP)

train-screen: $(TRAIN_STAMP)
	PYTHONPATH=lambda:tools $(BIN)/python -m train_screen

# Every corpus resolved by an outside, literal-matching NLU (Bespoken's virtual-alexa, from npm) and sent to
# the real handler: every emergency must hear 911 first (needs node and npm; .ci/run runs it).
OUTSIDE_NLU := tools/outside_nlu
$(OUTSIDE_NLU)/node_modules/.installed: $(OUTSIDE_NLU)/package.json $(OUTSIDE_NLU)/package-lock.json
	cd $(OUTSIDE_NLU) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

outside-nlu: setup $(OUTSIDE_NLU)/node_modules/.installed
	$(BIN)/skill-sim measure --nlu virtual-alexa --check tests/corpus/*.txt

# Is the skill as fast as a hello-world skill? Prints a table; fails when a budget is missed (bench/run.py).
bench: setup
	$(BIN)/python bench/run.py

# ---- voice loop (developer tooling; needs Debian's espeak-ng and sox, see README "Voice") ----
.PHONY: voice-check
VOICE_STAMP := $(VENV)/.voice-installed

$(VOICE_STAMP): $(STAMP) requirements-voice.txt
	$(BIN)/python -m pip install -q -r requirements-voice.txt
	touch $(VOICE_STAMP)

voice-check: $(VOICE_STAMP)
	@command -v espeak-ng >/dev/null && command -v sox >/dev/null || { \
		echo "voice-check needs espeak-ng and sox: sudo apt-get install -y espeak-ng sox"; exit 2; }
	PYTHONPATH=lambda:tools $(BIN)/python -m voice.check

# ---- clinician sign-off report (needs Debian's chromium, see README "Clinical sign-off") ----
# build/review/review.html (self-contained), review.pdf and review.png. SOURCES=DIR reads the patient page
# and the safety facts from DIR instead of ../shared/source.
SOURCES ?=
SOURCE_DIR = $(if $(SOURCES),$(SOURCES),../shared/source)
review: setup
	@# The copies the tests read (tests/data) must be of the sources reviewed.
	cd $(SOURCE_DIR) && sha256sum -c $(CURDIR)/tests/data/SHA256SUMS
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || { \
		echo "review needs headless Chromium: sudo apt-get install -y chromium"; exit 2; }
	$(BIN)/pytest -m browser tests/test_review_browser.py
	$(BIN)/clinical-review --out build/review $(if $(SOURCES),--sources $(SOURCES))
