# Two entry points: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench clean browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP) browser
	$(PY) -m bot run

test: $(STAMP) browser
	$(PY) -m pytest -q

# Debian's chromium for the sandbox chat page test (skipped, with a note, where it cannot be installed;
# not wanted by `make run` alone), and Debian's emoji font so the chat page shows emoji instead of
# empty boxes (skipped silently where it cannot be installed).
browser:
	@[ "$(MAKECMDGOALS)" = run ] || command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
	      || echo "chromium could not be installed: the chat page test will be skipped"; \
	  else echo "chromium is not installed (sudo apt-get install chromium): the chat page test will be skipped"; fi; }
	@[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || { \
	  [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	    && { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-color-emoji \
	         || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-color-emoji; }; } \
	    >/dev/null 2>&1; } || true

bench: $(STAMP)
	for f in bench/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache
