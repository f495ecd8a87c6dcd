# Two commands on a fresh machine (Python 3.11):
#   make run    set up, migrate, load the seed quiz and demo accounts, serve on http://127.0.0.1:8000
#               with the drafting worker beside the web server; Ctrl-C stops both
#   make test   set up the same way and run the whole test suite (DATABASE_URL picks the database)
PYTHON ?= python3
PORT ?= 8000
BENCH_ARTICLE ?= /tmp/quizsite-bench-article-3000.txt
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup messages browser bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP) messages

messages: $(STAMP)
	$(BIN)/python manage.py compilemessages --ignore "$(VENV)" -v0

# The worker runs in the background of the recipe's shell, which ignores Ctrl-C for it: the trap
# stops it when the web server stops, however that happens.
run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seeds
	@$(BIN)/python manage.py drafting_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The browser tests drive Debian's Chromium (Playwright's own browser download does not work here).
browser:
	@test -x /usr/bin/chromium || { echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }

test: setup browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: setup
	$(BIN)/python bench/drafting.py
	$(BIN)/python bench/stats.py
	$(BIN)/python bench/banks.py
	$(BIN)/python bench/weight.py
	$(BIN)/python bench/make_article.py --chars 3000 $(BENCH_ARTICLE)
	$(BIN)/python bench/teacher_path.py $(BENCH_ARTICLE)
	$(BIN)/python bench/quality.py

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
