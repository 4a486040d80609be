/*
** iostat.c -- -z io,stat,<interval>[,<column>]...: frames, bytes and field
** aggregates per time interval, in tshark 4.0's box layout.
*/
#include <stdlib.h>
#include <string.h>

#include "../core/field.h"
#include "../core/util.h"
#include "numfmt.h"
#include "stats_int.h"

enum calc { C_FRAMES_BYTES, C_FRAMES, C_BYTES, C_COUNT, C_SUM, C_MIN, C_MAX, C_AVG, C_LOAD };
static const char *const calc_names[] = {"",    "FRAMES", "BYTES", "COUNT", "SUM",
					 "MIN", "MAX",    "AVG",   "LOAD"};

enum vkind { V_UINT, V_INT, V_DOUBLE, V_RELTIME, V_OTHER };

/* rows io,stat prints at most: a day at 0.01 s (8.64 M) fits */
#define IO_MAX_ROWS 10000000

struct cell {
	uint64_t frames, bytes, num;
	union {
		uint64_t u;
		int64_t i; /* also relative times, in ns */
		double d;
	} sum, min, max;
	uint8_t min_set;
};

struct column {
	enum calc calc;
	char *text; /* as given, for the "Col n:" lines */
	struct zfilter filter;
	uint8_t no_filter; /* an empty filter: every frame (io_pre) */
	struct zfield field;
	enum vkind kind;
	/*
	** Largest value the cell showed after any frame (a running MIN or AVG
	** can pass through values it does not end with): tshark sizes the
	** SUM/MIN/MAX/AVG columns by it.
	*/
	uint64_t max_cur_u;
	double max_cur_d;
	int64_t max_cur_i;
	/* LOAD: µs of the field's time charged to each interval, every row from 0 */
	uint64_t *load;
	int64_t load_len;
};

struct iostat {
	int64_t interval_us; /* 0: the whole capture */
	int prec;            /* decimals of the interval, from its text */
	struct column *cols;
	int ncols;
	struct cell *cells; /* rows * ncols */
	int64_t *row_ids;   /* interval number of each stored row, increasing */
	int64_t nrows, cap_rows;
	int64_t prev_rel_ns;
	int64_t cur_row;
	int64_t div_lo, div_hi, div_row; /* the last division's interval [lo, hi) and quotient */
	/* set by io_print for the LOAD cells: interval, duration (µs), rows printed */
	int64_t pr_interval, pr_dur, pr_rows;
};

static enum vkind kind_of(enum ftype t)
{
	switch (t) {
	case FT_CHAR:
	case FT_BOOLEAN:
	case FT_UINT8:
	case FT_UINT16:
	case FT_UINT24:
	case FT_UINT32:
	case FT_UINT40:
	case FT_UINT48:
	case FT_UINT56:
	case FT_UINT64:
	case FT_FRAMENUM:
		return V_UINT;
	case FT_INT8:
	case FT_INT16:
	case FT_INT24:
	case FT_INT32:
	case FT_INT40:
	case FT_INT48:
	case FT_INT56:
	case FT_INT64:
		return V_INT;
	case FT_FLOAT:
	case FT_DOUBLE:
		return V_DOUBLE;
	case FT_RELATIVE_TIME:
		return V_RELTIME;
	default:
		return V_OTHER;
	}
}

/*
** Rows only move forward (see io_packet), so the non-empty ones are kept in
** order, compactly: a capture with a long silence costs no memory for it.
*/
static struct cell *row_new(struct iostat *io, int64_t row)
{
	if (io->nrows == io->cap_rows) {
		io->cap_rows = io->cap_rows ? io->cap_rows * 2 : 16;
		io->cells = xrealloc(io->cells,
				     (size_t)io->cap_rows * (size_t)io->ncols * sizeof *io->cells);
		io->row_ids = xrealloc(io->row_ids, (size_t)io->cap_rows * sizeof *io->row_ids);
	}
	struct cell *c = io->cells + io->nrows * io->ncols;
	memset(c, 0, (size_t)io->ncols * sizeof *c);
	io->row_ids[io->nrows++] = row;
	return c;
}

/* inline: most frames fall in the last stored row */
static inline struct cell *row_cells(struct iostat *io, int64_t row)
{
	if (io->nrows && io->row_ids[io->nrows - 1] == row)
		return io->cells + (io->nrows - 1) * io->ncols;
	return row_new(io, row);
}

