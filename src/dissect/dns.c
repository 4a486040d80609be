/*
** dns.c -- DNS (RFC 1035) over UDP and TCP, and its multicast cousins MDNS
** (RFC 6762, udp 5353) and LLMNR (RFC 4795, udp 5355), which share the
** message format and tshark's dns.* fields but have their own protocol
** names and columns.
**
** Names are decompressed with a hard cap on pointer jumps and on the length
** of the result: compression pointers can form loops in hostile packets.
*/
#include <stdio.h>
#include <string.h>

#include "app_util.h"
#include "dissect.h"

enum {
	F_LENGTH,
	F_ID,
	F_FLAGS,
	F_F_RESPONSE,
	F_F_OPCODE,
	F_F_AUTH,
	F_F_TRUNC,
	F_F_RD,
	F_F_RA,
	F_F_Z,
	F_F_AD,
	F_F_CD,
	F_F_RCODE,
	F_C_QUERIES,
	F_C_ANSWERS,
	F_C_AUTH,
	F_C_ADD,
	F_QRY_NAME,
	F_QRY_NAME_LEN,
	F_C_LABELS,
	F_QRY_TYPE,
	F_QRY_CLASS,
	F_QRY_QU,
	F_RESP_NAME,
	F_RESP_TYPE,
	F_RESP_CLASS,
	F_RESP_CF,
	F_RESP_TTL,
	F_RESP_LEN,
	F_A,
	F_AAAA,
	F_CNAME,
	F_PTR,
	F_NS,
	F_MX_PREF,
	F_MX_EXCH,
	F_TXT,
	F_TXT_LEN,
	F_SOA_MNAME,
	F_SOA_RNAME,
	F_SRV_PRIO,
	F_SRV_WEIGHT,
	F_SRV_PORT,
	F_SRV_TARGET,
	F_RESPONSE_TO,
	F_TIME,
	F_COUNT
};
static int hf, proto_dns, proto_mdns, proto_llmnr;
#define HF(x) (hf + (x))

static const struct value_string opcode_vals[] = {
    {0, "Standard query"},
    {1, "Inverse query"},
    {2, "Server status request"},
    {4, "Zone change notification"},
    {5, "Dynamic update"},
    {6, "DNS Stateful operations (DSO)"},
    {0, NULL},
};

static const struct value_string rcode_vals[] = {
    {0, "No error"},
    {1, "Format error"},
    {2, "Server failure"},
    {3, "No such name"},
    {4, "Not implemented"},
    {5, "Refused"},
    {6, "Name exists"},
    {7, "RRset exists"},
    {8, "RRset does not exist"},
    {9, "Not authoritative"},
    {10, "Name out of zone"},
    {11, "DSO-Type not implemented"},
    {16, "Bad OPT Version or TSIG Signature Failure"},
    {17, "Key not recognized"},
    {18, "Signature out of time window"},
    {19, "Bad TKEY Mode"},
    {20, "Duplicate key name"},
    {21, "Algorithm not supported"},
    {22, "Bad Truncation"},
    {23, "Bad/missing Server Cookie"},
    {0, NULL},
};

/* The short type names tshark shows in the Info column. */
static const struct value_string type_short[] = {
    {0, "Unused"},    {1, "A"},           {2, "NS"},       {3, "MD"},          {4, "MF"},
    {5, "CNAME"},     {6, "SOA"},         {7, "MB"},       {8, "MG"},          {9, "MR"},
    {10, "NULL"},     {11, "WKS"},        {12, "PTR"},     {13, "HINFO"},      {14, "MINFO"},
    {15, "MX"},       {16, "TXT"},        {17, "RP"},      {18, "AFSDB"},      {19, "X25"},
    {20, "ISDN"},     {21, "RT"},         {22, "NSAP"},    {23, "NSAP-PTR"},   {24, "SIG"},
    {25, "KEY"},      {26, "PX"},         {27, "GPOS"},    {28, "AAAA"},       {29, "LOC"},
    {30, "NXT"},      {31, "EID"},        {32, "NIMLOC"},  {33, "SRV"},        {34, "ATMA"},
    {35, "NAPTR"},    {36, "KX"},         {37, "CERT"},    {38, "A6"},         {39, "DNAME"},
    {40, "SINK"},     {41, "OPT"},        {42, "APL"},     {43, "DS"},         {44, "SSHFP"},
    {45, "IPSECKEY"}, {46, "RRSIG"},      {47, "NSEC"},    {48, "DNSKEY"},     {49, "DHCID"},
    {50, "NSEC3"},    {51, "NSEC3PARAM"}, {52, "TLSA"},    {55, "HIP"},        {57, "RKEY"},
    {58, "TALINK"},   {59, "CDS"},        {60, "CDNSKEY"}, {61, "OPENPGPKEY"}, {62, "CSYNC"},
    {63, "ZONEMD"},   {64, "SVCB"},       {65, "HTTPS"},   {99, "SPF"},        {100, "UINFO"},
    {101, "UID"},     {102, "GID"},       {103, "UNSPEC"}, {104, "NID"},       {105, "L32"},
    {106, "L64"},     {107, "LP"},        {108, "EUI48"},  {109, "EUI64"},     {249, "TKEY"},
    {250, "TSIG"},    {251, "IXFR"},      {252, "AXFR"},   {253, "MAILB"},     {254, "MAILA"},
    {255, "ANY"},     {256, "URI"},       {257, "CAA"},    {32768, "TA"},      {32769, "DLV"},
    {65281, "WINS"},  {65282, "WINS-R"},  {65422, "XPF"},  {0, NULL},
};

