/*
** html.c -- `wiresift report`: one HTML file to attach to a ticket.  It
** works offline and in a mail client: inline CSS and SVG only.
*/
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "html.h"

static int col_of(const struct table *t, const char *name)
{
	for (int c = 0; c < t->ncols; c++)
		if (!strcmp(t->cols[c].name, name))
			return c;
	return -1;
}

static void html_table(FILE *out, const struct table *t, const int64_t *rows, int64_t nrows,
		       const char *const *names, int ncols, const char *id)
{
	char buf[512];
	/* wide tables scroll on their own instead of widening the page */
	fprintf(out, "<div class=\"scroll\"><table id=\"%s\">\n<thead><tr>", id);
	for (int i = 0; i < ncols; i++) {
		fputs("<th>", out);
		xml_text(out, names[i]);
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	for (int64_t k = 0; k < nrows; k++) {
		fputs("<tr>", out);
		for (int i = 0; i < ncols; i++) {
			int c = col_of(t, names[i]);
			buf[0] = 0;
			if (c >= 0)
				tcell_text(&t->cols[c], table_cell(t, rows ? rows[k] : k, c), buf,
					   sizeof buf);
			int num =
			    c >= 0 && t->cols[c].type != COL_STRING && t->cols[c].type != COL_ADDR;
			fputs(num ? "<td class=\"n\">" : "<td>", out);
			xml_text(out, buf);
			fputs("</td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody></table></div>\n", out);
}

static const struct table *sort_tab;
static int sort_col[3];
static uint64_t score(int64_t r)
{
	uint64_t s = 0;
	for (int i = 0; i < 3; i++)
		if (sort_col[i] >= 0 && !table_cell(sort_tab, r, sort_col[i])->null)
			s += table_cell(sort_tab, r, sort_col[i])->v.u;
	return s;
}
static int cmp_rows(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	uint64_t sx = score(x), sy = score(y);
	if (sx != sy)
		return sx < sy ? 1 : -1;
	return x < y ? -1 : x > y;
}

int html_report(FILE *out, const char *capture, const struct table *streams, const struct table *iv,
		const struct table *facts, int top)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>wiresift "
	      "report: ",
	      out);
	xml_text(out, capture);
	fputs("</title>\n<style>body{font-family:sans-serif;margin:1.5em;color:#222}"
	      "table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid "
	      "#ccc;padding:2px 6px;"
	      "font-size:12px}th{background:#eef}td.n{text-align:right;font-variant-numeric:"
	      "tabular-nums}"
	      "h2{border-bottom:1px solid "
	      "#aaa}.scroll{overflow-x:auto}</style>\n</head><body>\n<h1>wiresift report: ",
	      out);
	xml_text(out, capture);
	fputs("</h1>\n<h2 id=\"io\">I/O graph</h2>\n", out);
	svg_plot(out, iv, "packets,bytes,tcp_rst,retransmissions");
	/* IPsec (seed 004): the tunnel's own loss and reordering, when there is ESP at all */
	int ce = col_of(iv, "esp");
	uint64_t nesp = 0;
	for (int64_t r = 0; ce >= 0 && r < iv->nrows; r++)
		nesp += table_cell(iv, r, ce)->v.u;
	if (nesp) {
		fputs("<h2 id=\"esp\">ESP: packets, sequence gaps (lost) and late packets</h2>\n",
		      out);
		svg_plot(out, iv, "esp,esp_lost,esp_late");
	}
	/* top streams by trouble (retransmissions + lost + duplicate ACKs), then by bytes */
	int64_t n = streams->nrows;
	int64_t *rows = xmalloc((size_t)(n ? n : 1) * sizeof *rows);
	for (int64_t i = 0; i < n; i++)
		rows[i] = i;
	sort_tab = streams;
	sort_col[0] = col_of(streams, "retransmission");
	sort_col[1] = col_of(streams, "lost_segment");
	sort_col[2] = col_of(streams, "duplicate_ack");
	qsort(rows, (size_t)n, sizeof *rows, cmp_rows);
	static const char *const scols[] = {
	    "proto",
	    "stream",
	    "addr_a",
	    "port_a",
	    "addr_b",
	    "port_b",
	    "duration",
	    "pkts_ab",
	    "pkts_ba",
	    "bytes_ab",
	    "bytes_ba",
	    "retransmission",
	    "fast_retransmission",
	    "lost_segment",
	    "ack_lost_segment",
	    "duplicate_ack",
	    "out_of_order",
	    "zero_window",
	    "rst",
	    "initial_rtt",
	    "state",
	};
	fputs("<h2 id=\"streams\">Top streams (most retransmissions, lost segments and duplicate "
	      "ACKs)</h2>\n",
	      out);
	html_table(out, streams, rows, n < top ? n : top, scols, (int)ARRAY_LEN(scols),
		   "top-streams");
	free(rows);
	/* expert summary: the facts' expert section, as its own table */
	int cs = col_of(facts, "section");
	int64_t ne = 0;
	int64_t *erows = xmalloc((size_t)(facts->nrows ? facts->nrows : 1) * sizeof *erows);
	for (int64_t i = 0; i < facts->nrows; i++)
		if (!strcmp(table_cell(facts, i, cs)->v.s, "expert"))
			erows[ne++] = i;
	static const char *const ecols[] = {"name", "value"};
	fputs("<h2 id=\"expert\">Expert summary (frames per TCP analysis flag)</h2>\n", out);
	html_table(out, facts, erows, ne, ecols, 2, "expert");
	free(erows);
	static const char *const fcols[] = {"section", "name", "value", "note"};
	fputs("<h2 id=\"facts\">Facts</h2>\n", out);
	html_table(out, facts, NULL, facts->nrows, fcols, 4, "facts");
	fputs("</body></html>\n", out);
	return 0;
}
