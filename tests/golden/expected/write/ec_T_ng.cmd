editcap -T linux-sll basic_ng.pcapng out.pcapng
