tshark -r basic.pcap -w no/such/dir/out.pcap
