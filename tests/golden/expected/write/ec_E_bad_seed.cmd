editcap -F pcap -E 0.1 --seed x basic.pcap out.pcap
