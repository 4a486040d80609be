editcap -C 20 -L basic_ng.pcapng out.pcapng
