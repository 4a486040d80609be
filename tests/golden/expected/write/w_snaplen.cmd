tshark -r snaplen.pcap -F pcap -w out.pcap
