/*
** field.c -- the field registry.
**
** Fields live in one growing array indexed by id.  The name index is an
** open-addressing hash built on the first lookup and kept up to date as
** fields register (each registration looks its owner up, so a linear scan
** made registering the built-in fields quadratic).
*/
#include "field.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct field_slot {
	struct field_def def;
	const char *proto_short; /* protocols only */
	int parent;              /* owning protocol id, -1 for protocols */
	int retired;             /* hidden from lookups and -G (see field_retire_proto) */
};

static struct field_slot *slots;
static int nslots, capslots;
static int *index_tab;
static uint32_t index_mask;
static int last_proto = -1;

uint8_t *field_wanted_map;
int field_wanted_any;
uint32_t field_wanted_gen = 1; /* field_plan's 0 is "never made" */
static int wanted_cap;

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

static void index_insert(int id);

static int add_slot(const struct field_def *d, const char *short_name, int parent)
{
	if (nslots == capslots) {
		capslots = capslots ? capslots * 2 : 1024;
		slots = xrealloc(slots, (size_t)capslots * sizeof *slots);
	}
	if (nslots >= wanted_cap) {
		int nc = wanted_cap ? wanted_cap * 2 : 1024;
		field_wanted_map = xrealloc(field_wanted_map, (size_t)nc);
		memset(field_wanted_map + wanted_cap,
		       field_wanted_any ? FIELD_WANT_VALUE | FIELD_WANT_LABEL : 0,
		       (size_t)(nc - wanted_cap));
		wanted_cap = nc;
		field_wanted_gen++;
	}
	slots[nslots].def = *d;
	slots[nslots].proto_short = short_name;
	slots[nslots].parent = parent;
	slots[nslots].retired = 0;
	if (index_tab) {
		/*
		 * Registration looks names up (owner_of) as it goes: the index
		 * takes each new name, as build_index would, until it is half
		 * full, and is then rebuilt twice the size on the next lookup.
		 */
		if ((uint32_t)(nslots + 1) * 2 > index_mask + 1) {
			free(index_tab);
			index_tab = NULL;
		} else {
			index_insert(nslots);
		}
	}
	return nslots++;
}

/* The protocol owning an abbrev is the longest registered protocol prefix. */
static int owner_of(const char *abbrev)
{
	char buf[256];
	size_t n = strlen(abbrev);
	if (n >= sizeof buf)
		return last_proto;
	memcpy(buf, abbrev, n + 1);
	for (;;) {
		char *dot = strrchr(buf, '.');
		if (!dot)
			break;
		*dot = 0;
		int id = field_lookup(buf);
		if (id >= 0 && slots[id].def.type == FT_PROTOCOL)
			return id;
	}
	return last_proto;
}

int field_register(const struct field_def *defs, int n)
{
	int first = nslots;
	for (int i = 0; i < n; i++)
		add_slot(&defs[i], NULL, owner_of(defs[i].abbrev));
	return first;
}

int proto_register(const char *name, const char *short_name, const char *abbrev)
{
	struct field_def d = {abbrev, name, FT_PROTOCOL, BASE_NONE, NULL, 0, NULL};
	int id = add_slot(&d, short_name, -1);
	last_proto = id;
	return id;
}

int field_count(void)
{
	return nslots;
}

const struct field_def *field_get(int id)
{
	return id >= 0 && id < nslots ? &slots[id].def : NULL;
}

const char *field_proto_short(int id)
{
	return id >= 0 && id < nslots ? slots[id].proto_short : NULL;
}

int field_parent_proto(int id)
{
	return id >= 0 && id < nslots ? slots[id].parent : -1;
}

/* first registration of a name wins, as in tshark's lookups */
static void index_insert(int id)
{
	uint32_t h = hash_str(slots[id].def.abbrev) & index_mask;
	for (;;) {
		int cur = index_tab[h];
		if (cur < 0) {
			index_tab[h] = id;
			return;
		}
		if (strcmp(slots[cur].def.abbrev, slots[id].def.abbrev) == 0)
			return;
		h = (h + 1) & index_mask;
	}
}

static void build_index(void)
{
	uint32_t size = 1;
	while (size < (uint32_t)nslots * 2 + 16)
		size <<= 1;
	index_tab = xmalloc(size * sizeof *index_tab);
	for (uint32_t i = 0; i < size; i++)
		index_tab[i] = -1;
	index_mask = size - 1;
	for (int id = 0; id < nslots; id++)
		if (!slots[id].retired)
			index_insert(id);
}

int field_lookup(const char *abbrev)
{
	if (!index_tab)
		build_index();
	uint32_t h = hash_str(abbrev) & index_mask;
	for (;;) {
		int cur = index_tab[h];
		if (cur < 0)
			return -1;
		if (strcmp(slots[cur].def.abbrev, abbrev) == 0)
			return cur;
		h = (h + 1) & index_mask;
	}
}

