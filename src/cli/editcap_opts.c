/*
** editcap_opts.c -- editcap's command line: each option's parsing and
** messages (editcap 4.0.17's words and exit codes), the record selection
** and the -a comments.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "edit_util.h"
#include "editcap_int.h"
#include "encap_names.h"

void ec_usage(void)
{
	fputs("\nUsage: wiresift editcap [options] ... <infile> <outfile> [ <packet#>[-<packet#>] "
	      "... ]\n"
	      "  -r keep the selected records (default: delete them)\n"
	      "  -A/-B <time> keep records at or after / before a time (epoch or YYYY-MM-DD "
	      "hh:mm:ss[.n])\n"
	      "  -c <count> / -i <seconds> split the output into several files\n"
	      "  -s <snaplen> -C [offset:]<choplen> -L -t <seconds> -S <strict adjustment>\n"
	      "  -d -D <dup window> -w <dup time window> -I <bytes to ignore>\n"
	      "  -E <error probability> -o <change offset> --seed <seed>\n"
	      "  -a <framenum>:<comment> -F pcap|nsecpcap|pcapng -T <encap type> -V -v\n",
	      stderr);
}

static int bad_count(const char *what, const char *v)
{
	fprintf(stderr, "editcap: The specified %s \"%s\" isn't a decimal number\n", what, v);
	ec_usage();
	return 1;
}

static int parse_ll(const char *v, long long *out)
{
	char *end;
	errno = 0;
	long long x = strtoll(v, &end, 10);
	if (end == v || *end || errno)
		return -1;
	*out = x;
	return 0;
}

int ec_add_range(struct ec *e, const char *arg)
{
	struct range r;
	const char *dash = strchr(arg, '-');
	char *end;
	errno = 0;
	r.lo = strtoll(arg, &end, 10);
	if (end == arg || (dash ? end != dash : *end != 0)) {
		fprintf(stderr,
			"editcap: The specified packet number \"%.*s\" isn't a decimal number\n",
			dash ? (int)(dash - arg) : (int)strlen(arg), arg);
		return 1;
	}
	r.hi = r.lo;
	if (dash) {
		const char *h = dash + 1;
		r.hi = strtoll(h, &end, 10);
		if (end == h || *end) {
			fprintf(stderr,
				"editcap: The specified end of packet range \"%s\" isn't a decimal "
				"number\n",
				h);
			return 1;
		}
	}
	/* a reversed range selects nothing, as in editcap */
	xgrow(&e->sel, &e->selcap, e->nsel + 1, sizeof *e->sel);
	e->sel[e->nsel++] = r;
	return 0;
}

int ec_selected(const struct ec *e, long long n)
{
	for (int32_t i = 0; i < e->nsel; i++)
		if (n >= e->sel[i].lo && n <= e->sel[i].hi)
			return 1;
	return 0;
}

const char *ec_comment_for(const struct ec *e, long long frame)
{
	for (int32_t i = 0; i < e->ncom; i++)
		if (e->com[i].frame == frame)
			return e->com[i].text;
	return NULL;
}

/* -a N:text, the last one for a frame winning, as editcap's tree replace. */
static int add_comment(struct ec *e, const char *arg)
{
	unsigned n;
	int at = 0;
	if (sscanf(arg, "%u:%n", &n, &at) < 1 || at == 0) {
		fprintf(stderr, "editcap: \"%s\" isn't a valid <frame>:<comment>\n\n", arg);
		return 1;
	}
	for (int32_t i = 0; i < e->ncom; i++)
		if (e->com[i].frame == n) {
			free(e->com[i].text);
			e->com[i].text = xstrdup(arg + at);
			return 0;
		}
	xgrow(&e->com, &e->comcap, e->ncom + 1, sizeof *e->com);
	e->com[e->ncom].frame = n;
	e->com[e->ncom++].text = xstrdup(arg + at);
	return 0;
}

/* -w's seconds: editcap drops a leading '-'. */
static int set_time_window(struct ec *e, const char *arg)
{
	const char *p = arg;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '-')
		p++;
	int r = *p == '-' || *p == '+' ? -1 : parse_rel_time(p, &e->dups.tw_sec, &e->dups.tw_nsec);
	if (r) {
		/* editcap numbers its three messages: the whole seconds, their sign, the fraction
		 */
		int which = r != -2 && (*p == '.' || (*p >= '0' && *p <= '9')) ? 3 : 1;
		fprintf(stderr, "%d: editcap: \"%s\" isn't a valid rel time value\n", which, p);
		return 1;
	}
	e->dups.mode = DUP_TIME;
	return 0;
}

static int parse_u32(const char *what, const char *v, uint32_t *out)
{
	long long x;
	if (parse_ll(v, &x) || x < 0 || x > UINT32_MAX) {
		fprintf(stderr, "editcap: The specified %s \"%s\" isn't a decimal number\n", what,
			v);
		return 1;
	}
	*out = (uint32_t)x;
	return 0;
}