static void add_value(struct column *col, struct cell *c, const struct fitem *it, int first)
{
	switch (col->kind) {
	case V_UINT: {
		uint64_t v = it->val.v.u;
		if (col->field.mask)
			v = (v & col->field.mask) >> col->field.shift;
		c->sum.u += v;
		if (first || v < c->min.u)
			c->min.u = v;
		if (v > c->max.u)
			c->max.u = v;
		break;
	}
	case V_INT:
	case V_RELTIME: {
		int64_t v = col->kind == V_INT ? it->val.v.i
					       : it->val.v.t.sec * 1000000000LL + it->val.v.t.nsec;
		c->sum.i += v;
		if (first || v < c->min.i)
			c->min.i = v;
		if (v > c->max.i)
			c->max.i = v;
		break;
	}
	case V_DOUBLE: {
		double v = it->val.v.d;
		c->sum.d += v;
		if (first || v < c->min.d)
			c->min.d = v;
		if (v > c->max.d)
			c->max.d = v;
		break;
	}
	case V_OTHER:
		break;
	}
}

static uint64_t cell_uint(const struct column *col, const struct cell *c);
static double cell_double(const struct column *col, const struct cell *c);
static int64_t cell_ns(const struct column *col, const struct cell *c);

static void track_max(struct column *col, const struct cell *c)
{
	if (col->kind == V_DOUBLE) {
		double v = cell_double(col, c);
		if (v > col->max_cur_d)
			col->max_cur_d = v;
	} else if (col->kind == V_RELTIME || col->kind == V_INT) {
		int64_t v = col->kind == V_INT ? (int64_t)cell_uint(col, c) : cell_ns(col, c);
		if (v > col->max_cur_i)
			col->max_cur_i = v;
	} else {
		uint64_t v = cell_uint(col, c);
		if (v > col->max_cur_u)
			col->max_cur_u = v;
	}
}

/*
** LOAD(f): tshark charges a frame's time value (µs, truncated) to the
** intervals before it: v % interval to the current one, then a whole interval
** to each earlier one, the rest to the last reached. Its interval list is
** circular (the first interval's predecessor is the current one), so a value
** longer than the capture so far wraps round to the current interval again.
** Only the field's first occurrence counts; only relative times load.
*/
static void load_add(struct iostat *io, struct column *col, const struct packet *pk, int64_t row)
{
	if (col->kind != V_RELTIME)
		return;
	int i = fs_first(pk->fs, col->field.id);
	if (i < 0)
		return;
	const struct fitem *it = &pk->fs->items[i];
	uint64_t v = (uint64_t)it->val.v.t.sec * 1000000u + (uint64_t)(it->val.v.t.nsec / 1000);
	if (row + 1 > col->load_len) {
		int64_t n = col->load_len ? col->load_len : 16;
		while (n < row + 1)
			n *= 2;
		col->load = xrealloc(col->load, (size_t)n * sizeof *col->load);
		memset(col->load + col->load_len, 0,
		       (size_t)(n - col->load_len) * sizeof *col->load);
		col->load_len = n;
	}
	uint64_t iv = io->interval_us > 0 ? (uint64_t)io->interval_us : 0;
	if (iv == 0) {
		col->load[row] += v;
		return;
	}
	uint64_t tival = v % iv;
	col->load[row] += tival;
	v -= tival;
	if (v == 0)
		return;
	/* the walk backwards: row-1, ..., 0, row, row-1, ... (row alone when row is 0) */
	uint64_t L = (uint64_t)row + 1;
	uint64_t q = v / iv, rem = v % iv;
	uint64_t each = q / L, extra = q % L;
	int64_t p = row == 0 ? 0 : row - 1;
	if (each)
		for (int64_t r = 0; r <= row; r++)
			col->load[r] += each * iv;
	for (uint64_t k = 0; k < extra; k++) {
		col->load[p] += iv;
		p = p == 0 ? row : p - 1;
	}
	col->load[p] += rem;
}

/* A LOAD cell's value: the µs charged over the interval's length, as secs and µs. */
static void load_value(const struct iostat *io, const struct column *col, int64_t r, uint64_t *ip,
		       uint64_t *frac)
{
	uint64_t num = r < col->load_len ? col->load[r] : 0;
	int64_t d = r == io->pr_rows - 1 ? io->pr_dur - r * io->pr_interval : io->pr_interval;
	if (d <= 0) {
		*ip = *frac = 0;
		return;
	}
	*ip = num / (uint64_t)d;
	*frac = (num % (uint64_t)d) * 1000000u / (uint64_t)d;
}

