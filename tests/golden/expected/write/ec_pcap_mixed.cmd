editcap -F pcap pcapng_multi.pcapng out.pcap
