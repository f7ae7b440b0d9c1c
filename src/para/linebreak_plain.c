/*
 * UAX #14 without ICU's iterator, for plain text: letters, digits, spaces
 * and the punctuation of running prose, which is most of every release.
 * ICU's rule-based iterator walks a UTF-8 UText a code point at a time
 * through its state tables and break cache; for text of these few classes
 * the rules that can apply are a short list (allowed(), below), decided
 * from the class before the break, the class after it and, after spaces,
 * the class before the spaces (and, in a number or before a full stop, a
 * little more). Any other character (a combining mark, a plus sign and most
 * other symbols, a tab, a line end, a soft hyphen, any character of a
 * script ICU breaks by dictionary) leaves the paragraph to ICU. Where ICU
 * reads a rule its own way (its word-initial hyphen, its numbers), this
 * path follows ICU: tests/unit/test_linebreak_plain.c holds the two to
 * the same answers on 60,000 random strings of these classes' characters.
 */
#include "para/linebreak.h"

#include "base/utf8.h"

#include <pthread.h>
#include <string.h>
#include <unicode/uchar.h>

/* The line break classes this path knows (UAX #14's names). */
typedef enum plain_class {
	C_NONE, /* the text's start, or a character this path leaves to ICU */
	C_AL, /* letters */
	C_NU, /* ASCII digits */
	C_SP, /* U+0020 */
	C_IS, /* , . : ; */
	C_EX, /* ! ? */
	C_QU, /* " ' and the quotation marks but the low ones */
	C_OP, /* ( [ and the low quotation marks „ ‚ */
	C_CP, /* ) ] */
	C_HY, /* - */
	C_BA, /* U+2013 EN DASH */
	C_B2, /* U+2014 EM DASH */
	C_IN, /* U+2026 HORIZONTAL ELLIPSIS */
	C_GL, /* U+00A0 NO-BREAK SPACE, U+202F NARROW NO-BREAK SPACE */
	C_SY, /* / */
} plain_class;

static plain_class
ascii_class(uint32_t c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return C_AL;
	if (c >= '0' && c <= '9')
		return C_NU;
	switch (c) {
	case ' ':
		return C_SP;
	case ',':
	case '.':
	case ':':
	case ';':
		return C_IS;
	case '!':
	case '?':
		return C_EX;
	case '"':
	case '\'':
		return C_QU;
	case '(':
	case '[':
		return C_OP;
	case ')':
	case ']':
		return C_CP;
	case '-':
		return C_HY;
	case '/':
		return C_SY;
	default:
		return C_NONE; /* the rest: ICU's class, below */
	}
}

/* A code point's class from the characters named here and ICU's data. */
static plain_class
class_from_icu(uint32_t c)
{
	plain_class a = c < 0x80 ? ascii_class(c) : C_NONE;
	if (a != C_NONE)
		return a;
	switch (c) {
	case 0x201E: /* „ */
	case 0x201A: /* ‚ */
		return C_OP;
	case 0x201C: /* “ */
	case 0x201D: /* ” */
	case 0x2018: /* ‘ */
	case 0x2019: /* ’ */
	case 0x00AB: /* « */
	case 0x00BB: /* » */
		return C_QU;
	case 0x2013:
		return C_BA;
	case 0x2014:
		return C_B2;
	case 0x2026:
		return C_IN;
	case 0x00A0:
	case 0x202F:
		return C_GL;
	default:
		break;
	}
	/* Letters and symbols such as @ as ICU's own data classes them
	 * (Cyrillic, Latin, Greek…); ambiguous, unknown and South East Asian
	 * ones are not AL here, nor controls, tabs and line ends. */
	return u_getIntPropertyValue((UChar32)c, UCHAR_LINE_BREAK) == U_LB_ALPHABETIC ? C_AL
	                                                                              : C_NONE;
}

/* The classes of U+0000..U+07FF (ASCII, Latin, Greek, Cyrillic: one and
 * two bytes of UTF-8), looked up once a process: asking ICU a character
 * at a time cost half of what this path saves. */
#define N_TABLE 0x800
static uint8_t table[N_TABLE];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void
make_table(void)
{
	for (uint32_t c = 0; c < N_TABLE; c++)
		table[c] = (uint8_t)class_from_icu(c);
}

static inline plain_class
class_of(uint32_t c)
{
	return c < N_TABLE ? (plain_class)table[c] : class_from_icu(c);
}

