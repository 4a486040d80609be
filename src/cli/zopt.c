/*
** zopt.c -- parsing tshark's -z arguments into statistics modules.
*/
#include "zopt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/expert.h"

static int prefix(const char *s, const char *p, const char **rest)
{
	size_t n = strlen(p);
	if (strncmp(s, p, n))
		return 0;
	if (s[n] != 0 && s[n] != ',')
		return 0;
	*rest = s[n] == ',' ? s + n + 1 : NULL;
	return 1;
}

/* "TYPE[,filter]" of conv and endpoints */
static int add_table(struct stats *st, const char *arg, int endpoints, char *err, size_t n)
{
	const char *comma = strchr(arg, ',');
	size_t tl = comma ? (size_t)(comma - arg) : strlen(arg);
	int t = conv_type_parse(arg, tl);
	if (t < 0)
		return 1;
	const char *filter = comma ? comma + 1 : NULL;
	return endpoints ? stats_add_endpoints(st, (enum conv_type)t, filter, err, n)
			 : stats_add_conv(st, (enum conv_type)t, filter, err, n);
}

static int add_expert(struct stats *st, const char *arg, char *err, size_t n)
{
	static const struct {
		const char *name;
		int sev;
	} levels[] = {{"error", PI_ERROR},
		      {"warn", PI_WARN},
		      {"note", PI_NOTE},
		      {"chat", PI_CHAT},
		      {"comment", PI_COMMENT}};
	int sev = 0;
	const char *filter = arg;
	if (arg) {
		for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
			const char *rest;
			if (prefix(arg, levels[i].name, &rest)) {
				sev = levels[i].sev;
				filter = rest;
				break;
			}
		}
	}
	return stats_add_expert(st, sev, filter, err, n);
}

/* 0 ok, -1 error (message in err), 1 not a known -z */
static int add_one(struct stats *st, const char *z, char *err, size_t n)
{
	const char *rest;
	if (prefix(z, "conv", &rest) && rest)
		return add_table(st, rest, 0, err, n);
	if (prefix(z, "endpoints", &rest) && rest)
		return add_table(st, rest, 1, err, n);
	if (prefix(z, "expert", &rest))
		return add_expert(st, rest, err, n);
	if (prefix(z, "io,phs", &rest))
		return stats_add_phs(st, rest, err, n);
	if (prefix(z, "io,stat", &rest) && rest)
		return stats_add_iostat(st, rest, err, n);
	return 1;
}

int zopt_app_blind(const char *const *args, int nargs)
{
	for (int i = 0; i < nargs; i++) {
		const char *rest;
		if ((prefix(args[i], "conv", &rest) || prefix(args[i], "endpoints", &rest)) &&
		    rest && !strchr(rest, ','))
			continue;
		if (prefix(args[i], "io,stat", &rest) && rest && !strchr(rest, ','))
			continue;
		return 0;
	}
	return nargs > 0;
}

struct stats *zopt_build(const char *const *args, int nargs)
{
	if (!nargs)
		return NULL;
	struct stats *st = stats_new();
	for (int i = 0; i < nargs; i++) {
		char err[512] = "";
		int r = add_one(st, args[i], err, sizeof err);
		if (r == 0)
			continue;
		if (r > 0)
			fprintf(stderr,
				"tshark: Invalid -z argument \"%s\"; it must be one of:\n"
				"     conv,eth|ip|ipv6|tcp|udp[,filter]\n"
				"     endpoints,eth|ip|ipv6|tcp|udp[,filter]\n"
				"     expert[,error|warn|note|chat|comment][,filter]\n"
				"     io,phs[,filter]\n"
				"     io,stat,interval[,column...]\n",
				args[i]);
		else if (r == STATS_ERR_RAW || r == STATS_ERR_STDOUT)
			fprintf(r == STATS_ERR_RAW ? stderr : stdout, "%s\n", err);
		else if (r == -10) {
			/* tshark gives up on a bad io,stat column at once, with status 10 */
			fprintf(stderr, "\ntshark: %s\n", err);
			stats_free(st);
			exit(10);
		} else
			fprintf(stderr, "tshark: %s\n", err);
		stats_free(st);
		return ZOPT_ERROR;
	}
	return st;
}
