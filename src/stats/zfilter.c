/*
** zfilter.c -- display filters for the -z modules, through the filter engine
** (src/filter), and field lookups for io,stat's COUNT/SUM(field) columns.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/field.h"
#include "../filter/filter.h"
#include "stats_int.h"

/*
** TCP flag bits that tcp.c may not register yet: derived from tcp.flags so
** io,stat columns such as COUNT(tcp.flags.reset) work meanwhile.  Used only
** when the real field is unknown.
*/
static const struct {
	const char *name;
	const char *parent;
	uint64_t mask;
	int shift;
} derived[] = {
    {"tcp.flags.res", "tcp.flags", 0xe00, 9},  {"tcp.flags.ae", "tcp.flags", 0x100, 8},
    {"tcp.flags.cwr", "tcp.flags", 0x080, 7},  {"tcp.flags.ece", "tcp.flags", 0x040, 6},
    {"tcp.flags.urg", "tcp.flags", 0x020, 5},  {"tcp.flags.ack", "tcp.flags", 0x010, 4},
    {"tcp.flags.push", "tcp.flags", 0x008, 3}, {"tcp.flags.reset", "tcp.flags", 0x004, 2},
    {"tcp.flags.syn", "tcp.flags", 0x002, 1},  {"tcp.flags.fin", "tcp.flags", 0x001, 0},
};

int zfield_resolve(struct zfield *zf, const char *name, size_t len)
{
	char buf[256];
	if (len >= sizeof buf)
		return -1;
	memcpy(buf, name, len);
	buf[len] = 0;
	zf->mask = 0;
	zf->shift = 0;
	zf->id = field_lookup(buf);
	if (zf->id < 0) {
		for (size_t i = 0; i < sizeof derived / sizeof derived[0]; i++) {
			if (strcmp(derived[i].name, buf))
				continue;
			zf->id = field_lookup(derived[i].parent);
			zf->mask = derived[i].mask;
			zf->shift = derived[i].shift;
			break;
		}
	}
	if (zf->id < 0)
		return -1;
	field_want(zf->id);
	return 0;
}

/*
** Fields some filter of the run mentions.  tshark builds the taps' tree with
** only those fields in it, so an io,stat column reads nothing from a field
** that no filter mentions.
*/
static struct zfield primed[64];
static int nprimed;

static void prime(const struct zfield *zf)
{
	if (zfield_primed(zf) || nprimed == (int)(sizeof primed / sizeof primed[0]))
		return;
	primed[nprimed++] = *zf;
}

int zfield_primed(const struct zfield *zf)
{
	for (int i = 0; i < nprimed; i++)
		if (primed[i].id == zf->id && primed[i].mask == zf->mask)
			return 1;
	return 0;
}

int zfield_count(const struct zfield *zf, const struct packet *pk)
{
	return fs_count(pk->fs, zf->id);
}

/* Every filter compiled for the run, so stats_free() can release them. */
static struct filter **owned;
static int nowned, capowned;

/* did a filter of the run name tcp.stream or udp.stream (zfilter_uses_streams)? */
static int uses_streams;

static void prime_id(int id, void *arg)
{
	(void)arg;
	static int tcp_stream = -2, udp_stream = -2;
	if (tcp_stream == -2) {
		tcp_stream = field_lookup("tcp.stream");
		udp_stream = field_lookup("udp.stream");
	}
	if (id >= 0 && (id == tcp_stream || id == udp_stream))
		uses_streams = 1;
	struct zfield zf = {id, 0, 0};
	field_want(id);
	prime(&zf);
}

int zfilter_compile(struct zfilter *f, const char *text, char *err, size_t n)
{
	memset(f, 0, sizeof *f);
	if (!text)
		return 0;
	struct filter_error fe;
	struct filter *df = filter_compile(text, &fe);
	if (!df) {
		/* tshark's tap registration wording; the module adds "Couldn't register X tap: " */
		snprintf(err, n, "Filter \"%s\" is invalid - %s", text, fe.msg);
		return -1;
	}
	filter_wanted_fields(df, prime_id, NULL);
	if (nowned == capowned) {
		capowned = capowned ? capowned * 2 : 8;
		struct filter **no = realloc(owned, (size_t)capowned * sizeof *no);
		if (!no)
			abort();
		owned = no;
	}
	owned[nowned++] = df;
	f->f = df;
	return 0;
}

int zfilter_match(const struct zfilter *f, const struct packet *pk)
{
	if (!f->f)
		return 1;
	return filter_match_data(f->f, pk->fs, pk->data, pk->caplen);
}

int zfilter_uses_streams(void)
{
	return uses_streams;
}

void zfilter_release_all(void)
{
	for (int i = 0; i < nowned; i++)
		filter_free(owned[i]);
	free(owned);
	owned = NULL;
	nowned = capowned = 0;
}
