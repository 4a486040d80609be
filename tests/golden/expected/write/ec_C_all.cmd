editcap -F pcap -C 2000 -L basic.pcap out.pcap
