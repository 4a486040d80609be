/*
** aerospike.c -- the Aerospike wire protocols: the client protocol on TCP
** 3000 (an 8-byte header: version, type, 48-bit size; type 1 = info text,
** type 3 = a message: header(s), fields, operations, batch index), and the
** cluster heartbeat on TCP 3002 (mesh) and UDP 9918 (multicast).
**
** Users compare us with the community Lua plugin, so the field names are the
** plugin's (message.*, info1.*, operations.*, batch.*, heartbeat*.*,
** header*.*), not "aerospike.*", and one name can label two things
** (message.type is the header's type and each field's type): such items
** carry their label in fitem.text.  Each sub-tree is its own protocol item
** (aerospikemessage, aerospikeinfo1, ...) as in the plugin.
**
** Messages larger than a segment are collected by TCP (desegment_*).
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dissect.h"

enum {
	/* message */
	F_M_VERSION,
	F_M_TYPE,
	F_M_SIZE,
	F_M_HEADER_SZ,
	F_M_UNUSED,
	F_M_RESULT_CODE,
	F_M_GENERATION,
	F_M_RECORD_TTL,
	F_M_TRANSACTION_TTL,
	F_M_N_FIELDS,
	F_M_N_OPS,
	F_M_DATA_STR,
	F_M_DATA_INT,
	F_M_BYTES,
	F_M_DATA_DOUBLE,
	/* info bits */
	F_I1_LEVEL_B1,
	F_I1_LEVEL_B0,
	F_I1_GET_NO_BINS,
	F_I1_XDR,
	F_I1_BATCH,
	F_I1_UNUSED,
	F_I1_GET_ALL,
	F_I1_READ,
	F_I2_RESPOND_ALL_OPS,
	F_I2_UNUSED,
	F_I2_CREATE_ONLY,
	F_I2_DURABLE_DELETE,
	F_I2_GENERATION_GT,
	F_I2_GENERATION,
	F_I2_DELETE,
	F_I2_WRITE,
	F_I3_UNUSED1,
	F_I3_REPLACE_ONLY,
	F_I3_CREATE_OR_REPLACE,
	F_I3_UPDATE_ONLY,
	F_I3_LEVEL_B1,
	F_I3_LEVEL_B0,
	F_I3_LAST,
	/* operations */
	F_O_SIZE,
	F_O_OP,
	F_O_BIN_DATA_TYPE,
	F_O_BIN_VERSION,
	F_O_BIN_NAME_LENGTH,
	F_O_BIN_NAME,
	F_O_DATA_STR,
	F_O_DATA_INT,
	F_O_BYTES,
	F_O_DATA_DOUBLE,
	/* batch index */
	F_B_SIZE,
	F_B_INLINE,
	F_B_INDEX,
	F_B_DIGEST,
	F_B_FULL_HEADER,
	F_B_READ_ATTR,
	F_B_FIELD_COUNT,
	F_B_NUMBER_OF_BINS,
	F_B_NAMESPACE_LENGTH,
	F_B_VALUE,
	F_B_BINS_COUNT,
	/* info */
	F_H_ATTRIBUTE,
	F_HV_ATTRIBUTE,
	F_HV_VALUE,
	/* heartbeat */
	F_HB_SIZE,
	F_HB_TYPE,
	F_HBM_ID,
	F_HBM_TYPE,
	F_HBM_SIZE,
	F_HBM_BYTES,
	F_COUNT
};
static int hf;
#define HF(x) (hf + (x))

enum {
	P_INFO,
	P_MESSAGE,
	P_HEADER,
	P_INFO1,
	P_INFO2,
	P_INFO3,
	P_FIELDS,
	P_BATCH,
	P_BATCH_ITEM,
	P_OPERATIONS,
	P_HEARTBEAT,
	P_LAYER, /* the port's protocol, seen only in frame.protocols */
	P_COUNT
};
static int proto[P_COUNT];

static const struct value_string msg_type_vals[] = {
    {1, "Info"}, {2, "Security"}, {3, "Message"}, {4, "Compressed Message"}, {0, NULL},
};

static const struct value_string field_type_vals[] = {
    {0, "AS_MSG_FIELD_TYPE_NAMESPACE"},
    {1, "AS_MSG_FIELD_TYPE_SET"},
    {2, "AS_MSG_FIELD_TYPE_KEY"},
    {3, "AS_MSG_FIELD_TYPE_BIN"},
    {4, "AS_MSG_FIELD_TYPE_DIGEST_RIPE"},
    {5, "AS_MSG_FIELD_TYPE_GU_TID"},
    {6, "AS_MSG_FIELD_TYPE_DIGEST_RIPE_ARRAY"},
    {7, "AS_MSG_FIELD_TYPE_TRID"},
    {8, "AS_MSG_FIELD_TYPE_SCAN_OPTIONS"},
    {9, "AS_MSG_FIELD_TYPE_SOCKET_TIMEOUT"},
    {21, "AS_MSG_FIELD_TYPE_INDEX_NAME"},
    {22, "AS_MSG_FIELD_TYPE_INDEX_RANGE"},
    {26, "AS_MSG_FIELD_TYPE_INDEX_TYPE"},
    {30, "AS_MSG_FIELD_TYPE_UDF_FILENAME"},
    {31, "AS_MSG_FIELD_TYPE_UDF_FUNCTION"},
    {32, "AS_MSG_FIELD_TYPE_UDF_ARGLIST"},
    {33, "AS_MSG_FIELD_TYPE_UDF_OP"},
    {40, "AS_MSG_FIELD_TYPE_QUERY_BINLIST"},
    {41, "AS_MSG_FIELD_TYPE_BATCH"},
    {42, "AS_MSG_FIELD_TYPE_BATCH_WITH_SET"},
    {43, "AS_MSG_FIELD_TYPE_PREDEXP"},
    {0, NULL},
};

