#!/usr/bin/env bash
# What the browser tests (tests/browser) need besides the virtualenv, each
# installed only when missing: Debian's Chromium and a Java runtime (apt),
# and from npm the exact versions in package-lock.json of the Nu HTML
# Checker (vnu-jar) and axe-core. Quiet unless something fails; run again
# at will. Without these tools the browser tests skip, unless
# CIVIC_REQUIRE_BROWSER=1 (as in .ci/run) makes them fail.
set -euo pipefail
cd "$(dirname "$0")/.."

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
quiet() {
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "scripts/_browser_deps.sh: nie udało się: $*" >&2
    exit 1
  fi
}

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || packages+=(npm)
if [ "${#packages[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Instaluję ${packages[*]} (apt, jednorazowo)..." >&2
  quiet $sudo apt-get update -q
  quiet $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}"
fi

# npm ci again only when package-lock.json changes. --ignore-scripts: vnu-jar's
# install script would download a Java of its own; the machine's Java runs it.
stamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "Instaluję narzędzia npm z package-lock.json (jednorazowo)..." >&2
  quiet npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
