#!/usr/bin/env bash
# Refreshes the dashboard's vendored front-end libraries under src/Api/wwwroot/lib from the npm registry.
# The built files are committed so `dotnet run --project src/Api` and `dotnet test Orleans.sln` need neither npm nor
# a network at build or run time; run this by hand to move to new versions, then review and commit the diff.
#   tools/refresh-frontend-libs.sh                 # the pinned versions below
#   SIGNALR_VERSION=10.0.12 tools/refresh-frontend-libs.sh
set -euo pipefail

SIGNALR_VERSION="${SIGNALR_VERSION:-10.0.11}"
CHARTS_VERSION="${CHARTS_VERSION:-5.2.1}"

root="$(cd "$(dirname "$0")/.." && pwd)"
lib="$root/src/Api/wwwroot/lib"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v npm >/dev/null || { echo "npm is needed (Debian: apt-get install -y npm)" >&2; exit 1; }

# npm pack fetches the published tarball only: no install scripts run, no dependencies are pulled.
fetch() { # name version -> directory with the unpacked package
  local name="$1" version="$2" dir="$work/$(echo "$1" | tr '/@' '__')"
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "$name@$version" >/dev/null && tar -xzf ./*.tgz)
  echo "$dir/package"
}

copy() { # package-dir target-dir file...
  local from="$1" to="$2"; shift 2
  rm -rf "$to"; mkdir -p "$to"
  for f in "$@"; do cp "$from/$f" "$to/$(basename "$f")"; done
  local license
  for license in "$from"/LICENSE* "$from"/LICENCE* "$from"/license*; do
    [[ -e "$license" ]] && cp "$license" "$to/"
  done
  return 0
}

signalr="$(fetch @microsoft/signalr "$SIGNALR_VERSION")"
copy "$signalr" "$lib/signalr" dist/browser/signalr.min.js
# The signalr package ships no LICENSE file of its own; its package.json says MIT (the ASP.NET Core repository's licence).
[[ -e "$lib/signalr/LICENSE.txt" || -e "$lib/signalr/LICENSE" ]] || cat >"$lib/signalr/LICENSE.txt" <<'MIT'
The MIT License (MIT)

Copyright (c) .NET Foundation and Contributors

All rights reserved.

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
MIT
echo "@microsoft/signalr $SIGNALR_VERSION (dist/browser/signalr.min.js)" >"$lib/signalr/VERSION"

charts="$(fetch lightweight-charts "$CHARTS_VERSION")"
copy "$charts" "$lib/lightweight-charts" dist/lightweight-charts.standalone.production.js
echo "lightweight-charts $CHARTS_VERSION (dist/lightweight-charts.standalone.production.js)" >"$lib/lightweight-charts/VERSION"

echo "Vendored into $lib:"
cat "$lib"/*/VERSION
