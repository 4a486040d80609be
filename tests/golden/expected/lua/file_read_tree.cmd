tshark -n -r tests/golden/expected/lua/file_write.txt -c 1 -V -X lua_script:tests/lua/file_rec.lua
