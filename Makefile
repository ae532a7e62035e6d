# lkjip: two commands do everything on a fresh machine.
#   make report   set up .venv and build the report for the default year (HTML + PDF + Word)
#   make test     set up .venv and run the whole suite (unit tests, notebooks via nbval)
# The interpreter .venv is made from: the distribution's /usr/bin/python3 when it is 3.11 or newer
# and has venv (Debian builds it with profile-guided and link-time optimisation: on this machine
# type the build and the PDF run about 10-15 % faster than with pyenv's 3.11.7, which is built
# without), else python3 from PATH. The report is byte-identical either way.
# `make setup PYTHON=/path/to/python3` chooses another; .venv is remade when the choice changes.
ifeq ($(origin PYTHON),undefined)
  PYTHON := $(shell /usr/bin/python3 -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo /usr/bin/python3 || echo python3)
endif
VENV   := .venv
BIN    := $(VENV)/bin
YEAR   ?= $(shell $(PYTHON) -c "import pathlib,re;print(re.search(r'default_year:\s*(\d+)',pathlib.Path('params/defaults.yaml').read_text()).group(1))" 2>/dev/null || echo 2024)
STAMP  := $(VENV)/.lkjip-stamp
MADE_WITH := $(VENV)/.lkjip-python
ifneq ($(shell cat $(MADE_WITH) 2>/dev/null),$(PYTHON))
  $(shell rm -f $(STAMP))
endif

.PHONY: setup report test test-office lab golden bench bench-batch lint clean sysdeps sysdeps-office referensi checker

setup: $(STAMP)

# WeasyPrint renders the PDF through Pango; HarfBuzz's subsetter makes font subsetting ~2.5 s faster;
# CairoSVG draws the Word edition's charts through Cairo. The house style's font
# (params/defaults.yaml gaya.huruf: Liberation Sans, metric-compatible with Arial) comes from
# fonts-liberation; DejaVu draws the charts. Installed here (as root, as on CI) only when
# something is missing.
sysdeps:
	@if ! ldconfig -p 2>/dev/null | grep -q libpango-1.0.so.0 || ! ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset.so.0 \
	    || ! ldconfig -p 2>/dev/null | grep -q libcairo.so.2 \
	    || ! fc-list 2>/dev/null | grep -q "Liberation Sans" || ! fc-list 2>/dev/null | grep -q "DejaVu Sans"; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libcairo2 fontconfig fonts-dejavu-core fonts-liberation; \
	  else echo "WeasyPrint and CairoSVG need Pango, Cairo and the fonts: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libcairo2 fonts-dejavu-core fonts-liberation" >&2; exit 1; fi; \
	fi

# LibreOffice opens the Word edition in the tests that check its layout (they skip without it).
# Not needed to build the report: installed only by `make test-office`.
sysdeps-office:
	@if ! command -v soffice >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui; \
	  else echo "LibreOffice is needed: apt-get install libreoffice-writer-nogui" >&2; exit 1; fi; \
	fi

# The Nu HTML Checker (npm's vnu-jar, run by Java) for the test of the HTML page
# (tests/build/test_build.py skips it when either is missing). Java from Debian's
# default-jre-headless when there is none (as root), the jar into .venv/vnu/. Never fails the
# target: without npm or Java the test skips.
VNU_JAR := $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar
checker: | setup
	@if ! command -v java >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null || true; fi
	@if [ ! -f $(VNU_JAR) ] && command -v npm >/dev/null 2>&1; then \
	  npm install --prefix $(VENV)/vnu --no-audit --no-fund --silent vnu-jar@26.9.27 || true; fi

$(STAMP): pyproject.toml | sysdeps
	$(PYTHON) -m venv --clear $(VENV)
	echo '$(PYTHON)' > $(MADE_WITH)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	# rfc3987-syntax comes in through jupyter-events -> jsonschema[format-nongpl]. When it is
	# installed, every `import jsonschema` (so every `import nbformat`, papermill and nbconvert)
	# builds a Lark grammar at import time: about 2.5 s per process on this machine type
	# (python-jsonschema/jsonschema#1392). It only validates the "iri"/"uri" string formats of
	# Jupyter event schemas, which lkjip never emits, and jsonschema skips a format whose checker
	# is not installed. So it is removed from the project's environment.
	$(BIN)/pip uninstall -y -q rfc3987-syntax || true
	# the project's kernel, inside the venv's Jupyter: the notebooks, papermill and the build name it
	$(BIN)/python -m ipykernel install --sys-prefix --name lkjip \
	  --display-name "lkjip (Python $$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])'))" >/dev/null
	touch $(STAMP)

report: setup
	$(BIN)/lkjip build --year $(YEAR) --format html,pdf,docx

# The notebooks' check loads only the two plugins it uses: the others installed (hypothesis,
# anyio, typeguard) cost each of its three processes about a second to start.
test: setup checker
	$(BIN)/python -m pytest -q -n 2 --dist loadfile tests
	PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 $(BIN)/python -m pytest -q -p xdist -p nbval -n 2 --dist loadfile \
	  --nbval notebooks/ --nbval-sanitize-with notebooks/nbval-sanitize.cfg

# the Word edition's tests, with LibreOffice (installed if missing)
test-office: setup sysdeps-office
	$(BIN)/python -m pytest -q tests/build/test_docx.py

# write lkjip's reference document for the Word edition afresh (lkjip/build/docx_styles.py)
referensi: setup
	$(BIN)/python -m lkjip.build.docx_styles lkjip/present/templates/referensi.docx

# JupyterLab on notebooks/ with the project's kernel; as root (as on this project's machines)
# Jupyter refuses to start without --allow-root.
lab: setup
	$(BIN)/jupyter lab --notebook-dir=notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

golden: setup
	$(BIN)/lkjip golden --year $(YEAR)

bench: setup
	$(BIN)/python benchmarks/bench_build.py

# 20 synthetic offices, HTML and PDF: a shell loop of `lkjip build` vs `lkjip batch` on the local
# cluster vs `lkjip batch --scheduler` on a separately started dask scheduler + worker (3 rounds)
bench-batch: setup
	$(BIN)/python benchmarks/bench_batch.py

lint: setup
	$(BIN)/ruff check lkjip tests benchmarks

clean:
	rm -rf build
