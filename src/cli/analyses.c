/*
** analyses.c -- `wiresift streams|sessions|intervals|esp|hosts|facts|
** analyze|report|plot`: the troubleshooter's tables, in one pass.
**
** Every accumulator runs in the same pass (each costs memory per flow, host
** or interval only), and the subcommand picks which tables to write.  Long
** options only, so tshark's short flags keep their meanings elsewhere.
*/
#include "analyses.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../engine/engine.h"
#include "../core/util.h"
#include "../dissect/tcp_lean.h"
#include "../report/html.h"
#include "../report/report.h"
#include "../stats/stats_int.h" /* zfilter: -Y until the display filter engine is merged */

enum cmd {
	K_STREAMS,
	K_SESSIONS,
	K_INTERVALS,
	K_ESP,
	K_HOSTS,
	K_FACTS,
	K_ANALYZE,
	K_REPORT,
	K_PLOT,
	K_TRADE,
	K_HOTKEYS,
	K_COUNT
};
static const char *const cmd_names[K_COUNT] = {"streams", "sessions", "intervals",        "esp",
					       "hosts",   "facts",    "analyze",          "report",
					       "plot",    "trade",    "aerospike-hotkeys"};

int analyses_is_cmd(const char *name)
{
	for (int i = 0; i < K_COUNT; i++)
		if (!strcmp(name, cmd_names[i]))
			return 1;
	return 0;
}

static void usage(FILE *out)
{
	fputs(
	    "usage: wiresift streams|sessions|intervals|esp|hosts|facts|analyze|report|plot|\n"
	    "                trade|aerospike-hotkeys\n"
	    "         [-r] FILE|DIR|'GLOB'... [--format table|tsv|csv|ndjson|sqlite|parquet]\n"
	    "         [--out PATH] [-c COUNT]\n"
	    "  --out DIR            parquet: one DIR/TABLE.parquet per table\n"
	    "  --compression zstd|none   parquet page compression (default zstd)\n"
	    "  -j N                 worker threads (default: one per CPU for streams/intervals "
	    "without -Y on a plain pcap, else 1; 0 = one per CPU; output is the same)\n"
	    "  -Y FILTER            count only matching frames (FIELD, FIELD==NUMBER, FIELD==IPv4 "
	    "for now)\n"
	    "  --interval SECONDS   intervals, esp, sessions --per (default 1)\n"
	    "  --fill               intervals: a row for every interval, busy or not\n"
	    "  --window FROM:TO     sessions: SYN time window in seconds from the first frame\n"
	    "  --server ADDR        sessions: only sessions toward ADDR (repeatable)\n"
	    "  --port PORT          sessions: only sessions toward PORT (repeatable)\n"
	    "  --per                sessions: one row per interval of SYN time\n"
	    "  --geoip FILE         hosts: MaxMind-format database (.mmdb); repeatable (country + "
	    "ASN\n"
	    "                       databases): each column takes the first database that has it\n"
	    "  --geoip-path PATH    hosts: key path of the country code (default 'country "
	    "iso_code',\n"
	    "                       then 'country_code')\n"
	    "  --asn-path PATH      hosts: key path of the AS number (default "
	    "autonomous_system_number)\n"
	    "  --series LIST        plot: comma-separated intervals columns (default packets)\n"
	    "  --stream N           plot: time-sequence graph of TCP stream N instead\n"
	    "  --top N              report: rows of the top-streams table (default 20)\n"
	    "  --progress auto|always|never   progress line on stderr (auto: when it is a "
	    "terminal)\n"
	    "analyze writes every table (streams, sessions, intervals, esp, esp_intervals, hosts, "
	    "facts);\n"
	    "report writes one self-contained HTML file; plot one SVG chart.\n"
	    "trade: TRADE timeline (Ping/Pong, Roundtrip, zero windows, resets) and connections\n"
	    "(seed 001); aerospike-hotkeys: requests / responses per Aerospike key digest (seed "
	    "002).\n",
	    out);
}

/* what a command reads of the streams: their table, or nothing (intervals keeps its own) */
enum { S_NONE, S_FULL };

