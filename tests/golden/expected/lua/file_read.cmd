tshark -n -r tests/golden/expected/lua/file_write.txt -X lua_script:tests/lua/file_rec.lua
