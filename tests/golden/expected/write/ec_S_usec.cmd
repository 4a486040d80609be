editcap -F pcap -S 0.000001 ooo.pcap out.pcap
