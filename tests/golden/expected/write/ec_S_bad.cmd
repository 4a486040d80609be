editcap -F pcap -S x ooo.pcap out.pcap
