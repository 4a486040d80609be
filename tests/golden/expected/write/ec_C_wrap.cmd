editcap -F pcap -C 2147483647 -C 2147483647 basic.pcap out.pcap