static const struct value_string op_vals[] = {
    {1, "AS_MSG_OP_READ"},
    {2, "AS_MSG_OP_WRITE"},
    {3, "AS_MSG_OP_CDT_READ"},
    {4, "AS_MSG_OP_CDT_MODIFY"},
    {5, "AS_MSG_OP_INCR"},
    {6, "Unused"},
    {7, "Unused"},
    {8, "Unused"},
    {9, "AS_MSG_OP_APPEND"},
    {10, "AS_MSG_OP_PREPEND"},
    {11, "AS_MSG_OP_TOUCH"},
    {129, "AS_MSG_OP_MC_INCR"},
    {130, "AS_MSG_OP_MC_APPEND"},
    {131, "AS_MSG_OP_MC_PREPEND"},
    {132, "AS_MSG_OP_MC_TOUCH"},
    {0, NULL},
};

static const struct value_string particle_vals[] = {
    {0, "AS_PARTICLE_TYPE_NULL"},         {1, "AS_PARTICLE_TYPE_INTEGER"},
    {2, "AS_PARTICLE_TYPE_FLOAT"},        {3, "AS_PARTICLE_TYPE_STRING"},
    {4, "AS_PARTICLE_TYPE_BLOB"},         {5, "AS_PARTICLE_TYPE_TIMESTAMP"},
    {6, "AS_PARTICLE_TYPE_UNUSED_6"},     {7, "AS_PARTICLE_TYPE_JAVA_BLOB"},
    {8, "AS_PARTICLE_TYPE_CSHARP_BLOB"},  {9, "AS_PARTICLE_TYPE_PYTHON_BLOB"},
    {10, "AS_PARTICLE_TYPE_RUBY_BLOB"},   {11, "AS_PARTICLE_TYPE_PHP_BLOB"},
    {12, "AS_PARTICLE_TYPE_ERLANG_BLOB"}, {19, "AS_PARTICLE_TYPE_MAP"},
    {20, "AS_PARTICLE_TYPE_LIST"},        {23, "AS_PARTICLE_TYPE_GEOJSON"},
    {24, "AS_PARTICLE_TYPE_MAX"},         {0, NULL},
};

static const struct value_string hb_type_vals[] = {
    {0, "M_TYPE_FABRIC"},     {1, "M_TYPE_HEARTBEAT_V2"},
    {2, "M_TYPE_PAXOS"},      {3, "M_TYPE_MIGRATE"},
    {4, "M_TYPE_PROXY"},      {5, "M_TYPE_HEARTBEAT"},
    {6, "M_TYPE_CLUSTERING"}, {7, "M_TYPE_RW"},
    {8, "M_TYPE_INFO"},       {9, "M_TYPE_EXCHANGE"},
    {10, "M_TYPE_UNUSED_10"}, {11, "M_TYPE_XDR"},
    {12, "M_TYPE_UNUSED_12"}, {13, "M_TYPE_UNUSED_13"},
    {14, "M_TYPE_UNUSED_14"}, {15, "M_TYPE_SMD"},
    {16, "M_TYPE_UNUSED_16"}, {17, "M_TYPE_UNUSED_17"},
    {18, "M_TYPE_MAX"},       {0, NULL},
};

static const struct value_string hb_id_vals[] = {
    {0, "AS_HB_MSG_ID"},
    {1, "AS_HB_MSG_TYPE"},
    {2, "AS_HB_MSG_NODE"},
    {3, "AS_HB_MSG_CLUSTER_NAME"},
    {4, "AS_HB_MSG_HLC_TIMESTAMP"},
    {5, "AS_HB_MSG_ENDPOINTS"},
    {6, "AS_HB_MSG_COMPRESSED_PAYLOAD"},
    {7, "AS_HB_MSG_INFO_REQUEST"},
    {8, "AS_HB_MSG_INFO_REPLY"},
    {9, "AS_HB_MSG_FABRIC_DATA"},
    {10, "AS_HB_MSG_HB_DATA"},
    {11, "AS_HB_MSG_PAXOS_DATA"},
    {12, "AS_HB_MSG_SKEW_MONITOR_DATA"},
    {0, NULL},
};

