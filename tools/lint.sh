#!/usr/bin/env bash
# lint.sh -- architecture and hygiene rules that the compiler does not check.
#  1. include rules between layers (docs/ARCHITECTURE.md): a folder may include
#     only the folders listed for it;
#  2. banned functions (unbounded or locale/overflow traps);
#  3. the `x = realloc(x, n)` leak pattern.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.."
status=0
allowed() { # folder -> allowed include folders
	case "$1" in
	core) echo "core" ;;
	capture) echo "core capture" ;;
	analysis) echo "core analysis" ;;
	dissect) echo "core analysis dissect" ;;
	filter) echo "core filter" ;;
	stats) echo "core filter stats dissect analysis output" ;;
	output) echo "core filter output dissect" ;;
	lua) echo "core capture dissect filter analysis lua output stats" ;;
	engine) echo "core capture dissect analysis output engine" ;;
	report) echo "core capture dissect analysis stats output engine report" ;;
	cli) echo "core capture dissect analysis filter stats output lua engine report cli" ;;
	*) echo "" ;;
	esac
}
for f in src/*/*.[ch]; do
	dir="$(basename "$(dirname "$f")")"
	ok="$(allowed "$dir")"
	while IFS= read -r inc; do
		target="$(echo "$inc" | sed -n 's/^#include "\(\.\.\/\)\?\([a-z]*\)\/.*/\2/p')"
		[ -z "$target" ] && target="$dir"
		case " $ok " in *" $target "*) ;; *)
			echo "$f: layer '$dir' may not include '$inc'"; status=1 ;;
		esac
	done < <(grep -h '^#include "' "$f")
done
banned='\b(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atol|gets|strncpy|alloca)\s*\('
if grep -nE "$banned" src/*/*.[ch] fuzz/*.c tests/unit/*.c tests/gen/*.[ch] 2>/dev/null; then
	echo "banned function used (see above)"; status=1
fi
if grep -nE '\b([a-z_>.-]+)\s*=\s*realloc\(\s*\1\s*,' src/*/*.c 2>/dev/null; then
	echo "x = realloc(x, n) leaks x on failure: use xrealloc"; status=1
fi
[ $status -eq 0 ] && echo "lint: ok"
exit $status
