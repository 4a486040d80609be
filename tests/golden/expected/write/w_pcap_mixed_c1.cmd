tshark -r pcapng_multi.pcapng -F pcap -w out.pcap -c 1