#define BIT(a, n, m)                                                                               \
	{                                                                                          \
		a, n, FT_UINT8, BASE_DEC, NULL, m, NULL                                            \
	}
static const struct field_def fields[F_COUNT] = {
    [F_M_VERSION] = {"message.version", "Version", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_M_TYPE] = {"message.type", "Type", FT_UINT8, BASE_DEC, msg_type_vals, 0, NULL},
    [F_M_SIZE] = {"message.size", "Size", FT_UINT64, BASE_DEC, NULL, 0, NULL},
    [F_M_HEADER_SZ] = {"message.header_sz", "Header Size", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_M_UNUSED] = {"message.unused", "Unused", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_M_RESULT_CODE] = {"message.result_code", "Result code", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_M_GENERATION] = {"message.generation", "Generation", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_M_RECORD_TTL] = {"message.record_ttl", "Record TTL", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_M_TRANSACTION_TTL] = {"message.transaction_ttl", "Transaction TTL", FT_UINT32, BASE_DEC,
			     NULL, 0, NULL},
    [F_M_N_FIELDS] = {"message.n_fields", "Number of fields", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_M_N_OPS] = {"message.n_ops", "Number of operations", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_M_DATA_STR] = {"message.data_str", "Data string", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_M_DATA_INT] = {"message.data_int", "Data integer", FT_UINT64, BASE_DEC, NULL, 0, NULL},
    [F_M_BYTES] = {"message.bytes", "Data bytes", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_M_DATA_DOUBLE] = {"message.data_double", "Data float", FT_DOUBLE, BASE_NONE, NULL, 0, NULL},
    [F_I1_LEVEL_B1] = BIT("info1.level_b1", "AS_MSG_INFO1_CONSISTENCY_LEVEL_B1", 0x80),
    [F_I1_LEVEL_B0] = BIT("info1.level_b0", "AS_MSG_INFO1_CONSISTENCY_LEVEL_B0", 0x40),
    [F_I1_GET_NO_BINS] = BIT("info1.get_no_bins", "AS_MSG_INFO1_GET_NO_BINS", 0x20),
    [F_I1_XDR] = BIT("info1.xdr", "AS_MSG_INFO1_XDR", 0x10),
    [F_I1_BATCH] = BIT("info1.batch", "AS_MSG_INFO1_BATCH", 0x08),
    [F_I1_UNUSED] = BIT("info1.unused", "Unused", 0x04),
    [F_I1_GET_ALL] = BIT("info1.get_al", "AS_MSG_INFO1_GET_ALL", 0x02),
    [F_I1_READ] = BIT("info1.read", "AS_MSG_INFO1_READ", 0x01),
    [F_I2_RESPOND_ALL_OPS] = BIT("info2.respond_all_ops", "AS_MSG_INFO2_RESPOND_ALL_OPS", 0x80),
    [F_I2_UNUSED] = BIT("info2.unused", "Unused", 0x40),
    [F_I2_CREATE_ONLY] = BIT("info2.create_only", "AS_MSG_INFO2_CREATE_ONLY", 0x20),
    [F_I2_DURABLE_DELETE] = BIT("info2.durable_delete", "AS_MSG_INFO2_DURABLE_DELETE", 0x10),
    [F_I2_GENERATION_GT] = BIT("info2.generation_dt", "AS_MSG_INFO2_GENERATION_GT", 0x08),
    [F_I2_GENERATION] = BIT("info2.generation", "AS_MSG_INFO2_GENERATION", 0x04),
    [F_I2_DELETE] = BIT("info2.delete", "AS_MSG_INFO2_DELETE", 0x02),
    [F_I2_WRITE] = BIT("info2.write", "AS_MSG_INFO2_WRITE", 0x01),
    /* the plugin names bits 7 and 6 both info3.unused1; the items carry their label */
    [F_I3_UNUSED1] = BIT("info3.unused1", "AS_MSG_INFO3_UNUSED1", 0x40),
    [F_I3_REPLACE_ONLY] = BIT("info3.replace_only", "AS_MSG_INFO3_REPLACE_ONLY", 0x20),
    [F_I3_CREATE_OR_REPLACE] =
	BIT("info3.create_or_replace", "AS_MSG_INFO3_CREATE_OR_REPLACE", 0x10),
    [F_I3_UPDATE_ONLY] = BIT("info3.update_only", "AS_MSG_INFO3_UPDATE_ONLY", 0x08),
    [F_I3_LEVEL_B1] = BIT("info3.level_b1", "AS_MSG_INFO3_COMMIT_LEVEL_B1", 0x04),
    [F_I3_LEVEL_B0] = BIT("info3.level_b0", "AS_MSG_INFO3_COMMIT_LEVEL_B0", 0x02),
    [F_I3_LAST] = BIT("info3.last", "AS_MSG_INFO3_LAST", 0x01),
    [F_O_SIZE] = {"operations.size", "Size", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_O_OP] = {"operations.op", "Op", FT_UINT8, BASE_DEC, op_vals, 0, NULL},
    [F_O_BIN_DATA_TYPE] = {"operations.bin_data_type", "Bin data type", FT_UINT8, BASE_DEC,
			   particle_vals, 0, NULL},
    [F_O_BIN_VERSION] = {"operations.bin_version", "Bin version", FT_UINT8, BASE_DEC, NULL, 0,
			 NULL},
    [F_O_BIN_NAME_LENGTH] = {"operations.bin_name_length", "Bin name length", FT_UINT8, BASE_DEC,
			     NULL, 0, NULL},
    [F_O_BIN_NAME] = {"operations.bin_name", "Bin name", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_O_DATA_STR] = {"operations.data_str", "Data string", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_O_DATA_INT] = {"operations.data_int", "Data integer", FT_UINT64, BASE_DEC, NULL, 0, NULL},
    [F_O_BYTES] = {"operations.bytes", "Data bytes", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_O_DATA_DOUBLE] = {"operations.data_double", "Data float", FT_DOUBLE, BASE_NONE, NULL, 0,
			 NULL},
    [F_B_SIZE] = {"batch.size", "Size", FT_UINT64, BASE_DEC, NULL, 0, NULL},
    [F_B_INLINE] = {"batch.inline", "Inline", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_B_INDEX] = {"batch.index", "Index", FT_UINT64, BASE_DEC, NULL, 0, NULL},
    [F_B_DIGEST] = {"batch.digest", "Digest", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_B_FULL_HEADER] = {"batch.full_header", "FullHeader", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_B_READ_ATTR] = {"batch.read_attr", "ReadAttr", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_B_FIELD_COUNT] = {"batch.field_count", "FieldCount", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_B_NUMBER_OF_BINS] = {"batch.number_of_bins", "NumberOfBins", FT_UINT16, BASE_DEC, NULL, 0,
			    NULL},
    [F_B_NAMESPACE_LENGTH] = {"batch.namespace_length", "NamespaceLength", FT_UINT32, BASE_DEC,
			      NULL, 0, NULL},
    [F_B_VALUE] = {"batch.value", "Value", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_B_BINS_COUNT] = {"batch.bins_count", "BinsCount", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_H_ATTRIBUTE] = {"header.attribute", "Attribute", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_HV_ATTRIBUTE] = {"header_attribute_values.attribute", "Attribute ", FT_STRING, BASE_NONE,
			NULL, 0, NULL},
    [F_HV_VALUE] = {"header_attribute_values.value", "Value", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_HB_SIZE] = {"heartbeat.size", "Size", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_HB_TYPE] = {"heartbeat.type", "Field Type", FT_UINT16, BASE_DEC, hb_type_vals, 0, NULL},
    [F_HBM_ID] = {"heartbeat_message.id", "ID", FT_UINT16, BASE_DEC, hb_id_vals, 0, NULL},
    [F_HBM_TYPE] = {"heartbeat_message.type", "Message Type", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_HBM_SIZE] = {"heartbeat_message.size", "Size", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_HBM_BYTES] = {"heartbeat_message.bytes", "Data bytes", FT_BYTES, BASE_NONE, NULL, 0, NULL},
};
#undef BIT

