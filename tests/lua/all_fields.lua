-- all_field_infos() seen by a Listener with all_fields and by a post-dissector: the two
-- counts must agree; the frame's own items (frame.protocols in its tree place), the hidden
-- name-resolution items (eth.*_resolved) and the hidden item every Lua dissector call hangs
-- on the tree (_ws.lua.fake) are listed.  (Other items are left out: wiresift still lacks
-- some of tshark's text items and places eth.padding elsewhere, see docs/lua.md.)
local function names()
  local all, out = { all_field_infos() }, {}
  for _, fi in ipairs(all) do
    if fi.name:match("^frame") or fi.name:match("^_ws%.lua") or fi.name:match("_resolved$") then
      out[#out + 1] = fi.name .. (fi.name:match("_resolved$") and "=" .. tostring(fi.value) or "")
    end
  end
  return #all, out
end
local seen = {}
local pd = Proto("afpd", "all_field_infos post-dissector")
function pd.dissector(tvb, pinfo, tree)
  seen[pinfo.number] = names()
end
register_postdissector(pd, true)
local tap = Listener.new("frame", nil, true)
function tap.packet(pinfo, tvb)
  local n, list = names()
  print(string.format("frame %d: same count in tap and post-dissector: %s", pinfo.number,
    tostring(n == seen[pinfo.number])))
  print("  " .. table.concat(list, " "))
end
