# made with TShark (Wireshark) 4.0.17 (Debian 4.0.17-0+deb12u3):
LC_ALL=C.UTF-8 TZ=UTC WIRESHARK_CONFIG_DIR=$(mktemp -d) tshark -G fields 2>/dev/null | gzip -9n > expected/tshark-G-fields.txt.gz
