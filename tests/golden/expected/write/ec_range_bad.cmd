editcap -F pcap -r basic.pcap out.pcap 1-3 10-
