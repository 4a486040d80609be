tshark -r pcap_be_nsec.pcap -F nsecpcap -w out.pcap
