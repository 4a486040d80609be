tshark -r basic.pcap -F pcap -w out.pcap