/* The row a frame is counted in (the interval of its time, never going back). */
static inline int64_t io_row(struct iostat *io, const struct packet *pk)
{
	int64_t rel = pk_rel_ns(pk);
	/* tshark files a frame that goes back in time under the previous one's time */
	if (rel < 0)
		rel = io->prev_rel_ns;
	io->prev_rel_ns = rel;
	int64_t us = (rel + 500) / 1000;
	int64_t row = 0;
	if (io->interval_us && us >= 0 && us >= io->div_lo && us < io->div_hi) {
		row = io->div_row; /* most frames fall in the interval before: no 64-bit division */
	} else if (io->interval_us) {
		row = us / io->interval_us;
		io->div_row = row;
		io->div_lo = row * io->interval_us;
		io->div_hi = io->div_lo > INT64_MAX - io->interval_us
				 ? INT64_MAX
				 : io->div_lo + io->interval_us;
	}
	/* tshark only walks its interval list forward: a frame that goes back in
	 * time is counted in the latest interval seen */
	if (row < io->cur_row)
		row = io->cur_row;
	io->cur_row = row;
	return row;
}

static void io_packet(void *st, const struct packet *pk)
{
	struct iostat *io = st;
	int64_t row = io_row(io, pk);
	struct cell *cells = NULL;
	for (int k = 0; k < io->ncols; k++) {
		struct column *col = &io->cols[k];
		if (!zfilter_match(&col->filter, pk))
			continue;
		if (!cells)
			cells = row_cells(io, row);
		struct cell *c = &cells[k];
		int first_frame = c->frames == 0;
		c->frames++;
		c->bytes += pk->len;
		if (col->calc < C_COUNT || !zfield_primed(&col->field))
			continue;
		if (col->calc == C_LOAD) {
			load_add(io, col, pk, row);
			continue;
		}
		if (col->calc == C_COUNT) {
			c->num += (uint64_t)zfield_count(&col->field, pk);
			continue;
		}
		int first = first_frame && !c->min_set;
		for (int i = fs_first(pk->fs, col->field.id); i >= 0;
		     i = pk->fs->items[i].next_same) {
			add_value(col, c, &pk->fs->items[i], first);
			first = 0;
			c->num++;
		}
		/* MIN starts from the interval's first frame, even when it lacks the field */
		c->min_set = 1;
		track_max(col, c);
	}
}

static int digits_u(uint64_t v)
{
	int d = 1;
	while (v >= 10) {
		v /= 10;
		d++;
	}
	return d;
}

static int mag_of(int64_t us)
{
	int m = digits_u((uint64_t)(us / 1000000));
	return m > 5 ? 5 : m;
}

/* The value a cell shows, as an integer (ints), double, or ns (relative times). */
static uint64_t cell_uint(const struct column *col, const struct cell *c)
{
	switch (col->calc) {
	case C_FRAMES:
		return c->frames;
	case C_BYTES:
		return c->bytes;
	case C_COUNT:
		return c->num;
	case C_SUM:
		return col->kind == V_INT ? (uint64_t)c->sum.i : c->sum.u;
	case C_MIN:
		return col->kind == V_INT ? (uint64_t)c->min.i : c->min.u;
	case C_MAX:
		return col->kind == V_INT ? (uint64_t)c->max.i : c->max.u;
	case C_AVG:
		if (col->kind == V_INT)
			return (uint64_t)(c->sum.i / (int64_t)(c->num ? c->num : 1));
		return c->sum.u / (c->num ? c->num : 1);
	default:
		return 0;
	}
}

static double cell_double(const struct column *col, const struct cell *c)
{
	switch (col->calc) {
	case C_SUM:
		return c->sum.d;
	case C_MIN:
		return c->min.d;
	case C_MAX:
		return c->max.d;
	case C_AVG:
		return c->sum.d / (double)(c->num ? c->num : 1);
	default:
		return 0;
	}
}

static int64_t cell_ns(const struct column *col, const struct cell *c)
{
	switch (col->calc) {
	case C_SUM:
		return c->sum.i;
	case C_MIN:
		return c->min.i;
	case C_MAX:
		return c->max.i;
	case C_AVG:
		return c->sum.i / (int64_t)(c->num ? c->num : 1);
	default:
		return 0;
	}
}

static int uses_kind(const struct column *col)
{
	return col->calc >= C_SUM;
}

