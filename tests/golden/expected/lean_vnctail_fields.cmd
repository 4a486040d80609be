cd <dir of lean_vnctail.pcap written by lean_mkpcap.py> && LC_ALL=C.UTF-8 TZ=UTC tshark -r lean_vnctail.pcap -n -q -T fields -e frame.number -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport -e tcp.stream -e udp.stream -e frame.len > lean_vnctail_fields.txt
# TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3).
