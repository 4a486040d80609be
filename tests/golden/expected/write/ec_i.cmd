editcap -F pcap -i 0.01 basic.pcap iv.pcap
