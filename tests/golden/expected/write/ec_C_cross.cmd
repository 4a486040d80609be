editcap -F pcap -C 30:10 -C 20:-30 tcp_analysis.pcap out.pcap
