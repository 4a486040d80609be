editcap -F pcap -i 1 tcp_analysis.pcap iv.pcap
