local p = Proto("wsu", "WSU")
local fa = ProtoField.string("wsu.ascii","a")
local fu = ProtoField.string("wsu.utf8","u")
local fl = ProtoField.string("wsu.latin1","l")
p.fields = {fa, fu, fl}
function p.dissector(tvb, pinfo, tree)
  local t = tree:add(p, tvb())
  t:add_packet_field(fa, tvb(), ENC_ASCII)
  t:add_packet_field(fu, tvb(), ENC_UTF_8)
  t:add_packet_field(fl, tvb(), ENC_ISO_8859_1)
end
DissectorTable.get("udp.port"):add(9999, p)
