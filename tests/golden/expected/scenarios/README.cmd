# expected/scenarios/NAME.txt were made by `tests/golden/scenarios.sh --regen` with TShark (Wireshark)
# 4.0.17 (Debian 4.0.17-0+deb12u3), LC_ALL=C.UTF-8 TZ=UTC and an empty WIRESHARK_CONFIG_DIR, on the
# captures written by `mkcap all DIR` (tests/gen/mkcap.c).  Each file holds, for the two commands
# named on its "===" lines: stdout (the summary cut to No. and Time), the first stderr line (without
# the "Running as user" banner) and the exit code.
