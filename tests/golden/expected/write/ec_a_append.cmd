editcap -a 1:new basic_ng.pcapng out.pcapng
