tshark -n -r CAPDIR/basic.pcap -c 5 -V -O bad -X lua_script:tests/lua/errors.lua