struct layout {
	int w1, w2; /* value widths; w2 only for frames+bytes */
};

static void compute_width(const struct iostat *io, int k, int64_t nrows, struct layout *lo)
{
	const struct column *col = &io->cols[k];
	uint64_t mu = 0, mu2 = 0;
	double md = 0;
	int64_t mns = 0;
	(void)nrows; /* tshark sizes columns by every row it stored, printed or not */
	for (int64_t r = 0; r < io->nrows; r++) {
		const struct cell *c = &io->cells[r * io->ncols + k];
		if (col->calc == C_FRAMES_BYTES) {
			if (c->frames > mu)
				mu = c->frames;
			if (c->bytes > mu2)
				mu2 = c->bytes;
		} else if (!uses_kind(col) || col->kind == V_UINT || col->kind == V_INT) {
			uint64_t v = cell_uint(col, c);
			if (v > mu)
				mu = v;
		} else if (col->kind == V_DOUBLE) {
			double v = cell_double(col, c);
			if (v > md)
				md = v;
		} else {
			int64_t v = cell_ns(col, c);
			if (v > mns)
				mns = v;
		}
	}
	lo->w2 = 0;
	switch (col->calc) {
	case C_FRAMES_BYTES:
		lo->w1 = digits_u(mu) > 6 ? digits_u(mu) : 6;
		lo->w2 = digits_u(mu2) > 5 ? digits_u(mu2) : 5;
		return;
	case C_FRAMES:
		lo->w1 = digits_u(mu) > 6 ? digits_u(mu) : 6;
		return;
	case C_BYTES:
	case C_COUNT:
		lo->w1 = digits_u(mu) > 5 ? digits_u(mu) : 5;
		return;
	case C_LOAD: {
		uint64_t mx = 0, ip, fr;
		for (int64_t r = 0; r < io->pr_rows; r++) {
			load_value(io, col, r, &ip, &fr);
			if (ip > mx)
				mx = ip;
		}
		lo->w1 = digits_u(mx) + 7;
		return;
	}
	default:
		break;
	}
	if (col->kind == V_DOUBLE) {
		md = col->max_cur_d;
		lo->w1 = digits_u((uint64_t)(md < 0 ? 0 : md)) + 7;
	} else if (col->kind == V_RELTIME) {
		mns = col->max_cur_i;
		lo->w1 = digits_u((uint64_t)((mns < 0 ? 0 : mns) / 1000000000)) + 7;
	} else {
		mu = col->kind == V_INT ? (uint64_t)col->max_cur_i : col->max_cur_u;
		int d = digits_u(mu), nl = (int)strlen(calc_names[col->calc]);
		lo->w1 = d > nl ? d : nl;
	}
}

static void put_chars(FILE *out, int c, int n)
{
	for (int i = 0; i < n; i++)
		fputc(c, out);
}

/* A centred header label followed by '|'. */
static void put_label(FILE *out, const char *label, int width)
{
	int len = (int)strlen(label);
	if (width < len) {
		fprintf(out, "%s|", label);
		return;
	}
	int pad = (width - len) / 2 + 1;
	if (pad >= 6)
		return;
	put_chars(out, ' ', pad + ((width - len) & 1));
	fputs(label, out);
	put_chars(out, ' ', pad);
	fputc('|', out);
}

/*
** " %*llu |" without printf: a row's counts (a capture of hours at 1 s has
** thousands of rows, each two or more cells).
*/
static void put_ucell(FILE *out, uint64_t v, int w)
{
	char num[24], buf[96];
	size_t n = (size_t)(nf_u64(num, v) - num);
	char *p = buf;
	*p++ = ' ';
	if (w > 64)
		w = 64; /* widths come from digit counts: never this wide */
	p = nf_pad(p, num, n, w, 1);
	*p++ = ' ';
	*p++ = '|';
	fwrite(buf, 1, (size_t)(p - buf), out);
}

/* A whole-second row's "| %*lld <> %*lld |" ("|  %1lld <> %1lld  |" for one digit). */
static void put_span(FILE *out, int64_t from, int64_t to, int mag)
{
	char a[24], b[24], buf[128];
	size_t na = (size_t)(nf_u64(a, (uint64_t)from) - a);
	size_t nb = (size_t)(nf_u64(b, (uint64_t)to) - b);
	int w = mag > 20 ? 20 : mag; /* dur_mag is at most 5 */
	char *p = buf;
	p = nf_pad(p, mag == 1 ? "|  " : "| ", mag == 1 ? 3 : 2, 0, 0);
	p = nf_pad(p, a, na, w, 1);
	p = nf_pad(p, " <> ", 4, 0, 0);
	p = nf_pad(p, b, nb, w, 1);
	p = nf_pad(p, mag == 1 ? "  |" : " |", mag == 1 ? 3 : 2, 0, 0);
	fwrite(buf, 1, (size_t)(p - buf), out);
}

