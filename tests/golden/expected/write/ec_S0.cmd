editcap -F pcap -S 0 ooo.pcap out.pcap
