#!/usr/bin/env bash
# aerospike_check.sh -- the Aerospike dissector (src/dissect/aerospike.c) on
# the 11 captures of the Aerospike Wireshark plugin in ../shared/lua/aerospike:
# for every field name inside the Aerospike subtrees of the plugin's PDML, our
# `-T fields -E occurrence=a` values must equal the PDML's `show` values, frame
# by frame, in order.  Only the Aerospike subtrees are compared (the PDML was
# made by an older Wireshark); when the binary prints PDML (-T pdml), the
# shown texts (showname) of those subtrees are compared too.  Byte strings are compared without the colons
# the PDML puts between bytes.  awk only: no python on CI machines.
#   aerospike_check.sh [-v]     (-v: print every differing cell)
# Skips (exit 0) when ../shared is absent.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
A="$ROOT/../shared/lua/aerospike"
WIRESIFT="${WIRESIFT:-$ROOT/wiresift}"
verbose=0; [ "${1:-}" = -v ] && verbose=1
[ -d "$A" ] || { echo "aerospike-check: SKIP: $A not present"; exit 0; }
[ -x "$WIRESIFT" ] || { echo "aerospike-check: no binary at $WIRESIFT"; exit 1; }
D="$(mktemp -d)"; trap 'rm -rf "$D"' EXIT
US=$'\x1f'
ok=0; total=0
for pdml in "$A"/*.pdml; do
	cap="${pdml%.pdml}"; name="$(basename "$cap")"
	[ -f "$cap" ] || continue
	total=$((total + 1))
	# FRAME \t FIELD \t SHOW for every field inside an aerospike* protocol
	awk '
	function attr(s, a,   i, r) {
		i = index(s, " " a "=\""); if (!i) return ""
		r = substr(s, i + length(a) + 3); return substr(r, 1, index(r, "\"") - 1)
	}
	function unxml(s) {
		gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s)
		gsub(/&apos;/, "\047", s); gsub(/&#x0*9;/, "\t", s); gsub(/&amp;/, "\\&", s); return s
	}
	/<packet>/ { inas = 0; frame = "" }
	/<field name="num"/ && frame == "" { frame = attr($0, "show") }
	/<proto / { inas = (attr($0, "name") ~ /^aerospike/) }
	inas && /<field / {
		v = unxml(attr($0, "show"))
		if (v ~ /^[0-9a-f][0-9a-f](:[0-9a-f][0-9a-f])+$/) gsub(/:/, "", v)
		print frame "\t" attr($0, "name") "\t" v
	}' "$pdml" > "$D/exp"
	mapfile -t names < <(cut -f2 "$D/exp" | awk '!seen[$0]++')
	args=()
	for n in "${names[@]}"; do args+=(-e "$n"); done
	"$WIRESIFT" -r "$cap" -T fields -E occurrence=a -E "aggregator=$US" -e frame.number "${args[@]}" \
		> "$D/got" 2> "$D/err"
	# shown texts, when the binary has a PDML printer (-T pdml): the sequence of
	# name/showname pairs inside the Aerospike subtrees must be the plugin's
	# (TCP reassembly items that the 2-pass PDML lists after the Aerospike proto are TCP's, not the plugin's)
	shown_ok=1
	if "$WIRESIFT" -r "$cap" -T pdml > "$D/our.pdml" 2> /dev/null; then
		shown() { awk '
		function attr(s, a,   i, r) {
			i = index(s, " " a "=\""); if (!i) return ""
			r = substr(s, i + length(a) + 3); return substr(r, 1, index(r, "\"") - 1)
		}
		/<packet>/ { inas = 0; n++ }
		/<proto / { inas = (attr($0, "name") ~ /^aerospike/) }
		inas && /<(field|proto) / && attr($0, "name") !~ /^tcp\./ { print n "\t" attr($0, "name") "\t" attr($0, "showname") }' "$1"; }
		if ! diff <(shown "$pdml") <(shown "$D/our.pdml") > "$D/shown.diff"; then
			shown_ok=0
			echo "  $name: shown texts differ ($(grep -c '^<' "$D/shown.diff") lines), e.g."
			head -4 "$D/shown.diff" | cut -c1-160 | sed 's/^/    /'
		fi
	fi
	# expected cells: one per (frame, field), values joined in order
	if awk -F'\t' -v US="$US" -v verbose=$verbose -v name="$name" -v fl="$(printf '%s\n' "${names[@]}")" '
	BEGIN { n = split(fl, F, "\n"); for (i = 1; i <= n; i++) col[F[i]] = i }
	FNR == NR { k = $1 SUBSEP $2; e[k] = (k in e) ? e[k] US $3 : $3; fr[$1] = 1; next }
	{
		f = $1
		for (i = 1; i <= n; i++) {
			got = $(i + 1)
			k = f SUBSEP F[i]; want = (k in e) ? e[k] : ""
			cells++
			if (got != want) {
				bad++
				if (verbose || bad <= 5) {
					w = want; g = got; gsub(US, ",", w); gsub(US, ",", g)
					printf "  %s frame %s %s: want [%s] got [%s]\n", name, f, F[i], substr(w, 1, 120), substr(g, 1, 120)
				}
			}
		}
	}
	END { printf "%s: %d/%d cells agree\n", name, cells - bad, cells; exit bad > 0 }' "$D/exp" "$D/got"; then
		[ $shown_ok = 1 ] && ok=$((ok + 1))
	fi
done
echo "aerospike-check: $ok of $total captures reproduce fully"
[ "$ok" -eq "$total" ]
