/*
** eth.c -- Ethernet II and IEEE 802.3, and the "ethertype" pseudo-layer tshark
** 4.0 shows in frame.protocols: hand-off by ethertype, then padding, trailer
** and the FCS heuristic for the bytes the payload left over.
*/
#include "eth.h"

#include <stdio.h>
#include <string.h>

#include "../core/manuf.h"
#include "addr_put.h"

enum {
	F_DST,
	F_DST_OUI,
	F_DST_LG,
	F_DST_IG,
	F_SRC,
	F_SRC_OUI,
	F_SRC_LG,
	F_SRC_IG,
	F_LEN,
	F_TYPE,
	F_ADDR,
	F_ADDR_OUI,
	F_LG,
	F_IG,
	F_PADDING,
	F_TRAILER,
	F_FCS,
	F_FCS_STATUS,
	F_DST_RESOLVED,
	F_DST_OUI_RESOLVED,
	F_SRC_RESOLVED,
	F_SRC_OUI_RESOLVED,
	F_ADDR_RESOLVED,
	F_ADDR_OUI_RESOLVED,
	F_COUNT
};
static int hf, proto_eth, proto_ethertype;
#define HF(x) (hf + (x))

const struct value_string etype_vals[] = {
    {0x0800, "IPv4"},
    {0x0806, "ARP"},
    {0x0842, "Wake on LAN"},
    {0x22f0, "IEEE 1722 Audio Video Bridging Transport Protocol"},
    {0x6558, "Transparent Ethernet bridging"},
    {0x8035, "RARP"},
    {0x809b, "AppleTalk LLAP bridging"},
    {0x8100, "802.1Q Virtual LAN"},
    {0x8137, "Netware IPX/SPX"},
    {0x86dd, "IPv6"},
    {0x8808, "MAC Control"},
    {0x8809, "Slow Protocols"},
    {0x880b, "PPP"},
    {0x8847, "MPLS label switched packet"},
    {0x8848, "MPLS multicast label switched packet"},
    {0x8863, "PPPoE Discovery"},
    {0x8864, "PPPoE Session"},
    {0x888e, "802.1X Authentication"},
    {0x88a8, "802.1ad Provider Bridge (Q-in-Q)"},
    {0x88cc, "802.1 Link Layer Discovery Protocol (LLDP)"},
    {0x88e5, "802.1AE (MACsec)"},
    {0x88f7, "PTPv2 over Ethernet (IEEE1588)"},
    {0x8902, "IEEE 802.1ag Connectivity Fault Management (CFM) Protocol"},
    {0x9000, "Configuration Test Protocol (loopback)"},
    {0x9100, "VLAN-tagged frame (Q-in-Q)"},
    {0, NULL},
};

static const struct value_string fcs_status_vals[] = {
    {0, "Bad"},
    {1, "Good"},
    {2, "Unverified"},
    {0, NULL},
};

#define LG_BLURB                                                                                   \
	"Specifies if this is a locally administered or globally unique (IEEE assigned) address"
#define IG_BLURB                                                                                   \
	"Specifies if this is an individual (unicast) or group (broadcast/multicast) address"

/* tree: the bit labels tshark shows */
static const struct true_false_string lg_tfs = {
    "Locally administered address (this is NOT the factory default)",
    "Globally unique address (factory default)"};
static const struct true_false_string ig_tfs = {"Group address (multicast/broadcast)",
						"Individual address (unicast)"};

