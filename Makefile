# Two commands: `make run` serves the dashboard on the bundled sample,
# `make test` runs every test (browser tests included).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
SAMPLE_INPUT := data/sample/articles.jsonl
SAMPLE_TABLES := data/sample/tables

.PHONY: run test sample evaluate clean compiled

$(PY):
	@$(PYTHON) -m venv $(VENV) || { echo "error: '$(PYTHON) -m venv' failed; on Debian run: apt-get install python3-venv" >&2; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run $(VENV)/.installed-mypy

# mypy (it brings mypyc) at requirements-dev.txt's pin, for `make run` too.
$(VENV)/.installed-mypy: requirements-dev.txt | $(PY)
	@$(PY) -m pip install --quiet "$$(grep -E '^mypy==' requirements-dev.txt)" && touch $@ \
	  || echo "WARNING: could not install mypy; the hot modules cannot be compiled" >&2

# Optional and best effort: compile the hot modules with mypyc (README, "Compiled
# hot modules"); a no-op while build/compiled/STAMP matches the sources.
compiled: | $(VENV)/.installed-mypy
	@$(PY) -m etl compile || echo "WARNING: running pure Python: compiling the hot modules failed (reason above); everything works, only slower" >&2

# rejected.jsonl is the last file a build writes: its date stands for the tables.
$(SAMPLE_TABLES)/rejected.jsonl: $(SAMPLE_INPUT) | $(VENV)/.installed-run
	$(PY) -m etl build --input $(SAMPLE_INPUT) --out $(SAMPLE_TABLES)

sample: $(SAMPLE_TABLES)/rejected.jsonl

run: $(VENV)/.installed-run compiled sample
	$(PY) -m streamlit run Overview.py --server.port $(PORT)

# Types first: etl/ and ui/ are fully typed and stay so (about 15 s without a cache).
test: $(VENV)/.installed-dev compiled
	$(PY) -m mypy --ignore-missing-imports etl ui
	$(PY) -m pytest

evaluate: $(VENV)/.installed-run
	$(PY) -m etl evaluate --gold ../shared/eval/dev

clean:
	rm -rf $(VENV) $(SAMPLE_TABLES) build/compiled
