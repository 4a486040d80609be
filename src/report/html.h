/*
** html.h -- charts (SVG written directly, byte-stable: fixed precision, no
** timestamps) and the self-contained HTML report (inline SVG and CSS, no
** external resources, no script).
*/
#ifndef WS_HTML_H
#define WS_HTML_H

#include <stdio.h>

#include "../output/table.h"

/*
** One SVG with a panel per series; series is a comma-separated list of
** columns of the intervals table, drawn as per-second rates.  Returns -1
** (nothing written) when a name is not a column.
*/
int svg_plot(FILE *out, const struct table *iv, const char *series);
int html_report(FILE *out, const char *capture, const struct table *streams, const struct table *iv,
		const struct table *facts, int top);
/* XML/HTML text escaping */
void xml_text(FILE *out, const char *s);

#endif
