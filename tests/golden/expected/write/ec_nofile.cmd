editcap nonexistent.pcap out.pcap
