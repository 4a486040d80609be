-- A post-dissector whose items use unit strings, range strings, value strings, char
-- fields and true/false strings; it prints tree.visible, TreeItem:referenced() and each
-- item's text, so the same script checks a printed (-V) and an unprinted (-Y) tree.
local p = Proto("tinfo", "Tree Info")
local f = p.fields
f.secs = ProtoField.uint16("tinfo.secs", "Time", base.UNIT_STRING, {" sec", " secs"})
f.km = ProtoField.uint16("tinfo.km", "Distance", base.UNIT_STRING, {" km"})
f.hexunit = ProtoField.uint16("tinfo.hexunit", "Hex units", base.HEX + base.UNIT_STRING, {" unit", " units"})
f.range = ProtoField.uint8("tinfo.range", "Range", base.RANGE_STRING, {{0, 9, "low"}, {10, 255, "high"}})
f.vals = ProtoField.uint8("tinfo.vals", "Vals", base.HEX, {[0] = "zero", [1] = "one"})
f.ch = ProtoField.char("tinfo.ch", "Char", base.HEX)
f.chn = ProtoField.char("tinfo.chn", "Char named", base.NONE, {[0x41] = "Letter A"})
f.flag = ProtoField.bool("tinfo.flag", "Flag", 8, {"on", "off"}, 0x01)
f.dist = ProtoField.float("tinfo.dist", "Float units", {" m"})
f.filtered = ProtoField.uint8("tinfo.filtered", "Filtered")
f.unused = ProtoField.uint8("tinfo.unused", "Unused")

function p.dissector(tvb, pinfo, tree)
  local b = ByteArray.new("00 01 ff ff 0a 41 01 40 49 0f db"):tvb("tinfo bytes")
  local t = tree:add(p, b())
  local items = {
    t:add(f.secs, b(0, 2)), t:add(f.secs, b(1, 2)), t:add(f.km, b(2, 2)),
    t:add(f.hexunit, b(0, 2)), t:add(f.hexunit, b(2, 2)),
    t:add(f.range, b(1, 1)), t:add(f.range, b(4, 1)),
    t:add(f.vals, b(1, 1)), t:add(f.vals, b(4, 1)),
    t:add(f.ch, b(5, 1)), t:add(f.chn, b(5, 1)), t:add(f.flag, b(6, 1)),
    t:add(f.dist, b(7, 4)), t:add(f.filtered, b(6, 1)),
  }
  print(string.format("frame %d visible=%s referenced: secs=%s filtered=%s unused=%s",
    pinfo.number, tostring(tree.visible), tostring(tree:referenced(f.secs)),
    tostring(tree:referenced(f.filtered)), tostring(tree:referenced(f.unused))))
  for _, ti in ipairs(items) do print("  " .. ti.text) end
end
register_postdissector(p)
