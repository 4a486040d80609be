editcap -F pcap -C -4 -L basic.pcap out.pcap