/* Caps on what one packet can make us loop over (hostile counts). */
#define AS_MAX_ITEMS 4096
/* Bytes a tree label shows before "..." */
#define AS_SHOW_BYTES 24

/* One PDU's reading state: a cursor on the PDU and where it ends. */
struct as {
	struct packet *pk;
	struct cursor *c;
	uint32_t end; /* offset just past the PDU in c */
};

static uint32_t pos_of(const struct as *a, uint32_t off)
{
	return cur_pos(a->c) + off;
}

static int proto_item(struct as *a, int p, uint32_t off, uint32_t len, const char *label)
{
	int it = fs_add_none(a->pk->fs, proto[p], pos_of(a, off), len);
	struct fitem *fi = fs_item(a->pk->fs, it);
	if (fi && label)
		fi->text = label;
	return it;
}

/* An unsigned big-endian integer of n (1..8) bytes at off, if inside the PDU. */
static int get_uint(struct as *a, uint32_t off, uint32_t n, uint64_t *v)
{
	if (off > a->end || n > a->end - off || n == 0 || n > 8)
		return 0;
	uint64_t x = 0;
	for (uint32_t i = 0; i < n; i++)
		x = x << 8 | cur_peek_u8(a->c, off + i);
	*v = x;
	return !a->c->err;
}

static int add_uint(struct as *a, int f, uint32_t off, uint32_t n, uint64_t *out)
{
	uint64_t v;
	if (!get_uint(a, off, n, &v))
		return -1;
	if (out)
		*out = v;
	return fs_add_uint(a->pk->fs, HF(f), pos_of(a, off), n, v);
}