/* "secs.frac" of a µs value with p decimals */
static void put_time(FILE *out, int64_t us, int mag, int p)
{
	int64_t unit = 1;
	for (int i = p; i < 6; i++)
		unit *= 10;
	if (p)
		fprintf(out, "%*lld.%0*lld", mag, (long long)(us / 1000000), p,
			(long long)((us % 1000000) / unit));
	else
		fprintf(out, "%*lld", mag, (long long)(us / 1000000));
}

/* extra: characters beyond the nominal width (tshark pads as if they were not there) */
static void box_line_x(FILE *out, int border, const char *fmt_text, int extra)
{
	int n = (int)strlen(fmt_text) - extra;
	fputs(fmt_text, out);
	put_chars(out, ' ', border - n - 1 > 0 ? border - n - 1 : 0);
	fputs("|\n", out);
}

static void box_line(FILE *out, int border, const char *fmt_text)
{
	int n = (int)strlen(fmt_text);
	fputs(fmt_text, out);
	put_chars(out, ' ', border - n - 1 > 0 ? border - n - 1 : 0);
	fputs("|\n", out);
}

/* Rows io_print prints: none for an empty span, one for the whole capture, else ceil(dur/interval).
 */
static int64_t io_nrows(const struct iostat *io, const struct stats_run *run)
{
	int64_t dur = (run->last_rel_ns + 500) / 1000;
	if (dur <= 0)
		return 0;
	if (io->interval_us == 0 || io->interval_us > dur)
		return 1;
	return (dur + io->interval_us - 1) / io->interval_us;
}

/*
** tshark 4.0 prints every interval from the first frame to the last: a
** capture whose times span decades (a zero timestamp among today's) at 0.01 s
** is ~1e11 rows, which it never finishes.  More rows than a day at 0.01 s
** are refused instead, saying how many there would be.
*/
static int io_refuse(const void *st, const struct stats_run *run, char *err, size_t n)
{
	const struct iostat *io = st;
	int64_t rows = io_nrows(io, run);
	if (rows <= IO_MAX_ROWS)
		return 0;
	snprintf(err, n,
		 "io,stat: %lld intervals of %lld.%06lld s over %lld s of capture; at most %d "
		 "are printed (a longer interval keeps under that)",
		 (long long)rows, (long long)(io->interval_us / 1000000),
		 (long long)(io->interval_us % 1000000),
		 (long long)((run->last_rel_ns + 500) / 1000 / 1000000), IO_MAX_ROWS);
	return 1;
}

