# EduEnforce — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?= ./data
PYTEST_WORKERS ?= 2

.PHONY: demo test test-fast lint bench install clean-demo system-packages serve

$(BIN)/eduenforce: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e ".[test]"
	touch $(BIN)/eduenforce

install: $(BIN)/eduenforce

demo: install
	EDUENFORCE_DEMO=1 EDUENFORCE_DATA_DIR=$(DATA) $(BIN)/eduenforce migrate --no-input -v 0
	EDUENFORCE_DEMO=1 EDUENFORCE_DATA_DIR=$(DATA) $(BIN)/eduenforce load-demo
	@echo "平台已启动：http://127.0.0.1:8000 （Ctrl+C 停止）"
	# The task worker (report generation, deadline jobs) runs beside the server and stops with it.
	EDUENFORCE_DEMO=1 EDUENFORCE_DATA_DIR=$(DATA) $(BIN)/eduenforce db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	EDUENFORCE_DEMO=1 EDUENFORCE_DATA_DIR=$(DATA) $(BIN)/eduenforce runserver 127.0.0.1:8000

# The production web server (gunicorn; config in eduenforce/ops/gunicorn_conf.py, see docs/deploy.md).
serve: install
	$(BIN)/eduenforce serve

# Chromium, CJK fonts and poppler: installed when missing (as root), or a stop with the command.
system-packages:
	@bash tools/system_packages.sh

# The whole suite; with DATABASE_URL=postgres://… it runs on PostgreSQL.
test: install system-packages
	EDUENFORCE_TESTING=1 EDUENFORCE_DATA_DIR=$(CURDIR)/.test-data $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile -q eduenforce tools

lint: install
	$(BIN)/ruff check eduenforce bench tools
	$(BIN)/ruff format --check eduenforce bench tools

bench: install
	EDUENFORCE_TESTING=1 EDUENFORCE_DATA_DIR=$(CURDIR)/.bench-data $(BIN)/python -m bench $(BENCH)

clean-demo:
	rm -rf $(DATA)
