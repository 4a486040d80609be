cd <dir of protos.pcap written by tests/gen/protos_mkpcap.py> && LC_ALL=C.UTF-8 TZ=UTC tshark -r protos.pcap -n -Y igmp.version == 3 && igmp.record_type == 5 -T fields -e frame.number -e igmp.num_grp_recs > protos_filter_igmp.txt
# TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3).
