/*
** tsg.c -- `wiresift plot FILE --stream N`: a time-sequence graph of one TCP
** stream, as tcptrace draws it: each data segment is a vertical bar from its
** sequence number to its end, the peer's ACKs a step line under them, and
** retransmissions / out-of-order segments in their own colour, so a stall,
** a loss and its recovery are visible at a glance.  Only the chosen stream's
** frames are kept.
*/
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "html.h"
#include "report.h"

struct tpt {
	int64_t rel_ns;
	uint32_t seq, len, ack;
	uint32_t aflags;
	uint8_t dir, has_ack;
};

struct tsg {
	uint32_t stream;
	struct address a;
	uint16_t pa;
	int seen;
	struct tpt *p;
	int32_t n, cap;
	uint64_t bytes[2];
};

struct tsg *tsg_new(uint32_t stream)
{
	struct tsg *g = xcalloc(1, sizeof *g);
	g->stream = stream;
	return g;
}

void tsg_free(struct tsg *g)
{
	if (!g)
		return;
	free(g->p);
	free(g);
}

void tsg_add(struct tsg *g, const struct pinfo *pi)
{
	if (!pi->has_tcp || pi->tcp_stream != g->stream || g->n == INT32_MAX - 1)
		return;
	if (!g->seen) {
		g->a = pi->src;
		g->pa = pi->sport;
		g->seen = 1;
	}
	xgrow(&g->p, &g->cap, g->n + 1, sizeof *g->p);
	struct tpt *t = &g->p[g->n++];
	t->rel_ns = pi->rel_ns;
	t->seq = pi->tcp_seq;
	t->len = pi->tcp_len;
	t->ack = pi->tcp_ack;
	t->has_ack = (uint8_t)pi->has_ack;
	t->aflags = pi->aflags;
	t->dir = !(addr_cmp(&pi->src, &g->a) == 0 && pi->sport == g->pa);
	g->bytes[t->dir] += pi->tcp_len;
}

static double nice(double x)
{
	if (x <= 0)
		return 1;
	double p = 1;
	while (p * 10 <= x / 5)
		p *= 10;
	while (p > x / 5 && p > 1e-9)
		p /= 10;
	double m = x / 5 / p;
	return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

#define W  900
#define H  500
#define ML 90
#define MR 20
#define MT 30
#define MB 40

int tsg_svg(const struct tsg *g, FILE *out)
{
	if (!g->n)
		return -1;
	int d = g->bytes[1] > g->bytes[0]; /* plot the direction that carries the data */
	int64_t t0 = g->p[0].rel_ns, t1 = t0;
	uint32_t smin = UINT32_MAX, smax = 0;
	for (int32_t i = 0; i < g->n; i++) {
		const struct tpt *t = &g->p[i];
		if (t->rel_ns < t0)
			t0 = t->rel_ns;
		if (t->rel_ns > t1)
			t1 = t->rel_ns;
		if (t->dir == d) {
			if (t->seq < smin)
				smin = t->seq;
			if (t->seq + t->len > smax)
				smax = t->seq + t->len;
		}
	}
	if (smin > smax)
		smin = smax = 0;
	double xs = (double)(t1 - t0) / 1e9, ys = (double)(smax - smin);
	if (xs <= 0)
		xs = 1e-3;
	if (ys <= 0)
		ys = 1;
	int pw = W - ML - MR, ph = H - MT - MB;
#define PX(ns) (ML + (double)((ns)-t0) / 1e9 / xs * pw)
#define PY(s)  (MT + ph - ((double)(s) - (double)smin) / ys * ph)
	fprintf(out,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 "
		"0 %d %d\" "
		"role=\"img\" aria-label=\"time-sequence graph\" font-family=\"sans-serif\" "
		"font-size=\"12\">\n<title>TCP stream %u: sequence numbers over time</title>\n"
		"<style>.tick{fill:#555;font-size:11px}</style>\n",
		W, H, W, H, g->stream);
	fprintf(
	    out,
	    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
	    ML, MT, pw, ph);
	double ystep = nice(ys), xstep = nice(xs);
	for (double y = 0; y <= ys + ystep / 2; y += ystep)
		fprintf(
		    out,
		    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%.0f</text>\n",
		    ML - 4, PY(smin + y) + 4, (double)smin + y);
	for (double x = 0; x <= xs + xstep / 2; x += xstep)
		fprintf(
		    out,
		    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%g</text>\n",
		    ML + x / xs * pw, MT + ph + 16, x);
	fprintf(out,
		"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">seconds since the "
		"first packet; y: relative sequence number</text>\n",
		ML + pw / 2, H - 6);
	/* the peer's ACKs: a step line the data bars should stay ahead of */
	fputs("<path class=\"ack\" fill=\"none\" stroke=\"#2e8b57\" d=\"", out);
	int first = 1;
	for (int32_t i = 0; i < g->n; i++) {
		const struct tpt *t = &g->p[i];
		if (t->dir == d || !t->has_ack || t->ack < smin || t->ack > smax)
			continue;
		double x = PX(t->rel_ns), y = PY(t->ack);
		if (first)
			fprintf(out, "M%.1f,%.1f", x, y);
		else
			fprintf(out, " H%.1f V%.1f", x, y);
		first = 0;
	}
	fputs("\"/>\n", out);
	for (int32_t i = 0; i < g->n; i++) {
		const struct tpt *t = &g->p[i];
		if (t->dir != d || !t->len)
			continue;
		const char *cls = "seg", *col = "#1f5fa8";
		if (t->aflags & (1u << PF_RETRANS))
			cls = "retrans", col = "#c0392b";
		else if (t->aflags & (1u << PF_OUT_OF_ORDER))
			cls = "ooo", col = "#e67e22";
		double x = PX(t->rel_ns);
		fprintf(out,
			"<line class=\"%s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"%s\" "
			"stroke-width=\"2\"/>\n",
			cls, x, x, PY(t->seq), PY(t->seq + t->len) - 1, col);
	}
	fputs("</svg>\n", out);
#undef PX
#undef PY
	return 0;
}