/* tree: the flag bits as tshark labels them */
static const struct true_false_string tfs_f_f_response = {"Message is a response",
							  "Message is a query"};
static const struct true_false_string tfs_f_f_auth = {"Server is an authority for domain",
						      "Server is not an authority for domain"};
static const struct true_false_string tfs_f_f_trunc = {"Message is truncated",
						       "Message is not truncated"};
static const struct true_false_string tfs_f_f_rd = {"Do query recursively",
						    "Don't do query recursively"};
static const struct true_false_string tfs_f_f_ra = {"Server can do recursive queries",
						    "Server can't do recursive queries"};
static const struct true_false_string tfs_f_f_ad = {
    "Answer/authority portion was authenticated by the server",
    "Answer/authority portion was not authenticated by the server"};
static const struct true_false_string tfs_f_f_cd = {"Acceptable", "Unacceptable"};

/* tree: record type and class names (the ones seen in tshark's trees) */
static const struct value_string dns_type_vals[] = {
    {1, "A (Host Address)"},
    {2, "NS (authoritative Name Server)"},
    {5, "CNAME (Canonical NAME for an alias)"},
    {12, "PTR (domain name PoinTeR)"},
    {16, "TXT (Text strings)"},
    {28, "AAAA (IPv6 Address)"},
    {33, "SRV (Server Selection)"},
    {41, "OPT"},
    {0, NULL},
};
static const struct value_string dns_class_vals[] = {{1, "IN"}, {0, NULL}};