/* What allowed() needs besides the classes either side of a break. */
typedef struct plain_context {
	plain_class z; /* the class after y (for an IS only) */
	plain_class b; /* when x is a space, the class before the spaces */
	bool open; /* x starts the text, or a line may break before it */
	bool number; /* x ends a number so far: NU (NU | SY | IS)* */
} plain_context;

/* Whether a line may break between a character of class x and one of class
 * y. In UAX #14's order, with ICU's readings: the first rule that speaks
 * decides. */
static bool
allowed(plain_class x, plain_class y, const plain_context *k)
{
	if (y == C_SP)
		return false; /* LB7: × SP */
	if (x == C_GL)
		return false; /* LB12: GL × */
	if (y == C_GL && x != C_SP && x != C_BA && x != C_HY)
		return false; /* LB12a: [^SP BA HY] × GL */
	if (y == C_CP || y == C_EX || y == C_SY)
		return false; /* LB13: × CP, × EX, × SY, spaces or not */
	plain_class before = x == C_SP ? k->b : x;
	if (before == C_OP)
		return false; /* LB14: OP SP* × */
	if (y == C_IS)
		return x == C_SP && k->z == C_NU; /* LB15c: SP ÷ IS NU (" .5"); LB15d: × IS */
	if (before == C_QU && y == C_OP)
		return false; /* LB15: QU SP* × OP */
	if (before == C_B2 && y == C_B2)
		return false; /* LB17: B2 SP* × B2 */
	if (x == C_SP)
		return true; /* LB18: SP ÷ */
	if (x == C_QU || y == C_QU)
		return false; /* LB19: × QU, QU × */
	if (x == C_HY && y == C_AL && k->open)
		return false; /* ICU's LB20.09: a word's leading hyphen, "-ово" */
	if (y == C_HY || y == C_BA || y == C_IN)
		return false; /* LB21: × HY, × BA; LB22: × IN */
	if (y == C_NU && (x == C_AL || x == C_NU || x == C_HY || x == C_IS || x == C_CP ||
	                         (x == C_SY && k->number)))
		return false; /* LB23: AL × NU; LB25 as ICU reads it (a number's
		               * "1/2", but "/2" alone breaks); LB30: CP × NU */
	if (y == C_AL && (x == C_AL || x == C_NU || x == C_IS || x == C_CP))
		return false; /* LB23: NU × AL; LB28; LB29: IS × AL; LB30: CP × AL */
	if (y == C_OP && (x == C_AL || x == C_NU))
		return false; /* LB30: AL × OP, NU × OP */
	return true; /* LB31 */
}

bool
lp_linebreak_plain_lang(const char *lang)
{
	/* The languages whose line breaking is ICU's root rules, as BCP 47
	 * tags without an extension (a -u-lb- keyword changes the rules). */
	static const char *const plain[] = {"sr", "ru", "uk", "bg", "mk", "en"};
	if (!lang || !*lang)
		return true;
	if (strchr(lang, '@') || strstr(lang, "-u-") || strstr(lang, "_u_"))
		return false;
	size_t n = strcspn(lang, "-_");
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
		if (n == strlen(plain[i]) && strncmp(lang, plain[i], n) == 0)
			return true;
	return false;
}

bool
lp_linebreak_plain(const char *text, uint32_t len, uint8_t *flags)
{
	pthread_once(&table_once, make_table);
	const uint8_t *u = (const uint8_t *)text;
	plain_class x = C_NONE;
	plain_context k = {C_NONE, C_NONE, true, false};
	size_t pos = 0;
	while (pos < len) {
		size_t at = pos;
		uint32_t c;
		plain_class y = lp_utf8_decode(u, len, &pos, &c) ? class_of(c) : C_NONE;
		if (y == C_NONE) {
			memset(flags, 0, len); /* ICU's, from the start */
			return false;
		}
		k.z = C_NONE;
		if (y == C_IS && pos < len) { /* the class after it, for LB15c */
			size_t next = pos;
			uint32_t c2;
			k.z = lp_utf8_decode(u, len, &next, &c2) ? class_of(c2) : C_NONE;
		}
		bool brk = at > 0 && allowed(x, y, &k);
		if (brk)
			flags[at] = LP_BRK_ALLOWED | (u[at - 1] == '-' ? LP_BRK_AFTER_HYPHEN : 0);
		k.open = at == 0 || brk;
		k.number = y == C_NU || ((y == C_SY || y == C_IS) && k.number);
		if (y != C_SP)
			k.b = y;
		x = y;
	}
	return true;
}
