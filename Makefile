# The README's two set-up commands: `make demo` and `make test`. Both create .venv when needed and install
# everything into it; a second run reuses .venv and installs nothing new (the stamp tracks pyproject.toml).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.storylens-installed
TORCH := torch==2.13.0
EXAMPLES := src/storylens/examples

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export HF_DATASETS_OFFLINE := 1
export ORT_DISABLE_TELEMETRY := 1

.PHONY: setup demo test lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch first, pinned: a CPU build from local disk; anything later that needs torch is then satisfied.
	$(BIN)/python -m pip install --quiet $(TORCH)
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/storylens compare $(EXAMPLES)/*.txt --format term
	$(BIN)/storylens compare $(EXAMPLES)/*.txt --format html --quiet -o demo-report.html
	@echo "the same report as one HTML page: demo-report.html"
	$(BIN)/storylens analyse $(EXAMPLES)/*.txt --format term

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# The stance model of `storylens check`: trained on FNC-1 (never copied into the repository), written with its
# validation scores into src/storylens/stance/data/. Sentence embeddings are cached under the temp dir.
DATA ?= ../shared/data/fnc-1-train
.PHONY: train-stance
train-stance: $(STAMP)
	$(BIN)/python -m storylens.stance.train --data $(DATA)
