tshark -n -r CAPDIR/basic.pcap -q -X lua_script:tests/lua/tapdata.lua
