editcap pcap_be_nsec.pcap out.pcapng