static const struct field_def fields[F_COUNT] = {
    [F_LENGTH] = {"dns.length", "Length", FT_UINT16, BASE_DEC, NULL, 0,
		  "Length of DNS-over-TCP request or response"},
    [F_ID] = {"dns.id", "Transaction ID", FT_UINT16, BASE_HEX, NULL, 0,
	      "Identification of transaction"},
    [F_FLAGS] = {"dns.flags", "Flags", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_F_RESPONSE] = {"dns.flags.response", "Response", FT_BOOLEAN, 16, &tfs_f_f_response, 0x8000,
		      "Is the message a response?"},
    [F_F_OPCODE] = {"dns.flags.opcode", "Opcode", FT_UINT16, BASE_DEC, opcode_vals, 0x7800,
		    "Operation code"},
    [F_F_AUTH] = {"dns.flags.authoritative", "Authoritative", FT_BOOLEAN, 16, &tfs_f_f_auth, 0x400,
		  "Is the server is an authority for the domain?"},
    [F_F_TRUNC] = {"dns.flags.truncated", "Truncated", FT_BOOLEAN, 16, &tfs_f_f_trunc, 0x200,
		   "Is the message truncated?"},
    [F_F_RD] = {"dns.flags.recdesired", "Recursion desired", FT_BOOLEAN, 16, &tfs_f_f_rd, 0x100,
		"Do query recursively?"},
    [F_F_RA] = {"dns.flags.recavail", "Recursion available", FT_BOOLEAN, 16, &tfs_f_f_ra, 0x80,
		"Can the server do recursive queries?"},
    [F_F_Z] = {"dns.flags.z", "Z", FT_BOOLEAN, 16, NULL, 0x40, "Z flag"},
    [F_F_AD] = {"dns.flags.authenticated", "Answer authenticated", FT_BOOLEAN, 16, &tfs_f_f_ad,
		0x20, "Was the reply data authenticated by the server?"},
    [F_F_CD] = {"dns.flags.checkdisable", "Non-authenticated data", FT_BOOLEAN, 16, &tfs_f_f_cd,
		0x10, "Is non-authenticated data acceptable?"},
    [F_F_RCODE] = {"dns.flags.rcode", "Reply code", FT_UINT16, BASE_DEC, rcode_vals, 0xf, NULL},
    [F_C_QUERIES] = {"dns.count.queries", "Questions", FT_UINT16, BASE_DEC, NULL, 0,
		     "Number of queries in packet"},
    [F_C_ANSWERS] = {"dns.count.answers", "Answer RRs", FT_UINT16, BASE_DEC, NULL, 0,
		     "Number of answers in packet"},
    [F_C_AUTH] = {"dns.count.auth_rr", "Authority RRs", FT_UINT16, BASE_DEC, NULL, 0,
		  "Number of authoritative records in packet"},
    [F_C_ADD] = {"dns.count.add_rr", "Additional RRs", FT_UINT16, BASE_DEC, NULL, 0,
		 "Number of additional records in packet"},
    [F_QRY_NAME] = {"dns.qry.name", "Name", FT_STRING, BASE_NONE, NULL, 0, "Query Name"},
    [F_QRY_NAME_LEN] = {"dns.qry.name.len", "Name Length", FT_UINT16, BASE_DEC, NULL, 0,
			"Query Name Len"},
    [F_C_LABELS] = {"dns.count.labels", "Label Count", FT_UINT16, BASE_DEC, NULL, 0,
		    "Query Label Count"},
    [F_QRY_TYPE] = {"dns.qry.type", "Type", FT_UINT16, BASE_DEC, dns_type_vals, 0, "Query Type"},
    [F_QRY_CLASS] = {"dns.qry.class", "Class", FT_UINT16, BASE_HEX, dns_class_vals, 0,
		     "Query Class"},
    [F_QRY_QU] = {"dns.qry.qu", "\"QU\" question", FT_BOOLEAN, 16, NULL, 0x8000, "QU flag"},
    [F_RESP_NAME] = {"dns.resp.name", "Name", FT_STRING, BASE_NONE, NULL, 0, "Response Name"},
    [F_RESP_TYPE] = {"dns.resp.type", "Type", FT_UINT16, BASE_DEC, dns_type_vals, 0,
		     "Response Type"},
    [F_RESP_CLASS] = {"dns.resp.class", "Class", FT_UINT16, BASE_HEX, dns_class_vals, 0,
		      "Response Class"},
    [F_RESP_CF] = {"dns.resp.cache_flush", "Cache flush", FT_BOOLEAN, 16, NULL, 0x8000,
		   "Cache flush flag"},
    [F_RESP_TTL] = {"dns.resp.ttl", "Time to live", FT_UINT32, BASE_DEC, NULL, 0, "Response TTL"},
    [F_RESP_LEN] = {"dns.resp.len", "Data length", FT_UINT16, BASE_DEC, NULL, 0, "Response Length"},
    [F_A] = {"dns.a", "Address", FT_IPv4, BASE_NONE, NULL, 0, "Response Address"},
    [F_AAAA] = {"dns.aaaa", "AAAA Address", FT_IPv6, BASE_NONE, NULL, 0, "AAAA Response Address"},
    [F_CNAME] = {"dns.cname", "CNAME", FT_STRING, BASE_NONE, NULL, 0, "Response Primary Name"},
    [F_PTR] = {"dns.ptr.domain_name", "Domain Name", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_NS] = {"dns.ns", "Name Server", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_MX_PREF] = {"dns.mx.preference", "Preference", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_MX_EXCH] = {"dns.mx.mail_exchange", "Mail Exchange", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_TXT] = {"dns.txt", "TXT", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_TXT_LEN] = {"dns.txt.length", "TXT Length", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_SOA_MNAME] = {"dns.soa.mname", "Primary name server", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_SOA_RNAME] = {"dns.soa.rname", "Responsible authority's mailbox", FT_STRING, BASE_NONE, NULL,
		     0, NULL},
    [F_SRV_PRIO] = {"dns.srv.priority", "Priority", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_SRV_WEIGHT] = {"dns.srv.weight", "Weight", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_SRV_PORT] = {"dns.srv.port", "Port", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_SRV_TARGET] = {"dns.srv.target", "Target", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_RESPONSE_TO] = {"dns.response_to", "Request In", FT_FRAMENUM, FT_FRAMENUM_REQUEST, NULL, 0,
		       "This is a response to the DNS query in this frame"},
    [F_TIME] = {"dns.time", "Time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0,
		"The time between the Query and the Response"},
};

/*
** Queries waiting for their response, per conversation: tshark matches a
** response to the earlier unanswered query with the same transaction id
** and shows that frame and the elapsed time (in one pass it cannot yet show
** the response frame on the query).
*/
#define DNS_PENDING 16

