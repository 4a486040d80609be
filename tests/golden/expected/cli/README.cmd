# expected/cli/*.txt were made by `tests/golden/cli.sh --regen` with TShark (Wireshark) 4.0.17
# (Debian 4.0.17-0+deb12u3): for each line NAME|FILTER|ARGS of tests/golden/cli.cases it ran
#   WIRESHARK_CONFIG_DIR=$(mktemp -d) LC_ALL=C.UTF-8 TZ=UTC tshark ARGS
# on the captures cli.sh generates, and stored stdout (FILTER=cols: cut after the Destination
# column), the first stderr line (without the "Running as user" banner) and the exit code.
