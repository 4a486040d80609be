mergecap -w out.pcapng basic_ng.pcapng pcap_be_nsec.pcap