static void io_print(void *st, FILE *out, const struct stats_run *run)
{
	struct iostat *io = st;
	int64_t dur = (run->last_rel_ns + 500) / 1000;
	int whole = io->interval_us == 0 || io->interval_us > dur;
	int dur_mag = mag_of(dur);
	int invl_mag = mag_of(io->interval_us);
	int p, border;
	if (whole) {
		p = dur_mag >= 2 ? 1 : 3;
		border = 30 + dur_mag + p + 1;
	} else {
		p = io->prec;
		border = 25 + (invl_mag > dur_mag ? invl_mag : dur_mag) + (p ? p + 1 : 0);
	}
	int64_t unit = 1;
	for (int i = p; i < 6; i++)
		unit *= 10;
	int64_t raw_dur = dur;
	/* p = 0 prints all six digits: no rounding then */
	if (p && dur % unit > unit / 2)
		dur = dur - dur % unit + unit;
	else if (p)
		dur -= dur % unit;
	int64_t interval = whole ? dur : io->interval_us;
	/* an empty time span prints no rows at all */
	int64_t nrows = io_nrows(io, run);
	io->pr_interval = interval;
	/*
	** The LOAD cells' last row runs to tshark's own duration: rounded up to
	** the printed precision (whole seconds when p is 0) when the remainder is
	** more than half a unit, otherwise left exact.
	*/
	{
		int64_t u = p ? unit : 1000000;
		io->pr_dur = raw_dur % u > u / 2 ? raw_dur - raw_dur % u + u : raw_dur;
	}
	io->pr_rows = nrows;

	int W = p ? 2 * dur_mag + 2 * p + 10 : 2 * dur_mag + 8;
	int tf = run->time_format;
	int date =
	    tf == STF_ABS_DATE || tf == STF_ABS_DOY || tf == STF_UTC_DATE || tf == STF_UTC_DOY;
	if (W < (date ? 23 : 12))
		W = date ? 23 : 12;
	if (border < W)
		border = W;
	struct layout *lo = xcalloc((size_t)io->ncols, sizeof *lo);
	int T = W;
	int flen = 26;
	for (int k = 0; k < io->ncols; k++) {
		compute_width(io, k, nrows, &lo[k]);
		T += lo[k].w1 + 3 + (lo[k].w2 ? lo[k].w2 + 3 : 0);
		int l = io->cols[k].text[0] ? (int)strlen(io->cols[k].text) + 11 : 26;
		if (l > flen)
			flen = l;
	}
	if (flen > border && border < 102)
		border = flen < 102 ? flen : 102;
	if (border - T == 1)
		border++;
	if (border < T)
		border = T;

	char line[1024];
	fputc('\n', out);
	put_chars(out, '=', border);
	fputc('\n', out);
	box_line(out, border, "| IO Statistics");
	box_line(out, border, "|");
	/* Duration and interval; seconds wider than dur_mag's cap overflow the padding */
	int xd = digits_u((uint64_t)(dur / 1000000)) - dur_mag;
	int xi = digits_u((uint64_t)(interval / 1000000)) - dur_mag;
	if (p == 0) {
		snprintf(line, sizeof line, "| Duration: %*lld.%6lld secs", dur_mag,
			 (long long)(dur / 1000000), (long long)(dur % 1000000));
		box_line_x(out, border, line, xd > 0 ? xd : 0);
		snprintf(line, sizeof line, "| Interval: %*lld secs", dur_mag,
			 (long long)(interval / 1000000));
		box_line_x(out, border, line, xi > 0 ? xi : 0);
	} else {
		snprintf(line, sizeof line, "| Duration: %*lld.%0*lld secs", dur_mag,
			 (long long)(dur / 1000000), p, (long long)((dur % 1000000) / unit));
		box_line_x(out, border, line, xd > 0 ? xd : 0);
		snprintf(line, sizeof line, "| Interval: %*lld.%0*lld secs", dur_mag,
			 (long long)(interval / 1000000), p,
			 (long long)((interval % 1000000) / unit));
		box_line_x(out, border, line, xi > 0 ? xi : 0);
	}
	box_line(out, border, "|");
	for (int k = 0; k < io->ncols; k++) {
		const char *t = io->cols[k].text[0] ? io->cols[k].text : "Frames and bytes";
		snprintf(line, sizeof line, "| %s%d: %s", k ? "    " : "Col ", k + 1, t);
		box_line(out, border, line);
	}
	fputs("|-", out);
	put_chars(out, '-', border - 3);
	fputs("|\n", out);
	int filler = T < border ? border - T - 1 : -1;
	/* column numbers */
	fputc('|', out);
	put_chars(out, ' ', W - 2);
	fputc('|', out);
	for (int k = 0; k < io->ncols; k++) {
		fprintf(out, "%-2d", k + 1);
		put_chars(out, ' ', lo[k].w1 + (lo[k].w2 ? lo[k].w2 + 3 : 0));
		fputc('|', out);
	}
	if (filler >= 0) {
		put_chars(out, ' ', filler);
		fputc('|', out);
	}
	/* labels; tshark 4.0 prints neither this newline nor a label for -t u */
	if (tf == STF_UTC) {
		put_chars(out, ' ', W - 11);
	} else if (tf == STF_RELATIVE) {
		fputs("\n| Interval", out);
		put_chars(out, ' ', W - 11);
	} else if (date) {
		fputs("\n| Date and time", out);
		put_chars(out, ' ', W - 16);
	} else {
		fputs("\n| Time", out);
		put_chars(out, ' ', W - 7);
	}
	fputc('|', out);
	for (int k = 0; k < io->ncols; k++) {
		if (io->cols[k].calc == C_FRAMES_BYTES) {
			put_label(out, "Frames", lo[k].w1);
			put_label(out, "Bytes", lo[k].w2);
		} else {
			put_label(out, calc_names[io->cols[k].calc], lo[k].w1);
		}
	}
	if (filler >= 0) {
		put_chars(out, ' ', filler);
		fputc('|', out);
	}
	fputc('\n', out);
	fputs("|-", out);
	put_chars(out, '-', T - 3);
	fputc('|', out);
	if (filler >= 0) {
		put_chars(out, ' ', filler);
		fputc('|', out);
	}
	fputc('\n', out);
	/* rows */
	static const struct cell zero;
	int64_t next = 0; /* the next stored row */
	for (int64_t r = 0; r < nrows; r++) {
		int64_t from = r * interval, to = from + interval;
		const struct cell *rc = NULL;
		while (next < io->nrows && io->row_ids[next] < r)
			next++;
		if (next < io->nrows && io->row_ids[next] == r)
			rc = &io->cells[next * io->ncols];
		int last = r == nrows - 1;
		if (tf != STF_RELATIVE) {
			char tb[64];
			int64_t us = (int64_t)run->first_nsec / 1000 + from;
			stats_abs_time(tb, sizeof tb, run->first_sec + us / 1000000, tf);
			fprintf(out, "| %s |", tb);
		} else if (p == 0) {
			if (last && !whole)
				fprintf(out, "|%s%*lld <> %-*s|", dur_mag == 1 ? "  " : " ",
					dur_mag, (long long)(from / 1000000),
					dur_mag >= 3 ? dur_mag + 1 : 3, "Dur");
			else
				put_span(out, from / 1000000, to / 1000000, dur_mag);
		} else {
			if (last)
				to = dur;
			fputs("| ", out);
			put_time(out, from, dur_mag, p);
			fputs(" <> ", out);
			put_time(out, to, dur_mag, p);
			fputs(" |", out);
		}
		for (int k = 0; k < io->ncols; k++) {
			const struct column *col = &io->cols[k];
			const struct cell *c = rc ? &rc[k] : &zero;
			if (col->calc == C_FRAMES_BYTES) {
				put_ucell(out, c->frames, lo[k].w1);
				put_ucell(out, c->bytes, lo[k].w2);
			} else if (col->calc == C_LOAD) {
				uint64_t ip, fr;
				load_value(io, col, r, &ip, &fr);
				fprintf(out, " %*llu.%06llu |", lo[k].w1 - 7,
					(unsigned long long)ip, (unsigned long long)fr);
			} else if (!uses_kind(col) || col->kind == V_UINT) {
				put_ucell(out, cell_uint(col, c), lo[k].w1);
			} else if (col->kind == V_INT) {
				fprintf(out, " %*lld |", lo[k].w1, (long long)cell_uint(col, c));
			} else if (col->kind == V_DOUBLE) {
				fprintf(out, " %*.6f |", lo[k].w1, cell_double(col, c));
			} else {
				int64_t ns = cell_ns(col, c);
				int64_t us = (ns + 500) / 1000;
				fprintf(out, " %*lld.%06lld |", lo[k].w1 - 7,
					(long long)(us / 1000000), (long long)(us % 1000000));
			}
		}
		if (filler >= 0) {
			put_chars(out, ' ', filler);
			fputc('|', out);
		}
		fputc('\n', out);
	}
	put_chars(out, '=', border);
	fputc('\n', out);
	free(lo);
}

