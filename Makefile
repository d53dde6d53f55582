# Thinkdesk: `make run` and `make test` work on a fresh machine (they create .venv first).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# llama-cpp-python compiles llama.cpp on first install; the multimodal library is not needed.
export CMAKE_ARGS ?= -DLLAVA_BUILD=OFF

.PHONY: run test lint unit bench data clean

$(BIN)/python:
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	# torch first and pinned: the CPU build is on this machine's disk; unpinned pulls CUDA.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m app

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy ingest retrieval models app
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/unit

bench: $(STAMP)
	$(BIN)/python -m bench.pdf_extract
	$(BIN)/python -m bench.retrieval_eval
	$(BIN)/python -m bench.vector_index

data: $(STAMP)
	$(BIN)/python tests/data/make_data.py

clean:
	rm -rf $(VENV)
