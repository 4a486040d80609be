/*
** field.h -- the field registry: one vocabulary for every layer.
**
** Each dissector declares its fields once, as a static table of field_def
** rows (tshark abbreviation, name, type, base, value names, bitmask, blurb),
** and hands the table to field_register(), which assigns dense ids.  The same
** row serves the dissector, -T fields -e, -G fields, the display filter, the
** statistics and Lua's Field.new.  Registration ends before the first packet;
** after field_seal() the registry is read-only and safe to share between
** threads.
*/
#ifndef WS_FIELD_H
#define WS_FIELD_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Field types, with tshark's names (see -G fields). */
enum ftype {
	FT_NONE,
	FT_PROTOCOL,
	FT_BOOLEAN,
	FT_CHAR,
	FT_UINT8,
	FT_UINT16,
	FT_UINT24,
	FT_UINT32,
	FT_UINT40,
	FT_UINT48,
	FT_UINT56,
	FT_UINT64,
	FT_INT8,
	FT_INT16,
	FT_INT24,
	FT_INT32,
	FT_INT40,
	FT_INT48,
	FT_INT56,
	FT_INT64,
	FT_FLOAT,
	FT_DOUBLE,
	FT_ABSOLUTE_TIME,
	FT_RELATIVE_TIME,
	FT_STRING,
	FT_STRINGZ,
	FT_UINT_STRING,
	FT_BYTES,
	FT_UINT_BYTES,
	FT_ETHER,
	FT_IPv4,
	FT_IPv6,
	FT_FRAMENUM,
	FT_GUID,
	FT_OID,
	FT_EUI64,
	FT_IPXNET,
	FT_FCWWN,
	FT_AX25,
	FT_VINES,
	FT_REL_OID,
	FT_SYSTEM_ID,
	FT_STRINGZPAD,
	FT_STRINGZTRUNC,
	FT_IEEE_11073_SFLOAT,
	FT_IEEE_11073_FLOAT,
	FT_NUM_TYPES
};

/* The sixteen integer types, contiguous in enum ftype: one range test. */
static inline int ftype_is_int(int t)
{
	return t >= FT_UINT8 && t <= FT_INT64;
}

/* Display bases (tshark's field_display_e, the ones we use). */
enum fbase {
	BASE_NONE = 0,
	BASE_DEC,
	BASE_HEX,
	BASE_OCT,
	BASE_DEC_HEX,
	BASE_HEX_DEC,
	BASE_CUSTOM,
	/* absolute time display */
	ABSOLUTE_TIME_LOCAL,
	ABSOLUTE_TIME_UTC,
	ABSOLUTE_TIME_DOY_UTC,
	ABSOLUTE_TIME_NTP_UTC,
	/* string/bytes */
	BASE_STR_WSP,
	SEP_DOT,
	SEP_DASH,
	SEP_COLON,
	SEP_SPACE,
	BASE_PT_UDP,
	BASE_PT_TCP,
	BASE_PT_DCCP,
	BASE_PT_SCTP,
	BASE_OUI,
	BASE_NETMASK,
	/* frame number relationships (tshark's ft_framenum_type) */
	FT_FRAMENUM_NONE,
	FT_FRAMENUM_REQUEST,
	FT_FRAMENUM_RESPONSE,
	FT_FRAMENUM_ACK,
	FT_FRAMENUM_DUP_ACK,
	FT_FRAMENUM_RETRANS_PREV,
	FT_FRAMENUM_RETRANS_NEXT,
};

/* Modifier bits or'ed into field_def.base. */
#define BASE_RANGE_STRING     0x0100
#define BASE_EXT_STRING       0x0200
#define BASE_VAL64_STRING     0x0400
#define BASE_UNIT_STRING      0x1000
#define BASE_NO_DISPLAY_VALUE 0x2000
#define BASE_SPECIAL_VALS     0x8000
#define BASE_MASK             0x00ff

struct value_string {
	uint32_t value;
	const char *name;
};

struct range_string {
	uint32_t lo, hi;
	const char *name;
};

struct true_false_string {
	const char *true_string;
	const char *false_string;
};

/* BASE_UNIT_STRING: "1 sec", "2 secs" (the strings carry their leading space) */
struct unit_name_string {
	const char *singular;
	const char *plural; /* NULL: singular for every value */
};

struct field_def {
	const char *abbrev; /* filter name, e.g. "tcp.srcport" */
	const char *name;   /* label, e.g. "Source Port" */
	enum ftype type;
	int base;            /* enum fbase | modifier bits; for FT_BOOLEAN the bit width */
	const void *strings; /* value_string[], range_string[] or true_false_string */
	uint64_t bitmask;
	const char *blurb;
};

/* Register n fields; returns the id of the first, the rest follow densely. */
int field_register(const struct field_def *defs, int n);

/* Register a protocol (an FT_PROTOCOL field); returns its id. */
int proto_register(const char *name, const char *short_name, const char *abbrev);