static void io_destroy(void *st)
{
	struct iostat *io = st;
	for (int k = 0; k < io->ncols; k++) {
		free(io->cols[k].text);
		free(io->cols[k].load);
	}
	free(io->cols);
	free(io->cells);
	free(io->row_ids);
	free(io);
}

/*
** Frame and byte counts without a filter read only the record's length and
** time: threads count them on the reading thread, in frame order, so the
** intervals are exactly one job's (a frame that goes back in time is filed
** by what came before it in the whole capture).
*/
static int io_pre(const void *st)
{
	const struct iostat *io = st;
	for (int k = 0; k < io->ncols; k++)
		if (io->cols[k].calc > C_BYTES || !io->cols[k].no_filter)
			return 0;
	return 1;
}

static const struct stats_ops io_ops = {"io,stat", io_packet, io_print, io_destroy,
					NULL,      io_pre,    io_refuse};

/*
** Only plain frame/byte columns (io_pre): each counts every frame, so no
** filter is asked and no field looked at.  The records-only run
** (cli/records.c) is little more than this per frame.
*/
static void io_packet_plain(void *st, const struct packet *pk)
{
	struct iostat *io = st;
	struct cell *cells = row_cells(io, io_row(io, pk));
	for (int k = 0; k < io->ncols; k++) {
		cells[k].frames++;
		cells[k].bytes += pk->len;
	}
}

