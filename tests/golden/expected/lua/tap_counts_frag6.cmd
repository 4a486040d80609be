tshark -n -r CAPDIR/frag6.pcap -q -X lua_script:tests/lua/tap_counts.lua
