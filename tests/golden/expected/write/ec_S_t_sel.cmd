editcap -F pcap -S 0.5 -t 10 ooo.pcap out.pcap 3-5
