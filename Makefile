# Two commands: `make run` serves the dashboard on the bundled sample,
# `make test` runs every test (browser tests included).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
SAMPLE_INPUT := data/sample/articles.jsonl
SAMPLE_TABLES := data/sample/tables

.PHONY: run test sample evaluate clean

$(PY):
	@$(PYTHON) -m venv $(VENV) || { echo "error: '$(PYTHON) -m venv' failed; on Debian run: apt-get install python3-venv" >&2; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

# rejected.jsonl is the last file a build writes: its date stands for the tables.
$(SAMPLE_TABLES)/rejected.jsonl: $(SAMPLE_INPUT) | $(VENV)/.installed-run
	$(PY) -m etl build --input $(SAMPLE_INPUT) --out $(SAMPLE_TABLES)

sample: $(SAMPLE_TABLES)/rejected.jsonl

run: $(VENV)/.installed-run sample
	$(PY) -m streamlit run dashboard.py --server.port $(PORT)

# Types first: etl/, ui/ and bench/ are fully typed and stay so (about 15 s without a cache).
test: $(VENV)/.installed-dev
	$(PY) -m mypy --ignore-missing-imports etl ui bench
	$(PY) -m pytest

evaluate: $(VENV)/.installed-run
	$(PY) -m etl evaluate --gold ../shared/eval/dev

clean:
	rm -rf $(VENV) $(SAMPLE_TABLES)
