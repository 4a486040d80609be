/*
** hosts.c -- per IP address: packets and bytes sent and received, with the
** country and AS number from a MaxMind-format database (libmaxminddb).
**
** Each address is looked up once, at the end.  Database layouts differ
** (GeoIP2/GeoLite2/DB-IP: country → iso_code; ip-location-db: country_code),
** so the key path is an option, with those two tried by default.
*/
#include <maxminddb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "../core/util.h"
#include "../stats/stats_int.h"
#include "report.h"

struct host {
	struct address a;
	uint64_t pkts_tx, pkts_rx, bytes_tx, bytes_rx;
	int64_t first_ns, last_ns;
};

struct hosts {
	struct htab tab;
};

struct hosts *hosts_new(void)
{
	struct hosts *h = xcalloc(1, sizeof *h);
	htab_init(&h->tab, sizeof(struct host), sizeof(struct address));
	return h;
}

void hosts_free(struct hosts *h)
{
	if (!h)
		return;
	htab_free(&h->tab);
	free(h);
}

static struct host *get(struct hosts *h, const struct address *a, int64_t ts)
{
	int isnew;
	struct host *r = htab_get(&h->tab, a, &isnew);
	if (isnew)
		r->first_ns = r->last_ns = ts;
	if (ts < r->first_ns)
		r->first_ns = ts;
	if (ts > r->last_ns)
		r->last_ns = ts;
	return r;
}

void hosts_add(struct hosts *h, const struct pinfo *pi)
{
	if (!pi->has_ip)
		return;
	struct host *s = get(h, &pi->src, pi->ts_ns);
	s->pkts_tx++;
	s->bytes_tx += pi->len;
	struct host *d = get(h, &pi->dst, pi->ts_ns);
	d->pkts_rx++;
	d->bytes_rx += pi->len;
}

enum {
	C_ADDR,
	C_CC,
	C_COUNTRY,
	C_ASN,
	C_ASORG,
	C_PTX,
	C_PRX,
	C_BTX,
	C_BRX,
	C_FIRST,
	C_LAST,
	C_COUNT
};
static const struct tcol cols[C_COUNT] = {
    {"addr", COL_ADDR},      {"country_code", COL_STRING}, {"country", COL_STRING},
    {"asn", COL_UINT},       {"as_org", COL_STRING},       {"pkts_sent", COL_UINT},
    {"pkts_rcvd", COL_UINT}, {"bytes_sent", COL_UINT},     {"bytes_rcvd", COL_UINT},
    {"first_ts", COL_TIME},  {"last_ts", COL_TIME},
};

/* split "country iso_code" into a NULL-terminated path, in buf */
static int split_path(const char *s, char *buf, size_t n, const char **path, int max)
{
	snprintf(buf, n, "%s", s);
	int k = 0;
	char *p = buf;
	while (*p && k < max - 1) {
		while (*p == ' ' || *p == '/' || *p == '.')
			*p++ = 0;
		if (!*p)
			break;
		path[k++] = p;
		while (*p && *p != ' ' && *p != '/' && *p != '.')
			p++;
	}
	path[k] = NULL;
	return k;
}

static int lookup(MMDB_entry_s *e, const char *spec, MMDB_entry_data_s *d)
{
	char buf[256];
	const char *path[16];
	if (!split_path(spec, buf, sizeof buf, path, 16))
		return 0;
	return MMDB_aget_value(e, d, path) == MMDB_SUCCESS && d->has_data;
}

static int is_set(const struct table *t, int col)
{
	return !table_cell(t, t->cur, col)->null;
}

static void set_mmdb_str(struct table *t, int col, const MMDB_entry_data_s *d)
{
	/* with several databases the first one that knows a column wins */
	if (d->type != MMDB_DATA_TYPE_UTF8_STRING || is_set(t, col))
		return;
	char buf[256];
	size_t n = d->data_size < sizeof buf - 1 ? d->data_size : sizeof buf - 1;
	memcpy(buf, d->utf8_string, n);
	buf[n] = 0;
	table_set_str(t, col, buf);
}

