editcap -F pcap -A "2024-01-01 00:00:00.03" basic.pcap out.pcap
