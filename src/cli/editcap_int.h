/*
** editcap_int.h -- what editcap.c (the record loop) and editcap_opts.c (the
** command line) share: the settings of one run.
*/
#ifndef WS_EDITCAP_INT_H
#define WS_EDITCAP_INT_H

#include <stdint.h>

#include "edit_dups.h"
#include "edit_pkt.h"
#include "encap_names.h"

struct range {
	long long lo, hi;
};

struct comment {
	unsigned frame;
	char *text;
};

struct ec {
	int keep;
	struct range *sel;
	int32_t nsel, selcap;
	int has_a, has_b;
	int64_t a_sec, b_sec;
	int32_t a_nsec, b_nsec;
	long long split_count;
	int has_interval;
	int64_t iv_sec;
	int32_t iv_nsec;
	uint32_t snaplen;
	int has_shift;
	int64_t sh_sec;
	int32_t sh_nsec;
	struct dups dups;
	struct edit_chop chop;
	int adjlen; /* -L */
	struct edit_strict strict;
	double err_prob;
	uint32_t change_offset;
	unsigned seed;
	int has_seed;
	struct comment *com;
	int32_t ncom, comcap;
	const struct encap_name *encap; /* -T */
	int verbose;
	char **selargs; /* the selections as given, for -V */
	int nselargs;
	int fmt;
};

void ec_usage(void);
/* One option (getopt's c, or 256 for --seed); 0 to go on, else the exit code (-1: exit 0). */
int ec_option(struct ec *e, int c, const char *arg);
/* A "N" or "N-M" record selection; nonzero (message printed) when invalid. */
int ec_add_range(struct ec *e, const char *arg);
int ec_selected(const struct ec *e, long long n);
/* The -a comment for read record n, or NULL. */
const char *ec_comment_for(const struct ec *e, long long n);
void ec_free(struct ec *e);

#endif
