/*
** ipv4.c -- IPv4 (RFC 791): header, options, defragmentation, hand-off by
** ip.proto (IP-in-IP included: 4 comes back here, 41 goes to ipv6.c).
**
** What tshark 4.0 does on odd headers, and we copy:
**  - ip.len 0 is taken as TCP segmentation offload: the reported length of
**    the buffer stands in for it (and is what ip.len shows);
**  - ip.len below the header length stops at the header ("Bogus IP length");
**  - ip.len past the end of the frame is only noted; the payload is what the
**    frame has;
**  - a loose/strict source route whose pointer has not run off the end makes
**    ip.dst the final hop (the route's last address), the header's
**    destination becomes ip.cur_rt.
** Defragmentation (ip.defragment, on by default) holds fragments in the
** worker's defrag table and dissects the datagram in the frame that completes
** it; in a single pass the earlier fragments cannot know that frame, so their
** Info has no "[Reassembled in #N]".
*/
#include <string.h>

#include "../analysis/ip_defrag.h"
#include "addr_put.h"
#include "dissect.h"
#include "ip.h"

/* tshark's ip.proto names (-G values), used by IPv4 and IPv6 */
const struct value_string ipproto_vals[] = {
#include "ipproto_vals.inc"
    {0, NULL},
};

const char *ipproto_name(uint32_t p)
{
	const char *s = vals_lookup(ipproto_vals, p);
	return s ? s : "Unknown";
}

static const struct value_string opt_number_vals[] = {
    {0, "End of Option List (EOL)"},
    {1, "No-Operation (NOP)"},
    {2, "Security"},
    {3, "Loose source route"},
    {4, "Time stamp"},
    {5, "Extended security"},
    {6, "Commercial IP security option"},
    {7, "Record route"},
    {8, "Stream identifier"},
    {9, "Strict source route"},
    {10, "Experimental Measurement"},
    {11, "MTU probe"},
    {12, "MTU Reply"},
    {13, "Experimental Flow Control"},
    {14, "Experimental Access Control"},
    {15, "Ask Estrin"},
    {16, "IMI Traffic Descriptor"},
    {17, "Extended Internet Protocol"},
    {18, "Traceroute"},
    {19, "Address Extension"},
    {20, "Router Alert"},
    {21, "Selective Directed Broadcast"},
    {22, "Unassigned"},
    {23, "Dynamic Packet State"},
    {24, "Upstream Multicast Packet"},
    {25, "Quick-Start"},
    {30, "RFC 3692-style experiment"},
    {0, NULL},
};

static const struct true_false_string set_notset = {"Set", "Not set"}; /* tree */

/* tree: DSCP and ECN names, long (field labels) and short (the dsfield line) */
static const struct value_string dscp_vals[] = {
    {0, "Default"},
    {8, "Class Selector 1"},
    {10, "Assured Forwarding 11"},
    {12, "Assured Forwarding 12"},
    {14, "Assured Forwarding 13"},
    {16, "Class Selector 2"},
    {18, "Assured Forwarding 21"},
    {20, "Assured Forwarding 22"},
    {22, "Assured Forwarding 23"},
    {24, "Class Selector 3"},
    {26, "Assured Forwarding 31"},
    {28, "Assured Forwarding 32"},
    {30, "Assured Forwarding 33"},
    {32, "Class Selector 4"},
    {34, "Assured Forwarding 41"},
    {36, "Assured Forwarding 42"},
    {38, "Assured Forwarding 43"},
    {40, "Class Selector 5"},
    {46, "Expedited Forwarding"},
    {48, "Class Selector 6"},
    {56, "Class Selector 7"},
    {0, NULL},
};
static const struct value_string dscp_short_vals[] = {
    {0, "CS0"},     {8, "CS1"},   {10, "AF11"}, {12, "AF12"}, {14, "AF13"}, {16, "CS2"},
    {18, "AF21"},   {20, "AF22"}, {22, "AF23"}, {24, "CS3"},  {26, "AF31"}, {28, "AF32"},
    {30, "AF33"},   {32, "CS4"},  {34, "AF41"}, {36, "AF42"}, {38, "AF43"}, {40, "CS5"},
    {46, "EF PHB"}, {48, "CS6"},  {56, "CS7"},  {0, NULL},
};
static const struct value_string ecn_vals[] = {
    {0, "Not ECN-Capable Transport"},
    {1, "ECN-Capable Transport codepoint '01'"},
    {2, "ECN-Capable Transport codepoint '10'"},
    {3, "Congestion Experienced"},
    {0, NULL},
};
static const char *const ecn_short[4] = {"Not-ECT", "ECT(1)", "ECT(0)", "CE"};

/* tree: "0100 .... = Version: 4" style labels of the first header byte */
static void ip_tree_text(struct packet *pk, int idx, const char *fmt, unsigned a, unsigned b)
{
	struct fitem *fi = fs_item(pk->fs, idx);
	if (fi && pk->fs->want_all)
		fi->text = arena_printf(pk->arena, fmt, a, b);
}

static void nibble(char *o, unsigned v)
{
	for (int i = 0; i < 4; i++)
		o[i] = (v >> (3 - i) & 1) ? '1' : '0';
	o[4] = 0;
}

static const struct value_string checksum_status_vals[] = {
    {0, "Bad"},
    {1, "Good"},
    {2, "Unverified"},
    {0, NULL},
};

enum {
	F_VERSION,
	F_HDR_LEN,
	F_DSFIELD,
	F_DSCP,
	F_ECN,
	F_LEN,
	F_ID,
	F_FLAGS,
	F_FLAGS_RB,
	F_FLAGS_DF,
	F_FLAGS_MF,
	F_FRAG_OFFSET,
	F_TTL,
	F_PROTO,
	F_CHECKSUM,
	F_CHECKSUM_STATUS,
	F_SRC,
	F_ADDR,
	F_SRC_HOST,
	F_HOST,
	F_DST,
	F_DST_HOST,
	F_CUR_RT,
	F_CUR_RT_HOST,
	F_REC_RT,
	F_REC_RT_HOST,
	F_SRC_RT,
	F_SRC_RT_HOST,
	F_EMPTY_RT,
	F_EMPTY_RT_HOST,
	F_OPT_TYPE,
	F_OPT_TYPE_COPY,
	F_OPT_TYPE_CLASS,
	F_OPT_TYPE_NUMBER,
	F_OPT_LEN,
	F_OPT_PTR,
	F_OPT_SID,
	F_OPT_MTU,
	F_OPT_ID_NUMBER,
	F_OPT_OHC,
	F_OPT_RHC,
	F_OPT_ORIGINATOR,
	F_OPT_RA,
	F_OPT_SEC_SEC,
	F_OPT_SEC_COMP,
	F_OPT_SEC_HR,
	F_OPT_SEC_TCC,
	F_OPT_OVERFLOW,
	F_OPT_FLAG,
	F_OPT_TIME_STAMP,
	F_OPT_TIME_STAMP_ADDR,
	F_FRAG_OVERLAP,
	F_FRAG_OVERLAP_CONFLICT,
	F_FRAG_MULTIPLE_TAILS,
	F_FRAG_TOO_LONG,
	F_FRAG_ERROR,
	F_FRAG_COUNT,
	F_FRAGMENT,
	F_FRAGMENTS,
	F_REASSEMBLED_IN,
	F_REASSEMBLED_LENGTH,
	F_REASSEMBLED_DATA,
	F_NOP,
	F_BOGUS_IP_LENGTH,
	F_BOGUS_HEADER_LENGTH,
	F_BOGUS_IP_VERSION,
	F_OPT_LEN_INVALID,
	F_OPT_PADDING,
	F_COUNT
};
static int hf, proto_ip;
int hf_ip_version;
#define HF(x) (hf + (x))

