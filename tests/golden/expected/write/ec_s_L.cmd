editcap -F pcap -s 40 -L basic.pcap out.pcap
