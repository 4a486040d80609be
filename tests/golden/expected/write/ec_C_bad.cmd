editcap -F pcap -C x basic.pcap out.pcap
