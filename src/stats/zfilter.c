/*
** zfilter.c -- the stand-in for display filters on -z modules.
**
** Display filters do not exist yet; the statistics only need a field's
** presence and "field==number".  Everything here goes away when the filter
** engine lands: zfilter_match() becomes a call to it.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/field.h"
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

int zfilter_compile(struct zfilter *f, const char *text, char *err, size_t n)
{
	memset(f, 0, sizeof *f);
	f->kind = ZF_ALL;
	if (!text)
		return 0;
	while (*text == ' ')
		text++;
	size_t len = strlen(text);
	while (len && text[len - 1] == ' ')
		len--;
	if (!len)
		return 0;
	const char *eq = strstr(text, "==");
	size_t flen = eq ? (size_t)(eq - text) : len;
	while (flen && text[flen - 1] == ' ')
		flen--;
	struct zfield zf;
	if (zfield_resolve(&zf, text, flen) < 0) {
		snprintf(err, n, "\"%.*s\" is neither a field nor a protocol name.", (int)flen, text);
		return -1;
	}
	prime(&zf);
	f->id = zf.id;
	f->mask = zf.mask;
	f->shift = zf.shift;
	f->kind = ZF_PRESENT;
	if (eq) {
		const char *v = eq + 2;
		while (*v == ' ')
			v++;
		char *end;
		unsigned a[4];
		char tail;
		if (field_get(f->id)->type == FT_IPv4) {
			if (sscanf(v, "%u.%u.%u.%u%c", &a[0], &a[1], &a[2], &a[3], &tail) != 4 ||
			    a[0] > 255 || a[1] > 255 || a[2] > 255 || a[3] > 255) {
				snprintf(err, n, "\"%s\" is not a valid hostname or IPv4 address.", v);
				return -1;
			}
			f->value = (uint64_t)a[0] << 24 | a[1] << 16 | a[2] << 8 | a[3];
			f->kind = ZF_EQ_IPV4;
			return 0;
		}
		f->value = strtoull(v, &end, 0);
		if (end == v) {
			if (!strncmp(v, "True", 4) || !strncmp(v, "true", 4))
				f->value = 1;
			else if (!strncmp(v, "False", 5) || !strncmp(v, "false", 5))
				f->value = 0;
			else {
				snprintf(err, n, "\"%s\" is not a valid value (only numbers are supported)", v);
				return -1;
			}
		}
		f->kind = ZF_EQ;
	}
	return 0;
}

int zfilter_match(const struct zfilter *f, const struct packet *pk)
{
	if (f->kind == ZF_ALL)
		return 1;
	int i = fs_first(pk->fs, f->id);
	if (f->kind == ZF_PRESENT)
		return i >= 0;
	for (; i >= 0; i = pk->fs->items[i].next_same) {
		if (f->kind == ZF_EQ_IPV4) {
			const struct fvalue *fv = &pk->fs->items[i].val;
			const uint8_t *p = fv->v.b.p;
			if (fv->v.b.n == 4 &&
			    ((uint64_t)p[0] << 24 | (uint64_t)p[1] << 16 | p[2] << 8 | p[3]) == f->value)
				return 1;
			continue;
		}
		uint64_t v = pk->fs->items[i].val.v.u;
		if (f->mask)
			v = (v & f->mask) >> f->shift;
		if (v == f->value)
			return 1;
	}
	return 0;
}
