editcap -F pcap -S -0.25 ooo.pcap out.pcap
