cd <dir of stats_basic.pcap written by stats_mkpcap.py> && LC_ALL=C.UTF-8 TZ=UTC tshark -r stats_basic.pcap -n -q -z io,stat,0.3,LOAD(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt&&ip,AVG(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt > stats_io_load_frac.txt
# TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3).
