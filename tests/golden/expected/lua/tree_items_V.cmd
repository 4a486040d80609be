tshark -n -r CAPDIR/basic.pcap -c 2 -V -O tinfo -X lua_script:tests/lua/tree_items.lua