static const struct field_def fields[F_COUNT] = {
    [F_VERSION] = {"ip.version", "Version", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_HDR_LEN] = {"ip.hdr_len", "Header Length", FT_UINT8, BASE_DEC, NULL, 0,
		   "Header length in 32-bit words"},
    [F_DSFIELD] = {"ip.dsfield", "Differentiated Services Field", FT_UINT8, BASE_HEX, NULL, 0,
		   NULL},
    [F_DSCP] = {"ip.dsfield.dscp", "Differentiated Services Codepoint", FT_UINT8, BASE_DEC,
		dscp_vals, 0xfc, NULL},
    [F_ECN] = {"ip.dsfield.ecn", "Explicit Congestion Notification", FT_UINT8, BASE_DEC, ecn_vals,
	       0x03, NULL},
    [F_LEN] = {"ip.len", "Total Length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_ID] = {"ip.id", "Identification", FT_UINT16, BASE_HEX_DEC, NULL, 0, NULL},
    [F_FLAGS] = {"ip.flags", "Flags", FT_UINT8, BASE_HEX, NULL, 0xe0, "Flags (3 bits)"},
    [F_FLAGS_RB] = {"ip.flags.rb", "Reserved bit", FT_BOOLEAN, 8, &set_notset, 0x80, NULL},
    [F_FLAGS_DF] = {"ip.flags.df", "Don't fragment", FT_BOOLEAN, 8, &set_notset, 0x40, NULL},
    [F_FLAGS_MF] = {"ip.flags.mf", "More fragments", FT_BOOLEAN, 8, &set_notset, 0x20, NULL},
    [F_FRAG_OFFSET] = {"ip.frag_offset", "Fragment Offset", FT_UINT16, BASE_DEC, NULL, 0x1fff,
		       "Fragment offset (13 bits)"},
    [F_TTL] = {"ip.ttl", "Time to Live", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_PROTO] = {"ip.proto", "Protocol", FT_UINT8, BASE_DEC, ipproto_vals, 0, NULL},
    [F_CHECKSUM] = {"ip.checksum", "Header Checksum", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_CHECKSUM_STATUS] = {"ip.checksum.status", "Header checksum status", FT_UINT8, BASE_NONE,
			   checksum_status_vals, 0, NULL},
    [F_SRC] = {"ip.src", "Source Address", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_ADDR] = {"ip.addr", "Source or Destination Address", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_SRC_HOST] = {"ip.src_host", "Source Host", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_HOST] = {"ip.host", "Source or Destination Host", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_DST] = {"ip.dst", "Destination Address", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_DST_HOST] = {"ip.dst_host", "Destination Host", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_CUR_RT] = {"ip.cur_rt", "Current Route", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_CUR_RT_HOST] = {"ip.cur_rt_host", "Current Route Host", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_REC_RT] = {"ip.rec_rt", "Recorded Route", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_REC_RT_HOST] = {"ip.rec_rt_host", "Recorded Route Host", FT_STRING, BASE_NONE, NULL, 0,
		       NULL},
    [F_SRC_RT] = {"ip.src_rt", "Source Route", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_SRC_RT_HOST] = {"ip.src_rt_host", "Source Route Host", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_EMPTY_RT] = {"ip.empty_rt", "Empty Route", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_EMPTY_RT_HOST] = {"ip.empty_rt_host", "Empty Route Host", FT_STRING, BASE_NONE, NULL, 0,
			 NULL},
    [F_OPT_TYPE] = {"ip.opt.type", "Type", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_OPT_TYPE_COPY] = {"ip.opt.type.copy", "Copy on fragmentation", FT_BOOLEAN, 8, NULL, 0x80,
			 NULL},
    [F_OPT_TYPE_CLASS] = {"ip.opt.type.class", "Class", FT_UINT8, BASE_DEC, NULL, 0x60, NULL},
    [F_OPT_TYPE_NUMBER] = {"ip.opt.type.number", "Number", FT_UINT8, BASE_DEC, opt_number_vals,
			   0x1f, NULL},
    [F_OPT_LEN] = {"ip.opt.len", "Length", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_OPT_PTR] = {"ip.opt.ptr", "Pointer", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_OPT_SID] = {"ip.opt.sid", "Stream Identifier", FT_UINT16, BASE_DEC, NULL, 0,
		   "SATNET stream identifier"},
    [F_OPT_MTU] = {"ip.opt.mtu", "MTU", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_OPT_ID_NUMBER] = {"ip.opt.id_number", "ID Number", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_OPT_OHC] = {"ip.opt.ohc", "Outbound Hop Count", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_OPT_RHC] = {"ip.opt.rhc", "Return Hop Count", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_OPT_ORIGINATOR] = {"ip.opt.originator", "Originator IP Address", FT_IPv4, BASE_NONE, NULL, 0,
			  NULL},
    [F_OPT_RA] = {"ip.opt.ra", "Router Alert", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_OPT_SEC_SEC] = {"ip.opt.sec_rfc791_sec", "Security", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_OPT_SEC_COMP] = {"ip.opt.sec_rfc791_comp", "Compartments", FT_UINT16, BASE_DEC, NULL, 0,
			NULL},
    [F_OPT_SEC_HR] = {"ip.opt.sec_rfc791_hr", "Handling Restrictions", FT_STRING, BASE_NONE, NULL,
		      0, NULL},
    [F_OPT_SEC_TCC] = {"ip.opt.sec_rfc791_tcc", "Transmission Control Code", FT_STRING, BASE_NONE,
		       NULL, 0, NULL},
    [F_OPT_OVERFLOW] = {"ip.opt.overflow", "Overflow", FT_UINT8, BASE_DEC, NULL, 0xf0, NULL},
    [F_OPT_FLAG] = {"ip.opt.flag", "Flag", FT_UINT8, BASE_HEX, NULL, 0x0f, NULL},
    [F_OPT_TIME_STAMP] = {"ip.opt.time_stamp", "Time stamp", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_OPT_TIME_STAMP_ADDR] = {"ip.opt.time_stamp_addr", "Address", FT_IPv4, BASE_NONE, NULL, 0,
			       NULL},
    [F_FRAG_OVERLAP] = {"ip.fragment.overlap", "Fragment overlap", FT_BOOLEAN, 0, NULL, 0,
			"Fragment overlaps with other fragments"},
    [F_FRAG_OVERLAP_CONFLICT] = {"ip.fragment.overlap.conflict",
				 "Conflicting data in fragment overlap", FT_BOOLEAN, 0, NULL, 0,
				 "Overlapping fragments contained conflicting data"},
    [F_FRAG_MULTIPLE_TAILS] = {"ip.fragment.multipletails", "Multiple tail fragments found",
			       FT_BOOLEAN, 0, NULL, 0,
			       "Several tails were found when defragmenting the packet"},
    [F_FRAG_TOO_LONG] = {"ip.fragment.toolongfragment", "Fragment too long", FT_BOOLEAN, 0, NULL, 0,
			 "Fragment contained data past end of packet"},
    [F_FRAG_ERROR] = {"ip.fragment.error", "Defragmentation error", FT_FRAMENUM, BASE_NONE, NULL, 0,
		      "Defragmentation error due to illegal fragments"},
    [F_FRAG_COUNT] = {"ip.fragment.count", "Fragment count", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_FRAGMENT] = {"ip.fragment", "IPv4 Fragment", FT_FRAMENUM, BASE_NONE, NULL, 0, NULL},
    [F_FRAGMENTS] = {"ip.fragments", "IPv4 Fragments", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_REASSEMBLED_IN] = {"ip.reassembled_in", "Reassembled IPv4 in frame", FT_FRAMENUM, BASE_NONE,
			  NULL, 0, "This IPv4 packet is reassembled in this frame"},
    [F_REASSEMBLED_LENGTH] = {"ip.reassembled.length", "Reassembled IPv4 length", FT_UINT32,
			      BASE_DEC, NULL, 0, "The total length of the reassembled payload"},
    [F_REASSEMBLED_DATA] = {"ip.reassembled.data", "Reassembled IPv4 data", FT_BYTES, BASE_NONE,
			    NULL, 0, "The reassembled payload"},
    [F_NOP] = {"ip.nop", "4 NOP in a row - a router may have removed some options", FT_NONE,
	       BASE_NONE, NULL, 0, NULL},
    [F_BOGUS_IP_LENGTH] = {"ip.bogus_ip_length", "Bogus IP length", FT_NONE, BASE_NONE, NULL, 0,
			   NULL},
    [F_BOGUS_HEADER_LENGTH] = {"ip.bogus_header_length", "Bogus IP header length", FT_NONE,
			       BASE_NONE, NULL, 0, NULL},
    [F_BOGUS_IP_VERSION] = {"ip.bogus_ip_version", "Bogus IP version", FT_NONE, BASE_NONE, NULL, 0,
			    NULL},
    [F_OPT_PADDING] = {"ip.opt.padding", "Padding", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_OPT_LEN_INVALID] = {"ip.opt.len.invalid", "Invalid length for option", FT_NONE, BASE_NONE,
			   NULL, 0, NULL},
};

/* The option subtrees are protocols in tshark (ip.options.*). */
enum {
	O_EOL,
	O_NOP,
	O_SECURITY,
	O_LSRR,
	O_TIMESTAMP,
	O_EXT_SECURITY,
	O_CIPSO,
	O_RR,
	O_SID,
	O_SSRR,
	O_MTU_PROBE,
	O_MTU_REPLY,
	O_TRACEROUTE,
	O_RA,
	O_SDB,
	O_QS,
	O_COUNT
};
static const struct {
	uint8_t type;
	const char *name, *abbrev;
} opt_protos[O_COUNT] = {
    [O_EOL] = {0, "IP Option - End of Options List (EOL)", "ip.options.eol"},
    [O_NOP] = {1, "IP Option - No-Operation (NOP)", "ip.options.nop"},
    [O_SECURITY] = {130, "IP Option - Security", "ip.options.security"},
    [O_LSRR] = {131, "IP Option - Loose Source Route", "ip.options.route"},
    [O_TIMESTAMP] = {68, "IP Option - Time Stamp", "ip.options.timestamp"},
    [O_EXT_SECURITY] = {133, "IP Option - Extended Security", "ip.options.ext_security"},
    [O_CIPSO] = {134, "IP Option - Commercial Security", "ip.options.cipso"},
    [O_RR] = {7, "IP Option - Record Route", "ip.options.record_route"},
    [O_SID] = {136, "IP Option - Stream ID", "ip.options.sid"},
    [O_SSRR] = {137, "IP Option - Strict Source Route", "ip.options.source_route"},
    [O_MTU_PROBE] = {11, "IP Option - MTU Probe", "ip.options.mtu_probe"},
    [O_MTU_REPLY] = {12, "IP Option - MTU Reply", "ip.options.mtu_reply"},
    [O_TRACEROUTE] = {82, "IP Option - Traceroute", "ip.options.traceroute"},
    [O_RA] = {148, "IP Option - Router Alert", "ip.options.routeralert"},
    [O_SDB] = {149, "IP Option - Selective Directed Broadcast", "ip.options.sdb"},
    [O_QS] = {25, "IP Option - Quick-Start", "ip.options.qs"},
};
static int opt_proto_id[O_COUNT];

static int opt_index(uint8_t type)
{
	for (int i = 0; i < O_COUNT; i++)
		if (opt_protos[i].type == type)
			return i;
	return -1;
}

static void add_host(struct packet *pk, int id, uint32_t pos, const uint8_t *a)
{
	if (!fs_wants(pk->fs, id))
		return;
	char *s = arena_printf(pk->arena, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	fs_add_bytes(pk->fs, id, pos, 4, (const uint8_t *)s, (uint32_t)strlen(s));
}

/*
** One header's view of which IPv4 fields are wanted, found once (a tree wants
** all): each item then costs one byte test, and a wanted one a call.
*/
struct ip_items {
	struct fieldset *fs;
	const uint8_t *w; /* w[F_x]: is F_x wanted */
	int hf;
};

static uint8_t all_wanted[F_COUNT]; /* a tree's flags: everything */

static void items_init(struct ip_items *t, struct fieldset *fs)
{
	t->fs = fs;
	t->hf = hf;
	t->w = fs->want_all ? all_wanted : field_wanted_map + hf;
}

static inline int i_any(const struct ip_items *t, int f, int n)
{
	return field_flags_any(t->w + f, n);
}

static inline int i_add(const struct ip_items *t, int f, uint32_t pos, uint32_t len, uint64_t v)
{
	return t->w[f] ? fs_store_u(t->fs, t->hf + f, pos, len, v, 0) : -1;
}

static inline int i_none(const struct ip_items *t, int f, uint32_t pos, uint32_t len)
{
	return t->w[f] ? fs_store_u(t->fs, t->hf + f, pos, len, 0, FI_NONE_VALUE) : -1;
}

static inline void i_addr(const struct ip_items *t, int f, uint32_t pos, const uint8_t *a)
{
	if (t->w[f])
		fs_store_b(t->fs, t->hf + f, pos, 4, a, 4);
}

/* The host name's text is printed only when wanted: the test inline, the printf not. */
static inline void i_host(struct packet *pk, const struct ip_items *t, int f, uint32_t pos,
			  const uint8_t *a)
{
	if (t->w[f])
		add_host(pk, t->hf + f, pos, a);
}

static void add_addr(struct packet *pk, int f, int fhost, uint32_t pos, const uint8_t *a)
{
	fs_add_bytes(pk->fs, HF(f), pos, 4, a, 4);
	add_host(pk, HF(fhost), pos, a);
}

/*
** A loose/strict source route with addresses left to visit: the final hop,
** which tshark shows as ip.dst.  NULL when there is none.
*/
static const uint8_t *final_hop(struct cursor *o, uint32_t n, int *cut)
{
	uint32_t i = 0;
	const uint8_t *hop = NULL;
	*cut = 0;
	for (int guard = 0; i < n && guard < 40; guard++) {
		uint8_t t = cur_peek_u8(o, i);
		if (t == 0 || o->err)
			break;
		if (t == 1) {
			i++;
			continue;
		}
		if (n - i < 2)
			break;
		uint8_t len = cur_peek_u8(o, i + 1);
		if (o->err || len < 2 || len > n - i)
			break;
		if ((t == 131 || t == 137) && len >= 7) {
			uint8_t ptr = cur_peek_u8(o, i + 2);
			uint32_t naddr = (uint32_t)(len - 3) / 4;
			/*
			** a pointer off a whole slot ends the search; a good one is taken
			** and the search reads on (as tshark's does, so it can run off the
			** capture after it)
			*/
			if (o->err || ptr < 4 || ptr > len - 3 || (ptr & 3) != 0)
				break;
			hop = cur_peek_ptr(o, i + 3 + (naddr - 1) * 4, 4);
			if (o->err)
				break;
		}
		i += len;
	}
	/* running off the capture ends it there: tshark has thrown */
	*cut = o->err != CUR_OK;
	return *cut ? NULL : hop;
}

static void route_option(struct packet *pk, struct cursor *o, uint32_t pos, uint8_t type,
			 uint8_t len, uint8_t ptr, int skip_last)
{
	uint32_t naddr = len >= 3 ? (uint32_t)(len - 3) / 4 : 0;
	if (skip_last && naddr)
		naddr--;
	for (uint32_t k = 0; k < naddr && k < 10; k++) {
		uint32_t at = 3 + k * 4;
		const uint8_t *a = cur_peek_ptr(o, at, 4);
		if (!a)
			return;
		/* ptr counts from 1 and points at the next slot */
		if (at + 1 < ptr)
			add_addr(pk, F_REC_RT, F_REC_RT_HOST, pos + at, a);
		else if (type == 7)
			add_addr(pk, F_EMPTY_RT, F_EMPTY_RT_HOST, pos + at, a);
		else
			add_addr(pk, F_SRC_RT, F_SRC_RT_HOST, pos + at, a);
	}
}

static void timestamp_option(struct packet *pk, struct cursor *o, uint32_t pos, uint8_t len)
{
	struct fieldset *fs = pk->fs;
	uint8_t of = cur_peek_u8(o, 3);
	fs_add_uint(fs, HF(F_OPT_OVERFLOW), pos + 3, 1, of >> 4);
	fs_add_uint(fs, HF(F_OPT_FLAG), pos + 3, 1, of & 0x0f);
	uint32_t step = (of & 0x0f) == 0 ? 4 : 8;
	for (uint32_t at = 4; at + step <= len && at < 40; at += step) {
		if (step == 8) {
			const uint8_t *a = cur_peek_ptr(o, at, 4);
			if (!a)
				return;
			fs_add_bytes(fs, HF(F_OPT_TIME_STAMP_ADDR), pos + at, 4, a, 4);
			fs_add_uint(fs, HF(F_OPT_TIME_STAMP), pos + at + 4, 4,
				    cur_peek_be32(o, at + 4));
		} else {
			fs_add_uint(fs, HF(F_OPT_TIME_STAMP), pos + at, 4, cur_peek_be32(o, at));
		}
	}
}

/* Add a string field from fixed-size bytes, up to the first NUL. */
static void add_fixed_string(struct fieldset *fs, int id, uint32_t pos, const uint8_t *p,
			     uint32_t n)
{
	uint32_t k = 0;
	while (k < n && p[k])
		k++;
	fs_add_bytes(fs, id, pos, n, p, k);
}

/*
** The options; returns 0, or -1 when tshark would throw (an option too short
** for its own fixed fields), which ends the IP dissection.
*/
static int dissect_options(struct packet *pk, struct cursor *o, uint32_t base)
{
	struct fieldset *fs = pk->fs;
	uint32_t n = o->len;
	uint32_t i = 0;
	int nops = 0;
	for (int guard = 0; i < n && guard < 40; guard++) {
		struct cursor oc = *o;
		oc.off = i;
		uint8_t type = cur_peek_u8(&oc, 0);
		if (oc.err)
			return -1;
		int k = opt_index(type);
		uint32_t pos = base + i;
		if (type == 0 || type == 1) {
			int it = fs_add_none(fs, opt_proto_id[type], pos, 1);
			int prev = fs_push(fs, it);
			fs_add_uint(fs, HF(F_OPT_TYPE), pos, 1, type);
			fs_add_uint(fs, HF(F_OPT_TYPE_COPY), pos, 1, (type & 0x80) != 0);
			fs_add_uint(fs, HF(F_OPT_TYPE_CLASS), pos, 1, (type >> 5) & 3);
			fs_add_uint(fs, HF(F_OPT_TYPE_NUMBER), pos, 1, type & 0x1f);
			if (type == 1 && ++nops == 4)
				fs_add_none(fs, HF(F_NOP), pos, 1);
			fs_pop(fs, prev);
			if (type == 0)
				return 0;
			i++;
			continue;
		}
		nops = 0;
		if (n - i < 2)
			return -1;
		uint8_t len = cur_peek_u8(&oc, 1);
		if (len < 2 || len > n - i) {
			/* tshark notes it and stops reading options (the payload goes on) */
			fs_add_none(fs, HF(F_OPT_LEN_INVALID), pos, n - i);
			return 0;
		}
		if (k < 0) {
			/* tshark shows an option it does not know as a line of text, no fields */
			i += len;
			continue;
		}
		struct cursor one = cur_sub(&oc, len);
		int it = fs_add_none(fs, opt_proto_id[k], pos, len);
		int prev = fs_push(fs, it);
		fs_add_uint(fs, HF(F_OPT_TYPE), pos, 1, type);
		fs_add_uint(fs, HF(F_OPT_TYPE_COPY), pos, 1, (type & 0x80) != 0);
		fs_add_uint(fs, HF(F_OPT_TYPE_CLASS), pos, 1, (type >> 5) & 3);
		fs_add_uint(fs, HF(F_OPT_TYPE_NUMBER), pos, 1, type & 0x1f);
		fs_add_uint(fs, HF(F_OPT_LEN), pos + 1, 1, len);
		int bad = 0;
		switch (type) {
		case 7:
		case 131:
		case 137: {
			uint8_t ptr = cur_peek_u8(&one, 2);
			if (one.err) {
				bad = 1;
				break;
			}
			fs_add_uint(fs, HF(F_OPT_PTR), pos + 2, 1, ptr);
			int skip = type != 7 && len >= 7 && ptr >= 4 && ptr <= len - 3;
			route_option(pk, &one, pos, type, len, ptr, skip);
			break;
		}
		case 68: {
			uint8_t ptr = cur_peek_u8(&one, 2);
			if (one.err) {
				bad = 1;
				break;
			}
			fs_add_uint(fs, HF(F_OPT_PTR), pos + 2, 1, ptr);
			if (len < 4) { /* the overflow/flag byte is past the option */
				bad = 1;
				break;
			}
			timestamp_option(pk, &one, pos, len);
			break;
		}
		case 148:
		case 136:
		case 11:
		case 12: {
			/*
			** fixed 4-byte options: another length is noted, and the value is
			** read all the same (past the option that is an exception)
			*/
			if (len != 4)
				fs_add_none(fs, HF(F_OPT_LEN_INVALID), pos + 1, 1);
			uint16_t v = cur_peek_be16(&one, 2);
			if (one.err) {
				bad = 1;
				break;
			}
			int f = type == 148 ? F_OPT_RA : type == 136 ? F_OPT_SID : F_OPT_MTU;
			fs_add_uint(fs, HF(f), pos + 2, 2, v);
			break;
		}
		case 82: {
			if (len != 12)
				fs_add_none(fs, HF(F_OPT_LEN_INVALID), pos + 1, 1);
			const uint8_t *a = cur_peek_ptr(&one, 2, 10);
			if (!a) {
				bad = 1;
				break;
			}
			fs_add_uint(fs, HF(F_OPT_ID_NUMBER), pos + 2, 2,
				    (uint32_t)(a[0] << 8 | a[1]));
			fs_add_uint(fs, HF(F_OPT_OHC), pos + 4, 2, (uint32_t)(a[2] << 8 | a[3]));
			fs_add_uint(fs, HF(F_OPT_RHC), pos + 6, 2, (uint32_t)(a[4] << 8 | a[5]));
			fs_add_bytes(fs, HF(F_OPT_ORIGINATOR), pos + 8, 4, a + 6, 4);
			break;
		}
		case 130: {
			/* other lengths are RFC 1108 labels, which tshark reads differently */
			if (len != 11)
				break;
			const uint8_t *p = cur_peek_ptr(&one, 0, 11);
			if (!p) {
				bad = 1;
				break;
			}
			fs_add_uint(fs, HF(F_OPT_SEC_SEC), pos + 2, 2,
				    (uint32_t)(p[2] << 8 | p[3]));
			fs_add_uint(fs, HF(F_OPT_SEC_COMP), pos + 4, 2,
				    (uint32_t)(p[4] << 8 | p[5]));
			add_fixed_string(fs, HF(F_OPT_SEC_HR), pos + 6, p + 6, 2);
			add_fixed_string(fs, HF(F_OPT_SEC_TCC), pos + 8, p + 8, 3);
			break;
		}
		default:
			break;
		}
		fs_pop(fs, prev);
		if (bad)
			return -1;
		i += len;
	}
	return 0;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void col_fragment_info(struct packet *pk, uint8_t proto, uint32_t off, uint16_t id)
{
	if (!pk->want_cols)
		return;
	col_clear_info(pk);
	col_append_info(pk, "Fragmented IP protocol (proto=%s %u, off=%u, ID=%04x)",
			ipproto_name(proto), proto, off, id);
}

static void add_reassembly_fields(struct packet *pk, const struct defrag_result *r, uint32_t pos,
				  int f0)
{
	struct fieldset *fs = pk->fs;
	/* f0 is this protocol's F_FRAG_OVERLAP; the rest follow in the same order */
	for (int i = 0; i < r->npieces; i++)
		if (!r->pieces[i].bad)
			fs_add_uint(fs, f0 + (F_FRAGMENT - F_FRAG_OVERLAP), pos, 0,
				    r->pieces[i].frame);
	/* tshark notes these under each fragment: one occurrence per fragment concerned */
	for (int i = 0; i < r->npieces; i++) {
		const struct defrag_piece *q = &r->pieces[i];
		if (q->overlap)
			fs_add_uint(fs, f0, pos, 0, 1);
		if (q->conflict)
			fs_add_uint(fs, f0 + (F_FRAG_OVERLAP_CONFLICT - F_FRAG_OVERLAP), pos, 0, 1);
		if (q->multiple_tails)
			fs_add_uint(fs, f0 + (F_FRAG_MULTIPLE_TAILS - F_FRAG_OVERLAP), pos, 0, 1);
		if (q->too_long)
			fs_add_uint(fs, f0 + (F_FRAG_TOO_LONG - F_FRAG_OVERLAP), pos, 0, 1);
	}
	for (int i = 0; i < r->npieces; i++)
		if (r->pieces[i].bad)
			fs_add_uint(fs, f0 + (F_FRAG_ERROR - F_FRAG_OVERLAP), pos, 0,
				    r->pieces[i].frame);
	fs_add_uint(fs, f0 + (F_FRAG_COUNT - F_FRAG_OVERLAP), pos, 0, (uint64_t)r->npieces);
	fs_add_uint(fs, f0 + (F_REASSEMBLED_LENGTH - F_FRAG_OVERLAP), pos, 0, r->len);
	fs_add_bytes(fs, f0 + (F_REASSEMBLED_DATA - F_FRAG_OVERLAP), pos, 0, r->data, r->len);
}

/*
** The snaplen cut the fixed header: tshark shows the fields whose bytes are
** there (up to the source address), then the frame is cut short.
*/
static int header_cut_short(struct packet *pk, struct cursor *c, uint32_t start, uint32_t hlen)
{
	struct fieldset *fs = pk->fs;
	uint8_t h[20] = {0};
	uint32_t n = cur_avail(c);
	if (n > 20)
		n = 20;
	const uint8_t *p = cur_peek_ptr(c, 0, n);
	if (p)
		memcpy(h, p, n);
	if (n >= 2) {
		fs_add_uint(fs, HF(F_DSFIELD), start + 1, 1, h[1]);
		fs_add_uint(fs, HF(F_DSCP), start + 1, 1, h[1] >> 2);
		fs_add_uint(fs, HF(F_ECN), start + 1, 1, h[1] & 3);
	}
	if (n >= 4) {
		uint32_t tot = (uint32_t)(h[2] << 8 | h[3]), tso = tot == 0;
		if (tso)
			tot =
			    cur_remaining(c); /* TCP segmentation offload, as in the full header */
		fs_add_uint(fs, HF(F_LEN), start + 2, 2, tot);
		if (tot < hlen && !tso) {
			fs_add_none(fs, HF(F_BOGUS_IP_LENGTH), start + 2, 2);
			if (pk->want_cols) {
				col_clear_info(pk);
				col_append_info(pk,
						"Bogus IP length (%u, less than header length %u)",
						tot, hlen);
			}
			return 0;
		}
		if (tot > cur_remaining(c) && !pk->in_error)
			fs_add_none(fs, HF(F_BOGUS_IP_LENGTH), start + 2, 2);
	}
	if (n >= 6)
		fs_add_uint(fs, HF(F_ID), start + 4, 2, (uint32_t)(h[4] << 8 | h[5]));
	if (n >= 8) {
		fs_add_uint(fs, HF(F_FLAGS), start + 6, 1, h[6] >> 5);
		fs_add_uint(fs, HF(F_FLAGS_RB), start + 6, 1, (h[6] & 0x80) != 0);
		fs_add_uint(fs, HF(F_FLAGS_DF), start + 6, 1, (h[6] & 0x40) != 0);
		fs_add_uint(fs, HF(F_FLAGS_MF), start + 6, 1, (h[6] & 0x20) != 0);
		fs_add_uint(fs, HF(F_FRAG_OFFSET), start + 6, 2,
			    (uint32_t)((h[6] & 0x1f) << 8 | h[7]));
	}
	if (n >= 9)
		fs_add_uint(fs, HF(F_TTL), start + 8, 1, h[8]);
	if (n >= 10)
		fs_add_uint(fs, HF(F_PROTO), start + 9, 1, h[9]);
	if (n >= 12) {
		fs_add_uint(fs, HF(F_CHECKSUM), start + 10, 2, (uint32_t)(h[10] << 8 | h[11]));
		fs_add_uint(fs, HF(F_CHECKSUM_STATUS), start + 10, 0, 2);
	}
	if (n >= 16) {
		/* field bytes must outlive this frame's dissection: point into the frame */
		pk_pir_addr(pk, PIR_IP_SRC, p + 12);
		add_addr(pk, F_SRC, F_SRC_HOST, start + 12, p + 12);
		fs_add_bytes(fs, HF(F_ADDR), start + 12, 4, p + 12, 4);
		add_host(pk, HF(F_HOST), start + 12, h + 12);
		if (!pk->in_error)
			addr_put_ipv4(&pk->net_src, h + 12);
	}
	return -1;
}

/*
** cur_rest of cur_sub(c, tot) past the header, with their tests decided: the
** header's hlen bytes were read (so c->off <= caplen and hlen is captured),
** hlen <= tot and tot <= cur_remaining(c).  The pair's general checks cost
** some forty instructions a datagram.
*/
/*
** The datagram's facts later layers read (TCP's conversation key, ICMP's
** quote, the taps): set the same way by the general path and the plain one.
*/
static inline void ipv4_state(struct packet *pk, const uint8_t *h, uint8_t proto, uint32_t id,
			      uint32_t tot, uint32_t hlen, int mf, uint32_t off, int exceeds)
{
	if (pk->ip_depth == 0)
		pk->ip_ext_hdrs = 0;
	pk->ip_depth++;
	memset(pk->ip_src, 0, sizeof pk->ip_src);
	memset(pk->ip_dst, 0, sizeof pk->ip_dst);
	memcpy(pk->ip_src, h + 12, 4);
	memcpy(pk->ip_dst, h + 16, 4);
	pk->ip_version = 4;
	pk->ip_proto = proto;
	pk->ip_ttl = h[8];
	pk->ip_dsfield = h[1];
	pk->ip_id = id;
	pk->ip_len = tot;
	pk->ip_hdr_len = hlen;
	pk->ip_fragment = mf || off;
	pk->ip_more_frags = (uint8_t)mf;
	pk->ip_frag_offset = (uint16_t)off;
	pk->ip_reassembled = 0;
	pk->ip_len_exceeds = (uint8_t)exceeds;
}

static int dissect_ipv4_header(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	struct ip_items items, *t = &items;
	items_init(t, fs);
	uint32_t start = cur_pos(c);
	uint8_t vhl = cur_peek_u8(c, 0);
	if (c->err)
		return dissect_report_error(pk, c, proto_ip);
	uint32_t version = vhl >> 4, hlen = (uint32_t)(vhl & 0x0f) * 4;
	pk_add_layer(pk, proto_ip);
	if (pk->want_cols)
		col_set_proto(pk, "IPv4");
	int it = fs_add_none(fs, proto_ip, start, version == 4 && hlen >= 20 ? hlen : 1);
	int prev = fs_push(fs, it);
	/* one test for the fixed header's fields, which most jobs never read */
	int hdrf = i_any(t, F_VERSION, F_DST_HOST - F_VERSION + 1);
	/* the addresses are what a conversation table wants; the rest is one group */
	int addrf = hdrf && i_any(t, F_SRC, F_DST_HOST - F_SRC + 1);
	if (hdrf)
		hdrf = i_any(t, F_VERSION, F_CHECKSUM_STATUS - F_VERSION + 1);
	int vi = hdrf ? i_add(t, F_VERSION, start, 1, version) : -1;
	if (fs->want_all && vi >= 0) { /* tree */
		char nb[5];
		nibble(nb, version);
		fs->items[vi].text = arena_printf(pk->arena, "%s .... = Version: %u", nb, version);
	}
	if (version != 4) {
		i_none(t, F_BOGUS_IP_VERSION, start, 1);
		if (pk->want_cols) {
			col_clear_info(pk);
			col_append_info(pk, "Bogus IPv4 version (%u, must be 4)", version);
		}
		fs_pop(fs, prev);
		/* tshark hands a version-6 header on to IPv6 all the same */
		if (version == 6)
			return dissect_next(pk, DT_ETHERTYPE, 0x86dd, c);
		return (int)cur_avail(c);
	}
	int hi = hdrf ? i_add(t, F_HDR_LEN, start, 1, hlen) : -1;
	if (fs->want_all && hi >= 0) { /* tree */
		char nb[5];
		nibble(nb, hlen / 4);
		fs->items[hi].text = arena_printf(
		    pk->arena, ".... %s = Header Length: %u bytes (%u)", nb, hlen, hlen / 4);
	}
	if (hlen < 20) {
		i_none(t, F_BOGUS_HEADER_LENGTH, start, 1);
		if (pk->want_cols) {
			col_clear_info(pk);
			col_append_info(pk, "Bogus IP header length (%u, must be at least 20)",
					hlen);
		}
		fs_pop(fs, prev);
		return (int)cur_avail(c);
	}
	const uint8_t *h = cur_peek_ptr(c, 0, 20);
	if (!h) {
		int r = header_cut_short(pk, c, start, hlen);
		fs_pop(fs, prev);
		return r < 0 ? dissect_report_error(pk, c, proto_ip) : (int)cur_avail(c);
	}
	uint32_t tot = (uint32_t)(h[2] << 8 | h[3]);
	/* the two bit-field groups: one test each, their push and pop only when wanted */
	int dsf = hdrf && i_any(t, F_DSFIELD, F_ECN - F_DSFIELD + 1);
	int flf = hdrf && i_any(t, F_FLAGS, F_FLAGS_MF - F_FLAGS + 1);
	int dsi = dsf ? i_add(t, F_DSFIELD, start + 1, 1, h[1]) : -1;
	if (fs->want_all && dsi >= 0) { /* tree */
		const char *dn = vals_lookup(dscp_short_vals, h[1] >> 2);
		fs->items[dsi].text = arena_printf(
		    pk->arena, "Differentiated Services Field: 0x%02x (DSCP: %s, ECN: %s)", h[1],
		    dn ? dn : "Unknown", ecn_short[h[1] & 3]);
	}
	if (dsf) {
		int dsprev = fs_push(fs, dsi);
		i_add(t, F_DSCP, start + 1, 1, h[1] >> 2);
		i_add(t, F_ECN, start + 1, 1, h[1] & 3);
		fs_pop(fs, dsprev);
	}
	uint32_t have = cur_remaining(c);
	int tso = tot == 0;
	if (tso)
		tot = have; /* TCP segmentation offload: the buffer's length stands in */
	if (tot < hlen && !tso) {
		i_add(t, F_LEN, start + 2, 2, tot);
		i_none(t, F_BOGUS_IP_LENGTH, start + 2, 2);
		if (pk->want_cols) {
			col_clear_info(pk);
			col_append_info(pk, "Bogus IP length (%u, less than header length %u)", tot,
					hlen);
		}
		fs_pop(fs, prev);
		return (int)cur_avail(c);
	}
	if (hdrf)
		i_add(t, F_LEN, start + 2, 2, tot);
	int whole = tot <= have; /* reassembly needs the datagram the header announces */
	if (tot > have) {
		/*
		** only noted by tshark ("total length exceeds packet length"), and not
		** in an ICMP error, whose quoted datagram is cut short by design
		*/
		if (!pk->in_error)
			i_none(t, F_BOGUS_IP_LENGTH, start + 2, 2);
		tot = have;
	}
	uint16_t id = (uint16_t)(h[4] << 8 | h[5]);
	uint32_t fragw = (uint32_t)(h[6] << 8 | h[7]);
	uint32_t off = (fragw & 0x1fff) * 8;
	int mf = (fragw & 0x2000) != 0;
	uint8_t proto = h[9];
	if (hdrf)
		i_add(t, F_ID, start + 4, 2, id);
	int fli = flf ? i_add(t, F_FLAGS, start + 6, 1, h[6] >> 5) : -1;
	if (fs->want_all && fli >= 0) { /* tree: "010. .... = Flags: 0x2, Don't fragment" */
		char nb[5];
		nibble(nb, h[6] >> 4);
		nb[3] = '.';
		fs->items[fli].text = arena_printf(pk->arena, "%s .... = Flags: 0x%x%s%s%s", nb,
						   h[6] >> 5, (h[6] & 0x80) ? ", Reserved bit" : "",
						   (h[6] & 0x40) ? ", Don't fragment" : "",
						   (h[6] & 0x20) ? ", More fragments" : "");
	}
	if (flf) {
		int flprev = fs_push(fs, fli);
		i_add(t, F_FLAGS_RB, start + 6, 1, (h[6] & 0x80) != 0);
		i_add(t, F_FLAGS_DF, start + 6, 1, (h[6] & 0x40) != 0);
		i_add(t, F_FLAGS_MF, start + 6, 1, mf);
		fs_pop(fs, flprev);
	}
	if (hdrf) {
		i_add(t, F_FRAG_OFFSET, start + 6, 2, fragw & 0x1fff);
		i_add(t, F_TTL, start + 8, 1, h[8]);
		i_add(t, F_PROTO, start + 9, 1, proto);
		ip_tree_text(pk,
			     i_add(t, F_CHECKSUM, start + 10, 2, (uint32_t)(h[10] << 8 | h[11])),
			     "Header Checksum: 0x%02x%02x [validation disabled]", h[10], h[11]);
	}
	/* options are needed before the destination: a source route changes ip.dst */
	const uint8_t *opts = NULL, *hop = NULL;
	int cut = 0;
	if (hlen > 20) {
		/* a view of the rest of the buffer: the header length may claim more than it has */
		struct cursor o = *c;
		o.off += 20;
		hop = final_hop(&o, hlen - 20, &cut);
		opts = cur_peek_ptr(c, 20, hlen - 20);
	}
	if (hdrf)
		i_add(t, F_CHECKSUM_STATUS, start + 10, 0, 2);
	pk_pir_addr(pk, PIR_IP_SRC, h + 12);
	if (addrf) {
		/* tree: tshark's order (src, addr, src_host, host) */
		i_addr(t, F_SRC, start + 12, h + 12);
		i_addr(t, F_ADDR, start + 12, h + 12);
		i_host(pk, t, F_SRC_HOST, start + 12, h + 12);
		i_host(pk, t, F_HOST, start + 12, h + 12);
	}
	if (cut) {
		/* the route lookup ran off the capture: tshark has the source only */
		if (!pk->in_error)
			addr_put_ipv4(&pk->net_src, h + 12);
		fs_pop(fs, prev);
		struct cursor bad = *c;
		cur_check_at(&bad, 0, hlen);
		return dissect_report_error(pk, &bad, proto_ip);
	}
	const uint8_t *dst = hop ? hop : h + 16;
	if (hop)
		add_addr(pk, F_CUR_RT, F_CUR_RT_HOST, start + 16, h + 16);
	pk_pir_addr(pk, PIR_IP_DST, dst);
	if (addrf) {
		i_addr(t, F_DST, start + 16, dst);
		i_addr(t, F_ADDR, start + 16, dst);
		i_host(pk, t, F_DST_HOST, start + 16, dst);
		i_host(pk, t, F_HOST, start + 16, dst);
	}
	if (fs_wants_label(fs, proto_ip) && it >= 0) {
		fs_item(fs, it)->text = arena_printf(
		    pk->arena, "Internet Protocol Version 4, Src: %u.%u.%u.%u, Dst: %u.%u.%u.%u",
		    h[12], h[13], h[14], h[15], dst[0], dst[1], dst[2], dst[3]);
	}
	if (!pk->in_error) {
		addr_put_ipv4(&pk->net_src, h + 12);
		addr_put_ipv4(&pk->net_dst, dst);
	}
	ipv4_state(pk, h, proto, id, tot, hlen, mf, off, !whole);

	if (hlen > 20 && !opts) {
		/* the rest of the options is missing: the fixed part stands, then it stops */
		fs_pop(fs, prev);
		return dissect_report_error(pk, c, proto_ip);
	}
	if (opts) {
		struct cursor oc = *c;
		oc.off += 20;
		struct cursor o = cur_sub(&oc, hlen - 20);
		if (dissect_options(pk, &o, start + 20) < 0) {
			fs_pop(fs, prev);
			struct cursor bad = *c;
			bad.err = CUR_MALFORMED;
			return dissect_report_error(pk, &bad, proto_ip);
		}
	}

	if (tot < hlen) { /* only with TSO and a header the buffer cannot hold */
		fs_pop(fs, prev);
		struct cursor bad = *c;
		cur_check_at(&bad, 0, hlen);
		return dissect_report_error(pk, &bad, proto_ip);
	}
	struct cursor pl = cur_sub_past(c, hlen, tot - hlen);
	struct cursor next = pl;
	int have_next = 1, update_info = 1;
	if (mf || off) {
		uint32_t plen = cur_remaining(&pl);
		const uint8_t *p = plen ? cur_peek_ptr(&pl, 0, plen) : NULL;
		have_next = 0;
		if (!pk->in_error && plen > 0 && p && whole) {
			struct defrag_table *dt =
			    dissect_state(pk, proto_ip, defrag_make, defrag_destroy);
			struct defrag_key key;
			memset(&key, 0, sizeof key);
			/*
			** tshark's key: the addresses and protocol ^ id ^ both addresses,
			** so two datagrams whose protocol ^ id agree are reassembled together
			*/
			key.af = 4;
			key.id = (uint32_t)(proto ^ id) ^ get32(h + 12) ^ get32(h + 16);
			memcpy(key.src, h + 12, 4);
			memcpy(key.dst, h + 16, 4);
			struct defrag_result r;
			if (defrag_add(dt, &key, off, mf, p, plen, pk->num, pk->arena, &r) ==
			    DEFRAG_DONE) {
				add_reassembly_fields(pk, &r, start, HF(F_FRAG_OVERLAP));
				fs_add_bytes(fs, HF(F_FRAGMENTS), start, 0, r.data, r.len);
				next = cur_make(r.data, r.len, r.len);
				next.src = 1;
				have_next = 1;
				pk->ip_reassembled = 1;
				if (r.conflict || r.too_long || r.multiple_tails) {
					update_info = 0;
					if (pk->want_cols) {
						col_clear_info(pk);
						col_append_info(pk, "[Illegal IPv4 fragments]");
					}
				}
			}
		} else if (off == 0) {
			/* not reassembled (cut short, or quoted in ICMP): the first part is
			 * readable */
			have_next = 1;
		}
	}
	fs_pop(fs, prev);
	if (!have_next) {
		col_fragment_info(pk, proto, off, id);
		dissect_data(pk, &pl);
		return (int)tot;
	}
	struct cursor try = next;
	if (pk->ip_depth > IP_MAX_DEPTH) {
		/* tunnels in tunnels: stop before the stack or the layer list runs out */
		dissect_data(pk, &next);
		return (int)tot;
	}
	if (dissect_next(pk, DT_IP_PROTO, proto, &try) == 0) {
		if (update_info && pk->want_cols) {
			col_clear_info(pk);
			col_append_info(pk, "%s (%u)", ipproto_name(proto), proto);
		}
		dissect_data(pk, &next);
	}
	return (int)tot;
}

/*
** The usual datagram: a 20-byte header, captured, whose length fits the
** buffer, no fragment, outside an ICMP error, and no tree or label wanted.
** NULL for anything else, which the general path takes.  That path's tests,
** labels and cursor copies were some 270 instructions a frame.
*/
/* the wanted map's answers for the plain path, made once per map */
static _Thread_local struct field_plan ip_plan;
static uint32_t ip_plan_make(void)
{
	return field_plan_proto(proto_ip) | (field_any_wanted(hf, F_DST_HOST + 1) ? FP_FIELDS : 0u);
}

static inline const uint8_t *plain_header(const struct packet *pk, const struct cursor *c)
{
	/* first: a tree or label job fails here, on every datagram */
	if (pk->fs->want_all || !(field_plan_get(&ip_plan, ip_plan_make) & FP_PLAIN))
		return NULL;
	/* len >= caplen (cursor.h): off <= caplen makes len - off the remaining bytes */
	if (!cur_has(c, 20))
		return NULL;
	const uint8_t *h = c->data + c->off;
	uint32_t tot = (uint32_t)(h[2] << 8 | h[3]);
	if (h[0] != 0x45 || tot < 20 || tot > c->len - c->off || (h[6] & 0x3f) || h[7])
		return NULL;
	return h;
}

/*
** The payload as data: past the depth cap, or declined (no dissector, or it
** returned 0 and may have moved its view: the payload's is made again), when
** Info names the protocol.
*/
static __attribute__((noinline)) void plain_undissected(struct packet *pk, struct cursor *c,
							uint32_t tot, int declined)
{
	c->off -= tot;
	uint8_t proto = c->data[c->off + 9];
	struct cursor pl = cur_sub_past(c, 20, tot - 20);
	if (declined && pk->want_cols) {
		col_clear_info(pk);
		col_append_info(pk, "%s (%u)", ipproto_name(proto), proto);
	}
	dissect_data(pk, &pl);
}

/*
** dissect_ipv4_header's items of plain_header's datagram, in its order (no
** tree, so no labels): the fixed header's, then the addresses'.
*/
static __attribute__((noinline)) void plain_fields(struct packet *pk, const uint8_t *h,
						   uint32_t start, int it)
{
	struct fieldset *fs = pk->fs;
	struct ip_items items, *t = &items;
	items_init(t, fs);
	int prev = fs_push(fs, it);
	if (i_any(t, F_VERSION, F_CHECKSUM_STATUS - F_VERSION + 1)) {
		i_add(t, F_VERSION, start, 1, 4);
		i_add(t, F_HDR_LEN, start, 1, 20);
		int sub = fs_push(fs, i_add(t, F_DSFIELD, start + 1, 1, h[1]));
		i_add(t, F_DSCP, start + 1, 1, h[1] >> 2);
		i_add(t, F_ECN, start + 1, 1, h[1] & 3);
		fs_pop(fs, sub);
		i_add(t, F_LEN, start + 2, 2, (uint32_t)(h[2] << 8 | h[3]));
		i_add(t, F_ID, start + 4, 2, (uint32_t)(h[4] << 8 | h[5]));
		sub = fs_push(fs, i_add(t, F_FLAGS, start + 6, 1, h[6] >> 5));
		i_add(t, F_FLAGS_RB, start + 6, 1, (h[6] & 0x80) != 0);
		i_add(t, F_FLAGS_DF, start + 6, 1, (h[6] & 0x40) != 0);
		i_add(t, F_FLAGS_MF, start + 6, 1, 0);
		fs_pop(fs, sub);
		i_add(t, F_FRAG_OFFSET, start + 6, 2, 0);
		i_add(t, F_TTL, start + 8, 1, h[8]);
		i_add(t, F_PROTO, start + 9, 1, h[9]);
		i_add(t, F_CHECKSUM, start + 10, 2, (uint32_t)(h[10] << 8 | h[11]));
		i_add(t, F_CHECKSUM_STATUS, start + 10, 0, 2);
	}
	i_addr(t, F_SRC, start + 12, h + 12);
	i_addr(t, F_ADDR, start + 12, h + 12);
	i_host(pk, t, F_SRC_HOST, start + 12, h + 12);
	i_host(pk, t, F_HOST, start + 12, h + 12);
	i_addr(t, F_DST, start + 16, h + 16);
	i_addr(t, F_ADDR, start + 16, h + 16);
	i_host(pk, t, F_DST_HOST, start + 16, h + 16);
	i_host(pk, t, F_HOST, start + 16, h + 16);
	fs_pop(fs, prev);
}

/*
** plain_header's datagram: dissect_ipv4_header's result, without its general
** tests.  Out of line so that dissect_ipv4's tests need no frame.
*/
static __attribute__((noinline)) int dissect_plain_ipv4(struct packet *pk, struct cursor *c,
							const uint8_t *h)
{
	uint32_t tot = (uint32_t)(h[2] << 8 | h[3]);
	pk_add_layer(pk, proto_ip);
	if (pk->want_cols)
		pk->col_proto = "IPv4"; /* col_set_proto's store, without its call */
	pk_pir_addr(pk, PIR_IP_SRC, h + 12);
	pk_pir_addr(pk, PIR_IP_DST, h + 16);
	addr_put_ipv4(&pk->net_src, h + 12);
	addr_put_ipv4(&pk->net_dst, h + 16);
	ipv4_state(pk, h, h[9], (uint32_t)(h[4] << 8 | h[5]), tot, 20, 0, 0, 0);
	/* the items last: h need not outlive their calls (no tree: plain_header;
	 * ip_plan is current: plain_header has just read it) */
	uint32_t plan = ip_plan.bits;
	int it =
	    plan & FP_ITEM ? fs_store_u(pk->fs, proto_ip, cur_pos(c), 20, 0, FI_NONE_VALUE) : -1;
	if (plan & FP_FIELDS)
		plain_fields(pk, c->data + c->off, cur_pos(c), it);
	struct cursor pl = cur_sub_past(c, 20, tot - 20);
	/* tunnels in tunnels: stop before the stack or the layer list runs out */
	if (pk->ip_depth > IP_MAX_DEPTH)
		plain_undissected(pk, c, tot, 0);
	else if (dissect_next(pk, DT_IP_PROTO, pk->ip_proto, &pl) == 0)
		plain_undissected(pk, c, tot, 1);
	return (int)tot;
}

/*
** Inside an ICMP error's quoted packet the columns belong to ICMP (tshark
** makes them read-only there): nothing below may touch them.  Out of line:
** its save and restore would give dissect_ipv4 a frame.
*/
static __attribute__((noinline)) int dissect_quoted_ipv4(struct packet *pk, struct cursor *c)
{
	uint8_t cols = pk->want_cols;
	pk->want_cols = 0;
	int r = dissect_ipv4_header(pk, c);
	pk->want_cols = cols;
	return r;
}

/* Each case a tail call. */
static int dissect_ipv4(struct packet *pk, struct cursor *c)
{
	if (pk->in_error)
		return dissect_quoted_ipv4(pk, c);
	const uint8_t *h = plain_header(pk, c);
	return h ? dissect_plain_ipv4(pk, c, h) : dissect_ipv4_header(pk, c);
}

/*
** ip.proto 4 goes through tshark's version switch: a version-6 header inside
** goes straight to IPv6 (no IPv4 items, unlike ethertype 0x0800).
*/
static int dissect_ip_in_ip(struct packet *pk, struct cursor *c)
{
	uint8_t v = cur_peek_u8(c, 0);
	if (!c->err && v >> 4 == 6)
		return dissect_next(pk, DT_ETHERTYPE, 0x86dd, c);
	c->err = CUR_OK;
	return dissect_ipv4(pk, c);
}

static const struct dissector ipv4_dissector = {"ip", dissect_ipv4, 0};
static const struct dissector ip_in_ip_dissector = {"ip", dissect_ip_in_ip, 0};

void register_ipv4(void)
{
	proto_ip = proto_register("Internet Protocol Version 4", "IPv4", "ip");
	hf = field_register(fields, F_COUNT);
	memset(all_wanted, FIELD_WANT_VALUE | FIELD_WANT_LABEL, sizeof all_wanted);
	hf_ip_version = HF(F_VERSION);
	for (int i = 0; i < O_COUNT; i++)
		opt_proto_id[i] =
		    proto_register(opt_protos[i].name, opt_protos[i].name, opt_protos[i].abbrev);
}

void handoff_ipv4(void)
{
	dtable_add(DT_ETHERTYPE, 0x0800, &ipv4_dissector);
	dtable_add(DT_IP_PROTO, 4, &ip_in_ip_dissector);
}
