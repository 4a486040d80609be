mergecap -V -F nsecpcap -w out.pcap basic.pcap pcap_be_nsec.pcap