static const struct field_def fields[F_COUNT] = {
    [F_DST] = {"eth.dst", "Destination", FT_ETHER, BASE_NONE, NULL, 0,
	       "Destination Hardware Address"},
    [F_DST_OUI] = {"eth.dst.oui", "Destination OUI", FT_UINT24, BASE_OUI, NULL, 0,
		   "Destination Organizationally Unique Identifier"},
    [F_DST_LG] = {"eth.dst.lg", "LG bit", FT_BOOLEAN, 24, &lg_tfs, 0x20000, LG_BLURB},
    [F_DST_IG] = {"eth.dst.ig", "IG bit", FT_BOOLEAN, 24, &ig_tfs, 0x10000, IG_BLURB},
    [F_SRC] = {"eth.src", "Source", FT_ETHER, BASE_NONE, NULL, 0, "Source Hardware Address"},
    [F_SRC_OUI] = {"eth.src.oui", "Source OUI", FT_UINT24, BASE_OUI, NULL, 0,
		   "Source Organizationally Unique Identifier"},
    [F_SRC_LG] = {"eth.src.lg", "LG bit", FT_BOOLEAN, 24, &lg_tfs, 0x20000, LG_BLURB},
    [F_SRC_IG] = {"eth.src.ig", "IG bit", FT_BOOLEAN, 24, &ig_tfs, 0x10000, IG_BLURB},
    [F_LEN] = {"eth.len", "Length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_TYPE] = {"eth.type", "Type", FT_UINT16, BASE_HEX, etype_vals, 0, NULL},
    [F_ADDR] = {"eth.addr", "Address", FT_ETHER, BASE_NONE, NULL, 0,
		"Source or Destination Hardware Address"},
    [F_ADDR_OUI] = {"eth.addr.oui", "Address OUI", FT_UINT24, BASE_OUI, NULL, 0,
		    "Address Organizationally Unique Identifier"},
    [F_LG] = {"eth.lg", "LG bit", FT_BOOLEAN, 24, &lg_tfs, 0x20000, LG_BLURB},
    [F_IG] = {"eth.ig", "IG bit", FT_BOOLEAN, 24, &ig_tfs, 0x10000, IG_BLURB},
    [F_PADDING] = {"eth.padding", "Padding", FT_BYTES, BASE_NONE, NULL, 0, "Ethernet Padding"},
    [F_TRAILER] = {"eth.trailer", "Trailer", FT_BYTES, BASE_NONE, NULL, 0,
		   "Ethernet Trailer or Checksum"},
    [F_FCS] = {"eth.fcs", "Frame check sequence", FT_UINT32, BASE_HEX, NULL, 0,
	       "Ethernet checksum"},
    [F_FCS_STATUS] = {"eth.fcs.status", "FCS Status", FT_UINT8, BASE_NONE, fcs_status_vals, 0,
		      NULL},
    [F_DST_RESOLVED] = {"eth.dst_resolved", "Destination (resolved)", FT_STRING, BASE_NONE, NULL, 0,
			"Destination Hardware Address (resolved)"},
    [F_DST_OUI_RESOLVED] = {"eth.dst.oui_resolved", "Destination OUI (resolved)", FT_STRING,
			    BASE_NONE, NULL, 0,
			    "Destination Organizationally Unique Identifier (resolved)"},
    [F_SRC_RESOLVED] = {"eth.src_resolved", "Source (resolved)", FT_STRING, BASE_NONE, NULL, 0,
			"Source Hardware Address (resolved)"},
    [F_SRC_OUI_RESOLVED] = {"eth.src.oui_resolved", "Source OUI (resolved)", FT_STRING, BASE_NONE,
			    NULL, 0, "Source Organizationally Unique Identifier (resolved)"},
    [F_ADDR_RESOLVED] = {"eth.addr_resolved", "Address (resolved)", FT_STRING, BASE_NONE, NULL, 0,
			 "Source or Destination Hardware Address (resolved)"},
    [F_ADDR_OUI_RESOLVED] = {"eth.addr.oui_resolved", "Address OUI (resolved)", FT_STRING,
			     BASE_NONE, NULL, 0,
			     "Address Organizationally Unique Identifier (resolved)"},
};

/* Ethernet's minimum frame without FCS; shorter payloads were padded to it. */
#define ETH_MIN_LEN 60u

void eth_mac_str(const uint8_t *m, char *buf, size_t n)
{
	snprintf(buf, n, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

static int all_zero(const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/*
** What follows the payload: zero padding up to the 60-byte minimum, then a
** trailer; Ethernet itself also assumes a 4-byte FCS at the end of frames of
** 64 bytes and more when at least 4 bytes remain after the padding (tshark
** 4.0's heuristic with "assume FCS" off).  Non-zero bytes where padding would
** be are all trailer.
*/
static void add_trailer(struct packet *pk, struct cursor *t, uint32_t payload_end,
			uint32_t frame_len, enum eth_trailer_kind tk, int parent, int trailer_hf)
{
	struct fieldset *fs = pk->fs;
	uint32_t n = cur_avail(t);
	if (n == 0)
		return;
	const uint8_t *p = t->data + t->off;
	uint32_t pos = cur_pos(t);
	int prev = fs_push(fs, parent);
	uint32_t pad = 0;
	if (payload_end < ETH_MIN_LEN) {
		pad = ETH_MIN_LEN - payload_end;
		if (pad > n)
			pad = n;
		/* bytes short of the minimum that are not all zero are not padding */
		if (pad == n && frame_len < ETH_MIN_LEN)
			pad = 0;
		if (pad && !all_zero(p, pad))
			pad = 0;
	}
	if (pad) {
		fs_add_bytes(fs, HF(F_PADDING), pos, pad, p, pad);
		p += pad;
		pos += pad;
		n -= pad;
	}
	uint32_t fcs = 0;
	if (tk == ETRAILER_ETH && frame_len >= ETH_MIN_LEN + 4 && n >= 4)
		fcs = 4;
	if (n > fcs && tk != ETRAILER_NONE)
		fs_add_bytes(fs, trailer_hf, pos, n - fcs, p, n - fcs);
	if (fcs) {
		const uint8_t *f = p + n - 4;
		fs_add_uint(fs, HF(F_FCS), pos + n - 4, 4,
			    (uint32_t)f[0] << 24 | (uint32_t)f[1] << 16 | (uint32_t)f[2] << 8 |
				f[3]);
		fs_add_uint(fs, HF(F_FCS_STATUS), pos + n - 4, 0, 2);
	}
	fs_pop(fs, prev);
}

/* inline in dissect_eth, every frame's caller: a seven-argument call saved */
static inline __attribute__((always_inline)) int
dispatch_ethertype(struct packet *pk, struct cursor *c, uint16_t type, uint32_t frame_start,
		   enum eth_trailer_kind tk, int trailer_parent, int trailer_hf)
{
	pk_add_layer(pk, proto_ethertype);
	pk->eth_start = frame_start;
	uint32_t total = cur_remaining(c);
	struct cursor pl = cur_rest(c);
	/* tunnels inside tunnels: the layer cap also bounds the recursion */
	if (pk->nlayers >= PK_MAX_LAYERS - 2) {
		dissect_data(pk, &pl);
		return (int)total;
	}
	struct cursor try = pl;
	int r = type == ETHERTYPE_LLC_PSEUDO ? 0 : dissect_next(pk, DT_ETHERTYPE, type, &try);
	if (r == 0) {
		/* tshark names an ethertype it cannot dissect by its number */
		if (pk->want_cols)
			col_set_proto(pk, arena_printf(pk->arena, "0x%04x", type));
		dissect_data(pk, &pl);
		return (int)total;
	}
	if (r > 0 && (uint32_t)r < total) {
		struct cursor t = pl;
		cur_skip(&t, (uint32_t)r);
		t.err = CUR_OK;
		uint32_t end = cur_pos(&t) - frame_start;
		uint32_t frame_len = cur_pos(&pl) + total - frame_start;
		add_trailer(pk, &t, end, frame_len, tk, trailer_parent, trailer_hf);
	}
	return (int)total;
}

int eth_dispatch_ethertype(struct packet *pk, struct cursor *c, uint16_t type, uint32_t frame_start,
			   enum eth_trailer_kind tk, int trailer_parent, int trailer_hf)
{
	return dispatch_ethertype(pk, c, type, frame_start, tk, trailer_parent, trailer_hf);
}

/* An 802.3 frame: the length field bounds the LLC payload. */
static int dissect_8023(struct packet *pk, struct cursor *c, uint32_t start, uint16_t len, int it)
{
	uint32_t total = cur_remaining(c);
	struct cursor pl = cur_sub(c, len);
	c->err = CUR_OK;
	if (cur_remaining(&pl)) {
		struct cursor try = pl;
		if (dissect_next(pk, DT_ETHERTYPE, ETHERTYPE_LLC_PSEUDO, &try) == 0)
			dissect_data(pk, &pl);
	}
	if (len < total) {
		struct cursor t = *c;
		add_trailer(pk, &t, cur_pos(&t) - start, cur_pos(&t) + cur_remaining(&t) - start,
			    ETRAILER_ETH, it, HF(F_TRAILER));
	}
	return (int)total;
}

/* tshark's hidden, generated name of an address or OUI (a string item, when wanted) */
static void add_resolved(struct fieldset *fs, struct arena *a, int id, uint32_t pos, uint32_t len,
			 const char *s)
{
	if (!s || !fs_wants(fs, id))
		return;
	size_t n = strlen(s);
	const char *v = arena_strndup(a, s, n);
	struct fitem *it =
	    fs_item(fs, fs_add_bytes(fs, id, pos, len, (const uint8_t *)v, (uint32_t)n));
	if (it)
		it->flags |= FI_HIDDEN | FI_GENERATED;
}

static void add_addr_group(struct packet *pk, uint32_t pos, const uint8_t *m, int dst)
{
	struct fieldset *fs = pk->fs;
	uint32_t oui = (uint32_t)m[0] << 16 | (uint32_t)m[1] << 8 | m[2];
	int f_addr = dst ? F_DST : F_SRC, f_oui = dst ? F_DST_OUI : F_SRC_OUI;
	int f_lg = dst ? F_DST_LG : F_SRC_LG, f_ig = dst ? F_DST_IG : F_SRC_IG;
	int f_res = dst ? F_DST_RESOLVED : F_SRC_RESOLVED;
	int f_oui_res = dst ? F_DST_OUI_RESOLVED : F_SRC_OUI_RESOLVED;
	char name[128];
	name[0] = 0;
	const char *vendor = NULL;
	if (fs_wants(fs, HF(f_res)) || fs_wants(fs, HF(F_ADDR_RESOLVED)))
		manuf_ether_name(m, manuf_resolve, name, sizeof name);
	if (fs_wants(fs, HF(f_oui_res)) || fs_wants(fs, HF(F_ADDR_OUI_RESOLVED)))
		vendor = manuf_long(oui);
	/* tree: tshark's subtree of the address, in its order */
	int prev = fs_push(fs, fs_add_bytes(fs, HF(f_addr), pos, 6, m, 6));
	add_resolved(fs, pk->arena, HF(f_res), pos, 6, name[0] ? name : NULL);
	fs_add_uint(fs, HF(f_oui), pos, 3, oui);
	add_resolved(fs, pk->arena, HF(f_oui_res), pos, 3, vendor);
	fs_add_bytes(fs, HF(F_ADDR), pos, 6, m, 6);
	add_resolved(fs, pk->arena, HF(F_ADDR_RESOLVED), pos, 6, name[0] ? name : NULL);
	fs_add_uint(fs, HF(F_ADDR_OUI), pos, 3, oui);
	add_resolved(fs, pk->arena, HF(F_ADDR_OUI_RESOLVED), pos, 3, vendor);
	fs_add_uint(fs, HF(f_lg), pos, 3, (oui & 0x20000) != 0);
	fs_add_uint(fs, HF(F_LG), pos, 3, (oui & 0x20000) != 0);
	fs_add_uint(fs, HF(f_ig), pos, 3, (oui & 0x10000) != 0);
	fs_add_uint(fs, HF(F_IG), pos, 3, (oui & 0x10000) != 0);
	fs_pop(fs, prev);
}

/*
** The address groups' fields, without eth.len/type and the trailer's (which an
** export asks for alone): asked only once the whole block's test has passed.
*/
static int addr_groups_wanted(const struct fieldset *fs)
{
	return fs_wants_range(fs, hf, F_LEN) ||
	       fs_wants_range(fs, HF(F_ADDR), F_PADDING - F_ADDR) ||
	       fs_wants_range(fs, HF(F_DST_RESOLVED), F_COUNT - F_DST_RESOLVED);
}

/* Any Ethernet frame (dissect_eth takes the usual one itself). */
static __attribute__((noinline)) int dissect_eth_any(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c);
	const uint8_t *hdr = cur_peek_ptr(c, 0, 14);
	if (!hdr)
		return dissect_report_error(pk, c, proto_eth);
	pk_add_layer(pk, proto_eth);
	addr_put_ether(&pk->dl_dst, hdr);
	addr_put_ether(&pk->dl_src, hdr + 6);
	/* tshark's Source/Destination columns show the addresses set last: inside
	** a tunnel this frame's MACs replace the outer IP addresses */
	pk->net_src.type = pk->net_dst.type = AT_NONE;
	uint16_t type = (uint16_t)(hdr[12] << 8 | hdr[13]);
	int is_8023 = type <= 1500 && type != 0;
	pk->eth_start = start;
	pk->col_proto = "Ethernet"; /* col_set_proto's store, without its call each frame */
	if (pk_want_info(pk))
		col_set_info(pk, is_8023 ? "IEEE 802.3 Ethernet" : "Ethernet II");
	int it = fs_add_none(fs, proto_eth, start, 14);
	if (it >= 0 && fs_wants_label(fs, proto_eth)) {
		char s[20], d[20];
		eth_mac_str(hdr + 6, s, sizeof s);
		eth_mac_str(hdr, d, sizeof d);
		/* tshark's 802.3 label names no addresses (and keeps its trailing space) */
		fs_item(fs, it)->text =
		    is_8023 ? "IEEE 802.3 Ethernet "
			    : arena_printf(pk->arena, "Ethernet II, Src: %s, Dst: %s", s, d);
	}
	int prev = fs_push(fs, it);
	/* a score of address items per frame that most jobs never read */
	if (fs_wants_range(fs, hf, F_COUNT) && addr_groups_wanted(fs)) {
		add_addr_group(pk, start, hdr, 1);
		add_addr_group(pk, start + 6, hdr + 6, 0);
	}
	if (is_8023) {
		fs_add_uint(fs, HF(F_LEN), start + 12, 2, type);
		fs_pop(fs, prev);
		cur_skip(c, 14);
		return 14 + dissect_8023(pk, c, start, type, it);
	}
	fs_add_uint(fs, HF(F_TYPE), start + 12, 2, type);
	fs_pop(fs, prev);
	c->off += 14; /* the header was read whole: cur_skip's test is known */
	/* tshark 4.0 stops at the Ethernet header for type 0xaaaa (an LLC
	** SNAP DSAP/SSAP pair where a type belongs): no ethertype layer, no data */
	if (type == 0xaaaa)
		return (int)cur_remaining(c) + 14;
	return 14 + dispatch_ethertype(pk, c, type, start, ETRAILER_ETH, it, HF(F_TRAILER));
}

/*
** The usual frame: an Ethernet II header, captured, with a real ethertype,
** room for both layers and the payload's below the layer cap, and no
** Ethernet field wanted but the protocol item and eth.type (a -T fields
** column).  NULL for anything else (a tree, a label wanted), which the
** general path takes.  That path's tests and cursor copies were some 170
** instructions a frame.
*/
enum { EP_PLAIN = 1, EP_ITEM = 2, EP_TYPE = 4 };
/* the wanted map's answers for plain_eth, made once per map (a dozen tests a frame) */
static _Thread_local struct field_plan eth_plan;
static uint32_t eth_plan_make(void)
{
	uint32_t b = 0;
	if (!(field_wanted_map[proto_eth] & FIELD_WANT_LABEL) && !field_any_wanted(hf, F_TYPE) &&
	    !field_any_wanted(HF(F_TYPE + 1), F_COUNT - F_TYPE - 1))
		b |= EP_PLAIN;
	if (field_wanted_map[proto_eth])
		b |= EP_ITEM;
	if (field_wanted_map[HF(F_TYPE)])
		b |= EP_TYPE;
	return b;
}

static inline const uint8_t *plain_eth(const struct packet *pk, const struct cursor *c)
{
	/* first: a job that reads Ethernet fields (eth.type aside) fails here, on every frame */
	if (pk->fs->want_all || !(field_plan_get(&eth_plan, eth_plan_make) & EP_PLAIN))
		return NULL;
	if (!cur_has(c, 14) || pk->nlayers >= PK_MAX_LAYERS - 4)
		return NULL;
	const uint8_t *hdr = c->data + c->off;
	if (hdr[12] < 0x06 || (hdr[12] == 0xaa && hdr[13] == 0xaa)) /* below 0x0600: 802.3 */
		return NULL;
	return hdr;
}

/*
** What the payload's dissector left of a plain frame (c is past the payload):
** nothing dissected it (data, and the type in the Protocol column), or it
** claimed less than the frame (padding, trailer, FCS).
*/
static __attribute__((noinline)) void plain_leftover(struct packet *pk, struct cursor *c, int r,
						     uint32_t total, int it)
{
	c->off -= total;
	struct cursor pl = cur_rest(c);
	uint32_t frame_start = cur_pos(&pl) - 14;
	if (r == 0) {
		const uint8_t *t = pl.data - 2;
		if (pk->want_cols)
			col_set_proto(pk, arena_printf(pk->arena, "0x%04x", t[0] << 8 | t[1]));
		dissect_data(pk, &pl);
		return;
	}
	struct cursor t = pl;
	cur_skip(&t, (uint32_t)r);
	t.err = CUR_OK;
	add_trailer(pk, &t, cur_pos(&t) - frame_start, cur_pos(&pl) + total - frame_start,
		    ETRAILER_ETH, it, HF(F_TRAILER));
}

/* plain_eth's frame: dissect_eth_any's result, without its general tests */
static __attribute__((noinline)) int dissect_plain_eth(struct packet *pk, struct cursor *c,
						       const uint8_t *hdr)
{
	uint32_t start = cur_pos(c);
	/* the Ethernet layer and the ethertype one: plain_eth left room for both (no
	 * protocol bit: neither is a PP_* protocol, see pk_add_layer_slow) */
	pk->layers[pk->nlayers] = proto_eth;
	pk->layers[pk->nlayers + 1] = proto_ethertype;
	pk->nlayers += 2;
	addr_put_ether(&pk->dl_dst, hdr);
	addr_put_ether(&pk->dl_src, hdr + 6);
	pk->net_src.type = pk->net_dst.type = AT_NONE; /* see dissect_eth_any */
	pk->eth_start = start;
	pk->col_proto = "Ethernet";
	if (pk_want_info(pk))
		col_set_info(pk, "Ethernet II");
	/* a protocol item (the trailer's parent); last: hdr need not outlive the call.
	 * eth_plan is current: plain_eth has just read it */
	uint32_t plan = eth_plan.bits;
	int it = plan & EP_ITEM ? fs_store_u(pk->fs, proto_eth, start, 14, 0, FI_NONE_VALUE) : -1;
	if (plan & EP_TYPE) { /* -T fields' eth.type, under the Ethernet item */
		int prev = fs_push(pk->fs, it);
		const uint8_t *h = c->data + c->off;
		fs_store_u(pk->fs, HF(F_TYPE), cur_pos(c) + 12, 2, (uint32_t)(h[12] << 8 | h[13]),
			   0);
		fs_pop(pk->fs, prev);
	}
	/*
	** read after the calls: only pk, c and it live across them; then
	** cur_rest past the header, whose 14 bytes were there: off <= caplen <= len
	*/
	c->off += 14;
	const uint8_t *p = c->data + c->off;
	uint16_t type = (uint16_t)(p[-2] << 8 | p[-1]);
	uint32_t total = c->len - c->off;
	struct cursor pl = *c;
	pl.data = p;
	pl.base = c->base + c->off;
	pl.off = 0;
	pl.len = total;
	pl.caplen = c->caplen - c->off;
	pl.err = CUR_OK;
	c->off = c->len;
	int r = dissect_next(pk, DT_ETHERTYPE, type, &pl);
	if (r == 0 || (r > 0 && (uint32_t)r < total))
		plain_leftover(pk, c, r, total, it);
	return (int)total + 14;
}

/* Each case a tail call. */
static int dissect_eth(struct packet *pk, struct cursor *c)
{
	const uint8_t *hdr = plain_eth(pk, c);
	return hdr ? dissect_plain_eth(pk, c, hdr) : dissect_eth_any(pk, c);
}

static const struct dissector eth_dissector = {"eth_withoutfcs", dissect_eth, 0};

void register_eth(void)
{
	proto_eth = proto_register("Ethernet", "Ethernet", "eth");
	hf = field_register(fields, F_COUNT);
	proto_ethertype = proto_register("Ethertype", "Ethertype", "ethertype");
}

void handoff_eth(void)
{
	dtable_add(DT_WTAP_ENCAP, 1, &eth_dissector);
	/* bridged Ethernet inside GRE and other tunnels */
	dtable_add(DT_ETHERTYPE, 0x6558, &eth_dissector);
}
