tshark -n -r CAPDIR/basic.pcap -X lua_script:tests/lua/proto_udp.lua
