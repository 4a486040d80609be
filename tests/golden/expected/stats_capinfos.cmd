cd <dir of stats_basic.pcap written by stats_mkpcap.py> && LC_ALL=C.UTF-8 TZ=UTC capinfos stats_basic.pcap > stats_capinfos.txt
# Capinfos (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3).
