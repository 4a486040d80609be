editcap -F pcap -a 1:x basic.pcap out.pcap
