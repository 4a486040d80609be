tshark -r pcap_be_nsec.pcap -w out.pcapng
