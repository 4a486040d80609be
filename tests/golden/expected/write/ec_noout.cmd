editcap basic.pcap
