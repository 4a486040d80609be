cd <dir of lean_reuse.pcap written by lean_mkpcap.py> && LC_ALL=C.UTF-8 TZ=UTC tshark -r lean_reuse.pcap -n -q -z conv,tcp -z endpoints,tcp -z io,stat,1 > lean_reuse_tables.txt
# TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3).
