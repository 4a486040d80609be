editcap -F pcap -T rawip basic.pcap out.pcap
