#!/usr/bin/env bash
# make test-matrix: the server-backed tests (every package whose tests use
# internal/pgtest) against each PostgreSQL major, one after the other, then a
# table of results. Exits 1 when any major failed or could not be installed.
#
#   MAJORS="12 18" internal/pgtest/matrix.sh [go test flags…]
set -uo pipefail
cd "$(dirname "$0")/../.."
GO=${GO:-go}
export CI=${CI:-true} # a server that cannot start fails the tests, never skips them
majors=${MAJORS:-$(internal/pgtest/majors.sh list)}
pkgs=$($GO list -f '{{.ImportPath}}{{range .TestImports}} {{.}}{{end}}{{range .XTestImports}} {{.}}{{end}}' ./... |
  awk '$1 ~ /\/internal\/pgtest$/ || / [^ ]*\/internal\/pgtest( |$)/ {print $1}')
[ -n "$pkgs" ] || { echo "matrix: no package uses internal/pgtest" >&2; exit 1; }

declare -A result
failed=0
for m in $majors; do
  if ! bin=$(internal/pgtest/majors.sh bin "$m"); then
    result[$m]="not installed"; failed=1; continue
  fi
  echo "==> PostgreSQL $m: $bin"
  start=$SECONDS
  if PGTEST_BIN=$bin $GO test -count=1 "$@" $pkgs; then
    result[$m]="ok ($((SECONDS - start)) s)"
  else
    result[$m]="FAIL ($((SECONDS - start)) s)"; failed=1
  fi
done

echo
echo "PostgreSQL major | server-backed packages"
for m in $majors; do printf '%16s | %s\n' "$m" "${result[$m]}"; done
echo "packages: $(echo $pkgs | sed 's#[^ ]*/auroracfg/auroracfg/##g')"
exit $failed
