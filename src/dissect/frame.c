/*
** frame.c -- the "frame" pseudo-protocol and the per-packet driver.
**
** frame.* fields describe the capture record (number, times, lengths,
** interface, comments); frame.protocols is filled after the whole packet is
** dissected, from the layer list every dissector appends to.
*/
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "../core/expert.h"
#include "../core/util.h"
#include "dissect.h"

int proto_frame, proto_data, proto_malformed;
static int proto_short;
int hf_text_item = -1;
int pk_l4rec_on;
int pk_pirec_on;
const uint8_t *pk_pp_bit;
int pk_pp_n;
int pk_layer_fast = PK_MAX_LAYERS;
static const struct field_def text_item_def[1] = {
    {"_ws.text", "Text item", FT_NONE, BASE_NONE, NULL, 0, NULL},
};
static int proto_ws_col;

enum {
	F_INTERFACE_ID,
	F_INTERFACE_NAME,
	F_INTERFACE_DESCRIPTION,
	F_ENCAP_TYPE,
	F_TIME,
	F_TIME_EPOCH,
	F_TIME_DELTA,
	F_TIME_DELTA_DISPLAYED,
	F_TIME_RELATIVE,
	F_NUMBER,
	F_LEN,
	F_CAP_LEN,
	F_MARKED,
	F_IGNORED,
	F_PROTOCOLS,
	F_COMMENT,
	F_OFFSET_SHIFT,
	F_COUNT
};

/* tree: the encapsulations tshark names in "Encapsulation type" (WTAP_ENCAP_*) */
static const struct value_string encap_vals[] = {
    {1, "Ethernet"},
    {4, "PPP"},
    {7, "Raw IP"},
    {15, "NULL/Loopback"},
    {23, "IEEE 802.11 plus radiotap radio header"},
    {25, "Linux cooked-mode capture v1"},
    {124, "Solaris IPNET"},
    {129, "Raw IPv4"},
    {130, "Raw IPv6"},
    {141, "NFLOG"},
    {210, "Linux cooked-mode capture v2"},
    {0, NULL},
};
static int hf;
#define HF(x) (hf + (x))

static const struct field_def frame_fields[F_COUNT] = {
    [F_INTERFACE_ID] = {"frame.interface_id", "Interface id", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_INTERFACE_NAME] = {"frame.interface_name", "Interface name", FT_STRING, BASE_NONE, NULL, 0,
			  "The friendly name for this interface"},
    [F_INTERFACE_DESCRIPTION] = {"frame.interface_description", "Interface description", FT_STRING,
				 BASE_NONE, NULL, 0, "The description for this interface"},
    [F_ENCAP_TYPE] = {"frame.encap_type", "Encapsulation type", FT_INT16, BASE_DEC, encap_vals, 0,
		      NULL},
    [F_TIME] = {"frame.time", "Arrival Time", FT_ABSOLUTE_TIME, ABSOLUTE_TIME_LOCAL, NULL, 0,
		"Absolute time when this frame was captured"},
    [F_TIME_EPOCH] = {"frame.time_epoch", "Epoch Time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0,
		      "Epoch time when this frame was captured"},
    [F_TIME_DELTA] = {"frame.time_delta", "Time delta from previous captured frame",
		      FT_RELATIVE_TIME, BASE_NONE, NULL, 0, NULL},
    [F_TIME_DELTA_DISPLAYED] = {"frame.time_delta_displayed",
				"Time delta from previous displayed frame", FT_RELATIVE_TIME,
				BASE_NONE, NULL, 0, NULL},
    [F_TIME_RELATIVE] = {"frame.time_relative", "Time since reference or first frame",
			 FT_RELATIVE_TIME, BASE_NONE, NULL, 0,
			 "Time relative to time reference or first frame"},
    [F_NUMBER] = {"frame.number", "Frame Number", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_LEN] = {"frame.len", "Frame Length", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_CAP_LEN] = {"frame.cap_len", "Capture Length", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_MARKED] = {"frame.marked", "Frame is marked", FT_BOOLEAN, BASE_NONE, NULL, 0, NULL},
    [F_IGNORED] = {"frame.ignored", "Frame is ignored", FT_BOOLEAN, BASE_NONE, NULL, 0, NULL},
    [F_PROTOCOLS] = {"frame.protocols", "Protocols in frame", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_COMMENT] = {"frame.comment", "Comment", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_OFFSET_SHIFT] = {"frame.offset_shift", "Time shift for this packet", FT_RELATIVE_TIME,
			BASE_NONE, NULL, 0, "Time shift applied to this packet"},
};

