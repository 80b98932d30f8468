PORT ?= 8000
VENV := .venv

.PHONY: demo test bench load lint messages install

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

SCALES ?= 1,10,100
DB ?= both

bench: install
	$(VENV)/bin/python bench/run.py --scales $(SCALES) --db $(DB)

load: install
	$(VENV)/bin/python bench/load.py
