tshark -n -r CAPDIR/basic.pcap -c 4 -V -O myp -X lua_script:tests/lua/proto_udp.lua
