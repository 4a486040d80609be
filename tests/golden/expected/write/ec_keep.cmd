editcap -F pcap -r tcp_analysis.pcap out.pcap 2-5 20-25 9
