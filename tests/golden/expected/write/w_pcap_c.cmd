tshark -r tcp_analysis.pcap -F pcap -c 7 -w out.pcap