struct dns_conv {
	struct {
		uint32_t frame;
		uint16_t id;
		uint8_t used;
		int64_t sec;
		int32_t nsec;
	} q[DNS_PENDING];
	uint32_t next;
};

static void track_transaction(struct packet *pk, int proto, uint16_t id, int resp, uint32_t pos)
{
	int dir;
	struct dns_conv *cv = app_conv(pk, proto, sizeof(struct dns_conv), 1, &dir);
	if (!resp) {
		/* a repeated query is a retransmission: the first one stays the request */
		for (uint32_t i = 0; i < DNS_PENDING; i++)
			if (cv->q[i].used && cv->q[i].id == id)
				return;
		uint32_t k = cv->next++ % DNS_PENDING;
		cv->q[k].frame = pk->num;
		cv->q[k].id = id;
		cv->q[k].used = 1;
		cv->q[k].sec = pk->sec;
		cv->q[k].nsec = pk->nsec;
		return;
	}
	for (uint32_t i = 0; i < DNS_PENDING; i++) {
		uint32_t k = (cv->next + DNS_PENDING - 1 - i) % DNS_PENDING;
		if (!cv->q[k].used || cv->q[k].id != id || cv->q[k].frame >= pk->num)
			continue;
		cv->q[k].used = 0;
		int64_t ds = pk->sec - cv->q[k].sec;
		int32_t dn = pk->nsec - cv->q[k].nsec;
		if (dn < 0) {
			dn += 1000000000;
			ds--;
		}
		fs_add_uint(pk->fs, HF(F_RESPONSE_TO), pos, 0, cv->q[k].frame);
		fs_add_time(pk->fs, HF(F_TIME), pos, 0, ds, dn);
		return;
	}
}

#define NAME_MAX_OUT   1024 /* formatted name, escapes included */
#define NAME_MAX_JUMPS 64

enum dns_kind { K_DNS, K_MDNS, K_LLMNR };

struct dns_name {
	char s[NAME_MAX_OUT];
	size_t len;
	uint32_t labels;
	uint32_t wire; /* bytes the name occupies where it starts */
	int bad;       /* ran off the message or looped */
};

/*
** Read the name at msg offset off.  Pointers only go to earlier data in a
** sane message; we allow any target but cap the jumps, so a loop ends.
*/
static void get_name(const struct cursor *msg, uint32_t off, struct dns_name *n)
{
	struct cursor m = *msg;
	m.off = 0;
	m.err = CUR_OK;
	n->len = 0;
	n->labels = 0;
	n->wire = 0;
	n->bad = 0;
	n->s[0] = 0;
	int jumps = 0;
	uint32_t pos = off;
	for (;;) {
		uint8_t l = cur_peek_u8(&m, pos);
		if (m.err) {
			n->bad = 1;
			if (!jumps)
				n->wire = pos - off;
			break;
		}
		if ((l & 0xc0) == 0xc0) {
			uint8_t l2 = cur_peek_u8(&m, pos + 1);
			if (m.err) {
				n->bad = 1;
				break;
			}
			if (!jumps)
				n->wire = pos + 2 - off;
			if (++jumps > NAME_MAX_JUMPS) {
				/* tshark names a looping name instead of giving up on the packet */
				static const char loop[] = "<Name contains a pointer that loops>";
				memcpy(n->s, loop, sizeof loop);
				n->len = sizeof loop - 1;
				n->labels = 1;
				return;
			}
			pos = (uint32_t)(l & 0x3f) << 8 | l2;
			continue;
		}
		if (l & 0xc0) { /* extended label types: not decodable */
			n->bad = 1;
			if (!jumps)
				n->wire = pos + 1 - off;
			break;
		}
		if (l == 0) {
			if (!jumps)
				n->wire = pos + 1 - off;
			break;
		}
		const uint8_t *p = cur_peek_ptr(&m, pos + 1, l);
		if (!p) {
			n->bad = 1;
			if (!jumps)
				n->wire = pos - off;
			break;
		}
		if (n->len && n->len + 1 < NAME_MAX_OUT)
			n->s[n->len++] = '.';
		n->len += app_fmt_text(n->s + n->len, NAME_MAX_OUT - n->len, p, l);
		n->labels++;
		pos += 1u + l;
		if (n->len + 8 >= NAME_MAX_OUT) {
			n->bad = 1;
			break;
		}
	}
	if (n->labels == 0 && !n->bad) {
		memcpy(n->s, "<Root>", 7);
		n->len = 6;
	}
	n->s[n->len] = 0;
}

static const char *type_name(char *buf, size_t cap, uint16_t t)
{
	const char *s = vals_lookup(type_short, t);
	if (s)
		return s;
	snprintf(buf, cap, "Unknown (%u)", t);
	return buf;
}

