#!/usr/bin/env bash
# run.sh -- every test: unit tests, golden tests on generated captures, the
# corpus comparison (skipped when ../shared is absent).  The last line is
# "N passed, N failed" (suites, as counted below).
#
# Env: WIRESIFT, MKCAP, UNIT (binaries; make test sets them), SANITIZER=1 under make asan.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WIRESIFT="${WIRESIFT:-./wiresift}"; MKCAP="${MKCAP:-build/rel/mkcap}"; UNIT="${UNIT:-build/rel/unit_tests}"
export WIRESIFT MKCAP LC_ALL=C.UTF-8 TZ=UTC
pass=0; fail=0; skip=0
suite() { # suite NAME CMD...
	local name="$1"; shift
	local t0=$SECONDS
	echo "== $name"
	if "$@"; then pass=$((pass + 1)); echo "-- $name: ok ($((SECONDS - t0)) s)"; else fail=$((fail + 1)); echo "-- $name: FAILED ($((SECONDS - t0)) s)"; fi
}
suite unit "$UNIT"
for t in tests/golden/*.sh tests/analyses/*.sh; do # analyses: tests/analyses
	[ -f "$t" ] && suite "golden/$(basename "$t" .sh)" bash "$t"
done
if [ -d "$ROOT/../shared/corpus" ]; then
	suite corpus-check tests/corpus/corpus_check.sh
	suite summary-check tests/corpus/summary_check.sh
	suite stats-check tests/corpus/stats_check.sh
	suite analyses-corpus python3 tests/analyses/corpus_check.py # analyses
	suite multifile-corpus tests/corpus/multifile_check.sh # multifile: rotated files read as one
else
	echo "== corpus-check: SKIP: ../shared/corpus not present"; skip=$((skip + 1))
fi
if [ -d "$ROOT/../shared/lua/aerospike" ]; then
	suite aerospike-check tests/corpus/aerospike_check.sh
else
	echo "== aerospike-check: SKIP: ../shared/lua/aerospike not present"; skip=$((skip + 1))
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
