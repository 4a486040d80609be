editcap -F pcap -E 0.5 --seed 3 -o 20 tcp_analysis.pcap out.pcap
