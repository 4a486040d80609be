editcap -F pcap -I x -d macdup.pcap out.pcap
