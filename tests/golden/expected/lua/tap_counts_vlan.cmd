tshark -n -r CAPDIR/vlan.pcap -q -X lua_script:tests/lua/tap_counts.lua
