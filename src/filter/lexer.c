/*
** lexer.c -- display-filter tokens (tshark 4.0 spellings).
**
** Words (field names, numbers, addresses, byte strings) are one token class,
** "unparsed", because whether "ab:cd" is a field or bytes depends on the
** registry and the other operand; the checker decides.  Two dots end a word
** so that set ranges like 80..90 need no spaces.
*/
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "filter_int.h"

void df_error(struct dferr *e, int pos, int len, const char *fmt, ...)
{
	if (e->set)
		return; /* tshark reports only the first problem */
	e->set = 1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->e->msg, sizeof e->e->msg, fmt, ap);
	va_end(ap);
	e->e->loc = pos;
	e->e->len = len;
}

static struct token *push(struct lexer *lx, enum tok t, int pos, int len)
{
	if (lx->ntok == lx->cap) {
		lx->cap = lx->cap ? lx->cap * 2 : 32;
		struct token *nt = realloc(lx->toks, (size_t)lx->cap * sizeof *nt);
		if (!nt)
			abort();
		lx->toks = nt;
	}
	struct token *k = &lx->toks[lx->ntok++];
	memset(k, 0, sizeof *k);
	k->t = t;
	k->pos = pos;
	k->len = len;
	k->text = lx->s + pos;
	k->tlen = len;
	return k;
}

