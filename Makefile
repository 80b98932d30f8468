PORT ?= 8000
VENV := .venv

.PHONY: demo test bench bench-scheduler bench-import lint messages install

install:
	scripts/bootstrap.sh

demo: install
	$(VENV)/bin/liaison demo --port $(PORT)

test:
	scripts/bootstrap.sh test
	scripts/test.sh

lint: install
	$(VENV)/bin/ruff check .

messages: install
	cd liaison && ../$(VENV)/bin/liaison makemessages -l zh_Hant --no-obsolete -i '*/tests/*' -i conftest.py -i '*/testing.py'
	cd liaison && ../$(VENV)/bin/liaison compilemessages -l zh_Hant

bench: install
	rm -f var/bench/bench.sqlite3
	$(VENV)/bin/python bench/registry.py

bench-scheduler: install
	$(VENV)/bin/python bench/scheduler.py
bench-import: install
	rm -f var/bench/imports.sqlite3
	$(VENV)/bin/python bench/imports.py