/* Registry lookups.  Ids are dense in [0, field_count()). */
int field_count(void);
int field_lookup(const char *abbrev); /* -1 when unknown */
const struct field_def *field_get(int id);
/* For protocols: the long name (-G fields column 2) and short name. */
const char *field_proto_short(int id);
/* The protocol a field belongs to (its abbrev prefix), or -1. */
int field_parent_proto(int id);

/* Hide a protocol and its fields from lookups and -G (a script replaces it). */
void field_retire_proto(int proto_id);
void field_retire(int id);
int field_retired(int id);

/* End of registration: builds the name index, makes the registry read-only. */
void field_seal(void);

/*
** The wanted set.  Consumers (-e, filters, stats, Lua) mark what they read;
** fs_add on an unwanted field returns at once.  field_want_all() is for the
** tree outputs, which show everything.
**
** field_want_value() is for consumers that read only an item's presence or
** value, never its label (fitem.text): the stats taps ask for the "ip" and
** "tcp" protocol items to find their records, and building the label
** "Internet Protocol Version 4, Src: ..." for them was a tenth of their time.
** Dissectors guard label text with fs_wants_label().
**
** field_want_unchained() is for the one consumer that walks a frame's items
** itself (-T fields): a field nobody else wants is marked FIELD_WANT_UNCHAINED,
** and its items are not linked into the per-id chains (fitem.next_same,
** fs_first), which is a third of storing an item.  Any other want clears the
** mark, so a field that anybody else reads is linked as before; to those
** readers the unchained items are as absent as the fields nobody wants.
*/
#define FIELD_WANT_VALUE     1
#define FIELD_WANT_LABEL     2
#define FIELD_WANT_UNCHAINED 4
void field_want(int id);
void field_want_value(int id);
void field_want_unchained(int id);
void field_want_all(void);
extern uint8_t *field_wanted_map;
extern int field_wanted_any;
/*
** Bumped by every change to the wanted map (and its move when it grows): a
** dissector keeps what it decides from the map once per value (field_plan)
** instead of testing the same flags on every frame.
*/
extern uint32_t field_wanted_gen;
struct field_plan {
	uint32_t gen; /* field_wanted_gen when bits was made; 0: never */
	uint32_t bits;
};
/* plan's bits, made again by make() when the wanted map has changed since */
static inline uint32_t field_plan_get(struct field_plan *plan, uint32_t (*make)(void))
{
	if (__builtin_expect(plan->gen != field_wanted_gen, 0)) {
		plan->bits = make();
		plan->gen = field_wanted_gen;
	}
	return plan->bits;
}
/*
** The first two answers of a header's plain-path plan: FP_PLAIN when no label
** of proto is wanted (the plain path writes none), FP_ITEM when its item is.
** FP_FIELDS is the dissector's own test of its header fields.
*/
enum { FP_PLAIN = 1, FP_ITEM = 2, FP_FIELDS = 4 };
static inline uint32_t field_plan_proto(int proto)
{
	uint8_t w = field_wanted_map[proto];
	return (w & FIELD_WANT_LABEL ? 0u : FP_PLAIN) | (w ? FP_ITEM : 0u);
}
static inline int field_is_wanted(int id)
{
	return field_wanted_map[id];
}
static inline int field_label_wanted(int id)
{
	return field_wanted_map[id] & FIELD_WANT_LABEL;
}
/*
** Is any of n wanted flags from w on set?  A dissector asks once for a block
** of its fields (a header's) and skips the block's per-field tests when nobody
** reads them; eight flags are OR-ed at a time, and a block's tail is its last
** eight (overlapping the words before: no byte loop per frame).
*/
static inline int flags_any_short(const uint8_t *w, int n)
{
	if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, w, 4);
		memcpy(&b, w + n - 4, 4);
		return (a | b) != 0;
	}
	if (n >= 2) {
		uint16_t a, b;
		memcpy(&a, w, 2);
		memcpy(&b, w + n - 2, 2);
		return (a | b) != 0;
	}
	return n == 1 && w[0] != 0;
}
static inline int field_flags_any(const uint8_t *w, int n)
{
	if (n < 8) /* a group of a header's fields: two overlapping loads, no loop */
		return flags_any_short(w, n);
	uint64_t acc = 0, x;
	int i = 0;
	for (; i + 8 <= n; i += 8) {
		memcpy(&x, w + i, 8);
		acc |= x;
	}
	if (i < n) {
		memcpy(&x, w + n - 8, 8);
		acc |= x;
	}
	return acc != 0;
}
/* Is any of the n fields from first on wanted? */
static inline int field_any_wanted(int first, int n)
{
	return field_flags_any(field_wanted_map + first, n);
}

/* -G fields: the registry in tshark's format. */
void field_dump(void *file);
/* -G protocols: "name\tshort name\tabbrev" per protocol. */
void field_dump_protocols(void *file);

/* Value-string lookups; NULL when absent. */
const char *vals_lookup(const struct value_string *vs, uint32_t v);
const char *rvals_lookup(const struct range_string *rs, uint32_t v);

const char *ftype_name(enum ftype t);
/* Width in bits of an integer type's value (64 for the others): masks, hex digits, ranges. */
int ftype_bits(enum ftype t);
const char *fbase_name(int base);

#endif
