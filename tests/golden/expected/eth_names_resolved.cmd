cd <dir of names.pcap written by eth_names.sh> && tshark -r names.pcap -T fields -e eth.dst -e eth.src -e eth.dst_resolved -e eth.src_resolved -e eth.dst.oui_resolved -e eth.src.oui_resolved -e eth.addr_resolved -e eth.addr.oui_resolved > eth_names_resolved.txt
# TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3).
