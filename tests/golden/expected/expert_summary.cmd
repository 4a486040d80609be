cd <dir of expert.pcap written by expert_mkpcap.py> && LC_ALL=C.UTF-8 TZ=UTC tshark -r expert.pcap -n  > expert_summary.txt
# TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3).