static void add_str(struct packet *pk, int id, uint32_t pos, uint32_t len, const struct dns_name *n)
{
	if (!fs_wants(pk->fs, id))
		return;
	char *s = arena_strndup(pk->arena, n->s, n->len);
	fs_add_bytes(pk->fs, id, pos, len, (const uint8_t *)s, (uint32_t)n->len);
}

/* One resource record at m->off; advances m.  Returns 0 when it ran short. */
static int dissect_rr(struct packet *pk, struct cursor *m, const struct cursor *msg,
		      enum dns_kind k)
{
	struct fieldset *fs = pk->fs;
	struct dns_name *n = arena_alloc(pk->arena, sizeof *n);
	uint32_t at = m->off, base = cur_pos(msg) - msg->off;
	get_name(msg, at, n);
	if (n->bad && n->wire == 0)
		return 0;
	if (!cur_skip(m, n->wire))
		return 0;
	uint16_t type = cur_be16(m), cls = cur_be16(m);
	uint32_t ttl = cur_be32(m);
	uint16_t rdlen = cur_be16(m);
	if (m->err)
		return 0;
	uint32_t rd = m->off;
	add_str(pk, HF(F_RESP_NAME), base + at, n->wire, n);
	fs_add_uint(fs, HF(F_RESP_TYPE), base + at + n->wire, 2, type);
	if (type == 41) {
		/* OPT: class and TTL hold the payload size and extended flags */
	} else if (k == K_MDNS) {
		fs_add_uint(fs, HF(F_RESP_CLASS), base + at + n->wire + 2, 2, cls & 0x7fff);
		fs_add_uint(fs, HF(F_RESP_CF), base + at + n->wire + 2, 2, cls >> 15);
	} else {
		fs_add_uint(fs, HF(F_RESP_CLASS), base + at + n->wire + 2, 2, cls);
	}
	if (type != 41)
		fs_add_uint(fs, HF(F_RESP_TTL), base + at + n->wire + 4, 4, ttl);
	fs_add_uint(fs, HF(F_RESP_LEN), base + at + n->wire + 8, 2, rdlen);
	char tb[32];
	col_append_info(pk, " %s", type_name(tb, sizeof tb, type));
	if (k == K_MDNS && (cls & 0x8000))
		col_append_info(pk, ", cache flush");
	struct cursor r = cur_sub(m, rdlen);
	if (m->err)
		return 0;
	uint32_t rpos = base + rd;
	switch (type) {
	case 1: { /* A */
		const uint8_t *a = cur_peek_ptr(&r, 0, 4);
		if (!a || rdlen != 4)
			break;
		fs_add_bytes(fs, HF(F_A), rpos, 4, a, 4);
		col_append_info(pk, " %u.%u.%u.%u", a[0], a[1], a[2], a[3]);
		break;
	}
	case 28: { /* AAAA */
		const uint8_t *a = cur_peek_ptr(&r, 0, 16);
		if (!a || rdlen != 16)
			break;
		fs_add_ipv6(fs, HF(F_AAAA), rpos, a);
		if (pk->want_cols) {
			struct address ad;
			char buf[64];
			addr_set(&ad, AT_IPv6, a);
			col_append_info(pk, " %s", addr_to_str(&ad, buf, sizeof buf));
		}
		break;
	}
	case 2:
	case 5:
	case 12:
	case 47: { /* NS, CNAME, PTR, NSEC: a name first */
		get_name(msg, rd, n);
		if (n->bad && n->wire == 0)
			break;
		int id = type == 2 ? F_NS : type == 5 ? F_CNAME : type == 12 ? F_PTR : -1;
		if (id >= 0)
			add_str(pk, HF(id), rpos, n->wire, n);
		col_append_info(pk, " %s", n->s);
		if (type == 47) {
			/* the type bit maps: tshark lists each type as a dns.resp.type */
			uint32_t o = n->wire;
			while (o + 2 <= rdlen) {
				uint8_t win = cur_peek_u8(&r, o), bl = cur_peek_u8(&r, o + 1);
				const uint8_t *bm = cur_peek_ptr(&r, o + 2, bl);
				if (!bm || bl > 32)
					break;
				for (uint32_t b = 0; b < (uint32_t)bl * 8; b++)
					if (bm[b / 8] & (0x80 >> (b % 8)))
						fs_add_uint(fs, HF(F_RESP_TYPE),
							    rpos + o + 2 + b / 8, 1,
							    (uint32_t)win << 8 | b);
				o += 2u + bl;
			}
		}
		break;
	}
	case 15: { /* MX */
		uint16_t pref = cur_peek_be16(&r, 0);
		if (r.err)
			break;
		get_name(msg, rd + 2, n);
		fs_add_uint(fs, HF(F_MX_PREF), rpos, 2, pref);
		add_str(pk, HF(F_MX_EXCH), rpos + 2, n->wire, n);
		col_append_info(pk, " %u %s", pref, n->s);
		break;
	}
	case 6: { /* SOA */
		get_name(msg, rd, n);
		if (n->bad && n->wire == 0)
			break;
		add_str(pk, HF(F_SOA_MNAME), rpos, n->wire, n);
		col_append_info(pk, " %s", n->s);
		uint32_t w = n->wire;
		get_name(msg, rd + w, n);
		add_str(pk, HF(F_SOA_RNAME), rpos + w, n->wire, n);
		break;
	}
	case 33: { /* SRV */
		uint16_t pr = cur_peek_be16(&r, 0), we = cur_peek_be16(&r, 2),
			 po = cur_peek_be16(&r, 4);
		if (r.err)
			break;
		get_name(msg, rd + 6, n);
		fs_add_uint(fs, HF(F_SRV_PRIO), rpos, 2, pr);
		fs_add_uint(fs, HF(F_SRV_WEIGHT), rpos + 2, 2, we);
		fs_add_uint(fs, HF(F_SRV_PORT), rpos + 4, 2, po);
		add_str(pk, HF(F_SRV_TARGET), rpos + 6, n->wire, n);
		col_append_info(pk, " %u %u %u %s", pr, we, po, n->s);
		break;
	}
	case 10: /* NULL: tshark shows the owner name */
		col_append_info(pk, " %s", n->s);
		break;
	case 16: { /* TXT: character-strings, no Info text */
		uint32_t o = 0;
		while (o < rdlen) {
			uint8_t l = cur_peek_u8(&r, o);
			const uint8_t *p = cur_peek_ptr(&r, o + 1, l);
			if (!p)
				break;
			fs_add_uint(fs, HF(F_TXT_LEN), rpos + o, 1, l);
			if (fs_wants(fs, HF(F_TXT))) {
				char *s = arena_alloc(pk->arena, (size_t)l * 4 + 4);
				size_t sl = app_fmt_text(s, (size_t)l * 4 + 4, p, l);
				fs_add_bytes(fs, HF(F_TXT), rpos + o + 1, l, (const uint8_t *)s,
					     (uint32_t)sl);
			}
			o += 1u + l;
		}
		break;
	}
	default:
		break;
	}
	return 1;
}

