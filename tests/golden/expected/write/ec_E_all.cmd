editcap -F pcap -E 1 --seed 11 basic.pcap out.pcap