static void version(void)
{
	puts("Editcap (wiresift), options of editcap 4.0.17.");
}

/* One option; 0 to go on, otherwise the exit code (-1: done, exit 0). */
int ec_option(struct ec *e, int c, const char *arg)
{
	long long v;
	switch (c) {
	case 'r':
		e->keep = 1;
		break;
	case 'A':
	case 'B': {
		int64_t s;
		int32_t n;
		if (parse_abs_time(arg, &s, &n)) {
			fprintf(stderr, "editcap: \"%s\" isn't a valid date and time\n\n", arg);
			return 1;
		}
		if (c == 'A')
			e->has_a = 1, e->a_sec = s, e->a_nsec = n;
		else
			e->has_b = 1, e->b_sec = s, e->b_nsec = n;
		break;
	}
	case 'a':
		return add_comment(e, arg);
	case 'c':
		if (parse_ll(arg, &v))
			return bad_count("packet count", arg);
		if (v <= 0) {
			fputs("editcap: The specified packet count is zero\n", stderr);
			return 1;
		}
		e->split_count = v;
		break;
	case 'C':
		if (chop_add(&e->chop, arg)) {
			fprintf(stderr,
				"editcap: \"%s\" isn't a valid chop length or offset:length\n",
				arg);
			return 1;
		}
		break;
	case 'd':
		e->dups.mode = DUP_WINDOW;
		e->dups.window = 5;
		break;
	case 'D':
		if (parse_ll(arg, &v) || v < 0 || v > 1000000) {
			fprintf(stderr,
				"editcap: \"%s\" duplicate window value must be between 0 and "
				"1000000 inclusive.\n",
				arg);
			return 1;
		}
		e->dups.mode = DUP_WINDOW;
		e->dups.window = (int)v;
		break;
	case 'E': {
		char *end;
		e->err_prob = strtod(arg, &end);
		if (end == arg || e->err_prob < 0.0 || e->err_prob > 1.0) {
			fprintf(stderr, "editcap: probability \"%s\" must be between 0.0 and 1.0\n",
				arg);
			return 1;
		}
		break;
	}
	case 'F':
		e->fmt = cap_wfmt_parse(arg);
		if (e->fmt < 0) {
			fprintf(stderr, "editcap: \"%s\" isn't a valid capture file type\n", arg);
			fputs("editcap: wiresift can write: pcap, nsecpcap, pcapng\n", stderr);
			return 1;
		}
		break;
	case 'i': {
		int r = parse_rel_time(arg, &e->iv_sec, &e->iv_nsec);
		if (r == -2 && *arg != '-') {
			/* editcap reads -i as a double: past int64, one interval holds all */
			e->iv_sec = (int64_t)1 << 53;
			e->iv_nsec = 0;
			r = 0;
		}
		if (r || (e->iv_sec <= 0 && e->iv_nsec <= 0) || e->iv_sec < 0) {
			fprintf(stderr, "editcap: \"%s\" isn't a valid time interval\n", arg);
			return 1;
		}
		e->has_interval = 1;
		break;
	}
	case 'I':
		return parse_u32("number of bytes to ignore", arg, &e->dups.ignore);
	case 'L':
		e->adjlen = 1;
		break;
	case 'o':
		return parse_u32("change offset for specified fuzzing", arg, &e->change_offset);
	case 's':
		if (parse_ll(arg, &v) || v < 0 || v > UINT32_MAX)
			return bad_count("snapshot length", arg);
		e->snaplen = (uint32_t)v;
		break;
	case 'S':
		if (strict_parse(&e->strict, arg)) {
			fprintf(stderr, "editcap: \"%s\" isn't a valid time adjustment\n", arg);
			return 1;
		}
		break;
	case 't':
		if (parse_rel_time(arg, &e->sh_sec, &e->sh_nsec)) {
			fprintf(stderr, "editcap: \"%s\" isn't a valid time adjustment\n", arg);
			return 1;
		}
		e->has_shift = 1;
		break;
	case 'T':
		e->encap = encap_by_name(arg);
		if (!e->encap) {
			fprintf(stderr, "editcap: \"%s\" isn't a valid encapsulation type\n\n",
				arg);
			encap_list("editcap");
			return 1;
		}
		break;
	case 'v':
		version();
		return -1;
	case 'V':
		e->verbose = 1;
		break;
	case 'w':
		return set_time_window(e, arg);
	case 256: /* --seed */
		if (sscanf(arg, "%u", &e->seed) != 1) {
			fprintf(stderr, "editcap: \"%s\" isn't a valid seed\n\n", arg);
			return 1;
		}
		e->has_seed = 1;
		break;
	default:
		ec_usage();
		return 1;
	}
	return 0;
}

void ec_free(struct ec *e)
{
	for (int32_t i = 0; i < e->ncom; i++)
		free(e->com[i].text);
	free(e->com);
	free(e->sel);
}