/*
** One DNS message in c (its whole extent).  Returns the bytes used, or -1
** after reporting a malformed message.
*/
static int dissect_message(struct packet *pk, struct cursor *c, enum dns_kind k, int proto)
{
	struct fieldset *fs = pk->fs;
	struct cursor msg = cur_rest(c);
	uint32_t start = cur_pos(&msg);
	uint16_t id = cur_peek_be16(&msg, 0), flags = cur_peek_be16(&msg, 2);
	uint16_t qd = cur_peek_be16(&msg, 4), an = cur_peek_be16(&msg, 6);
	uint16_t ns = cur_peek_be16(&msg, 8), ar = cur_peek_be16(&msg, 10);
	if (msg.err)
		return dissect_report_error(pk, &msg, proto);
	int resp = flags >> 15, opcode = (flags >> 11) & 0xf, rcode = flags & 0xf;
	if (pk->want_cols) {
		const char *op = vals_lookup(opcode_vals, (uint32_t)opcode);
		char ob[40];
		if (!op) {
			snprintf(ob, sizeof ob, "Unknown operation (%d)", opcode);
			op = ob;
		}
		col_clear_info(pk);
		col_append_info(pk, "%s%s 0x%04x", op, resp ? " response" : "", id);
		if (resp && rcode) {
			const char *rc = vals_lookup(rcode_vals, (uint32_t)rcode);
			if (rc)
				col_append_info(pk, " %s", rc);
			else
				col_append_info(pk, " Unknown error (%d)", rcode);
		}
	}
	fs_add_uint(fs, HF(F_ID), start, 2, id);
	int fli = fs_add_uint(fs, HF(F_FLAGS), start + 2, 2, flags);
	if (fli >= 0 &&
	    fs->want_all) { /* tree: "Flags: 0x8180 Standard query response, No error" */
		const char *opn = vals_lookup(opcode_vals, (uint32_t)opcode);
		const char *rcn = vals_lookup(rcode_vals, (uint32_t)rcode);
		if (resp)
			fs->items[fli].text =
			    arena_printf(pk->arena, "Flags: 0x%04x %s response, %s", flags,
					 opn ? opn : "Unknown", rcn ? rcn : "Unknown");
		else
			fs->items[fli].text = arena_printf(pk->arena, "Flags: 0x%04x %s", flags,
							   opn ? opn : "Unknown");
		int pi = fs->cur_parent;
		if (k == K_DNS && pi >= 0 && fs->items[pi].id == proto && !fs->items[pi].text)
			fs->items[pi].text =
			    resp ? "Domain Name System (response)" : "Domain Name System (query)";
	}
	int flprev = fs_push(fs, fli);
	fs_add_uint(fs, HF(F_F_RESPONSE), start + 2, 2, (uint32_t)resp);
	fs_add_uint(fs, HF(F_F_OPCODE), start + 2, 2, (uint32_t)opcode);
	if (resp)
		fs_add_uint(fs, HF(F_F_AUTH), start + 2, 2, (flags >> 10) & 1);
	fs_add_uint(fs, HF(F_F_TRUNC), start + 2, 2, (flags >> 9) & 1);
	fs_add_uint(fs, HF(F_F_RD), start + 2, 2, (flags >> 8) & 1);
	if (resp)
		fs_add_uint(fs, HF(F_F_RA), start + 2, 2, (flags >> 7) & 1);
	fs_add_uint(fs, HF(F_F_Z), start + 2, 2, (flags >> 6) & 1);
	if (resp)
		fs_add_uint(fs, HF(F_F_AD), start + 2, 2, (flags >> 5) & 1);
	fs_add_uint(fs, HF(F_F_CD), start + 2, 2, (flags >> 4) & 1);
	if (resp)
		fs_add_uint(fs, HF(F_F_RCODE), start + 2, 2, (uint32_t)rcode);
	fs_pop(fs, flprev);
	fs_add_uint(fs, HF(F_C_QUERIES), start + 4, 2, qd);
	fs_add_uint(fs, HF(F_C_ANSWERS), start + 6, 2, an);
	fs_add_uint(fs, HF(F_C_AUTH), start + 8, 2, ns);
	fs_add_uint(fs, HF(F_C_ADD), start + 10, 2, ar);
	if (fs_wants(fs, HF(F_RESPONSE_TO)) || fs_wants(fs, HF(F_TIME)) || !resp)
		track_transaction(pk, proto, id, resp, start);
	struct cursor m = msg;
	m.off = 12;
	struct dns_name *n = arena_alloc(pk->arena, sizeof *n);
	char tb[32];
	for (uint32_t i = 0; i < qd; i++) {
		uint32_t at = m.off;
		get_name(&msg, at, n);
		if ((n->bad && n->wire == 0) || !cur_skip(&m, n->wire)) {
			m.err = m.err ? m.err : CUR_MALFORMED;
			goto bad;
		}
		uint16_t type = cur_be16(&m), cls = cur_be16(&m);
		if (m.err)
			goto bad;
		add_str(pk, HF(F_QRY_NAME), start + at, n->wire, n);
		fs_add_uint(fs, HF(F_QRY_NAME_LEN), start + at, n->wire, n->labels ? n->len : 6);
		fs_add_uint(fs, HF(F_C_LABELS), start + at, n->wire, n->labels);
		fs_add_uint(fs, HF(F_QRY_TYPE), start + at + n->wire, 2, type);
		if (k == K_MDNS) {
			fs_add_uint(fs, HF(F_QRY_CLASS), start + at + n->wire + 2, 2, cls & 0x7fff);
			fs_add_uint(fs, HF(F_QRY_QU), start + at + n->wire + 2, 2, cls >> 15);
		} else {
			fs_add_uint(fs, HF(F_QRY_CLASS), start + at + n->wire + 2, 2, cls);
		}
		col_append_info(pk, " %s %s", type_name(tb, sizeof tb, type), n->s);
		if (k == K_MDNS)
			col_append_info(pk, ", \"Q%c\" question", cls & 0x8000 ? 'U' : 'M');
	}
	for (uint32_t i = 0; i < (uint32_t)an + ns + ar; i++)
		if (!dissect_rr(pk, &m, &msg, k)) {
			m.err = m.err ? m.err : CUR_MALFORMED;
			goto bad;
		}
	return (int)cur_remaining(&msg) + (int)msg.off;
bad:
	return dissect_report_error(pk, &m, proto);
}

