editcap -c 5 basic_ng.pcapng out
