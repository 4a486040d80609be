local p = Proto("wsv", "WSV")
local fc = ProtoField.char("wsv.c","c")
local fch = ProtoField.char("wsv.ch","ch", base.HEX)
local fco = ProtoField.char("wsv.co","co", base.OCT)
local f6 = ProtoField.ipv6("wsv.ip6","ip6")
local fu64 = ProtoField.uint64("wsv.u64","u64", base.HEX)
local fu64d = ProtoField.uint64("wsv.u64d","u64d", base.DEC)
local fi64 = ProtoField.int64("wsv.i64","i64", base.DEC)
local fu40 = ProtoField.uint64("wsv.u40","u40", base.HEX, nil, 0xffffffffff)
local fi32h = ProtoField.int32("wsv.i32h","i32h", base.DEC)
local fe = ProtoField.eui64("wsv.eui","eui")
p.fields = {fc, fch, fco, f6, fu64, fu64d, fi64, fu40, fi32h, fe}
function p.dissector(tvb, pinfo, tree)
  local t = tree:add(p, tvb())
  local n = tvb:len()
  pcall(function() t:add(fc, tvb(0,1)) end)
  pcall(function() t:add(fch, tvb(0,1)) end)
  pcall(function() t:add(fco, tvb(0,1)) end)
  if n >= 16 then pcall(function() t:add(f6, tvb(0,16)) end) end
  if n >= 8 then
    pcall(function() t:add(fu64, tvb(0,8)) end)
    pcall(function() t:add(fu64d, tvb(0,8)) end)
    pcall(function() t:add(fi64, tvb(0,8)) end)
    pcall(function() t:add(fu40, tvb(0,8)) end)
    pcall(function() t:add(fe, tvb(0,8)) end)
  end
  if n >= 4 then pcall(function() t:add(fi32h, tvb(0,4)) end) end
end
DissectorTable.get("udp.port"):add(9999, p)
