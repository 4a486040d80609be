mergecap basic.pcap
