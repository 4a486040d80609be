mergecap -w out.pcap
