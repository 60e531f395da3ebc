# Two commands do all the set-up on a fresh machine:
#   make demo   - create .venv, install, screen sample_papers/ into cases/
#   make test   - create .venv, install, run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test bench bench-ingest bench-stats bench-images bench-text bench-pipeline samples clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/integrity screen sample_papers --out cases

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: bench-ingest bench-stats bench-images bench-text bench-pipeline

bench-ingest: $(STAMP)
	$(BIN)/python bench/ingest.py

bench-stats: $(STAMP)
	$(BIN)/python -m bench.stats

bench-images: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/images.py

bench-text: $(STAMP)
	$(BIN)/python bench/text_overlap.py

bench-pipeline: $(STAMP)
	$(BIN)/python -m bench.pipeline

samples: $(STAMP)
	$(BIN)/python sample_papers/generate.py

clean:
	rm -rf $(VENV) cases .integrity
