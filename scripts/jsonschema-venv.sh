#!/usr/bin/env bash
# Prints the path of a Python that has the `jsonschema` package (pinned below), making a virtual
# environment for it once in a cache folder. Nothing is written into the repository.
#
#   WSIS_PYTHON=$(bash scripts/jsonschema-venv.sh) cargo test --test export
#
# Needs python3 with its venv module (Debian: apt-get install python3-venv).
set -euo pipefail

version="4.26.0"
venv="${XDG_CACHE_HOME:-$HOME/.cache}/wsis-ci/venv"
python="$venv/bin/python"

installed() {
  "$python" -c 'import sys, jsonschema; from importlib.metadata import version; sys.exit(version("jsonschema") != sys.argv[1])' "$version" 2>/dev/null
}

if ! installed; then
  if [ ! -x "$python" ]; then
    python3 -m venv "$venv" >&2 || {
      echo "jsonschema-venv: python3 -m venv failed (Debian: apt-get install python3-venv)" >&2
      exit 1
    }
  fi
  "$python" -m pip install --quiet --disable-pip-version-check "jsonschema==$version" >&2
  installed || {
    echo "jsonschema-venv: jsonschema $version is not importable from $python" >&2
    exit 1
  }
fi
echo "$python"
