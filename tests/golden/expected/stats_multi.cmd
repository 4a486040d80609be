cd <dir of stats_basic.pcap written by stats_mkpcap.py> && LC_ALL=C.UTF-8 TZ=UTC tshark -r stats_basic.pcap -n -q -z conv,tcp -z conv,udp -z conv,ip -z conv,ipv6 -z endpoints,ip -z endpoints,ipv6 -z endpoints,tcp -z endpoints,udp > stats_multi.txt
# TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3).