/*
** A built-in protocol steps aside for a script's protocol of the same name
** (wiresift has native TRADE and Aerospike dissectors; a user who loads the
** original Lua dissector gets exactly what tshark gives).  Its fields stay
** allocated, so ids already handed out remain valid, but names resolve to the
** newcomer's.
*/
int field_retired(int id)
{
	return id >= 0 && id < nslots && slots[id].retired;
}

void field_retire(int id)
{
	if (id < 0 || id >= nslots)
		return;
	slots[id].retired = 1;
	free(index_tab);
	index_tab = NULL;
}

void field_retire_proto(int proto_id)
{
	if (proto_id < 0 || proto_id >= nslots)
		return;
	slots[proto_id].retired = 1;
	for (int id = 0; id < nslots; id++)
		if (slots[id].parent == proto_id)
			slots[id].retired = 1;
	free(index_tab);
	index_tab = NULL;
}

void field_seal(void)
{
	if (!index_tab)
		build_index();
}

void field_want(int id)
{
	field_wanted_gen++;
	if (id >= 0 && id < nslots)
		field_wanted_map[id] = FIELD_WANT_VALUE | FIELD_WANT_LABEL;
}

void field_want_value(int id)
{
	field_wanted_gen++;
	if (id >= 0 && id < nslots)
		field_wanted_map[id] =
		    (uint8_t)((field_wanted_map[id] & ~FIELD_WANT_UNCHAINED) | FIELD_WANT_VALUE);
}

void field_want_unchained(int id)
{
	field_wanted_gen++;
	if (id >= 0 && id < nslots)
		field_wanted_map[id] =
		    field_wanted_map[id]
			? (uint8_t)(field_wanted_map[id] | FIELD_WANT_LABEL)
			: FIELD_WANT_VALUE | FIELD_WANT_LABEL | FIELD_WANT_UNCHAINED;
}

void field_want_all(void)
{
	field_wanted_gen++;
	field_wanted_any = 1;
	memset(field_wanted_map, FIELD_WANT_VALUE | FIELD_WANT_LABEL, (size_t)wanted_cap);
}

const char *vals_lookup(const struct value_string *vs, uint32_t v)
{
	for (; vs && vs->name; vs++)
		if (vs->value == v)
			return vs->name;
	return NULL;
}

const char *rvals_lookup(const struct range_string *rs, uint32_t v)
{
	for (; rs && rs->name; rs++)
		if (v >= rs->lo && v <= rs->hi)
			return rs->name;
	return NULL;
}

static const char *const ftype_names[FT_NUM_TYPES] = {
    "FT_NONE",
    "FT_PROTOCOL",
    "FT_BOOLEAN",
    "FT_CHAR",
    "FT_UINT8",
    "FT_UINT16",
    "FT_UINT24",
    "FT_UINT32",
    "FT_UINT40",
    "FT_UINT48",
    "FT_UINT56",
    "FT_UINT64",
    "FT_INT8",
    "FT_INT16",
    "FT_INT24",
    "FT_INT32",
    "FT_INT40",
    "FT_INT48",
    "FT_INT56",
    "FT_INT64",
    "FT_FLOAT",
    "FT_DOUBLE",
    "FT_ABSOLUTE_TIME",
    "FT_RELATIVE_TIME",
    "FT_STRING",
    "FT_STRINGZ",
    "FT_UINT_STRING",
    "FT_BYTES",
    "FT_UINT_BYTES",
    "FT_ETHER",
    "FT_IPv4",
    "FT_IPv6",
    "FT_FRAMENUM",
    "FT_GUID",
    "FT_OID",
    "FT_EUI64",
    "FT_IPXNET",
    "FT_FCWWN",
    "FT_AX25",
    "FT_VINES",
    "FT_REL_OID",
    "FT_SYSTEM_ID",
    "FT_STRINGZPAD",
    "FT_STRINGZTRUNC",
    "FT_IEEE_11073_SFLOAT",
    "FT_IEEE_11073_FLOAT",
};

int ftype_bits(enum ftype t)
{
	switch (t) {
	case FT_UINT8:
	case FT_INT8:
	case FT_CHAR:
		return 8;
	case FT_UINT16:
	case FT_INT16:
		return 16;
	case FT_UINT24:
	case FT_INT24:
		return 24;
	case FT_UINT32:
	case FT_INT32:
	case FT_FRAMENUM:
		return 32;
	case FT_UINT40:
	case FT_INT40:
		return 40;
	case FT_UINT48:
	case FT_INT48:
		return 48;
	case FT_UINT56:
	case FT_INT56:
		return 56;
	default:
		return 64;
	}
}

