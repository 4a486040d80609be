tshark -n -r CAPDIR/basic.pcap -c 6 -q -X lua_script:tests/lua/all_fields.lua
