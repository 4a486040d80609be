editcap -F pcap -C 14 basic.pcap out.pcap