const char *ftype_name(enum ftype t)
{
	return t < FT_NUM_TYPES ? ftype_names[t] : "FT_NONE";
}

const char *fbase_name(int base)
{
	static const char *const names[] = {
	    [BASE_NONE] = "BASE_NONE",
	    [BASE_DEC] = "BASE_DEC",
	    [BASE_HEX] = "BASE_HEX",
	    [BASE_OCT] = "BASE_OCT",
	    [BASE_DEC_HEX] = "BASE_DEC_HEX",
	    [BASE_HEX_DEC] = "BASE_HEX_DEC",
	    [BASE_CUSTOM] = "BASE_CUSTOM",
	    [ABSOLUTE_TIME_LOCAL] = "ABSOLUTE_TIME_LOCAL",
	    [ABSOLUTE_TIME_UTC] = "ABSOLUTE_TIME_UTC",
	    [ABSOLUTE_TIME_DOY_UTC] = "ABSOLUTE_TIME_DOY_UTC",
	    [ABSOLUTE_TIME_NTP_UTC] = "ABSOLUTE_TIME_NTP_UTC",
	    [BASE_STR_WSP] = "BASE_STR_WSP",
	    [SEP_DOT] = "SEP_DOT",
	    [SEP_DASH] = "SEP_DASH",
	    [SEP_COLON] = "SEP_COLON",
	    [SEP_SPACE] = "SEP_SPACE",
	    [BASE_PT_UDP] = "BASE_PT_UDP",
	    [BASE_PT_TCP] = "BASE_PT_TCP",
	    [BASE_PT_DCCP] = "BASE_PT_DCCP",
	    [BASE_PT_SCTP] = "BASE_PT_SCTP",
	    [BASE_OUI] = "BASE_OUI",
	    [BASE_NETMASK] = "BASE_NETMASK",
	};
	int b = base & BASE_MASK;
	if (b < (int)(sizeof names / sizeof names[0]) && names[b])
		return names[b];
	return "";
}

/*
** tshark 4.0 -G fields: "P\tname\tabbrev" for protocols and
** "F\tname\tabbrev\ttype\tparent\tbase\tbitmask\tblurb" for fields.
** Booleans print their bit width as the base; types without a base print "".
*/
/* tshark 4.0 has no registered _ws.col fields: -e _ws.col.X is special-cased there. */
static int dump_hidden(int id)
{
	const struct field_def *d = &slots[id].def;
	if (slots[id].retired)
		return 1;
	/* tree: _ws.text is the text-only item (tshark's labels without a field) */
	return (!strncmp(d->abbrev, "_ws.col", 7) && (!d->abbrev[7] || d->abbrev[7] == '.')) ||
	       !strcmp(d->abbrev, "_ws.text");
}

void field_dump_protocols(void *file)
{
	FILE *f = file;
	for (int id = 0; id < nslots; id++) {
		const struct field_def *d = &slots[id].def;
		if (d->type == FT_PROTOCOL && slots[id].parent < 0 && !dump_hidden(id))
			fprintf(f, "%s\t%s\t%s\n", d->name,
				slots[id].proto_short ? slots[id].proto_short : d->name, d->abbrev);
	}
}

void field_dump(void *file)
{
	FILE *f = file;
	for (int id = 0; id < nslots; id++) {
		const struct field_def *d = &slots[id].def;
		if (dump_hidden(id))
			continue;
		if (d->type == FT_PROTOCOL && slots[id].parent < 0) {
			fprintf(f, "P\t%s\t%s\n", d->name, d->abbrev);
			continue;
		}
		const char *parent =
		    slots[id].parent >= 0 ? slots[slots[id].parent].def.abbrev : "";
		char base[32];
		switch (d->type) {
		case FT_BOOLEAN:
			snprintf(base, sizeof base, "%d", d->base & BASE_MASK);
			break;
		case FT_CHAR:
		case FT_UINT8:
		case FT_UINT16:
		case FT_UINT24:
		case FT_UINT32:
		case FT_UINT40:
		case FT_UINT48:
		case FT_UINT56:
		case FT_UINT64:
		case FT_INT8:
		case FT_INT16:
		case FT_INT24:
		case FT_INT32:
		case FT_INT40:
		case FT_INT48:
		case FT_INT56:
		case FT_INT64:
			snprintf(base, sizeof base, "%s", fbase_name(d->base));
			break;
		default:
			base[0] = 0;
		}
		fprintf(f, "F\t%s\t%s\t%s\t%s\t%s\t0x%llx\t%s\n", d->name, d->abbrev,
			ftype_name(d->type), parent, base, (unsigned long long)d->bitmask,
			d->blurb ? d->blurb : "");
	}
}
