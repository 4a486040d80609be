cd <dir of expert.pcap written by expert_mkpcap.py> && LC_ALL=C.UTF-8 TZ=UTC tshark -r expert.pcap -n -q -z expert,note,tcp.srcport==80 > expert_note_filter.txt
# TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3).