static const struct stats_ops io_plain_ops = {"io,stat", io_packet_plain, io_print, io_destroy,
					      NULL,      io_pre,          io_refuse};

static int parse_column(struct column *col, const char *s, size_t len, char *err, size_t n)
{
	memset(col, 0, sizeof *col);
	col->text = xmalloc(len + 1);
	memcpy(col->text, s, len);
	col->text[len] = 0;
	const char *open = memchr(s, '(', len);
	const char *close = open ? memchr(open, ')', len - (size_t)(open - s)) : NULL;
	const char *filter = col->text;
	col->calc = C_FRAMES_BYTES;
	if (!open && !strcmp(col->text, "FRAMES")) {
		col->calc = C_FRAMES;
		filter = "";
	} else if (!open && !strcmp(col->text, "BYTES")) {
		col->calc = C_BYTES;
		filter = "";
	} else if (open && close) {
		size_t nl = (size_t)(open - s);
		int found = -1;
		for (int c = C_FRAMES; c <= C_LOAD; c++)
			if (strlen(calc_names[c]) == nl && !memcmp(calc_names[c], s, nl))
				found = c;
		if (found >= 0) {
			col->calc = (enum calc)found;
			filter = col->text + (close - s) + 1;
			size_t fl = (size_t)(close - open - 1);
			if (col->calc >= C_COUNT) {
				if (zfield_resolve(&col->field, open + 1, fl) < 0) {
					snprintf(err, n, "There is no field named '%.*s'.", (int)fl,
						 open + 1);
					return -10;
				}
				col->kind = kind_of(field_get(col->field.id)->type);
				if (col->calc > C_COUNT && col->kind == V_OTHER) {
					snprintf(err, n,
						 "%.*s doesn't have integral values, so %s(*) "
						 "calculations are not supported on it.",
						 (int)fl, open + 1, calc_names[col->calc]);
					return -10;
				}
			}
		}
	}
	col->no_filter = !*filter;
	/* a bad filter is the tap's error, not the column's */
	return zfilter_compile(&col->filter, filter, err, n) < 0 ? -2 : 0;
}

int stats_add_iostat(struct stats *s, const char *args, char *err, size_t n)
{
	const char *comma = strchr(args, ',');
	size_t il = comma ? (size_t)(comma - args) : strlen(args);
	char ibuf[64];
	if (il >= sizeof ibuf)
		il = sizeof ibuf - 1;
	memcpy(ibuf, args, il);
	ibuf[il] = 0;
	char *end;
	double secs = strtod(ibuf, &end);
	if (end == ibuf || secs < 0) {
		snprintf(err, n, "\"%s\" is not a valid interval.", ibuf);
		return -10;
	}
	struct iostat *io = xcalloc(1, sizeof *io);
	io->interval_us = (int64_t)(secs * 1e6 + 0.5);
	int zeros = 0;
	for (int64_t u = io->interval_us; u && u % 10 == 0 && zeros < 6; u /= 10)
		zeros++;
	io->prec = io->interval_us ? 6 - zeros : 0;
	const char *dot = strchr(ibuf, '.');
	if (io->prec == 0 && dot) {
		/* tshark counts to the next ',' of the whole argument: none means 6 */
		io->prec = comma ? (int)(il - (size_t)(dot - ibuf) - 1) : 6;
		if (io->prec > 6)
			io->prec = 6;
	}
	/* columns: split on every ',' */
	const char *p = comma ? comma + 1 : NULL;
	int32_t cap = 0;
	do {
		const char *e = p ? strchr(p, ',') : NULL;
		size_t len = p ? (e ? (size_t)(e - p) : strlen(p)) : 0;
		xgrow(&io->cols, &cap, io->ncols + 1, sizeof *io->cols);
		int r = parse_column(&io->cols[io->ncols++], p ? p : "", len, err, n);
		if (r < 0) {
			io_destroy(io);
			if (r == -10)
				return -10;
			/* tshark: a blank line, its name, exit status 1 */
			char why[256];
			snprintf(why, sizeof why, "%s", err);
			snprintf(err, n, "\ntshark: Couldn't register io,stat tap: %s", why);
			return STATS_ERR_RAW;
		}
		p = e ? e + 1 : NULL;
	} while (p);
	stats_attach(s, io_pre(io) ? &io_plain_ops : &io_ops, io);
	return 0;
}
