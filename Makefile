# One task runner; CI calls `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RAW    ?= raw
OUT    ?= output
JOBS   ?=
STAMP  := $(VENV)/.installed

.PHONY: install native extract test lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: native

# the linking's hot modules compiled with mypyc (tools/build_native.py): again only when one of
# them changed; without a C compiler everything runs as Python, slower, with a one-line note
native: $(STAMP)
	@$(BIN)/python tools/build_native.py --if-changed || true

extract: native
	$(BIN)/baltmet-extract extract $(RAW) --out $(OUT) $(if $(JOBS),--jobs $(JOBS),)

test: native
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy src

bench: native
	$(BIN)/python benchmarks/run.py

clean:
	-$(BIN)/python tools/build_native.py --clean
	rm -rf $(OUT) .cache build *.egg-info
