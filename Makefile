# Thinkdesk: `make run` and `make test` work on a fresh machine (they create .venv first).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# llama-cpp-python compiles llama.cpp on first install; the multimodal library is not needed.
# No AMX: its tile instructions fault (SIGSEGV in ldtilecfg) where the kernel or sandbox does
# not grant the tile state, as on this farm's Sapphire Rapids machines, and -march=native would
# switch them on. The flags are split by shlex (scikit-build-core), hence the quotes.
NO_AMX := -mno-amx-tile -mno-amx-int8 -mno-amx-bf16
export CMAKE_ARGS ?= -DLLAVA_BUILD=OFF '-DCMAKE_C_FLAGS=$(NO_AMX)' '-DCMAKE_CXX_FLAGS=$(NO_AMX)'

.PHONY: run test test-long lint unit bench bench-small bench-quality data screenshot clean

$(BIN)/python:
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	# torch first and pinned: the CPU build is on this machine's disk; unpinned pulls CUDA.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	# OCR: without its declared deps (pyproject.toml lists the real ones, with the headless
	# OpenCV): the full opencv-python's bundled Qt plugins break PySide6, so it must not be here.
	$(BIN)/pip install -q --no-deps 'rapidocr-onnxruntime>=1.4.4,<1.5'
	! $(BIN)/pip show -q opencv-python 2>/dev/null
	touch $(STAMP)

# The bundled embedding model exported to ONNX (fp32 and int8) into the environment, once:
# queries are embedded without torch, and every THINKDESK_HOME finds it (retrieval/onnx_export.py).
ONNX := $(VENV)/.onnx-exported
$(ONNX): $(STAMP) retrieval/onnx_export.py
	$(BIN)/python -m retrieval.onnx_export \
		"$$($(BIN)/python -c 'from models.discovery import bundled_embedding_path as b; print(b())')"
	touch $(ONNX)

run: $(STAMP) $(ONNX)
	$(BIN)/python -m app

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy ingest retrieval models app bench
	$(BIN)/lint-imports

# The coverage summary is printed after the tests (pytest-cov).
COV := --cov=app --cov=ingest --cov=retrieval --cov=models --cov-report=term:skip-covered

test: lint $(ONNX)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(COV)

# The full schedules of the long tests: `make test` runs them reduced (issue 12: 48 reports and
# 10 kills in the crash test; here 300 reports and 14 kills).
test-long: lint $(ONNX)
	THINKDESK_TEST_LONG=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q \
		tests/integration/app/test_crash_safety.py

unit: $(STAMP) $(ONNX)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/unit

# Every speed figure of issue 10, written into bench/RESULTS.md's generated section with the
# date, the machine and its CPU features (bench/speed_all.py). The full sizes take hours on 2
# cores; bench-small runs the same benchmarks at sizes that fit in CI's time.
bench: $(STAMP) $(ONNX)
	$(BIN)/python -m bench.speed_all

bench-small: $(STAMP) $(ONNX)
	$(BIN)/python -m bench.speed_all --small

# Extraction and retrieval quality (their figures are in bench/RESULTS.md's other sections).
bench-quality: $(STAMP) $(ONNX)
	$(BIN)/python -m bench.pdf_extract
	$(BIN)/python -m bench.retrieval_eval

# What Qt's xcb platform plugin needs on a Debian machine.
QT_LIBS := libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
	libxcb-render-util0 libxcb-xinerama0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 libegl1 libgl1 \
	libfontconfig1 libdbus-1-3

# The real window under Xvfb (CJK fonts so Chinese renders), after a real answer, with the
# viewer on a highlighted passage: in English and in Chinese, on a 1280x800 screen.
screenshot: $(STAMP)
	command -v xvfb-run >/dev/null && fc-list | grep -qi "noto sans cjk" && \
		ldconfig -p | grep -q libxcb-cursor || \
		(apt-get update -q && apt-get install -y -q xvfb xauth fonts-noto-cjk $(QT_LIBS))
	xvfb-run -a -s "-screen 0 1280x800x24" $(BIN)/python -m app.gui.screenshot docs/screenshot.png
	xvfb-run -a -s "-screen 0 1280x800x24" $(BIN)/python -m app.gui.screenshot \
		docs/screenshot-zh.png --language zh_CN

# The interface's translations (issue 13.11): the .ts sources are in the repo; the .qm files
# Qt loads are built from them. `make i18n` adds new texts of app/gui to the .ts (lupdate).
TS := $(wildcard app/gui/translations/*.ts)
QM := $(TS:.ts=.qm)
%.qm: %.ts | $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@
run unit test test-long screenshot: $(QM)
.PHONY: i18n
i18n: $(STAMP)
	$(BIN)/python -m app.gui.i18n

data: $(STAMP)
	$(BIN)/python tests/data/make_data.py

clean:
	rm -rf $(VENV)