static int is_word(int c)
{
	return isalnum(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '/';
}

static size_t put_utf8(uint8_t *o, uint32_t c)
{
	if (c < 0x80) {
		o[0] = (uint8_t)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (uint8_t)(0xc0 | c >> 6);
		o[1] = (uint8_t)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (uint8_t)(0xe0 | c >> 12);
		o[1] = (uint8_t)(0x80 | (c >> 6 & 0x3f));
		o[2] = (uint8_t)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (uint8_t)(0xf0 | c >> 18);
	o[1] = (uint8_t)(0x80 | (c >> 12 & 0x3f));
	o[2] = (uint8_t)(0x80 | (c >> 6 & 0x3f));
	o[3] = (uint8_t)(0x80 | (c & 0x3f));
	return 4;
}

/*
** One escape after a backslash at s[*i] (s[*i] == '\\').  Appends its bytes
** to out; returns -1 after reporting a bad escape.
*/
static int escape(struct lexer *lx, size_t *i, uint8_t *out, size_t *no, struct dferr *e,
		  int charconst)
{
	const char *s = lx->s;
	size_t st = *i, j = *i + 1;
	int c = j < lx->n ? (unsigned char)s[j] : 0;
	static const char simple[] = "a\ab\bf\fn\nr\rt\tv\v\\\\''\"\"";
	const char *m = c ? strchr(simple, c) : NULL;
	if (m && ((m - simple) % 2) == 0) {
		out[(*no)++] = (uint8_t)m[1];
		*i = j + 1;
		return 0;
	}
	if (c >= '0' && c <= '7') {
		unsigned v = 0;
		size_t k = j;
		while (k < lx->n && k < j + 3 && s[k] >= '0' && s[k] <= '7')
			v = v * 8 + (unsigned)(s[k++] - '0');
		if (v > 255) {
			df_error(e, (int)st, (int)(k - st),
				 "%.*s is not a valid octal escape sequence", (int)(k - st),
				 s + st);
			return -1;
		}
		out[(*no)++] = (uint8_t)v;
		*i = k;
		return 0;
	}
	if (c == 'x') {
		size_t k = j + 1;
		unsigned v = 0;
		while (k < lx->n && k < j + 3 && hex_value((unsigned char)s[k]) >= 0)
			v = v * 16 + (unsigned)hex_value((unsigned char)s[k++]);
		if (k == j + 1) {
			df_error(e, (int)st, 2, "\\x is not a valid character escape sequence");
			return -1;
		}
		out[(*no)++] = (uint8_t)v;
		*i = k;
		return 0;
	}
	if ((c == 'u' || c == 'U') && !charconst) {
		size_t nd = c == 'u' ? 4 : 8, k = j + 1;
		uint32_t v = 0;
		while (k < lx->n && k < j + 1 + nd && hex_value((unsigned char)s[k]) >= 0)
			v = v * 16 + (uint32_t)hex_value((unsigned char)s[k++]);
		int ok = k == j + 1 + nd && (v >= 0xa0 || v == '$' || v == '@' || v == '`') &&
			 v <= 0x10ffff && !(v >= 0xd800 && v <= 0xdfff);
		if (!ok) {
			df_error(e, (int)st, (int)(k - st),
				 "%.*s is not a valid universal character name", (int)(k - st),
				 s + st);
			return -1;
		}
		*no += put_utf8(out + *no, v);
		*i = k;
		return 0;
	}
	df_error(e, (int)st, c ? 2 : 1, "\\%c is not a valid character escape sequence", c);
	return -1;
}

static int lex_string(struct lexer *lx, int raw, struct dferr *e)
{
	size_t st = lx->i;
	size_t i = st + (raw ? 2 : 1);
	uint8_t *out = malloc(lx->n + 8);
	size_t no = 0;
	if (!out)
		abort();
	for (;;) {
		if (i >= lx->n) {
			free(out);
			df_error(e, (int)lx->n, 0,
				 "The final quote was missing from a quoted string.");
			return -1;
		}
		char c = lx->s[i];
		if (c == '"')
			break;
		if (c == '\\' && raw) {
			/* raw strings keep the backslash; it only protects a quote */
			out[no++] = '\\';
			if (i + 1 < lx->n)
				out[no++] = (uint8_t)lx->s[i + 1];
			i += 2;
			continue;
		}
		if (c == '\\') {
			if (escape(lx, &i, out, &no, e, 0) < 0) {
				free(out);
				return -1;
			}
			continue;
		}
		out[no++] = (uint8_t)c;
		i++;
	}
	i++;
	struct token *k = push(lx, T_STRING, (int)st, (int)(i - st));
	k->sval = out;
	k->slen = no;
	lx->i = i;
	return 0;
}

static int lex_char(struct lexer *lx, struct dferr *e)
{
	size_t st = lx->i, i = st + 1;
	uint8_t out[8];
	size_t no = 0;
	while (i < lx->n && lx->s[i] != '\'') {
		if (lx->s[i] == '\\') {
			if (i + 1 < lx->n && lx->s[i + 1] == '\'') {
				out[no < 4 ? no : 4] = '\'';
				no++;
				i += 2;
				continue;
			}
			uint8_t tmp[8];
			size_t tn = 0;
			if (escape(lx, &i, tmp, &tn, e, 1) < 0)
				return -1;
			out[no < 4 ? no : 4] = tmp[0];
			no++;
			continue;
		}
		out[no < 4 ? no : 4] = (uint8_t)lx->s[i];
		no++;
		i++;
	}
	if (i >= lx->n) {
		df_error(e, (int)lx->n, 0,
			 "The final quote was missing from a character constant.");
		return -1;
	}
	i++;
	if (no != 1) {
		df_error(e, (int)st, (int)(i - st),
			 "%.*s is too long to be a valid character constant.", (int)(i - st),
			 lx->s + st);
		return -1;
	}
	struct token *k = push(lx, T_CHAR, (int)st, (int)(i - st));
	k->ival = out[0];
	lx->i = i;
	return 0;
}

static const struct {
	const char *w;
	enum tok t;
} words[] = {
    {"eq", T_EQ},
    {"any_eq", T_EQ},
    {"ne", T_NE},
    {"all_ne", T_NE},
    {"all_eq", T_AEQ},
    {"any_ne", T_ANE},
    {"gt", T_GT},
    {"ge", T_GE},
    {"lt", T_LT},
    {"le", T_LE},
    {"contains", T_CONTAINS},
    {"matches", T_MATCHES},
    {"not", T_NOT},
    {"and", T_AND},
    {"or", T_OR},
    {"in", T_IN},
    {"any", T_ANY},
    {"all", T_ALL},
    {"bitwise_and", T_BAND},
};

static const struct {
	const char *s;
	enum tok t;
} puncts[] = {
    /* longest first */
    {"===", T_AEQ},  {"!==", T_ANE},  {"==", T_EQ},     {"!=", T_NE},    {"~=", T_ANE},
    {">=", T_GE},    {"<=", T_LE},    {"&&", T_AND},    {"||", T_OR},    {"..", T_DOTDOT},
    {">", T_GT},     {"<", T_LT},     {"~", T_MATCHES}, {"!", T_NOT},    {"&", T_BAND},
    {"+", T_PLUS},   {"-", T_MINUS},  {"*", T_STAR},    {"/", T_SLASH},  {"%", T_PCT},
    {"(", T_LPAREN}, {")", T_RPAREN}, {",", T_COMMA},   {"{", T_LBRACE}, {"}", T_RBRACE},
    {"$", T_DOLLAR},
};

/* "[...]" as one token: ranges are parsed later from its text. */
static int lex_bracket(struct lexer *lx, enum tok t, size_t st, size_t from, struct dferr *e)
{
	size_t i = from;
	while (i < lx->n && lx->s[i] != ']')
		i++;
	if (i >= lx->n) {
		df_error(e, (int)lx->n, 0, "The right bracket was missing from a slice.");
		return -1;
	}
	struct token *k = push(lx, t, (int)st, (int)(i + 1 - st));
	k->text = lx->s + from;
	k->tlen = (int)(i - from);
	lx->i = i + 1;
	return 0;
}

int df_lex(const char *text, struct lexer *lx, struct dferr *e)
{
	memset(lx, 0, sizeof *lx);
	lx->s = text;
	lx->n = strlen(text);
	while (lx->i < lx->n) {
		const char *s = lx->s;
		size_t i = lx->i;
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			lx->i++;
			continue;
		}
		if (c == '"' || ((c == 'r' || c == 'R') && i + 1 < lx->n && s[i + 1] == '"')) {
			if (lex_string(lx, c != '"', e) < 0)
				return -1;
			continue;
		}
		if (c == '\'') {
			if (lex_char(lx, e) < 0)
				return -1;
			continue;
		}
		if (c == '[') {
			if (lex_bracket(lx, T_SLICE, i, i + 1, e) < 0)
				return -1;
			continue;
		}
		if (c == '#') {
			if (i + 1 < lx->n && s[i + 1] == '[') {
				if (lex_bracket(lx, T_LAYER, i, i + 2, e) < 0)
					return -1;
				continue;
			}
			size_t k = i + 1;
			while (k < lx->n && isdigit((unsigned char)s[k]))
				k++;
			if (k == i + 1) {
				if (k < lx->n)
					df_error(e, (int)k, 1,
						 "Expected digit or \"[\", not \"%c\"", s[k]);
				else
					df_error(e, (int)k, 0, "Expected digit or \"[\", not \"\"");
				return -1;
			}
			struct token *t = push(lx, T_LAYER, (int)i, (int)(k - i));
			t->text = s + i + 1;
			t->tlen = (int)(k - i - 1);
			lx->i = k;
			continue;
		}
		int word_start = isalnum(c) || c == '_' ||
				 ((c == '.' || c == ':') && i + 1 < lx->n &&
				  (isalnum((unsigned char)s[i + 1]) || s[i + 1] == '_' ||
				   (c == ':' && s[i + 1] == ':')));
		if (word_start) {
			size_t k = i + (c == '.' || c == ':' ? 1 : 0);
			while (k < lx->n && is_word((unsigned char)s[k])) {
				if (s[k] == '.' && k + 1 < lx->n && s[k + 1] == '.')
					break;
				k++;
			}
			/*
			 * Colons belong only to addresses and byte strings: a word with
			 * other letters ends before its first colon, as in tshark.
			 */
			size_t colon = 0;
			int hexish = 1;
			for (size_t q = i; q < k; q++) {
				int ch = (unsigned char)s[q];
				if (ch == ':' && !colon)
					colon = q;
				if (!isxdigit(ch) && ch != ':' && ch != '.' && ch != '-' &&
				    ch != '/')
					hexish = 0;
			}
			if (colon > i && !hexish)
				k = colon;
			if (c == ':' &&
			    s[i + 1] != ':') { /* ":hex" takes hex digits and colons only */
				k = i + 1;
				while (k < lx->n && (isxdigit((unsigned char)s[k]) || s[k] == ':'))
					k++;
			}
			enum tok t = c == '.'                      ? T_FIELDONLY
				     : c == ':' && s[i + 1] != ':' ? T_LITERAL
								   : T_UNPARSED;
			struct token *tk = push(lx, t, (int)i, (int)(k - i));
			if (t == T_UNPARSED && c != ':') {
				for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
					if (strlen(words[w].w) == k - i &&
					    !memcmp(words[w].w, s + i, k - i))
						tk->t = words[w].t;
			} else if (c != ':' || s[i + 1] != ':') {
				tk->text = s + i + 1;
				tk->tlen = (int)(k - i - 1);
			}
			lx->i = k;
			continue;
		}
		size_t w;
		for (w = 0; w < sizeof puncts / sizeof puncts[0]; w++) {
			size_t pl = strlen(puncts[w].s);
			if (i + pl <= lx->n && !memcmp(s + i, puncts[w].s, pl)) {
				push(lx, puncts[w].t, (int)i, (int)pl);
				lx->i = i + pl;
				break;
			}
		}
		if (w < sizeof puncts / sizeof puncts[0])
			continue;
		if (c < 0x20 || c >= 0x7f) {
			df_error(
			    e, (int)i, 1,
			    "Non-printable ASCII characters may only appear inside double-quotes.");
			return -1;
		}
		df_error(e, (int)i, 1, "\"%c\" was unexpected in this context.", c);
		return -1;
	}
	push(lx, T_EOF, (int)lx->n, 0);
	return 0;
}

void df_lex_free(struct lexer *lx)
{
	for (int i = 0; i < lx->ntok; i++)
		free(lx->toks[i].sval);
	free(lx->toks);
	lx->toks = NULL;
	lx->ntok = 0;
}