/* The column pseudo-fields (_ws.col.*), filled by the output layer. */
enum { C_NUMBER, C_TIME, C_SOURCE, C_DEST, C_PROTOCOL, C_LENGTH, C_INFO, C_COUNT };
static const struct field_def col_fields[C_COUNT] = {
    [C_NUMBER] = {"_ws.col.No.", "No.", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [C_TIME] = {"_ws.col.Time", "Time", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [C_SOURCE] = {"_ws.col.Source", "Source", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [C_DEST] = {"_ws.col.Destination", "Destination", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [C_PROTOCOL] = {"_ws.col.Protocol", "Protocol", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [C_LENGTH] = {"_ws.col.Length", "Length", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [C_INFO] = {"_ws.col.Info", "Info", FT_STRING, BASE_NONE, NULL, 0, NULL},
};
int hf_ws_col_first;

static const struct field_def data_fields[] = {
    {"data.data", "Data", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    {"data.len", "Length", FT_INT32, BASE_DEC, NULL, 0, NULL},
};
static int hf_data;

void register_frame(void)
{
	proto_frame = proto_register("Frame", "Frame", "frame");
	hf = field_register(frame_fields, F_COUNT);
	hf_text_item = field_register(text_item_def, 1); /* tree */
	proto_data = proto_register("Data", "Data", "data");
	hf_data = field_register(data_fields, 2);
	proto_malformed = proto_register("Malformed Packet", "Malformed Packet", "_ws.malformed");
	static const struct field_def malformed_fields[] = {
	    {"_ws.malformed.dissector_bug", "Dissector bug", FT_NONE, BASE_NONE, NULL, 0, NULL},
	    {"_ws.malformed.reassembly", "Reassembly error", FT_NONE, BASE_NONE, NULL, 0, NULL},
	    {"_ws.malformed.expert", "Malformed Packet (Exception occurred)", FT_NONE, BASE_NONE,
	     NULL, 0, NULL},
	};
	field_register(malformed_fields, 3);
	proto_short = proto_register("Short Frame", "Short frame", "_ws.short");
	proto_ws_col = proto_register("Column", "Column", "_ws.col");
	hf_ws_col_first = field_register(col_fields, C_COUNT);
}

void handoff_frame(void)
{
}

int dissect_data(struct packet *pk, struct cursor *c)
{
	uint32_t n = cur_remaining(c);
	if (n == 0)
		return 0;
	pk_add_layer(pk, proto_data);
	struct fieldset *fs = pk->fs;
	int it = fs_add_none(fs, proto_data, cur_pos(c), n);
	if (it >= 0 && fs->want_all) /* tree */
		fs->items[it].text =
		    arena_printf(pk->arena, "Data (%u byte%s)", n, n == 1 ? "" : "s");
	int prev = fs_push(fs, it);
	uint32_t av = cur_avail(c);
	fs_add_bytes(fs, hf_data, cur_pos(c), av, c->data + c->off, av);
	struct fitem *dl = fs_item(fs, fs_add_int(fs, hf_data + 1, cur_pos(c), 0, (int64_t)n));
	if (dl) /* tree: [Length: N] */
		dl->flags |= FI_GENERATED;
	fs_pop(fs, prev);
	if (pk->col_proto == NULL)
		col_set_proto(pk, "Data");
	c->off = c->len;
	return (int)n;
}

/*
** tshark reports a read past the captured bytes as "[Packet size limited
** during capture]" and a read past what the packet claims as "[Malformed
** Packet]" (with an error expert item naming the protocol that hit it); either
** is reported once per packet, glued to the Info text without a space.
*/
int dissect_report_error(struct packet *pk, const struct cursor *c, int proto_id)
{
	if (pk->malformed || c->err == CUR_OK)
		return -1;
	pk->malformed = 1;
	if (pk->in_error)
		return -1; /* a short quote inside an ICMP error is normal */
	if (c->err == CUR_TRUNCATED) {
		fs_add_none(pk->fs, proto_short, cur_pos(c), 0);
		col_append_info(pk, "[Packet size limited during capture]");
		return -1;
	}
	int it = fs_add_none(pk->fs, proto_malformed, cur_pos(c), 0);
	int prev = fs_push(pk->fs, it);
	const char *who = field_proto_short(proto_id);
	expert_add(pk->fs, pk->arena, PI_ERROR, PI_MALFORMED, who ? who : "",
		   "Malformed Packet (Exception occurred)");
	fs_pop(pk->fs, prev);
	col_append_info(pk, "[Malformed Packet]");
	return -1;
}

static void gen(struct fieldset *fs, int idx)
{
	if (idx >= 0)
		fs->items[idx].flags |= FI_GENERATED;
}

/*
** The frame's fields asked one bit each of a mask of the wanted ones, made
** once per wanted map (a tree wants all): a score of fs_add tests per frame
** was a visible share of an export that keeps a few frame.* fields.
*/
#define FM(f) (1u << (f))
enum { FM_ITEM = FM(F_COUNT), FM_ALL = FM(F_COUNT + 1) - 1 };
#define FM_IFACE (FM(F_INTERFACE_ID) | FM(F_INTERFACE_NAME) | FM(F_INTERFACE_DESCRIPTION))
#define FM_TIME                                                                                    \
	(FM(F_TIME) | FM(F_OFFSET_SHIFT) | FM(F_TIME_EPOCH) | FM(F_TIME_DELTA) |                   \
	 FM(F_TIME_DELTA_DISPLAYED) | FM(F_TIME_RELATIVE))

static inline int f_uint(struct fieldset *fs, uint32_t m, int f, uint64_t u)
{
	return m & FM(f) ? fs_store_u(fs, HF(f), 0, 0, u, 0) : -1;
}

static inline int f_bytes(struct fieldset *fs, uint32_t m, int f, const char *p, uint32_t n)
{
	return m & FM(f) ? fs_store_b(fs, HF(f), 0, 0, (const uint8_t *)p, n) : -1;
}

static inline int f_time(struct fieldset *fs, uint32_t m, int f, int64_t sec, int32_t nsec)
{
	if (!(m & FM(f)))
		return -1;
	struct fvalue v;
	v.v.t.sec = sec;
	v.v.t.nsec = nsec;
	return fs_store(fs, HF(f), 0, 0, &v);
}

/* The interface's items: its id, and its name and description below it. */
static void iface_items(struct packet *pk, uint32_t m)
{
	struct fieldset *fs = pk->fs;
	/* tshark names an interface without if_name "unknown" */
	const char *name = pk->if_name ? pk->if_name : "unknown";
	int ii = f_uint(fs, m, F_INTERFACE_ID, pk->ifid);
	if (ii >= 0 && fs->want_all) /* tree: "Interface id: 0 (eth0)" */
		fs->items[ii].text =
		    arena_printf(pk->arena, "Interface id: %u (%s)", pk->ifid, name);
	int iprev = fs_push(fs, ii);
	f_bytes(fs, m, F_INTERFACE_NAME, name, (uint32_t)strlen(name));
	if (pk->if_descr)
		f_bytes(fs, m, F_INTERFACE_DESCRIPTION, pk->if_descr,
			(uint32_t)strlen(pk->if_descr));
	fs_pop(fs, iprev);
}

/* The time items, in tshark's order; the generated ones are [..] in -V. */
static void time_items(struct packet *pk, uint32_t m)
{
	struct fieldset *fs = pk->fs;
	f_time(fs, m, F_TIME, pk->sec, pk->nsec);
	gen(fs, f_time(fs, m, F_OFFSET_SHIFT, 0, 0));
	f_time(fs, m, F_TIME_EPOCH, pk->sec, pk->nsec);
	gen(fs, f_time(fs, m, F_TIME_DELTA, pk->delta_sec, pk->delta_nsec));
	gen(fs, f_time(fs, m, F_TIME_DELTA_DISPLAYED, pk->delta_sec, pk->delta_nsec));
	gen(fs, f_time(fs, m, F_TIME_RELATIVE, pk->rel_sec, pk->rel_nsec));
}

/*
** add_frame_fields' work for the mask m of what is wanted, out of line:
** inlined, its registers made every frame's dissect_packet save six.  A block
** of items nobody wants costs one test.
*/
static __attribute__((noinline)) int frame_items(struct packet *pk, uint32_t m)
{
	struct fieldset *fs = pk->fs;
	int it = m & FM_ITEM ? fs_store_u(fs, proto_frame, 0, pk->caplen, 0, FI_NONE_VALUE) : -1;
	if (!(m & (FM_ITEM - 1)))
		return -1;
	int prev = fs_push(fs, it);
	if (m & FM(F_COMMENT))
		for (int i = 0; i < pk->ncomments; i++)
			f_bytes(fs, m, F_COMMENT, pk->comments[i].p, pk->comments[i].n);
	/* a custom block belongs to no interface and has no encapsulation */
	if (!pk->rec_custom) {
		if (pk->has_ifid && (m & FM_IFACE))
			iface_items(pk, m);
		f_uint(fs, m, F_ENCAP_TYPE, (uint64_t)(int64_t)pk->encap);
	}
	/* without a timestamp (pcapng SPB) tshark shows no time field at all */
	if (pk->has_ts && (m & FM_TIME))
		time_items(pk, m);
	f_uint(fs, m, F_NUMBER, pk->num);
	struct fitem *l = fs_item(fs, f_uint(fs, m, F_LEN, pk->len));
	if (l && fs->want_all) /* tree */
		l->text = arena_printf(pk->arena, "Frame Length: %u bytes (%llu bits)", pk->len,
				       (unsigned long long)pk->len * 8);
	l = fs_item(fs, f_uint(fs, m, F_CAP_LEN, pk->caplen));
	if (l && fs->want_all)
		l->text = arena_printf(pk->arena, "Capture Length: %u bytes (%llu bits)",
				       pk->caplen, (unsigned long long)pk->caplen * 8);
	int protocols = -1;
	if (m & (FM(F_MARKED) | FM(F_IGNORED) | FM(F_PROTOCOLS))) {
		gen(fs, f_uint(fs, m, F_MARKED, 0));
		gen(fs, f_uint(fs, m, F_IGNORED, 0));
		/* frame.protocols holds its tree place here (post-dissectors and
		   all_field_infos() see it, as in tshark); its value is filled in
		   once every layer has run */
		protocols = f_bytes(fs, m, F_PROTOCOLS, "", 0);
		gen(fs, protocols);
	}
	fs_pop(fs, prev);
	return protocols;
}

/* frame_items' mask: the frame item and the frame.* fields wanted, once per wanted map. */
static _Thread_local struct field_plan frame_plan;
static uint32_t frame_plan_make(void)
{
	uint32_t m = field_is_wanted(proto_frame) ? FM_ITEM : 0;
	for (int f = 0; f < F_COUNT; f++)
		if (field_is_wanted(HF(f)))
			m |= FM(f);
	return m;
}

/*
** Returns the frame.protocols item to fill once every layer has run, or -1:
** kept by its index, as fs_first finds no item of a field that only -T fields
** reads (field_want_unchained).  A statistics job wants none of them.
*/
static inline int add_frame_fields(struct packet *pk)
{
	uint32_t m = pk->fs->want_all ? FM_ALL : field_plan_get(&frame_plan, frame_plan_make);
	return m ? frame_items(pk, m) : -1;
}

/* frame.protocols: "eth:ethertype:ip:tcp", the layers in order, into the item
   add_frame_fields reserved (fill_protocols). */
static void fill_protocols_field(struct packet *pk, struct fitem *pit)
{
	char buf[1024];
	size_t n = 0;
	/* tshark lists the protocols under the frame, not the frame itself or the error items */
	for (int i = 0; i < pk->nlayers && n < sizeof buf - 1; i++) {
		int id = pk->layers[i];
		if (id == proto_frame || id == proto_malformed || id == proto_short)
			continue;
		const char *ab = field_get(id)->abbrev;
		int w = snprintf(buf + n, sizeof buf - n, "%s%s", n ? ":" : "", ab);
		if (w < 0)
			break;
		n += (size_t)w < sizeof buf - n ? (size_t)w : sizeof buf - n - 1;
	}
	pit->val.v.b.p = (const uint8_t *)arena_strndup(pk->arena, buf, n);
	pit->val.v.b.n = (uint32_t)n;
}

/* Most jobs want no frame.protocols (item i, -1 for none): the call only when wanted. */
static inline void fill_protocols(struct packet *pk, int i)
{
	if (i >= 0)
		fill_protocols_field(pk, &pk->fs->items[i]);
}

/* Enterprise numbers tshark names in a custom block's summary (IANA's words). */
static const char *pen_name(uint32_t pen)
{
	switch (pen) {
	case 32473:
		return "Example Enterprise Number for Documentation Use";
	case 36724:
		return "Kaplan Research and Application Prototyping";
	default:
		return "Unknown";
	}
}

/* tshark summarises a pcapng custom block in the columns and shows its body as data. */
static void dissect_custom_block(struct packet *pk, struct cursor *c)
{
	if (pk->want_cols) {
		col_set_proto(pk, "PCAPNG");
		col_append_info(pk, "Custom Block: PEN = %s (%u), will%s be copied",
				pen_name(pk->custom_pen), pk->custom_pen,
				pk->custom_copy ? "" : " not");
	}
	dissect_data(pk, c);
}

#define ADDRS_PORTS_END (offsetof(struct packet, dstport) + sizeof(uint16_t))
_Static_assert(offsetof(struct packet, dl_dst) == offsetof(struct packet, dl_src) + 18 &&
		   offsetof(struct packet, net_src) == offsetof(struct packet, dl_src) + 36 &&
		   offsetof(struct packet, net_dst) == offsetof(struct packet, dl_src) + 54 &&
		   offsetof(struct packet, ptype) == offsetof(struct packet, dl_src) + 72 &&
		   offsetof(struct packet, srcport) == offsetof(struct packet, ptype) + 2 &&
		   offsetof(struct packet, dstport) == offsetof(struct packet, srcport) + 2 &&
		   PT_NONE == 0,
	       "dissect_packet clears dl_src .. dstport at once");

void dissect_packet(struct packet *pk)
{
	pk->col_proto = NULL;
	pk->info_len = pk->info_fence = 0;
	pk->info[0] = 0;
	pk->nlayers = 0;
	pk->ip_depth = 0;
	pk->nl4rec = 0;
	pk_pir_reset(pk);
	pk->in_error = pk->malformed = 0;
	pk->l4 = NULL;
	/* the four addresses, ptype and the ports lie together: one clear, not a store each */
	memset(&pk->dl_src, 0, ADDRS_PORTS_END - offsetof(struct packet, dl_src));

	/* the first layer, stored as pk_add_layer would: frame is no PP_* protocol */
	pk->layers[0] = proto_frame;
	pk->nlayers = 1;
	int protocols = add_frame_fields(pk);

	struct cursor c = cur_make(pk->data, pk->caplen, pk->len);
	if (pk->rec_custom) {
		dissect_custom_block(pk, &c);
		fill_protocols(pk, protocols);
		return;
	}
	int r = dissect_next(pk, DT_WTAP_ENCAP, (uint32_t)pk->linktype, &c);
	if (r == 0 && !dtable_get(DT_WTAP_ENCAP, (uint32_t)pk->linktype)) {
		/* tshark: an encapsulation without a dissector shows its number */
		if (pk->want_cols) {
			col_set_proto(pk, "UNKNOWN");
			col_append_info(pk, "WTAP_ENCAP = %d", pk->encap);
		}
	}
	/* lua: post-dissectors run after every layer, before frame.protocols is filled */
	if (dissect_postdissector_hook)
		dissect_postdissector_hook(pk);
	fill_protocols(pk, protocols);
}
