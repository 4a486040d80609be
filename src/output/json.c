/*
** json.c -- -T json: tshark 4.0's layout, one object per packet:
**   {"_index": "packets-YYYY-MM-DD", "_type": "doc", "_score": null,
**    "_source": {"layers": {"frame": {...}, "eth": {...}}}}
** A field is "abbrev": "value"; its subtree follows as "abbrev_tree": {...};
** protocols and FT_NONE items with children are "abbrev": {...}.  Repeated
** fields repeat their key, as tshark 4.0 does without --no-duplicate-keys.
*/
#include <string.h>
#include <time.h>

#include "label.h"
#include "pdml.h"
#include "tree.h"

static int json_started;

static void json_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			fputc('\\', out);
			fputc(c, out);
		} else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\r')
			fputs("\\r", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c == '\b')
			fputs("\\b", out);
		else if (c == '\f')
			fputs("\\f", out);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void json_children(FILE *out, const struct fieldset *fs, int first, int depth, char *buf,
			  size_t n);

static void json_item(FILE *out, const struct fieldset *fs, int idx, int depth, int *sep, char *buf,
		      size_t n)
{
	const struct fitem *it = &fs->items[idx];
	const struct field_def *d = field_get(it->id);
	if (!d)
		return;
	int c = tree_first_child(idx);
	int novalue = d->type == FT_PROTOCOL || d->type == FT_NONE;
	if (*sep)
		fputs(",\n", out);
	*sep = 1;
	fprintf(out, "%*s", 2 * depth, "");
	if (it->id == label_text_item_id()) /* a text-only item: its label is the key */
		json_str(out, it->text ? it->text : "");
	else
		json_str(out, d->abbrev);
	fputs(": ", out);
	if (novalue && c >= 0) {
		fputs("{\n", out);
		json_children(out, fs, c, depth + 1, buf, n);
		fprintf(out, "\n%*s}", 2 * depth, "");
		return;
	}
	if (novalue)
		buf[0] = 0;
	else
		tree_show_value(it, buf, n);
	json_str(out, buf);
	if (c >= 0) {
		fprintf(out, ",\n%*s\"", 2 * depth, "");
		for (const char *s = d->abbrev; *s; s++)
			fputc(*s, out);
		fputs("_tree\": {\n", out);
		json_children(out, fs, c, depth + 1, buf, n);
		fprintf(out, "\n%*s}", 2 * depth, "");
	}
}

static void json_children(FILE *out, const struct fieldset *fs, int first, int depth, char *buf,
			  size_t n)
{
	int sep = 0;
	for (int c = first; c >= 0; c = tree_next_sibling(c))
		json_item(out, fs, c, depth, &sep, buf, n);
}

void json_packet(FILE *out, const struct packet *pk)
{
	const struct fieldset *fs = pk->fs;
	static char buf[8192];
	char day[32] = "";
	time_t t = (time_t)pk->sec;
	struct tm tm;
	if (localtime_r(&t, &tm))
		strftime(day, sizeof day, "%Y-%m-%d", &tm);
	tree_build_index(fs);
	fputs(json_started ? ",\n" : "[\n", out);
	json_started = 1;
	fprintf(
	    out,
	    "  {\n    \"_index\": \"packets-%s\",\n    \"_type\": \"doc\",\n    \"_score\": null,\n"
	    "    \"_source\": {\n      \"layers\": {\n",
	    day);
	int sep = 0;
	for (int i = 0; i < fs->n; i++)
		if (fs->items[i].parent < 0)
			json_item(out, fs, i, 4, &sep, buf, sizeof buf);
	fputs("\n      }\n    }\n  }", out);
}

void json_footer(FILE *out)
{
	if (json_started)
		fputs("\n]\n", out);
	else
		fputs("[\n]\n", out);
}
