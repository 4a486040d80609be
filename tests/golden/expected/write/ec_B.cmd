editcap -F pcap -B "2024-01-01 00:00:00.06" basic.pcap out.pcap
