tshark -r basic.pcap -F xyz -w out.pcap
