cd <dir of protos.pcap written by tests/gen/protos_mkpcap.py> && LC_ALL=C.UTF-8 TZ=UTC tshark -r protos.pcap -n -Y eigrp.opcode == 1 && eigrp.flags.eot -T fields -e frame.number -e eigrp.seq > protos_filter_eigrp.txt
# TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3).
