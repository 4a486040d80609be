# Provenance of the expectations in tests/unit/test_format.c (tshark 4.0.17, Debian 4.0.17-0+deb12u3).
# Lua fields of every type/base (wst.lua, wsu.lua, wsv.lua) over UDP port 9999 payloads written by
# mkpcap.py (one packet per payload hex; exploration helper, not used by the tests):
#   python3 mkpcap.py a.pcap 00000000000000000000000000000000 ffffffffffffffffffffffffffffffff 80000000000000010000000000000000 0102030405060708090a0b0c0d0e0f10 3ff0000000000000 3fb999999999999a 40091eb851eb851f 41cdcd6500000000 3e112e0be826d695 7ff0000000000000 7ff8000000000000 0000000100000002 8000000180000002 41424309410a420d5c22272f7f80c3a9e282ac00414243 2b0601020304 2a864886f70d0101 61620063ff
#   python3 mkpcap.py u.pcap 5c 22 5c5c 615c62 61225c2262 0b1b07 c3a9 e282ac f09f9880 c3 c328 e282 eda080 c0af f4908080 ff61 2c3b7c 20 09 e280a8 c285
#   python3 mkpcap.py v.pcap 07 08 09 0a 0b 0c 0d 1b 27 5c 22 20 00000000000000000000ffff01020304 00000000000000000000000001020304 00000000000000000000000000000001 00010000000000000000000000000000 00010000000000010000000000000001 00000000000000010000000000000000 0064ff9b000000000000000001020304 000000000000000000000000ffff0001 20010db8000000010000000000000001 20010db8000000000001000000000001 fffffffffffffffe 8000000000000000 ffffffff 00000000000000000000fffe01020304 00000000000000000000ffff00000000 000000000000000000000000ffffffff
#   LC_ALL=C.UTF-8 TZ=UTC tshark -X lua_script:wst.lua -r a.pcap -T fields -E header=y -e wst.<each field of wst.lua> -e wst > wst.tsv
#   LC_ALL=C.UTF-8 TZ=UTC tshark -X lua_script:wsu.lua -r u.pcap -T fields -E header=y -e wsu.ascii -e wsu.utf8 -e wsu.latin1 -E quote=d > wsu.tsv
#   LC_ALL=C.UTF-8 TZ=UTC tshark -X lua_script:wsv.lua -r v.pcap -T fields -E header=y -e wsv.c -e wsv.ch -e wsv.co -e wsv.ip6 -e wsv.u64 -e wsv.u64d -e wsv.i64 -e wsv.u40 -e wsv.i32h -e wsv.eui > wsv.tsv
# (Lua cannot create FT_FRAMENUM from bytes and rejects signed hex bases: those rows are empty.)
