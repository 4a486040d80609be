tshark -n -r CAPDIR/basic.pcap -c 4 -V -O apig -X lua_script:tests/lua/api_gaps.lua
