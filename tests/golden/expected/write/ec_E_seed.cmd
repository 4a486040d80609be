editcap -F pcap -E 0.1 --seed 7 tcp_analysis.pcap out.pcap
