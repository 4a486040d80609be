editcap -F pcap -r basic.pcap out.pcap 5-2