/* Bytes (or a string) of n bytes at off, clipped to the PDU. */
static int add_bytes(struct as *a, int f, uint32_t off, uint32_t n)
{
	if (off > a->end)
		return -1;
	if (n > a->end - off)
		n = a->end - off;
	const uint8_t *p = n ? cur_peek_ptr(a->c, off, n) : (const uint8_t *)"";
	if (!p)
		return -1;
	int it = fs_add_bytes(a->pk->fs, HF(f), pos_of(a, off), n, p, n);
	struct fitem *fi = fs_item(a->pk->fs, it);
	const struct field_def *d = field_get(HF(f));
	if (fi && d->type == FT_BYTES && n > AS_SHOW_BYTES) {
		/* the plugin's trees show long byte strings cut after 24 bytes */
		static const char hex[] = "0123456789abcdef";
		size_t nl = strlen(d->name);
		char *t = arena_alloc(a->pk->arena, nl + 2 + 2 * AS_SHOW_BYTES + 4);
		memcpy(t, d->name, nl);
		memcpy(t + nl, ": ", 2);
		char *q = t + nl + 2;
		for (uint32_t i = 0; i < AS_SHOW_BYTES; i++) {
			*q++ = hex[p[i] >> 4];
			*q++ = hex[p[i] & 15];
		}
		memcpy(q, "...", 4);
		fi->text = t;
	}
	return it;
}