static void geo(MMDB_s *db, const struct rep_opts *o, const struct address *a, struct table *t)
{
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof ss);
	if (a->type == AT_IPv4) {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
		s4->sin_family = AF_INET;
		memcpy(&s4->sin_addr, a->a, 4);
	} else if (a->type == AT_IPv6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
		s6->sin6_family = AF_INET6;
		memcpy(&s6->sin6_addr, a->a, 16);
	} else {
		return;
	}
	int merr;
	MMDB_lookup_result_s r = MMDB_lookup_sockaddr(db, (struct sockaddr *)&ss, &merr);
	if (merr != MMDB_SUCCESS || !r.found_entry)
		return;
	MMDB_entry_data_s d;
	if (o->geoip_country_path) {
		if (lookup(&r.entry, o->geoip_country_path, &d))
			set_mmdb_str(t, C_CC, &d);
	} else if (lookup(&r.entry, "country iso_code", &d) ||
		   lookup(&r.entry, "country_code", &d)) {
		set_mmdb_str(t, C_CC, &d);
	}
	if (lookup(&r.entry, "country names en", &d))
		set_mmdb_str(t, C_COUNTRY, &d);
	if (!is_set(t, C_ASN) &&
	    lookup(&r.entry, o->geoip_asn_path ? o->geoip_asn_path : "autonomous_system_number",
		   &d)) {
		if (d.type == MMDB_DATA_TYPE_UINT32)
			table_set_uint(t, C_ASN, d.uint32);
		else if (d.type == MMDB_DATA_TYPE_UINT16)
			table_set_uint(t, C_ASN, d.uint16);
	}
	if (lookup(&r.entry, "autonomous_system_organization", &d))
		set_mmdb_str(t, C_ASORG, &d);
}

static int cmp_bytes(const void *x, const void *y)
{
	const struct host *a = x, *b = y;
	uint64_t ta = a->bytes_tx + a->bytes_rx, tb = b->bytes_tx + b->bytes_rx;
	if (ta != tb)
		return ta < tb ? 1 : -1;
	return addr_cmp(&a->a, &b->a);
}

int hosts_table(const struct hosts *h, const struct rep_opts *o, struct table *t, char *err,
		size_t n)
{
	MMDB_s db[4];
	int ndb = 0;
	table_init(t, "hosts", cols, C_COUNT);
	for (; ndb < o->ngeoip && ndb < 4; ndb++) {
		int s = MMDB_open(o->geoip[ndb], MMDB_MODE_MMAP, &db[ndb]);
		if (s != MMDB_SUCCESS) {
			snprintf(err, n, "%s: %s", o->geoip[ndb], MMDB_strerror(s));
			while (ndb--)
				MMDB_close(&db[ndb]);
			return -1;
		}
	}
	uint32_t cnt = h->tab.n;
	struct host *v = xmalloc((size_t)(cnt ? cnt : 1) * sizeof *v);
	for (uint32_t i = 0; i < cnt; i++)
		v[i] = *(const struct host *)htab_rec(&h->tab, i);
	qsort(v, cnt, sizeof *v, cmp_bytes); /* busiest first: the usual question */
	char ab[64];
	for (uint32_t i = 0; i < cnt; i++) {
		table_row(t);
		table_set_str(t, C_ADDR, addr_to_str(&v[i].a, ab, sizeof ab));
		for (int k = 0; k < ndb; k++)
			geo(&db[k], o, &v[i].a, t);
		table_set_uint(t, C_PTX, v[i].pkts_tx);
		table_set_uint(t, C_PRX, v[i].pkts_rx);
		table_set_uint(t, C_BTX, v[i].bytes_tx);
		table_set_uint(t, C_BRX, v[i].bytes_rx);
		table_set_time(t, C_FIRST, v[i].first_ns);
		table_set_time(t, C_LAST, v[i].last_ns);
	}
	free(v);
	for (int k = 0; k < ndb; k++)
		MMDB_close(&db[k]);
	return 0;
}
