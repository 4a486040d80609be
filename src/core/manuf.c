/*
** manuf.c -- Ethernet names from the manuf and wka files tshark ships
** (/usr/share/wireshark), read once, when a resolved name is first wanted.
** Without the files only the addresses themselves are shown.  Only whole-byte
** OUIs are 24-bit (manuf's /28 and /36 blocks fall back to their OUI's vendor);
** well-known addresses are whole or prefixes (wka's /bits entries).
*/
#include "manuf.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int manuf_resolve = 1;

struct name_entry {
	uint64_t key; /* OUI (24 bits), or an address prefix as a 48-bit value */
	int bits;     /* wka: how many leading bits of the address match */
	const char *short_name, *long_name;
};

struct name_table {
	struct name_entry *e;
	int32_t n, cap;
};

static struct name_table ouis, wkas;
static pthread_once_t loaded = PTHREAD_ONCE_INIT;

/*
** "00:0B:82\t" (manuf: nbytes = 3) or "01-00-5E/25\t", "FF-FF-FF-FF-FF-FF\t" (wka:
** nbytes = 6, 3 to 6 bytes, an optional /bits): the key, its bits, the rest.
*/
static const char *parse_key(const char *p, int nbytes, uint64_t *key, int *bits)
{
	uint64_t k = 0;
	int i = 0;
	for (;;) {
		int h = hex_value(p[0]), l = h < 0 ? -1 : hex_value(p[1]);
		if (l < 0)
			return NULL;
		k = k << 8 | (uint64_t)(h << 4 | l);
		p += 2;
		i++;
		if (i == nbytes || (*p != ':' && *p != '-' && *p != '.'))
			break;
		p++;
	}
	if (i < 3 || (nbytes == 3 && i != 3))
		return NULL;
	*bits = 8 * i;
	if (*p == '/' && nbytes == 6) {
		*bits = (int)strtol(p + 1, (char **)&p, 10);
		if (*bits < 1 || *bits > 48)
			return NULL;
	} else if (nbytes == 6 && i != 6) {
		return NULL;
	}
	if (*p != '\t' && *p != ' ')
		return NULL;
	*key = nbytes == 6 ? k << (8 * (6 - i)) : k;
	return p;
}

static char *dupn(const char *p, size_t n)
{
	char *s = xmalloc(n + 1);
	memcpy(s, p, n);
	s[n] = 0;
	return s;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct name_entry *x = a, *y = b;
	if (x->bits != y->bits) /* longest prefixes first */
		return x->bits > y->bits ? -1 : 1;
	return x->key < y->key ? -1 : x->key > y->key;
}

static void load_file(const char *path, int nbytes, struct name_table *t)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char line[1024];
	while (fgets(line, sizeof line, f)) {
		uint64_t key;
		int bits;
		const char *p = line[0] == '#' ? NULL : parse_key(line, nbytes, &key, &bits);
		if (!p)
			continue;
		p += strspn(p, " \t");
		size_t sn = strcspn(p, "\t\r\n");
		if (!sn)
			continue;
		const char *l = p + sn;
		l += strspn(l, " \t");
		size_t ln = strcspn(l, "\t\r\n"); /* a tab starts a comment */
		if (ln > 63)                      /* tshark keeps names in 64-byte buffers */
			ln = 63;
		xgrow(&t->e, &t->cap, t->n + 1, sizeof *t->e);
		struct name_entry *e = &t->e[t->n++];
		e->key = key;
		e->bits = bits;
		e->short_name = dupn(p, sn);
		e->long_name = ln ? dupn(l, ln) : e->short_name;
	}
	fclose(f);
	qsort(t->e, (size_t)t->n, sizeof *t->e, cmp_entry);
}

static void load(void)
{
	const char *dir = getenv("WIRESIFT_WS_DATA"); /* tests: another copy of the files */
	char path[512];
	snprintf(path, sizeof path, "%s/manuf", dir ? dir : "/usr/share/wireshark");
	load_file(path, 3, &ouis);
	snprintf(path, sizeof path, "%s/wka", dir ? dir : "/usr/share/wireshark");
	load_file(path, 6, &wkas);
}

static const struct name_entry *find(struct name_table *t, uint64_t key, int bits)
{
	pthread_once(&loaded, load);
	struct name_entry k = {key, bits, NULL, NULL};
	return t->n ? bsearch(&k, t->e, (size_t)t->n, sizeof k, cmp_entry) : NULL;
}

const char *manuf_long(uint32_t oui)
{
	const struct name_entry *e = find(&ouis, oui, 24);
	return e ? e->long_name : NULL;
}

/* The longest wka prefix of at least min_bits and below max_bits that a matches. */
static const struct name_entry *wka_prefix(uint64_t a, int min_bits, int max_bits)
{
	for (int32_t i = 0; i < wkas.n; i++) { /* sorted longest first; few entries */
		const struct name_entry *e = &wkas.e[i];
		if (e->bits >= max_bits || e->bits < min_bits)
			continue;
		uint64_t mask = ~0ULL << (48 - e->bits) & 0xffffffffffffULL;
		if ((a & mask) == e->key)
			return e;
	}
	return NULL;
}

/* "IPv4mcast_fc": the bytes after the prefix, their leading zero bytes left out (tshark) */
static void prefix_name(const struct name_entry *e, const uint8_t m[6], char *buf, size_t n)
{
	int k = e->bits / 8;
	uint8_t rest[6];
	int nr = 0;
	for (int i = k; i < 6; i++)
		rest[nr++] = i == k ? (uint8_t)(m[i] & (0xff >> (e->bits % 8))) : m[i];
	int s = 0;
	while (s + 1 < nr && rest[s] == 0)
		s++;
	size_t w = (size_t)snprintf(buf, n, "%s_", e->short_name);
	for (int i = s; i < nr && w < n; i++)
		w += (size_t)snprintf(buf + w, n - w, i > s ? ":%02x" : "%02x", rest[i]);
}

void manuf_ether_name(const uint8_t m[6], int resolve, char *buf, size_t n)
{
	uint64_t a = 0;
	for (int i = 0; i < 6; i++)
		a = a << 8 | m[i];
	const struct name_entry *e = resolve ? find(&wkas, a, 48) : NULL;
	if (e) {
		snprintf(buf, n, "%s", e->short_name);
		return;
	}
	/* tshark's order: wka ranges inside an OUI, the OUI's vendor, wider wka ranges */
	if (resolve && (e = wka_prefix(a, 24, 48)) != NULL) {
		prefix_name(e, m, buf, n);
		return;
	}
	/* the vendor of a group address is the vendor of its individual twin */
	e = resolve ? find(&ouis, a >> 24 & 0xfeffff, 24) : NULL;
	if (e) {
		snprintf(buf, n, "%s_%02x:%02x:%02x", e->short_name, m[3], m[4], m[5]);
		return;
	}
	if (resolve && (e = wka_prefix(a, 1, 24)) != NULL) {
		prefix_name(e, m, buf, n);
		return;
	}
	snprintf(buf, n, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}
