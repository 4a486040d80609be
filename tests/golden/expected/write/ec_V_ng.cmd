editcap -V -F pcap pcap_be_nsec.pcap out.pcap
