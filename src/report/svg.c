/*
** svg.c -- per-interval charts as SVG, one stacked panel per series so that
** packets/s and retransmissions/s each get a readable scale.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "html.h"

void xml_text(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '&':
			fputs("&amp;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

static int col_of(const struct table *t, const char *name, size_t len)
{
	for (int c = 0; c < t->ncols; c++)
		if (strlen(t->cols[c].name) == len && !memcmp(t->cols[c].name, name, len))
			return c;
	return -1;
}

/* 1, 2 or 5 times a power of ten, at least x/5: about five ticks per axis */
static double nice_step(double x)
{
	if (x <= 0)
		return 1;
	double raw = x / 5, p = pow(10, floor(log10(raw))), m = raw / p;
	return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

static double cell_num(const struct table *t, int64_t r, int c)
{
	const struct tcell *v = table_cell(t, r, c);
	if (v->null)
		return 0;
	switch (t->cols[c].type) {
	case COL_UINT:
		return (double)v->v.u;
	case COL_INT:
	case COL_TIME:
		return (double)v->v.i;
	case COL_DOUBLE:
		return v->v.d;
	default:
		return 0;
	}
}

#define PANEL_H 150
#define WIDTH   900
#define ML      70 /* left margin: y labels */
#define MR      20
#define MT      28
#define MB      30

static void panel(FILE *out, const struct table *iv, int c, int y0, double xmax)
{
	int cx = col_of(iv, "interval_start", 14), cw = col_of(iv, "width", 5);
	double ymax = 0;
	for (int64_t r = 0; r < iv->nrows; r++) {
		double w = cell_num(iv, r, cw), v = cell_num(iv, r, c) / (w > 0 ? w : 1);
		if (v > ymax)
			ymax = v;
	}
	double ystep = nice_step(ymax);
	double ytop = ymax > 0 ? ceil(ymax / ystep) * ystep : 1;
	int pw = WIDTH - ML - MR, ph = PANEL_H - MT - MB;
	fprintf(out, "<g class=\"panel\" transform=\"translate(0,%d)\">\n", y0);
	fprintf(out, "<text x=\"%d\" y=\"18\" class=\"ptitle\">%s/s</text>\n", ML,
		iv->cols[c].name);
	fprintf(
	    out,
	    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
	    ML, MT, pw, ph);
	for (double y = 0; y <= ytop + ystep / 2; y += ystep) {
		double py = MT + ph - y / ytop * ph;
		fprintf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>",
			ML, ML + pw, py, py);
		fprintf(out,
			"<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%g</text>\n",
			ML - 4, py + 4, y);
	}
	double xstep = nice_step(xmax);
	for (double x = 0; x <= xmax + xstep / 2; x += xstep) {
		double px = ML + (xmax > 0 ? x / xmax : 0) * pw;
		fprintf(
		    out,
		    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%g</text>\n",
		    px, MT + ph + 16, x);
	}
	/* a step line: each interval's rate holds for the whole interval */
	fprintf(out,
		"<path class=\"series\" data-series=\"%s\" fill=\"none\" stroke=\"#1f5fa8\" d=\"",
		iv->cols[c].name);
	for (int64_t r = 0; r < iv->nrows; r++) {
		double x = cell_num(iv, r, cx), w = cell_num(iv, r, cw);
		double v = cell_num(iv, r, c) / (w > 0 ? w : 1);
		double px0 = ML + (xmax > 0 ? x / xmax : 0) * pw;
		double px1 = ML + (xmax > 0 ? (x + w) / xmax : 1) * pw;
		double py = MT + ph - v / ytop * ph;
		fprintf(out, "%s%.1f,%.1f H%.1f", r ? " L" : "M", px0, py,
			px1 > ML + pw ? ML + pw : px1);
	}
	fputs("\"/>\n</g>\n", out);
}

int svg_plot(FILE *out, const struct table *iv, const char *series)
{
	int cs[32], n = 0;
	for (const char *p = series; *p && n < 32;) {
		size_t len = strcspn(p, ",");
		int c = col_of(iv, p, len);
		if (c < 0 || (iv->cols[c].type != COL_UINT && iv->cols[c].type != COL_INT))
			return -1;
		cs[n++] = c;
		p += len;
		if (*p == ',')
			p++;
	}
	if (!n)
		return -1;
	int cx = col_of(iv, "interval_start", 14), cw = col_of(iv, "width", 5);
	double xmax = 0;
	for (int64_t r = 0; r < iv->nrows; r++) {
		double e = cell_num(iv, r, cx) + cell_num(iv, r, cw);
		if (e > xmax)
			xmax = e;
	}
	int h = n * PANEL_H + 20;
	fprintf(
	    out,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d "
	    "%d\" "
	    "role=\"img\" aria-label=\"I/O graph\" font-family=\"sans-serif\" font-size=\"12\">\n"
	    "<title>I/O graph: per-second rates over seconds since the first packet</title>\n"
	    "<style>.tick{fill:#555;font-size:11px}.ptitle{font-weight:bold}</style>\n",
	    WIDTH, h, WIDTH, h);
	for (int i = 0; i < n; i++)
		panel(out, iv, cs[i], i * PANEL_H, xmax);
	fprintf(out,
		"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">seconds since the "
		"first packet</text>\n",
		ML + (WIDTH - ML - MR) / 2, h - 4);
	fputs("</svg>\n", out);
	return 0;
}
