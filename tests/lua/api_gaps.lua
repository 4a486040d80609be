-- API members neither Wireshark's suite nor the other scripts here use: Pref.string /
-- range / statictext, DissectorTable:add_for_decode_as, Dissector:call, TreeItem
-- prepend_text / set_hidden, TvbRange le_uint64 / le_ustring / ustringz, FieldInfo.range,
-- gui_enabled().  A post-dissector prints what it sees; -V shows the items.
local p = Proto("apig", "API gaps")
p.fields.u16 = ProtoField.uint16("apig.u16", "U16", base.HEX)
p.fields.txt = ProtoField.string("apig.txt", "Text")
p.fields.hid = ProtoField.uint8("apig.hid", "Hidden")
p.prefs.name = Pref.string("Name", "default name", "a string preference")
p.prefs.ports = Pref.range("Ports", "10-20,30", "a range preference", 65535)
p.prefs.note = Pref.statictext("A static text preference")
print("prefs:", p.prefs.name, tostring(p.prefs.ports))
print("gui_enabled:", tostring(gui_enabled()))
DissectorTable.get("udp.port"):add_for_decode_as(p)
print("add_for_decode_as: ok")

local srcport = Field.new("udp.srcport")
local data = Dissector.get("data")

function p.dissector(tvb, pinfo, tree)
  local fi = srcport()
  if not fi then return end
  local b = ByteArray.new("01 02 03 04 05 06 07 08 41 00 42 00 00 00 68 69 00 7a"):tvb("apig")
  print(string.format("frame %d: udp.srcport range %s = %d, le_uint64 %s",
    pinfo.number, tostring(fi.range), fi.range:uint(), tostring(b(0, 8):le_uint64())))
  print("  le_ustring " .. b(8, 6):le_ustring() .. ", ustringz " .. b(9, 5):ustringz() .. ", le_ustringz " .. b(8, 6):le_ustringz()
    .. ", stringz " .. b(14, 4):stringz())
  -- items over the frame's own bytes (a ByteArray's Tvb would be a new data source)
  local t = tree:add(p, tvb(0, 4))
  local a = t:add(p.fields.u16, tvb(0, 2))
  a:prepend_text("(prepended) ")
  t:add(p.fields.txt, tvb(2, 2), "hi"):append_text(" (appended)")
  t:add(p.fields.hid, tvb(2, 1)):set_hidden()
  local n = data:call(tvb(tvb:len() - 2):tvb(), pinfo, t)
  print("  data:call consumed " .. tostring(n))
end
register_postdissector(p)