struct acc {
	struct streams *streams;
	struct intervals *iv;
	struct esp *esp;
	struct hosts *hosts;
	struct facts *facts;
	uint32_t tcp_seen; /* highest tcp.stream + 1: a larger id is a new stream */
	struct zfilter filter;
	struct tsg *tsg; /* plot --stream */
	struct trade *trade;
	struct hotkeys *hotkeys;
	/* which accumulators the command prints: the others are not fed (speed, memory) */
	uint8_t need_iv, need_esp, need_hosts, need_facts;
	uint8_t streams_mode; /* S_* */
	uint8_t need_pinfo;   /* hosts, facts, ... read every frame's struct pinfo (or the check) */
	int64_t width_ns;     /* --interval, for the threads' parts */
};

/* an ESP frame's SA (esp reads struct pinfo, but only an ESP frame's: has_esp) */
static __attribute__((noinline)) void esp_frame(struct acc *a, const struct packet *pk,
						struct esp_delta *ed)
{
	struct pinfo pi;
	pinfo_get(pk, &pi);
	esp_add(a->esp, &pi, ed);
}

/* a TCP frame's stream is new when its number passes every one seen (numbers come in order) */
static inline int new_tcp_stream(struct acc *a, const struct pk_pirec *rec)
{
	uint32_t id = (uint32_t)pinfo_rec_u(rec, PIR_TCP_STREAM);
	int new_stream = (rec->has >> PIR_TCP_STREAM & 1) && id >= a->tcp_seen;
	if (new_stream)
		a->tcp_seen = id + 1;
	return new_stream;
}

/* the tables that read the frame's record (pk->pir) themselves; 0: -Y leaves the frame out */
static inline int feed_rec(struct acc *a, const struct packet *pk)
{
	/* every frame is dissected (TCP analysis needs them all); -Y only picks what is counted */
	if (a->filter.f && !zfilter_match(&a->filter, pk))
		return 0;
	const struct pk_pirec *rec = &pk->pir;
	if (a->streams_mode == S_FULL)
		streams_add(a->streams, pk);
	struct esp_delta ed = {0, 0, 0};
	if (a->need_esp && (rec->has >> PIR_ESP_SPI & 1))
		esp_frame(a, pk, &ed);
	if (a->need_iv)
		intervals_add(a->iv, pk, new_tcp_stream(a, rec), &ed);
	return 1;
}

/* streams, intervals, esp, plot: no table reads every frame's struct pinfo */
static void on_packet_rec(void *ctx, const struct packet *pk)
{
	feed_rec(ctx, pk);
}

static void on_packet(void *ctx, const struct packet *pk)
{
	struct acc *a = ctx;
	if (!feed_rec(a, pk))
		return;
	struct pinfo pi;
	pinfo_get(pk, &pi);
	if (a->need_hosts)
		hosts_add(a->hosts, &pi);
	if (a->need_facts)
		facts_add(a->facts, &pi);
	if (a->tsg)
		tsg_add(a->tsg, &pi);
	if (a->trade)
		trade_add(a->trade, pk, &pi);
	if (a->hotkeys)
		hotkeys_add(a->hotkeys, pk, &pi);
}

/* `streams` alone, unfiltered: nothing past the streams table runs per frame */
static void on_packet_streams(void *ctx, const struct packet *pk)
{
	struct acc *a = ctx;
	streams_add(a->streams, pk);
}

/* on_packet_iv's ESP frame: its SA's deltas first */
static __attribute__((noinline)) void iv_esp(struct acc *a, const struct packet *pk)
{
	struct esp_delta ed = {0, 0, 0};
	esp_frame(a, pk, &ed);
	intervals_add(a->iv, pk, new_tcp_stream(a, &pk->pir), &ed);
}

/*
** `intervals` unfiltered (esp fed for its columns, no streams table): feed_rec
** without its per-frame tests of what the command wants.  A frame that is not
** ESP has no deltas: intervals_add looks at them only for an ESP frame.
*/
static void on_packet_iv(void *ctx, const struct packet *pk)
{
	struct acc *a = ctx;
	if (pk->pir.has >> PIR_ESP_SPI & 1)
		iv_esp(a, pk);
	else
		intervals_add(a->iv, pk, new_tcp_stream(a, &pk->pir), NULL);
}

