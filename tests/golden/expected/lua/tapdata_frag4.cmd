tshark -n -r CAPDIR/frag4.pcap -q -X lua_script:tests/lua/tapdata.lua