static int start_layer(struct packet *pk, struct cursor *c, int proto, const char *col)
{
	pk_add_layer(pk, proto);
	col_set_proto(pk, col);
	return fs_add_none(pk->fs, proto, cur_pos(c), cur_remaining(c));
}

static int dissect_dns_udp_kind(struct packet *pk, struct cursor *c, enum dns_kind k)
{
	int proto = k == K_MDNS ? proto_mdns : k == K_LLMNR ? proto_llmnr : proto_dns;
	const char *col = k == K_MDNS ? "MDNS" : k == K_LLMNR ? "LLMNR" : "DNS";
	int it = start_layer(pk, c, proto, col);
	int prev = fs_push(pk->fs, it);
	int r = dissect_message(pk, c, k, proto);
	fs_pop(pk->fs, prev);
	return r < 0 ? r : r == 0 ? 1 : r;
}

static int dissect_dns_udp(struct packet *pk, struct cursor *c)
{
	return dissect_dns_udp_kind(pk, c, K_DNS);
}

static int dissect_mdns(struct packet *pk, struct cursor *c)
{
	return dissect_dns_udp_kind(pk, c, K_MDNS);
}

static int dissect_llmnr(struct packet *pk, struct cursor *c)
{
	return dissect_dns_udp_kind(pk, c, K_LLMNR);
}

