editcap -F pcap -c 3 -r basic.pcap out.pcap 2-4 9-15
