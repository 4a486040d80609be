-- file_errors.lua -- a FileHandler writer whose write() raises (tests/golden/lua.sh):
-- tshark's two messages, exit code 2; and registration rules checked with pcall.
local w = FileHandler.new("w", "ewrite", "failing writer", "w")
w.can_write_encap = function() return true end
w.write_open = function(file, cap) return true end
w.write = function(file, cap, frame) error("boom in write") end
print(register_filehandler(w) > 0)
local incomplete = FileHandler.new("i", "incomplete", "no can_write_encap", "w")
incomplete.write_open = function() return true end
incomplete.write = function() return true end
print(pcall(register_filehandler, incomplete))
local r = FileHandler.new("r", "onlyopen", "no read", "r")
r.read_open = function() return false end
print(pcall(register_filehandler, r))
print(r.type, w.type > 0)
