tshark -n -r CAPDIR/basic.pcap -c 5 -X lua_script:tests/lua/errors.lua