/*
** Threads (streams and intervals without -Y): each worker feeds its own
** streams, intervals and esp (for intervals' esp columns), merged at the
** end; an ESP SA's frames share their addresses and so their worker.
*/
static void *acc_part_new(void *ctx)
{
	const struct acc *a = ctx;
	struct acc *p = xcalloc(1, sizeof *p);
	p->streams = streams_new();
	p->iv = intervals_new(a->width_ns);
	p->esp = esp_new(a->width_ns);
	p->need_iv = a->need_iv;
	p->need_esp = a->need_esp;
	p->streams_mode = a->streams_mode;
	p->need_pinfo = a->need_pinfo;
	return p;
}

static void acc_part_free(void *part)
{
	struct acc *p = part;
	streams_free(p->streams);
	intervals_free(p->iv);
	esp_free(p->esp);
	free(p);
}

static void acc_merge(void *ctx, void *const *parts, int n, const struct engine_streams *es)
{
	struct acc *a = ctx;
	struct streams **ss = xcalloc((size_t)n, sizeof *ss);
	struct intervals **ivs = xcalloc((size_t)n, sizeof *ivs);
	for (int w = 0; w < n; w++) {
		const struct acc *p = parts[w];
		ss[w] = p->streams;
		ivs[w] = p->iv;
	}
	streams_merge(a->streams, ss, n, es);
	intervals_merge(a->iv, ivs, n, es);
	free(ss);
	free(ivs);
}

static const struct drive_par acc_par = {acc_part_new, acc_merge, acc_part_free};

/* analyze's provenance row: which file, how much of it, and whether the run finished */
static void run_table(struct table *t, const char *cmd, const char *path,
		      const struct drive_info *di)
{
	static const struct tcol cols[] = {
	    {"command", COL_STRING}, {"capture", COL_STRING}, {"packets", COL_UINT},
	    {"bytes", COL_UINT},     {"first_ts", COL_TIME},  {"last_ts", COL_TIME},
	    {"complete", COL_INT},   {"error", COL_STRING},
	};
	table_init(t, "run", cols, (int)(sizeof cols / sizeof cols[0]));
	table_row(t);
	table_set_str(t, 0, cmd);
	table_set_str(t, 1, path);
	table_set_uint(t, 2, di->packets);
	table_set_uint(t, 3, di->bytes);
	if (di->packets) {
		table_set_time(t, 4, di->first_ns);
		table_set_time(t, 5, di->last_ns);
	}
	table_set_int(t, 6, !di->damaged && !di->interrupted);
	table_set_str(t, 7, di->damaged ? di->error : di->interrupted ? "interrupted" : NULL);
}

static int parse_seconds(const char *s, int64_t *ns)
{
	char *end;
	errno = 0;
	double d = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(d) || d < 0 || d > 1e10)
		return -1;
	*ns = (int64_t)llround(d * 1e9);
	return 0;
}

static int parse_addr(const char *s, struct address *a)
{
	uint8_t b[16];
	if (inet_pton(AF_INET, s, b) == 1)
		addr_set(a, AT_IPv4, b);
	else if (inet_pton(AF_INET6, s, b) == 1)
		addr_set(a, AT_IPv6, b);
	else
		return -1;
	return 0;
}

static int parse_uint(const char *s, unsigned long max, unsigned long *v)
{
	char *end;
	errno = 0;
	unsigned long x = strtoul(s, &end, 10);
	if (errno || end == s || *end || x > max)
		return -1;
	*v = x;
	return 0;
}

