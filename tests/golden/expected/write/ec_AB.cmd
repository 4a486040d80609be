editcap -F pcap -A 1704067200.01 -B 2024-01-01T00:00:00.5Z basic.pcap out.pcap