static void set_label(struct as *a, int it, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_label(struct as *a, int it, const char *fmt, ...)
{
	struct fitem *fi = fs_item(a->pk->fs, it);
	if (!fi)
		return;
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	fi->text = arena_strndup(a->pk->arena, buf, strlen(buf));
}

static const char *vname(const struct value_string *vs, uint32_t v)
{
	const char *s = vals_lookup(vs, v);
	return s ? s : "Unknown";
}

/* Info1/2/3: a protocol item "InfoN : value" over the byte, one item per bit. */
static void info_bits(struct as *a, int p, int first, uint32_t off)
{
	uint64_t v;
	if (!get_uint(a, off, 1, &v))
		return;
	struct fieldset *fs = a->pk->fs;
	int it = proto_item(a, p, off, 1, NULL);
	set_label(a, it, "Info%d : %u", p - P_INFO1 + 1, (unsigned)v);
	int prev = fs_push(fs, it);
	for (int b = 7; b >= 0; b--) {
		int f = first + (7 - b);
		if (p == P_INFO3)
			f = b == 7 ? F_I3_UNUSED1 : F_I3_UNUSED1 + (6 - b);
		unsigned bit = (unsigned)(v >> b) & 1;
		int bi = fs_add_uint(fs, HF(f), pos_of(a, off), 1, bit);
		if (p == P_INFO3 && b == 7)
			set_label(a, bi, "0... .... = AS_MSG_INFO3_UNUSED2: %u", bit);
	}
	fs_pop(fs, prev);
}

/* The batch index (field type 41): count, inline flag, then the keys. */
static void batch(struct as *a, uint32_t off, uint32_t end)
{
	struct fieldset *fs = a->pk->fs;
	uint32_t save = a->end;
	a->end = end;
	int it = proto_item(a, P_BATCH, off, end - off, NULL);
	int prev = fs_push(fs, it);
	uint64_t count = 0, v;
	add_uint(a, F_B_SIZE, off, 4, &count);
	add_uint(a, F_B_INLINE, off + 4, 1, NULL);
	off += 5;
	for (uint64_t i = 0; i < count && i < AS_MAX_ITEMS && off < end; i++) {
		int bi = proto_item(a, P_BATCH_ITEM, off, end - off, NULL);
		int p2 = fs_push(fs, bi);
		add_uint(a, F_B_INDEX, off, 4, NULL);
		add_bytes(a, F_B_DIGEST, off + 4, 20);
		uint64_t repeat = 1;
		add_uint(a, F_B_FULL_HEADER, off + 24, 1, &repeat);
		off += 25;
		if (repeat == 0) {
			uint64_t nfields = 0, nbins = 0;
			add_uint(a, F_B_READ_ATTR, off, 1, NULL);
			add_uint(a, F_B_FIELD_COUNT, off + 1, 2, &nfields);
			add_uint(a, F_B_NUMBER_OF_BINS, off + 3, 2, &nbins);
			off += 5;
			for (uint64_t k = 0; k < nfields && k < AS_MAX_ITEMS && off < end; k++) {
				if (!get_uint(a, off, 4, &v))
					break;
				add_uint(a, F_B_NAMESPACE_LENGTH, off, 4, NULL);
				add_bytes(a, F_B_VALUE, off + 4, (uint32_t)v);
				off = v > end - off - 4 ? end : off + 4 + (uint32_t)v;
			}
			if (nbins > 0 && get_uint(a, off, 4, &v)) {
				add_uint(a, F_B_BINS_COUNT, off, 4, NULL);
				add_bytes(a, F_B_VALUE, off + 4, (uint32_t)v);
				off = v > end - off - 4 ? end : off + 4 + (uint32_t)v;
			}
		}
		fs_pop(fs, p2);
	}
	fs_pop(fs, prev);
	a->end = save;
}

/* The fields of a message: size (type + data), type, data by type. */
static uint32_t msg_fields(struct as *a, uint32_t off, uint64_t n)
{
	struct fieldset *fs = a->pk->fs;
	int it = proto_item(a, P_FIELDS, off, a->end - off, NULL);
	int prev = fs_push(fs, it);
	for (uint64_t i = 0; i < n && i < AS_MAX_ITEMS; i++) {
		uint64_t size, type;
		if (!get_uint(a, off, 4, &size) || !get_uint(a, off + 4, 1, &type))
			break;
		int si = add_uint(a, F_M_SIZE, off, 4, NULL);
		set_label(a, si, "Size: %llu", (unsigned long long)size);
		int ti = add_uint(a, F_M_TYPE, off + 4, 1, NULL);
		set_label(a, ti, "Field Type: %s (%u)", vname(field_type_vals, (uint32_t)type),
			  (unsigned)type);
		uint32_t d = off + 5;
		uint32_t dn = size ? (uint32_t)(size - 1 > a->end - d ? a->end - d : size - 1) : 0;
		if (d > a->end)
			break;
		switch (type) {
		case 0:
		case 1:
		case 3:
		case 5:
		case 21:
		case 30:
		case 31:
			add_bytes(a, F_M_DATA_STR, d, dn);
			break;
		case 7:
		case 9:
		case 26:
		case 33:
			if (dn >= 1 && dn <= 8)
				add_uint(a, F_M_DATA_INT, d, dn, NULL);
			else
				add_bytes(a, F_M_BYTES, d, dn);
			break;
		case 41:
			batch(a, d, d + dn);
			break;
		default:
			add_bytes(a, F_M_BYTES, d, dn);
			break;
		}
		off = d + dn;
	}
	fs_pop(fs, prev);
	return off;
}

/* An operation's value, shown by its particle type. */
static void op_value(struct as *a, uint32_t ptype, uint32_t d, uint32_t dn)
{
	uint64_t v;
	switch (ptype) {
	case 1:
		if (dn <= 8) {
			add_uint(a, F_O_DATA_INT, d, dn, NULL);
			return;
		}
		break;
	case 2:
		if (dn == 8 && get_uint(a, d, 8, &v)) {
			double x;
			memcpy(&x, &v, sizeof x);
			fs_add_double(a->pk->fs, HF(F_O_DATA_DOUBLE), pos_of(a, d), 8, x);
			return;
		}
		break;
	case 0:
	case 3:
	case 5:
	case 6:
	case 19:
	case 20:
	case 23:
		add_bytes(a, F_O_DATA_STR, d, dn);
		return;
	}
	add_bytes(a, F_O_BYTES, d, dn);
}

/* The operations: size, op, particle type, version, name, value. */
static uint32_t msg_ops(struct as *a, uint32_t off, uint64_t n)
{
	struct fieldset *fs = a->pk->fs;
	int it = proto_item(a, P_OPERATIONS, off, a->end - off, NULL);
	int prev = fs_push(fs, it);
	for (uint64_t i = 0; i < n && i < AS_MAX_ITEMS; i++) {
		uint64_t size, ptype, nl;
		if (!get_uint(a, off, 4, &size) || size < 4 || !get_uint(a, off + 5, 1, &ptype) ||
		    !get_uint(a, off + 7, 1, &nl))
			break;
		add_uint(a, F_O_SIZE, off, 4, NULL);
		add_uint(a, F_O_OP, off + 4, 1, NULL);
		add_uint(a, F_O_BIN_DATA_TYPE, off + 5, 1, NULL);
		add_uint(a, F_O_BIN_VERSION, off + 6, 1, NULL);
		add_uint(a, F_O_BIN_NAME_LENGTH, off + 7, 1, NULL);
		add_bytes(a, F_O_BIN_NAME, off + 8, (uint32_t)nl);
		uint32_t d = off + 8 + (uint32_t)nl;
		uint64_t dn64 = size >= 4 + nl ? size - 4 - nl : 0;
		if (d > a->end)
			break;
		uint32_t dn = dn64 > a->end - d ? a->end - d : (uint32_t)dn64;
		if (dn)
			op_value(a, (uint32_t)ptype, d, dn);
		off = d + dn;
	}
	fs_pop(fs, prev);
	return off;
}

/* One message header (22 bytes) and its fields and operations; returns the end. */
static uint32_t msg_record(struct as *a, uint32_t off)
{
	struct fieldset *fs = a->pk->fs;
	uint64_t hsz = 22, nf = 0, no = 0;
	get_uint(a, off, 1, &hsz);
	int it = proto_item(a, P_HEADER, off, (uint32_t)hsz, NULL);
	int prev = fs_push(fs, it);
	add_uint(a, F_M_HEADER_SZ, off, 1, NULL);
	info_bits(a, P_INFO1, F_I1_LEVEL_B1, off + 1);
	info_bits(a, P_INFO2, F_I2_RESPOND_ALL_OPS, off + 2);
	info_bits(a, P_INFO3, F_I3_UNUSED1, off + 3);
	add_uint(a, F_M_UNUSED, off + 4, 1, NULL);
	add_uint(a, F_M_RESULT_CODE, off + 5, 1, NULL);
	add_uint(a, F_M_GENERATION, off + 6, 4, NULL);
	add_uint(a, F_M_RECORD_TTL, off + 10, 4, NULL);
	add_uint(a, F_M_TRANSACTION_TTL, off + 14, 4, NULL);
	add_uint(a, F_M_N_FIELDS, off + 18, 2, &nf);
	add_uint(a, F_M_N_OPS, off + 20, 2, &no);
	fs_pop(fs, prev);
	if (hsz < 22 || hsz > a->end - off)
		return a->end;
	off += (uint32_t)hsz;
	if (nf)
		off = msg_fields(a, off, nf);
	if (no)
		off = msg_ops(a, off, no);
	return off;
}

/*
** Info text: non-empty lines; a line with a tab holds name/value pairs, its
** non-empty tab-separated parts alternating between the two (as the plugin
** splits them), a line without one is a requested name.
*/
static void info_text(struct as *a, uint32_t off)
{
	struct fieldset *fs = a->pk->fs;
	uint32_t n = a->end - off;
	const uint8_t *p = n ? cur_peek_ptr(a->c, off, n) : NULL;
	if (!p)
		return;
	uint32_t i = 0;
	for (int k = 0; i < n && k < AS_MAX_ITEMS; k++) {
		const uint8_t *nl = memchr(p + i, '\n', n - i);
		uint32_t ln = nl ? (uint32_t)(nl - (p + i)) : n - i;
		if (ln && !memchr(p + i, '\t', ln)) {
			fs_add_bytes(fs, HF(F_H_ATTRIBUTE), pos_of(a, off + i), ln, p + i, ln);
		} else if (ln) {
			uint32_t j = 0;
			int part = 0;
			while (j < ln) {
				const uint8_t *tab = memchr(p + i + j, '\t', ln - j);
				uint32_t pn = tab ? (uint32_t)(tab - (p + i + j)) : ln - j;
				if (pn) {
					int f = part++ % 2 ? F_HV_VALUE : F_HV_ATTRIBUTE;
					fs_add_bytes(fs, HF(f), pos_of(a, off + i + j), pn,
						     p + i + j, pn);
				}
				j += pn + 1;
			}
		}
		i += ln + 1;
	}
}

/* One client-protocol PDU at off (8-byte header + size bytes). */
static void client_pdu(struct packet *pk, struct cursor *c, uint32_t off, uint32_t total)
{
	struct as a = {pk, c, off + total};
	struct fieldset *fs = pk->fs;
	uint64_t type = 0, size = 0;
	get_uint(&a, off + 1, 1, &type);
	get_uint(&a, off + 2, 6, &size);
	if (type == 1) {
		int it = proto_item(&a, P_INFO, off, total, NULL);
		int prev = fs_push(fs, it);
		info_text(&a, off + 8);
		fs_pop(fs, prev);
		return;
	}
	int it = proto_item(&a, P_MESSAGE, off, total, NULL);
	int prev = fs_push(fs, it);
	add_uint(&a, F_M_VERSION, off, 1, NULL);
	int ti = add_uint(&a, F_M_TYPE, off + 1, 1, NULL);
	set_label(&a, ti, "Type: %s (%u)", vname(msg_type_vals, (uint32_t)type), (unsigned)type);
	add_uint(&a, F_M_SIZE, off + 2, 6, NULL);
	if (type == 3) {
		uint32_t o = off + 8;
		/* a batch response is a run of records in one message */
		for (int k = 0; o + 22 <= a.end && k < AS_MAX_ITEMS; k++) {
			uint32_t next = msg_record(&a, o);
			if (next <= o)
				break;
			o = next;
		}
	}
	fs_pop(fs, prev);
}

static void set_cols(struct packet *pk)
{
	col_set_proto(pk, "Aerospike");
}

static int dissect_client(struct packet *pk, struct cursor *c)
{
	uint32_t n = cur_avail(c), off = 0;
	set_cols(pk);
	/* the plugin declines anything but info and messages (after naming the column) */
	if (n >= 2 && cur_peek_u8(c, 1) != 1 && cur_peek_u8(c, 1) != 3)
		return 0;
	pk_add_layer(pk, proto[P_LAYER]);
	for (int k = 0; off < n && k < AS_MAX_ITEMS; k++) {
		uint64_t size;
		if (n - off < 8) {
			pk->desegment_offset = off;
			pk->desegment_len = DESEGMENT_ONE_MORE_SEGMENT;
			return (int)n;
		}
		size = (uint64_t)cur_peek_be16(c, off + 2) << 32 | cur_peek_be32(c, off + 4);
		if (size > 0x7fffffffu - 8)
			break;
		uint32_t total = (uint32_t)size + 8;
		if (total > n - off) {
			if (pk->can_desegment) {
				pk->desegment_offset = off;
				pk->desegment_len = total - (n - off);
				return (int)n;
			}
			total = n - off;
		}
		client_pdu(pk, c, off, total);
		/*
		 * The plugin shows only the first PDU of a segment (a batch
		 * response's closing "last" message goes unshown); users compare
		 * with it, so the rest is left undissected.
		 */
		break;
	}
	return (int)n;
}

/* Heartbeat: size (after type), type, then id/type/value messages. */
static int dissect_heartbeat(struct packet *pk, struct cursor *c)
{
	uint32_t n = cur_avail(c);
	if (n < 6)
		return 0;
	struct fieldset *fs = pk->fs;
	uint32_t size = cur_peek_be32(c, 0);
	uint32_t total = size <= n - 6 ? size + 6 : n;
	if (size > n - 6 && pk->can_desegment && size < 0x7fffffffu) {
		pk->desegment_offset = 0;
		pk->desegment_len = size + 6 - n;
		return (int)n;
	}
	struct as a = {pk, c, total};
	pk_add_layer(pk, proto[P_HEARTBEAT]);
	set_cols(pk);
	int it = proto_item(&a, P_HEARTBEAT, 0, total, NULL);
	int prev = fs_push(fs, it);
	add_uint(&a, F_HB_SIZE, 0, 4, NULL);
	add_uint(&a, F_HB_TYPE, 4, 2, NULL);
	uint32_t off = 6;
	for (int k = 0; off + 3 <= total && k < AS_MAX_ITEMS; k++) {
		uint64_t type = 0, len;
		add_uint(&a, F_HBM_ID, off, 2, NULL);
		add_uint(&a, F_HBM_TYPE, off + 2, 1, &type);
		off += 3;
		/* value sizes by field type: fixed, none (the unused 2 and 4), or counted */
		if (type == 1 || type == 7) {
			len = 4;
		} else if (type == 3 || type == 8) {
			len = 8;
		} else if (type == 2 || type == 4) {
			len = 0;
		} else if (type == 0 || type > 11) {
			break;
		} else {
			if (!get_uint(&a, off, 4, &len))
				break;
			add_uint(&a, F_HBM_SIZE, off, 4, NULL);
			off += 4;
		}
		if (len > total - off)
			len = total - off;
		if (len)
			add_bytes(&a, F_HBM_BYTES, off, (uint32_t)len);
		off += (uint32_t)len;
	}
	fs_pop(fs, prev);
	return (int)n;
}

static const struct dissector client_d = {"aerospike", dissect_client, 0};
static const struct dissector hb_d = {"aerospike_heartbeat", dissect_heartbeat, 0};

void register_aerospike(void)
{
	proto[P_INFO] = proto_register("Aerospike Info Protocol", "Aerospike Info", "aerospike");
	proto[P_MESSAGE] =
	    proto_register("Aerospike Message Protocol", "Aerospike Message", "aerospikemessage");
	proto[P_HEADER] = proto_register("Aerospike Message Header", "Aerospike Message Header",
					 "aerospikemessageheader");
	proto[P_INFO1] = proto_register("Info1", "Info1", "aerospikeinfo1");
	proto[P_INFO2] = proto_register("Info2", "Info2", "aerospikeinfo2");
	proto[P_INFO3] = proto_register("Info3", "Info3", "aerospikeinfo3");
	proto[P_FIELDS] = proto_register("Aerospike Fields", "Aerospike Fields", "aerospikefields");
	proto[P_BATCH] =
	    proto_register("Aerospike Batch Protocol", "Aerospike Batch", "aerospikebatch");
	proto[P_BATCH_ITEM] =
	    proto_register("Aerospike Batch Item", "Aerospike Batch Item", "aerospikebatchitem");
	proto[P_OPERATIONS] =
	    proto_register("Aerospike Operations", "Aerospike Operations", "aerospikeoperations");
	proto[P_HEARTBEAT] =
	    proto_register("Aerospike Heartbeat", "Aerospike Heartbeat", "aerospikeheartbeat");
	proto[P_LAYER] =
	    proto_register("Aerospike Protocol", "AerospikeProtocol", "aerospikeprotocol");
	hf = field_register(fields, F_COUNT);
}

/* The community Lua plugin loaded with -X replaces ours, protocols and fields. */
static void aerospike_retire(void)
{
	dtable_remove(DT_TCP_PORT, 3000);
	dtable_remove(DT_TCP_PORT, 3002);
	dtable_remove(DT_UDP_PORT, 9918);
	for (int i = 0; i < P_COUNT; i++)
		field_retire_proto(proto[i]);
	for (int i = 0; i < F_COUNT; i++)
		field_retire(hf + i);
}

void handoff_aerospike(void)
{
	for (int i = 0; i < P_COUNT; i++)
		dissect_register_yieldable(field_get(proto[i])->abbrev, aerospike_retire);
	dtable_add(DT_TCP_PORT, 3000, &client_d);
	dtable_add(DT_TCP_PORT, 3002, &hb_d);
	dtable_add(DT_UDP_PORT, 9918, &hb_d);
}