/* DNS over TCP: messages with a 2-byte length prefix, possibly several. */
static int dissect_dns_tcp(struct packet *pk, struct cursor *c)
{
	uint32_t total = cur_remaining(c), used = 0;
	while (used < total) {
		struct cursor t = *c;
		uint32_t have = total - used;
		uint16_t plen = have >= 2 ? cur_peek_be16(&t, 0) : 0;
		if (have < 2u + plen && pk->can_desegment) {
			/* the rest comes in later segments; TCP reassembles from here */
			pk->desegment_offset = used;
			pk->desegment_len =
			    have < 2 ? DESEGMENT_ONE_MORE_SEGMENT : 2u + plen - have;
			return (int)total;
		}
		int it = start_layer(pk, c, proto_dns, "DNS");
		int prev = fs_push(pk->fs, it);
		fs_add_uint(pk->fs, HF(F_LENGTH), cur_pos(c), 2, plen);
		if (!cur_skip(c, 2)) {
			fs_pop(pk->fs, prev);
			return dissect_report_error(pk, c, proto_dns);
		}
		struct cursor msg = cur_sub(c, plen);
		int r = dissect_message(pk, &msg, K_DNS, proto_dns);
		fs_pop(pk->fs, prev);
		if (r < 0)
			return r;
		if (c->err)
			return dissect_report_error(pk, c, proto_dns);
		used += 2u + plen;
		col_set_fence(pk);
	}
	return (int)total;
}

/*
** tshark's udp heuristic for DNS on other ports: a standard query or
** response header with plausible counts and room for them.
*/
static int dissect_dns_heur(struct packet *pk, struct cursor *c)
{
	struct cursor t = *c;
	uint32_t n = cur_remaining(&t);
	uint16_t flags = cur_peek_be16(&t, 2), qd = cur_peek_be16(&t, 4), an = cur_peek_be16(&t, 6);
	uint16_t ns = cur_peek_be16(&t, 8), ar = cur_peek_be16(&t, 10);
	if (t.err || n <= 12 || (flags & 0x7800) != 0)
		return 0;
	if (flags & 0x8000) {
		if (qd > 1)
			return 0;
	} else if (qd != 1 || an != 0 || ns != 0) {
		return 0;
	}
	if (qd + an == 0 || an > 200 || ns > 200 || ar > 200)
		return 0;
	if ((uint32_t)qd * 5 + ((uint32_t)an + ns + ar) * 11 > n - 12)
		return 0;
	return dissect_dns_udp_kind(pk, c, K_DNS);
}

static const struct dissector dns_udp = {"dns", dissect_dns_udp, 0};
static const struct dissector dns_heur = {"dns", dissect_dns_heur, 0};
static const struct dissector dns_tcp = {"dns", dissect_dns_tcp, 0};
static const struct dissector mdns_udp = {"mdns", dissect_mdns, 0};
static const struct dissector llmnr_udp = {"llmnr", dissect_llmnr, 0};

void register_dns(void)
{
	proto_dns = proto_register("Domain Name System", "DNS", "dns");
	hf = field_register(fields, F_COUNT);
	proto_mdns = proto_register("Multicast Domain Name System", "mDNS", "mdns");
	proto_llmnr = proto_register("Link-local Multicast Name Resolution", "LLMNR", "llmnr");
}

void handoff_dns(void)
{
	dtable_add(DT_UDP_PORT, 53, &dns_udp);
	dtable_add(DT_TCP_PORT, 53, &dns_tcp);
	dtable_add(DT_TCP_PORT, 5353, &dns_tcp);
	dtable_add(DT_UDP_PORT, 5353, &mdns_udp);
	dtable_add(DT_UDP_PORT, 5355, &llmnr_udp);
	heur_add(HT_UDP, &dns_heur);
}
