cd <dir of stats_basic.pcap written by stats_mkpcap.py> && LC_ALL=C.UTF-8 TZ=UTC tshark -r stats_basic.pcap -n -q -z io,stat,0,LOAD(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt,FRAMES()tcp > stats_io_load_total.txt
# TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3).
