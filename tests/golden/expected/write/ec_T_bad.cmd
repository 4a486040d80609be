editcap -T xyz basic.pcap out.pcap
