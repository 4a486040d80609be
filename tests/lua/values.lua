-- values.lua: value classes and 5.2-compatible formatting, printed at load time.
-- Run: tshark -r basic.pcap -q -X lua_script:values.lua
local function p(...) print(...) end
p("bit32", bit32.band(0xff, 0x0f), bit32.bor(1, 2, 4), bit32.bxor(3, 1), bit32.lshift(1, 31),
  bit32.rshift(0x80000000, 31), bit32.arshift(0x80000000, 4), bit32.bnot(0), bit32.extract(0xf0, 4, 4),
  bit32.replace(0, 5, 8, 4), bit32.lrotate(0x80000001, 1), bit32.btest(1, 2))
p("bit", bit.band(0xff, 0x0f), bit.tohex(255), bit.tohex(255, 4), bit.tobit(0xffffffff), bit.lshift(1, 31))
p("numbers", tostring(3000/1000), 7/2, 2^10, math.floor(3.7), math.floor(10 / 3), string.format("%s|%d|%5.2f", 1.5, 42, 3.14159))
local u = UInt64(0xffffffff, 0x1)
p("uint64", tostring(u), tostring(u + 1), u:tohex(), u:higher(), u:lower(), tostring(UInt64.max()))
local i = Int64(-5)
p("int64", tostring(i), tostring(-i), tostring(i * 3), tostring(Int64(-1):arshift(4)), i:tohex(4), tostring(Int64.min()))
p("int64cmp", Int64(3) < Int64(4), UInt64(5) == UInt64(5), tostring(UInt64(10) / 3), tostring(UInt64(10) % 3))
local t = NSTime(5, 250000000)
p("nstime", tostring(t), t.secs, t.nsecs, tostring(t + NSTime(1, 900000000)), tostring(t - NSTime(6, 0)))
local a = Address.ip("192.168.1.20")
p("address", tostring(a), tostring(Address.ip("10.0.0.1")), a == Address.ip("192.168.1.20"))
local b = ByteArray.new("01 02 ff")
p("bytearray", tostring(b), b:len(), b:get_index(2), tostring(b:subset(1, 2)), b:tohex(true, ":"))
b:append(ByteArray.new("aabb"))
p("bytearray2", tostring(b), tostring(b .. ByteArray.new("cc")))
p("constants", base.DEC, base.HEX, ftypes.UINT8, ftypes.STRING, PI_ERROR, PI_MALFORMED, ENC_LITTLE_ENDIAN,
  DESEGMENT_ONE_MORE_SEGMENT, expert.severity.WARN, expert.group.PROTOCOL)
p("gui", gui_enabled())
p("errors", pcall(function() return UInt64(1) / 0 end))
