cd <dir of lean_vnctail.pcap written by lean_mkpcap.py> && LC_ALL=C.UTF-8 TZ=UTC tshark -r lean_vnctail.pcap -n -q -z conv,tcp > lean_vnctail_conv_tcp.txt
# TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3).
