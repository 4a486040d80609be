/*
** pdml.c -- -T pdml: the packet tree as tshark 4.0's XML.
**
** <packet> holds the "geninfo" pseudo-protocol, then one <proto> per top
** level protocol with nested <field> elements: name (abbreviation),
** showname (the -V label), hide="yes" for hidden items, size, pos, show
** (the -T fields value) and value (the field's bytes in hex; for masked
** fields the masked value, the bytes going to unmaskedvalue).
*/
#include "pdml.h"

#include <string.h>
#include <time.h>

#include "format.h"
#include "label.h"
#include "tree.h"

void xml_put(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#x27;", out);
			break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r')
				fprintf(out, "&#x%x;", (unsigned)(unsigned char)*s);
			else
				fputc(*s, out);
		}
	}
}

void pdml_header(FILE *out, const char *capture_file)
{
	char tbuf[64] = "";
	time_t now = time(NULL);
	struct tm tm;
	if (localtime_r(&now, &tm))
		strftime(tbuf, sizeof tbuf, "%a %b %e %H:%M:%S %Y", &tm);
	fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	      "<?xml-stylesheet type=\"text/xsl\" href=\"pdml2html.xsl\"?>\n"
	      "<!-- You can find pdml2html.xsl in /usr/share/wireshark or at "
	      "https://gitlab.com/wireshark/wireshark/-/raw/master/pdml2html.xsl. -->\n",
	      out);
	fputs("<pdml version=\"0\" creator=\"wireshark/4.0.17\" time=\"", out);
	xml_put(out, tbuf);
	fputs("\" capture_file=\"", out);
	xml_put(out, capture_file ? capture_file : "");
	fputs("\">\n", out);
}

void pdml_footer(FILE *out)
{
	fputs("</pdml>\n", out);
}

static void put_hexbytes(FILE *out, const uint8_t *p, uint32_t n)
{
	static const char hx[] = "0123456789abcdef";
	for (uint32_t i = 0; i < n; i++) {
		fputc(hx[p[i] >> 4], out);
		fputc(hx[p[i] & 15], out);
	}
}

/* the show attribute: tshark's -T fields text, bytes with colons */
size_t tree_show_value(const struct fitem *it, char *buf, size_t n)
{
	const struct field_def *d = field_get(it->id);
	if (d && (d->type == FT_BYTES || d->type == FT_UINT_BYTES) &&
	    (d->base & BASE_MASK) == BASE_NONE)
		return fmt_hex(buf, n, it->val.v.b.p, it->val.v.b.n, ':');
	return fv_to_str(it, buf, n);
}

static void pdml_item(FILE *out, const struct packet *pk, const struct fieldset *fs, int idx,
		      int depth, char *lab, size_t nlab)
{
	const struct fitem *it = &fs->items[idx];
	const struct field_def *d = field_get(it->id);
	if (!d)
		return;
	int proto = depth == 0 && d->type == FT_PROTOCOL;
	if (!tree_proto_label(fs, idx, lab, nlab))
		label_format(it, lab, nlab);
	if (it->id == label_text_item_id()) { /* a text-only item: name="" show="label" */
		fprintf(out, "%*s<field name=\"\" show=\"", 2 * (depth + 1), "");
		xml_put(out, lab);
		fprintf(out, "\" size=\"%u\" pos=\"%u\"", it->len, it->pos);
		if (it->len && it->src == 0 && pk->data && it->pos + it->len <= pk->caplen) {
			fputs(" value=\"", out);
			put_hexbytes(out, pk->data + it->pos, it->len);
			fputc('"', out);
		}
		int tc = tree_first_child(idx);
		if (tc < 0) {
			fputs("/>\n", out);
			return;
		}
		fputs(">\n", out);
		for (; tc >= 0; tc = tree_next_sibling(tc))
			pdml_item(out, pk, fs, tc, depth + 1, lab, nlab);
		fprintf(out, "%*s</field>\n", 2 * (depth + 1), "");
		return;
	}
	fprintf(out, "%*s<%s name=\"", 2 * (depth + 1), "", proto ? "proto" : "field");
	xml_put(out, d->abbrev);
	fputs("\" showname=\"", out);
	xml_put(out, lab);
	fputc('"', out);
	if ((it->flags & FI_HIDDEN) || label_hidden_by_default(it->id))
		fputs(" hide=\"yes\"", out);
	fprintf(out, " size=\"%u\" pos=\"%u\"", it->len, it->pos);
	if (!proto && d->type != FT_PROTOCOL && d->type != FT_NONE) {
		tree_show_value(it, lab, nlab);
		fputs(" show=\"", out);
		xml_put(out, lab);
		fputc('"', out);
	}
	if (!proto && it->len && it->src == 0 && pk->data && it->pos + it->len <= pk->caplen &&
	    d->type != FT_PROTOCOL) {
		if (d->bitmask) {
			fprintf(out, " value=\"%llx\" unmaskedvalue=\"",
				(unsigned long long)it->val.v.u);
			put_hexbytes(out, pk->data + it->pos, it->len);
			fputc('"', out);
		} else {
			fputs(" value=\"", out);
			put_hexbytes(out, pk->data + it->pos, it->len);
			fputc('"', out);
		}
	}
	int c = tree_first_child(idx);
	if (c < 0 && !proto) {
		fputs("/>\n", out);
		return;
	}
	fputs(">\n", out);
	for (; c >= 0; c = tree_next_sibling(c))
		pdml_item(out, pk, fs, c, depth + 1, lab, nlab);
	fprintf(out, "%*s</%s>\n", 2 * (depth + 1), "", proto ? "proto" : "field");
}

void pdml_packet(FILE *out, const struct packet *pk)
{
	const struct fieldset *fs = pk->fs;
	static char lab[8192];
	char tb[128];
	tree_build_index(fs);
	fputs("<packet>\n", out);
	fprintf(
	    out,
	    "  <proto name=\"geninfo\" pos=\"0\" showname=\"General information\" size=\"%u\">\n"
	    "    <field name=\"num\" pos=\"0\" show=\"%u\" showname=\"Number\" value=\"%x\" "
	    "size=\"%u\"/>\n"
	    "    <field name=\"len\" pos=\"0\" show=\"%u\" showname=\"Frame Length\" value=\"%x\" "
	    "size=\"%u\"/>\n"
	    "    <field name=\"caplen\" pos=\"0\" show=\"%u\" showname=\"Captured Length\" "
	    "value=\"%x\" size=\"%u\"/>\n",
	    pk->caplen, pk->num, pk->num, pk->caplen, pk->len, pk->len, pk->caplen, pk->caplen,
	    pk->caplen, pk->caplen);
	fmt_abs_time(tb, sizeof tb, (long long)pk->sec, pk->nsec, ABSOLUTE_TIME_LOCAL);
	fputs("    <field name=\"timestamp\" pos=\"0\" show=\"", out);
	xml_put(out, tb);
	fprintf(out,
		"\" showname=\"Captured Time\" value=\"%lld.%09d\" size=\"%u\"/>\n  </proto>\n",
		(long long)pk->sec, (int)pk->nsec, pk->caplen);
	for (int i = 0; i < fs->n; i++)
		if (fs->items[i].parent < 0)
			pdml_item(out, pk, fs, i, 0, lab, sizeof lab);
	fputs("</packet>\n\n", out);
}
