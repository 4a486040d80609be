editcap -F nsecpcap -t -0.25 pcap_be_nsec.pcap out.pcap
