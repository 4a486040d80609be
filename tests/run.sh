#!/usr/bin/env bash
# run.sh -- every test: unit tests, golden tests on generated captures, the
# corpus comparison (skipped when ../shared is absent).  The last line is
# "N passed, N failed" (suites, as counted below).
#
# Suites are independent (each works in its own mktemp directory), so they run
# TEST_JOBS at a time (default: one per CPU) -- the sanitizer pass alone took
# ~15 minutes one after another.  A suite's output is printed whole when it
# ends, so its lines never interleave with another's; the longest suites start
# first so the last to finish is a short one.
#
# Env: WIRESIFT, MKCAP, UNIT (binaries; make test sets them), SANITIZER=1 under make asan,
#      TEST_JOBS (suites at once; 1 runs them one after another).
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WIRESIFT="${WIRESIFT:-./wiresift}"; MKCAP="${MKCAP:-build/rel/mkcap}"; UNIT="${UNIT:-build/rel/unit_tests}"
export WIRESIFT MKCAP LC_ALL=C.UTF-8 TZ=UTC
JOBS="${TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}"
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
pass=0; fail=0; skip=0
names=(); cmds=()
add() { # add NAME CMD...
	names+=("$1"); shift
	cmds+=("$(printf '%q ' "$@")")
}
add unit "$UNIT"
# the committed clang-format style and the layer/banned-function rules (once: the sanitizer pass skips it)
[ -z "${SANITIZER:-}" ] && add style make --no-print-directory -s check-format lint
for t in tests/golden/*.sh tests/analyses/*.sh; do # analyses: tests/analyses
	[ -f "$t" ] && add "golden/$(basename "$t" .sh)" bash "$t"
done
if [ -d "$ROOT/../shared/corpus" ]; then
	add corpus-check tests/corpus/corpus_check.sh
	add summary-check tests/corpus/summary_check.sh
	add stats-check tests/corpus/stats_check.sh
	add analyses-corpus python3 tests/analyses/corpus_check.py # analyses
	add multifile-corpus tests/corpus/multifile_check.sh # multifile: rotated files read as one
else
	echo "== corpus-check: SKIP: ../shared/corpus not present"; skip=$((skip + 1))
fi
if [ -d "$ROOT/../shared/lua/aerospike" ]; then
	add aerospike-check tests/corpus/aerospike_check.sh
else
	echo "== aerospike-check: SKIP: ../shared/lua/aerospike not present"; skip=$((skip + 1))
fi

# the longest suites (seconds in the sanitizer pass) go first
order=()
for n in golden/threads golden/records golden/filter golden/lean analyses-corpus golden/pinforec \
	golden/multifile golden/taprec golden/each corpus-check; do
	for i in "${!names[@]}"; do [ "${names[$i]}" = "$n" ] && order+=("$i"); done
done
for i in "${!names[@]}"; do [[ " ${order[*]} " == *" $i "* ]] || order+=("$i"); done

start() { # start I: the suite in the background, its output and "rc seconds" under $T
	local i="$1"
	(
		SECONDS=0
		eval "${cmds[$i]}" > "$T/$i.log" 2>&1
		echo "$? $SECONDS" > "$T/$i.rc.tmp" && mv "$T/$i.rc.tmp" "$T/$i.rc"
	) &
}
declare -A shown
report() { # every finished suite not yet shown
	local i rc secs
	for i in "${order[@]}"; do
		[ -z "${shown[$i]:-}" ] && [ -f "$T/$i.rc" ] || continue
		shown[$i]=1
		read -r rc secs < "$T/$i.rc"
		echo "== ${names[$i]}"
		cat "$T/$i.log"
		if [ "$rc" = 0 ]; then
			pass=$((pass + 1)); echo "-- ${names[$i]}: ok ($secs s)"
		else
			fail=$((fail + 1)); echo "-- ${names[$i]}: FAILED ($secs s)"
		fi
	done
}
for i in "${order[@]}"; do
	while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do
		wait -n
		report
	done
	start "$i"
done
wait
report
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ $((pass + fail)) -eq "${#names[@]}" ]
