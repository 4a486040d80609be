tshark -r pcap_be_nsec.pcap -F pcap -w out.pcap
