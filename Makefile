PORT ?= 8000
VENV := .venv

.PHONY: demo test fuzz bench load bench-scheduler bench-import bench-reports bench-search lint messages install

install:
	scripts/bootstrap.sh

demo: install
	$(VENV)/bin/liaison demo --port $(PORT)

test:
	scripts/bootstrap.sh test
	scripts/test.sh

# The API fuzzing test of `make test`, with many more examples per operation (FUZZ_EXAMPLES).
FUZZ_EXAMPLES ?= 200
fuzz: install
	LIAISON_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) LIAISON_DATABASE_URL=sqlite:///var/fuzz.sqlite3 \
		$(VENV)/bin/pytest -q -n 2 liaison/tests/test_api_fuzz.py

lint: install
	$(VENV)/bin/ruff check .

messages: install
	cd liaison && ../$(VENV)/bin/liaison makemessages -l zh_Hant --no-obsolete -i '*/tests/*' -i conftest.py -i '*/testing.py'
	cd liaison && ../$(VENV)/bin/liaison compilemessages -l zh_Hant

SCALES ?= 1,10,100
DB ?= both

bench: install
	$(VENV)/bin/python bench/run.py --scales $(SCALES) --db $(DB)

load: install
	$(VENV)/bin/python bench/load.py

bench-scheduler: install
	$(VENV)/bin/python bench/scheduler.py

bench-import: install
	rm -f var/bench/imports.sqlite3
	$(VENV)/bin/python bench/imports.py

bench-reports: install
	$(VENV)/bin/python bench/reports.py

bench-search: install
	$(VENV)/bin/python bench/search.py --db $(DB)
