tshark -n -r CAPDIR/basic.pcap -q -X lua_script:tests/lua/dumper.lua -X lua_script1:CAPDIR/dump; od -An -tx1 -v CAPDIR/dump/dump.pcap CAPDIR/dump/dump_ns.pcap
