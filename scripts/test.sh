#!/usr/bin/env bash
# Set up a virtualenv with scimon and its dev tools, then run every check:
# ruff (lint), mypy (strict types) and pytest (SQLite always; PostgreSQL too
# when SCIMON_TEST_DATABASE_URL is set).  Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${SCIMON_VENV:-.venv}
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -e '.[dev]'
"$VENV/bin/ruff" check .
"$VENV/bin/python" -m mypy
"$VENV/bin/python" -m pytest "$@"
