# statement-search: `make run` serves the seeds, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INDEX ?= index
SOURCE ?= seeds
HOST ?= 127.0.0.1
PORT ?= 5000
CORPUS ?= ../shared/corpus

.PHONY: run test bench index update clean install

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Build the index from seeds/ if it is missing (else bring it up to date with the files),
# then serve it with waitress.
run: install
	@if [ ! -e "$(INDEX)/current" ]; then $(PY) -m indexer build --source $(SOURCE) --index $(INDEX); \
	else $(PY) -m indexer update --source $(SOURCE) --index $(INDEX); fi
	$(PY) -m search_web --index $(INDEX) --host $(HOST) --port $(PORT)

index: install
	$(PY) -m indexer build --source $(SOURCE) --index $(INDEX)

update: install
	$(PY) -m indexer update --source $(SOURCE) --index $(INDEX)

test: install
	$(PY) -m pytest

BENCH_INDEX ?= benchmarks/out/ungdc-index
BENCH_INDEX_3X ?= benchmarks/out/ungdc-3x-index

# Build the whole UN corpus and the corpus three times over (timed, beside SQLite FTS5),
# then time queries in process (beside Whoosh's own facets) and through HTTP at 1x and 3x
# (beside Datasette over SQLite FTS5), requests per second of 1 and 2 server processes,
# the scale table (1x and 3x beside Datasette); then relevance on the known-item queries of benchmarks/relevance/
# beside plain BM25.
bench: install
	$(PY) -m pip install --quiet -e '.[bench]'
	rm -rf $(BENCH_INDEX_3X)
	$(PY) benchmarks/bench_build.py --corpus $(CORPUS)/ungdc --keep $(BENCH_INDEX) --keep-many $(BENCH_INDEX_3X)
	$(PY) benchmarks/bench_query.py --index $(BENCH_INDEX)
	$(PY) benchmarks/bench_search.py --corpus $(CORPUS)/ungdc --index $(BENCH_INDEX) --label 1x
	$(PY) benchmarks/bench_search.py --index $(BENCH_INDEX_3X) --label 3x
	$(PY) benchmarks/bench_workers.py --index $(BENCH_INDEX)
	$(PY) benchmarks/bench_table.py
	$(PY) benchmarks/bench_relevance.py --corpus $(CORPUS)

clean:
	rm -rf $(VENV) $(INDEX) .pytest_cache