int analyses_main(int argc, char **argv)
{
	enum cmd cmd = K_STREAMS;
	for (int i = 0; i < K_COUNT; i++)
		if (!strcmp(argv[0], cmd_names[i]))
			cmd = (enum cmd)i;
	struct rep_opts o;
	memset(&o, 0, sizeof o);
	o.interval_ns = 1000000000LL;
	o.win_to_ns = -1;
	o.top = 20;
	const char **paths = xcalloc((size_t)argc, sizeof *paths);
	int npaths = 0;
	const char *path = NULL, *out = NULL, *series = "packets", *yfilter = NULL;
	int fmt = TF_AUTO, progress = isatty(STDERR_FILENO), zstd = 1;
	long long max = 0;
	long tsg_stream = -1;
	enum {
		O_FORMAT = 256,
		O_OUT,
		O_INTERVAL,
		O_FILL,
		O_WINDOW,
		O_SERVER,
		O_PORT,
		O_PER,
		O_GEOIP,
		O_GEOIP_PATH,
		O_ASN_PATH,
		O_SERIES,
		O_STREAM,
		O_TOP,
		O_PROGRESS,
		O_COMPRESSION
	};
	static const struct option lopts[] = {
	    {"format", required_argument, 0, O_FORMAT},
	    {"out", required_argument, 0, O_OUT},
	    {"interval", required_argument, 0, O_INTERVAL},
	    {"fill", no_argument, 0, O_FILL},
	    {"window", required_argument, 0, O_WINDOW},
	    {"server", required_argument, 0, O_SERVER},
	    {"port", required_argument, 0, O_PORT},
	    {"per", no_argument, 0, O_PER},
	    {"geoip", required_argument, 0, O_GEOIP},
	    {"geoip-path", required_argument, 0, O_GEOIP_PATH},
	    {"asn-path", required_argument, 0, O_ASN_PATH},
	    {"series", required_argument, 0, O_SERIES},
	    {"stream", required_argument, 0, O_STREAM},
	    {"top", required_argument, 0, O_TOP},
	    {"progress", required_argument, 0, O_PROGRESS},
	    {"compression", required_argument, 0, O_COMPRESSION},
	    {"help", no_argument, 0, 'h'},
	    {0, 0, 0, 0},
	};
	int c;
	unsigned long u;
	optind = 1;
	while ((c = getopt_long(argc, argv, "r:c:Y:j:h", lopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			paths[npaths++] = optarg;
			break;
		case 'Y':
			yfilter = optarg;
			break;
		case 'c':
			if (parse_uint(optarg, 1UL << 40, &u) || !u)
				goto bad;
			max = (long long)u;
			break;
		case 'j': /* worker threads (src/engine) */
			if (parse_uint(optarg, 64, &u))
				goto bad;
			engine_set_jobs(u ? (int)u : -1); /* -j 0: one per CPU */
			break;
		case O_FORMAT:
			if ((fmt = tfmt_parse(optarg)) < 0)
				goto bad;
			break;
		case O_OUT:
			out = optarg;
			break;
		case O_COMPRESSION:
			if ((zstd = tcodec_parse(optarg)) < 0)
				goto bad;
			break;
		case O_INTERVAL:
			if (parse_seconds(optarg, &o.interval_ns) || o.interval_ns < 1000)
				goto bad;
			break;
		case O_FILL:
			o.fill = 1;
			break;
		case O_WINDOW: {
			const char *colon = strchr(optarg, ':');
			char from[64];
			if (!colon || (size_t)(colon - optarg) >= sizeof from)
				goto bad;
			o.has_window = 1;
			memcpy(from, optarg, (size_t)(colon - optarg));
			from[colon - optarg] = 0;
			if ((*from && parse_seconds(from, &o.win_from_ns)) ||
			    (colon[1] && parse_seconds(colon + 1, &o.win_to_ns)))
				goto bad;
			break;
		}
		case O_SERVER:
			if (o.nservers == 16 || parse_addr(optarg, &o.servers[o.nservers++]))
				goto bad;
			break;
		case O_PORT:
			if (o.nports == 16 || parse_uint(optarg, 65535, &u))
				goto bad;
			o.ports[o.nports++] = (uint16_t)u;
			break;
		case O_PER:
			o.per = 1;
			break;
		case O_GEOIP:
			if (o.ngeoip == 4)
				goto bad;
			o.geoip[o.ngeoip++] = optarg;
			break;
		case O_GEOIP_PATH:
			o.geoip_country_path = optarg;
			break;
		case O_ASN_PATH:
			o.geoip_asn_path = optarg;
			break;
		case O_SERIES:
			series = optarg;
			break;
		case O_STREAM:
			if (parse_uint(optarg, UINT32_MAX - 1, &u))
				goto bad;
			tsg_stream = (long)u;
			break;
		case O_TOP:
			if (parse_uint(optarg, 1000000, &u))
				goto bad;
			o.top = (int)u;
			break;
		case O_PROGRESS:
			if (!strcmp(optarg, "always"))
				progress = 2;
			else if (!strcmp(optarg, "never"))
				progress = 0;
			else if (strcmp(optarg, "auto"))
				goto bad;
			break;
		case 'h':
			usage(stdout);
			free(paths);
			return 0;
		default:
			goto bad;
		}
	}
	/* every file, folder or pattern named is one capture, read in time order */
	while (optind < argc)
		paths[npaths++] = argv[optind++];
	if (!npaths) {
		fprintf(stderr, "wiresift %s: no capture file given\n", argv[0]);
		usage(stderr);
		free(paths);
		return 1;
	}
	/* the run table and the report title name every argument */
	size_t plen = 1;
	for (int i = 0; i < npaths; i++)
		plen += strlen(paths[i]) + 1;
	char *label = xmalloc(plen);
	label[0] = 0;
	for (int i = 0; i < npaths; i++) {
		size_t l = strlen(label);
		snprintf(label + l, plen - l, "%s%s", i ? " " : "", paths[i]);
	}
	path = paths[0];
	if ((cmd == K_REPORT || cmd == K_PLOT) && fmt != TF_AUTO) {
		fprintf(stderr, "wiresift %s: --format does not apply (HTML / SVG)\n", argv[0]);
		free(paths);
		free(label);
		return 1;
	}

	struct zfilter zf;
	char ferr[256];
	if (zfilter_compile(&zf, yfilter, ferr, sizeof ferr)) {
		fprintf(stderr, "wiresift %s: %s\n", argv[0], ferr);
		free(paths);
		free(label);
		return 1;
	}
	pinfo_want(cmd == K_STREAMS || cmd == K_INTERVALS || cmd == K_ESP,
		   cmd != K_STREAMS && cmd != K_ESP);
	struct acc a = {
	    .filter = zf,
	    .streams = streams_new(),
	    .iv = intervals_new(o.interval_ns),
	    .esp = esp_new(o.interval_ns),
	    .hosts = hosts_new(),
	    .facts = facts_new(),
	    .tsg = cmd == K_PLOT && tsg_stream >= 0 ? tsg_new((uint32_t)tsg_stream) : NULL,
	    .trade = cmd == K_TRADE ? trade_new() : NULL,
	    .hotkeys = cmd == K_HOTKEYS ? hotkeys_new() : NULL,
	    .width_ns = o.interval_ns,
	    /* the same conditions as the tables printed below */
	    .need_iv = cmd == K_INTERVALS || cmd == K_ANALYZE || cmd == K_REPORT || cmd == K_PLOT,
	    .need_hosts = cmd == K_HOSTS || cmd == K_ANALYZE,
	    .need_facts = cmd == K_FACTS || cmd == K_ANALYZE || cmd == K_REPORT,
	};
	a.need_esp =
	    a.need_iv || cmd == K_ESP || cmd == K_ANALYZE; /* intervals reads esp's deltas */
	/* the same conditions as the tables below that take a.streams */
	a.streams_mode = cmd == K_STREAMS || cmd == K_SESSIONS || cmd == K_ANALYZE ||
				 cmd == K_REPORT || cmd == K_FACTS
			     ? S_FULL
			     : S_NONE;
	a.need_pinfo =
	    a.need_hosts || a.need_facts || a.tsg || a.trade || a.hotkeys || pinfo_checking();
	pinfo_want_checksums(a.need_facts);
	/* streams and intervals read TCP's header and analysis, never its payload */
	tcp_lean_set((cmd == K_STREAMS || cmd == K_INTERVALS) && !yfilter ? TCP_LEAN_APP
									  : TCP_LEAN_OFF);
	struct drive_info di;
	int par = (cmd == K_STREAMS || cmd == K_INTERVALS) && !yfilter;
	drive_fn fn = a.need_pinfo ? on_packet : on_packet_rec;
	if (!a.filter.f && !a.need_pinfo && !a.need_esp && !a.need_iv && a.streams_mode == S_FULL)
		fn = on_packet_streams;
	if (!a.filter.f && !a.need_pinfo && a.need_esp && a.need_iv && a.streams_mode == S_NONE)
		fn = on_packet_iv;
	int rc = drive_files_par(paths, npaths, max, fn, &a, par ? &acc_par : NULL, progress, &di);
	char err[512] = "";
	struct table tabs[8];
	int nt = 0;
	if (rc)
		goto done;
	if (cmd == K_STREAMS || cmd == K_ANALYZE || cmd == K_REPORT)
		streams_table(a.streams, &tabs[nt++]);
	if (cmd == K_SESSIONS || cmd == K_ANALYZE)
		sessions_table(a.streams, &o, &tabs[nt++]);
	if (cmd == K_INTERVALS || cmd == K_ANALYZE || cmd == K_REPORT || cmd == K_PLOT)
		intervals_table(a.iv, o.fill || cmd == K_REPORT || cmd == K_PLOT, di.first_ns,
				cmd == K_REPORT || cmd == K_PLOT ? 2000 : 0, &tabs[nt++]);
	if (cmd == K_ESP || cmd == K_ANALYZE) {
		esp_tables(a.esp, di.first_ns, &tabs[nt], &tabs[nt + 1]);
		nt += 2;
	}
	if (cmd == K_HOSTS || cmd == K_ANALYZE) {
		if (hosts_table(a.hosts, &o, &tabs[nt++], err, sizeof err)) {
			fprintf(stderr, "wiresift: %s\n", err);
			rc = 2;
			goto done;
		}
	}
	if (cmd == K_FACTS || cmd == K_ANALYZE || cmd == K_REPORT)
		facts_table(a.facts, &di, a.streams, &tabs[nt++]);
	if (cmd == K_TRADE) {
		trade_tables(a.trade, &tabs[nt], &tabs[nt + 1]);
		nt += 2;
	}
	if (cmd == K_HOTKEYS)
		hotkeys_table(a.hotkeys, &tabs[nt++]);
	if (cmd == K_ANALYZE)
		run_table(&tabs[nt++], argv[0], label, &di);
	if (cmd == K_REPORT || cmd == K_PLOT) {
		FILE *f = out && strcmp(out, "-") ? fopen(out, "w") : stdout;
		if (!f) {
			fprintf(stderr, "wiresift: cannot write %s\n", out);
			rc = 2;
			goto done;
		}
		int bad;
		if (cmd == K_REPORT)
			bad = html_report(f, label, &tabs[0], &tabs[1], &tabs[2], o.top);
		else if (a.tsg)
			bad = tsg_svg(a.tsg, f);
		else
			bad = svg_plot(f, &tabs[0], series);
		if (bad && a.tsg) {
			fprintf(stderr, "wiresift plot: no TCP stream %ld\n", tsg_stream);
			rc = 1;
		} else if (bad) {
			fprintf(stderr, "wiresift plot: unknown series in '%s'\n", series);
			rc = 1;
		}
		if (f != stdout)
			fclose(f);
		else
			fflush(f);
		goto done;
	}
	struct tsink *sink = tsink_open((enum tfmt)fmt, out, err, sizeof err);
	if (!sink) {
		fprintf(stderr, "wiresift: %s\n", err);
		rc = 2;
		goto done;
	}
	tsink_codec(sink, zstd);
	for (int i = 0; i < nt; i++)
		if (tsink_write(sink, &tabs[i]))
			rc = 2;
	if (tsink_close(sink, err, sizeof err)) {
		fprintf(stderr, "wiresift: %s\n", err);
		rc = 2;
	}
done:
	if (!rc && di.interrupted) {
		fprintf(stderr, "wiresift: interrupted: tables cover the first %llu frames\n",
			(unsigned long long)di.packets);
		rc = 130; /* what a shell reports for SIGINT, so scripts still see the interruption
			   */
	}
	if (!rc && di.damaged && npaths == 1) {
		fprintf(stderr, "wiresift: %s: %s (tables cover the %llu frames before it)\n", path,
			di.error, (unsigned long long)di.packets);
		rc = 3;
	} else if (!rc && di.damaged) {
		/* the other files were read to their end */
		fprintf(stderr, "wiresift: %s\n(tables cover the %llu frames read)\n", di.error,
			(unsigned long long)di.packets);
		rc = 3;
	}
	for (int i = 0; i < nt; i++)
		table_free(&tabs[i]);
	streams_free(a.streams);
	intervals_free(a.iv);
	esp_free(a.esp);
	hosts_free(a.hosts);
	facts_free(a.facts);
	tsg_free(a.tsg);
	trade_free(a.trade);
	hotkeys_free(a.hotkeys);
	free(paths);
	free(label);
	return rc;
bad:
	free(paths);
	fprintf(stderr, "wiresift %s: bad option or value%s%s\n", argv[0], optarg ? ": " : "",
		optarg ? optarg : "");
	usage(stderr);
	return 1;
}
