# Two commands on a fresh machine with Python ≥ 3.11:  make run  ·  make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
CHROMIUM ?= /usr/bin/chromium
PYTEST_WORKERS ?= 2

.PHONY: install run serve test test-unit test-browser lint lock messages clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/thidua demo
	@echo ""
	@echo "  Mở trình duyệt tại http://127.0.0.1:8000 và đăng nhập bằng một tài khoản ở trên."
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install lint
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -m "not browser" -n $(PYTEST_WORKERS)
	@if [ -x "$(CHROMIUM)" ]; then \
		$(MAKE) --no-print-directory test-browser; \
	else \
		echo "WARNING: browser tests NOT run: $(CHROMIUM) is missing (apt-get install chromium). .ci/run installs it."; \
	fi

test-unit: install
	$(BIN)/pytest -m "not browser" -n $(PYTEST_WORKERS)

test-browser: install
	$(BIN)/python manage.py collectstatic --noinput -v0
	THIDUA_CHROMIUM=$(CHROMIUM) $(BIN)/pytest -m browser tests/browser

lint: install
	$(BIN)/ruff check .

lock:
	PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= $(BIN)/pip-compile --quiet --extra dev \
		--generate-hashes --strip-extras --allow-unsafe -o requirements.lock pyproject.toml

messages: install
	cd thidua && ../$(BIN)/python ../manage.py makemessages -l en --no-obsolete --no-location
	cd thidua && ../$(BIN)/python ../manage.py compilemessages -l en

clean:
	rm -rf $(VENV) var db.sqlite3
