/*
 * The paragraph stage end to end on text shaped by the text stage.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/para_fixture.h"

TestSuite(para, .init = para_fixture_setup, .fini = para_fixture_teardown);

static const char seed[] =
        "Председник Републике Србије Александар Вучић разговарао је данас телефоном са "
        "председником Републике Казахстан Касимом Жомартом Токајевим о свим питањима од значаја "
        "за обе земље, а посебно о билатералним и економским односима, сарадњи у областима "
        "енергетике, инфраструктуре, војне индустрије и пољопривреде, као и о актуелној "
        "геополитичкој ситуацији.";

static lp_text_style
body(const char *lang)
{
	return (lp_text_style){.family = "Noto Serif",
	        .weight = 400,
	        .size_pt = 11,
	        .lang = lang,
	        .link = -1,
	        .hyphenate = true};
}

static const lp_shaped_par *
shape(const char *text, lp_text_style st)
{
	lp_span *s = lp_arena_alloc(arena, sizeof *s);
	*s = (lp_span){0, (uint32_t)strlen(text), st};
	lp_text_par in = {text, (uint32_t)strlen(text), s, 1, "t.md", 1}, prep;
	lp_shaped_par *out = NULL;
	cr_assert(eq(int, lp_text_prepare(&in, arena, &prep, NULL), LP_OK));
	cr_assert(eq(int, lp_text_shape(shaper, &prep, arena, &out, diag), LP_OK));
	return out;
}

static lp_break_params
params(float measure, lp_par_align align)
{
	return (lp_break_params){
	        .measure_pt = measure, .align = align, .kp = LP_KP_PARAMS_DEFAULT, .hyph = hyph};
}

static const lp_par_lines *
set(const lp_shaped_par *p, const lp_break_params *pp)
{
	lp_par_lines *out = NULL;
	cr_assert(eq(int, lp_para_break(shaper, p, pp, arena, &out, diag), LP_OK));
	cr_assert(ne(ptr, out, NULL));
	return out;
}

static const lp_line_glyph *
last_glyph(const lp_line *ln, const lp_line_run **run)
{
	*run = &ln->runs[ln->n_runs - 1];
	return &(*run)->glyphs[(*run)->n_glyphs - 1];
}

Test(para, justified_lines_fill_the_measure)
{
	lp_break_params pp = params(453.54f, LP_PAR_JUSTIFY);
	const lp_par_lines *pl = set(shape(seed, body("sr-Cyrl")), &pp);
	cr_assert(lt(u32, 3, pl->n_lines));
	for (uint32_t l = 0; l < pl->n_lines; l++) {
		const lp_line *ln = &pl->lines[l];
		const char *t = para_line_text(ln);
		cr_assert(ne(chr, t[strlen(t) - 1], ' '), "line %u ends in a space", l);
		cr_assert(ne(chr, t[0], ' '));
		cr_assert(eq(flt, ln->x_pt, 0));
		if (l + 1 < pl->n_lines) {
			cr_assert(lt(flt, fabsf(ln->width_pt - pp.measure_pt), 0.01f),
			        "line %u is %.3f pt", l, (double)ln->width_pt);
			/* The last glyph really ends at the measure. */
			const lp_line_run *run;
			const lp_line_glyph *g = last_glyph(ln, &run);
			const lp_font_metrics *fm = lp_font_metrics_of(run->font);
			float end = g->x_pt + (float)lp_font_glyph_advance(run->font, g->gid) *
			                              run->size_pt / (float)fm->units_per_em;
			cr_assert(lt(flt, fabsf(end - pp.measure_pt), 0.05f),
			        "line %u ends at %.3f", l, (double)end);
		} else {
			cr_assert(lt(flt, ln->width_pt, pp.measure_pt));
			cr_assert(eq(flt, ln->ratio, 0));
		}
		cr_assert(le(flt, fabsf(ln->ratio), 1.0f));
	}
	/* Every byte of the text is on exactly one line, save the spaces at
	 * the breaks. */
	for (uint32_t l = 0; l + 1 < pl->n_lines; l++) {
		uint32_t gap = pl->lines[l + 1].start - pl->lines[l].end;
		cr_assert(le(u32, gap, 1));
		if (gap)
			cr_assert(eq(chr, seed[pl->lines[l].end], ' '));
	}
	cr_assert(eq(u32, pl->lines[pl->n_lines - 1].end, (uint32_t)strlen(seed)));
}

Test(para, hyphenated_line_ends_in_the_fonts_hyphen)
{
	int seen = 0;
	for (float m = 200; m < 460; m += 13) {
		lp_break_params pp = params(m, LP_PAR_JUSTIFY);
		const lp_par_lines *pl = set(shape(seed, body("sr-Cyrl")), &pp);
		for (uint32_t l = 0; l < pl->n_lines; l++) {
			const lp_line *ln = &pl->lines[l];
			if (!ln->hyphenated)
				continue;
			seen++;
			const lp_line_run *run;
			const lp_line_glyph *g = last_glyph(ln, &run);
			cr_assert(eq(u32, g->gid, lp_font_glyph(run->font, '-')));
			cr_assert(eq(chr, run->text[g->cluster], '-'));
			cr_assert(eq(u32, g->cluster, run->text_len - 1));
			const char *t = para_line_text(ln);
			cr_assert(eq(chr, t[strlen(t) - 1], '-'));
			cr_assert(ne(chr, t[strlen(t) - 2], ' '));
		}
	}
	cr_assert(lt(int, 5, seen));
}

Test(para, clusters_index_the_run_text)
{
	lp_break_params pp = params(300, LP_PAR_JUSTIFY);
	const lp_shaped_par *p = shape(seed, body("sr-Cyrl"));
	const lp_par_lines *pl = set(p, &pp);
	for (uint32_t l = 0; l < pl->n_lines; l++)
		for (uint32_t r = 0; r < pl->lines[l].n_runs; r++) {
			const lp_line_run *run = &pl->lines[l].runs[r];
			cr_assert(eq(int,
			        memcmp(run->text, p->text + run->par_start,
			                run->text_len - pl->lines[l].hyphenated *
			                                        (r + 1 == pl->lines[l].n_runs)),
			        0));
			float x = -1;
			for (uint32_t g = 0; g < run->n_glyphs; g++) {
				cr_assert(lt(u32, run->glyphs[g].cluster, run->text_len));
				cr_assert(ge(flt, run->glyphs[g].x_pt, x));
				x = run->glyphs[g].x_pt;
			}
		}
}

Test(para, addresses_are_never_hyphenated)
{
	const char *t = "За додатне информације пишите на адресу mediji@predsednik.rs или "
	                "посетите страницу www.predsednik.rs, где се налазе сва саопштења.";
	const lp_shaped_par *p = shape(t, body("sr-Cyrl"));
	const char *mail = strstr(t, "mediji@"), *www = strstr(t, "www.");
	uint32_t mail_a = (uint32_t)(mail - t),
	         mail_b = mail_a + (uint32_t)strlen("mediji@predsednik.rs");
	uint32_t www_a = (uint32_t)(www - t), www_b = www_a + (uint32_t)strlen("www.predsednik.rs");
	int breaks_inside = 0;
	for (float m = 40; m < 400; m += 3) {
		lp_break_params pp = params(m, LP_PAR_JUSTIFY);
		const lp_par_lines *pl = set(p, &pp);
		for (uint32_t l = 0; l < pl->n_lines; l++) {
			const lp_line *ln = &pl->lines[l];
			uint32_t e = ln->end;
			bool in_mail = e > mail_a && e<mail_b, in_www = e> www_a && e < www_b;
			if (in_mail || in_www) {
				breaks_inside++;
				cr_assert(not(ln->hyphenated),
				        "hyphen in an address at measure %.0f", (double)m);
				/* Below ~70 pt even ".predsednik" is wider than the line
				 * and is broken between letters as a last resort. */
				if (m >= 70)
					cr_assert(t[e] == '.' || t[e] == '@',
					        "address broken before '%c'", t[e]);
			}
		}
	}
	/* Narrow measures do break the addresses, by the rule. */
	cr_assert(lt(int, 0, breaks_inside));
}

Test(para, overlong_word_is_broken_and_reported)
{
	const char *t = "Реч "
	                "Xyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyz"
	                " крај.";
	lp_break_params pp = params(150, LP_PAR_JUSTIFY);
	size_t before = lp_diag_size(diag);
	const lp_par_lines *pl = set(shape(t, body("en")), &pp);
	cr_assert(lt(u32, 2, pl->n_lines));
	for (uint32_t l = 0; l < pl->n_lines; l++)
		cr_assert(not(pl->lines[l].overfull), "line %u overflows", l);
	bool named = false;
	for (size_t i = before; i < lp_diag_size(diag); i++) {
		const lp_diag_entry *e = lp_diag_at_index(diag, i);
		named |= e->severity == LP_WARNING && strstr(e->message, "Xyzxyzxyz") != NULL;
	}
	cr_assert(named, "no warning names the word");
}

Test(para, line_separator_forces_a_break)
{
	const char *t = "Кабинет председника Републике\u2028Андрићев венац 1";
	lp_break_params pp = params(450, LP_PAR_JUSTIFY);
	const lp_par_lines *pl = set(shape(t, body("sr-Cyrl")), &pp);
	cr_assert(eq(u32, pl->n_lines, 2));
	cr_assert(eq(str, (char *)para_line_text(&pl->lines[0]), "Кабинет председника Републике"));
	cr_assert(eq(str, (char *)para_line_text(&pl->lines[1]), "Андрићев венац 1"));
	cr_assert(eq(flt, pl->lines[0].ratio, 0)); /* the line before it is not stretched */
}

Test(para, no_break_space_holds)
{
	const char *t = "Састанак почиње у 10\u00a0часова, а завршава се у 12\u00a0часова.";
	for (float m = 60; m < 250; m += 5) {
		lp_break_params pp = params(m, LP_PAR_LEFT);
		const lp_par_lines *pl = set(shape(t, body("sr-Cyrl")), &pp);
		for (uint32_t l = 0; l < pl->n_lines; l++) {
			const char *lt = para_line_text(&pl->lines[l]);
			size_t n = strlen(lt);
			cr_assert(not(n >= 2 && strcmp(lt + n - 2, "10") == 0));
			cr_assert(not(n >= 2 && strcmp(lt + n - 2, "12") == 0));
		}
	}
}

/* A no-break space shrinks as much as a space, no more: the breaker once
 * counted its give for each of its two bytes, chose lines that only
 * twice the shrink would fit, and they were set past the measure. */
Test(para, no_break_spaces_never_push_a_line_past_the_measure)
{
	const char *t = "cities\u00a0boat said\u00a0every and\u00a0on river\u00a0from "
	                "between\u00a0tickets run\u00a0spring and\u00a0boat from\u00a0between "
	                "from\u00a0on from\u00a0council from\u00a0river lines\u00a0the "
	                "with\u00a0every tickets\u00a0from.";
	int tight = 0;
	for (float m = 200; m < 500; m += 1) {
		lp_break_params pp = params(m, LP_PAR_JUSTIFY);
		const lp_par_lines *pl = set(shape(t, body("en")), &pp);
		for (uint32_t l = 0; l < pl->n_lines; l++) {
			const lp_line *ln = &pl->lines[l];
			cr_assert(le(flt, ln->width_pt, m + 0.01f),
			        "measure %.0f, line %u: %.2f pt", (double)m, l,
			        (double)ln->width_pt);
			tight += ln->ratio < -0.5f;
		}
	}
	cr_assert(lt(int, 0, tight), "no measure shrinks a line: the test tests nothing");
}
Test(para, ragged_and_centred)
{
	lp_break_params pp = params(300, LP_PAR_LEFT);
	const lp_par_lines *pl = set(shape(seed, body("sr-Cyrl")), &pp);
	for (uint32_t l = 0; l < pl->n_lines; l++) {
		cr_assert(eq(flt, pl->lines[l].x_pt, 0));
		cr_assert(eq(flt, pl->lines[l].ratio, 0));
		cr_assert(le(flt, pl->lines[l].width_pt, 300.01f));
	}
	pp.align = LP_PAR_CENTER;
	pl = set(shape(seed, body("sr-Cyrl")), &pp);
	for (uint32_t l = 0; l < pl->n_lines; l++) {
		const lp_line *ln = &pl->lines[l];
		cr_assert(lt(flt, fabsf(ln->x_pt - (300 - ln->width_pt) / 2), 0.01f));
	}
	pp.align = LP_PAR_RIGHT;
	pl = set(shape(seed, body("sr-Cyrl")), &pp);
	for (uint32_t l = 0; l < pl->n_lines; l++) {
		const lp_line *ln = &pl->lines[l];
		cr_assert(lt(flt, fabsf(ln->x_pt + ln->width_pt - 300), 0.01f));
	}
}

Test(para, first_indent_shifts_the_first_line)
{
	lp_break_params pp = params(300, LP_PAR_JUSTIFY);
	pp.first_indent_pt = 20;
	const lp_par_lines *pl = set(shape(seed, body("sr-Cyrl")), &pp);
	cr_assert(eq(flt, pl->lines[0].x_pt, 20));
	cr_assert(eq(flt, pl->lines[0].runs[0].glyphs[0].x_pt, 20));
	cr_assert(lt(flt, fabsf(pl->lines[0].width_pt - 280), 0.01f));
	cr_assert(eq(flt, pl->lines[1].x_pt, 0));
}

Test(para, tracking_is_taken_back_at_the_line_end)
{
	lp_text_style plain = body("sr-Cyrl"), tracked = body("sr-Cyrl");
	tracked.tracking_em = 0.1f;
	lp_break_params pp = params(400, LP_PAR_LEFT);
	const lp_par_lines *a = set(shape("САОПШТЕЊЕ", plain), &pp);
	const lp_par_lines *b = set(shape("САОПШТЕЊЕ", tracked), &pp);
	/* Nine letters, eight gaps of 0.1 em at 11 pt. */
	cr_assert(lt(flt, fabsf(b->lines[0].width_pt - a->lines[0].width_pt - 8 * 1.1f), 0.02f),
	        "%.3f vs %.3f", (double)b->lines[0].width_pt, (double)a->lines[0].width_pt);
}

Test(para, no_dictionary_is_a_warning)
{
	lp_break_params pp = params(100, LP_PAR_JUSTIFY);
	size_t before = lp_diag_count(diag, LP_WARNING);
	set(shape("Der Präsident der Republik Nordmazedonien", body("de")), &pp);
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), before + 1));
	cr_assert(eq(sz, lp_diag_errors(diag), 0));
}

Test(para, dump_is_stable)
{
	lp_break_params pp = params(200, LP_PAR_JUSTIFY);
	const lp_par_lines *pl = set(shape("Једна од тема била је ЕХРО 2027, а посебно потенцијал "
	                                   "за сарадњу на великим пројектима.",
	                                     body("sr-Cyrl")),
	        &pp);
	char *buf1 = NULL, *buf2 = NULL;
	size_t n1, n2;
	FILE *f = open_memstream(&buf1, &n1);
	lp_para_dump_lines(pl, f);
	fclose(f);
	f = open_memstream(&buf2, &n2);
	lp_para_dump_lines(set(shape("Једна од тема била је ЕХРО 2027, а посебно потенцијал "
	                             "за сарадњу на великим пројектима.",
	                               body("sr-Cyrl")),
	                           &pp),
	        f);
	fclose(f);
	cr_assert(eq(str, buf1, buf2));
	cr_assert(eq(str, buf1,
	        " 200.00 +1.186 |Једна од тема била је ЕХРО 2027, а|\n"
	        " 200.00 +1.211 |посебно потенцијал за сарадњу на|\n"
	        " 120.34 +0.000 |великим пројектима.|\n"));
	free(buf1);
	free(buf2);
}

/* Cutting shaped text is only right where HarfBuzz says it is safe; every
 * line must show exactly the glyphs its own text shapes to (ligatures
 * such as "ffi" split by a hyphen, kerning across the break). */
Test(para, lines_match_their_text_shaped_alone)
{
	const char *t =
	        "The official office offers affluent difficulties to fifty flights, "
	        "effectively fulfilling AVATAR Wavy Tokyo officers' suffixes and affidavits.";
	lp_text_style st = body("en");
	const lp_shaped_par *p = shape(t, st);
	int hyphenated = 0;
	for (float m = 60; m < 330; m += 9) {
		lp_break_params pp = params(m, LP_PAR_JUSTIFY);
		const lp_par_lines *pl = set(p, &pp);
		for (uint32_t l = 0; l < pl->n_lines; l++) {
			const lp_line *ln = &pl->lines[l];
			lp_run *runs;
			uint32_t n;
			cr_assert(eq(int,
			        lp_shaper_shape_range(shaper, p, ln->start, ln->end,
			                ln->hyphenated ? "-" : NULL, arena, &runs, &n, diag),
			        LP_OK));
			uint32_t k = 0;
			for (uint32_t r = 0; r < n; r++)
				for (uint32_t g = 0; g < runs[r].n_glyphs; g++, k++) {
					uint32_t rr = 0, kk = k;
					while (rr < ln->n_runs && kk >= ln->runs[rr].n_glyphs)
						kk -= ln->runs[rr++].n_glyphs;
					cr_assert(lt(u32, rr, ln->n_runs),
					        "measure %.0f line %u: too few glyphs", (double)m,
					        l);
					cr_assert(eq(u32, ln->runs[rr].glyphs[kk].gid,
					                  runs[r].glyphs[g].gid),
					        "measure %.0f line %u glyph %u differs", (double)m,
					        l, k);
				}
			uint32_t total = 0;
			for (uint32_t r = 0; r < ln->n_runs; r++)
				total += ln->runs[r].n_glyphs;
			cr_assert(eq(u32, total, k));
			hyphenated += ln->hyphenated;
		}
	}
	cr_assert(lt(int, 10, hyphenated));
}

/* Words that must never take a hyphen, whatever the measure. */
Test(para, no_hyphen_in_abbreviations_numbers_or_unhyphenated_spans)
{
	const char *t = "ДРЖАВНОСЕКРЕТАРСКИ представници Република2024 председништво";
	const lp_shaped_par *p = shape(t, body("sr-Cyrl"));
	int hyphenated = 0;
	for (float m = 90; m < 300; m += 4) {
		lp_break_params pp = params(m, LP_PAR_JUSTIFY);
		const lp_par_lines *pl = set(p, &pp);
		for (uint32_t l = 0; l < pl->n_lines; l++) {
			const lp_line *ln = &pl->lines[l];
			if (!ln->hyphenated)
				continue;
			hyphenated++;
			/* Only the two lower-case words may be hyphenated. */
			const char *w1 = strstr(t, "представници"),
			           *w2 = strstr(t, "председништво");
			bool ok = (ln->end > (uint32_t)(w1 - t) &&
			                  ln->end < (uint32_t)(w1 - t) + strlen("представници")) ||
			          (ln->end > (uint32_t)(w2 - t));
			cr_assert(ok, "hyphen at byte %u at measure %.0f", ln->end, (double)m);
		}
	}
	cr_assert(lt(int, 0, hyphenated));

	lp_text_style off = body("sr-Cyrl");
	off.hyphenate = false;
	p = shape(seed, off);
	for (float m = 150; m < 400; m += 10) {
		lp_break_params pp = params(m, LP_PAR_JUSTIFY);
		const lp_par_lines *pl = set(p, &pp);
		for (uint32_t l = 0; l < pl->n_lines; l++)
			cr_assert(not(pl->lines[l].hyphenated));
	}
}

Test(para, layout_exceptions_override_patterns)
{
	const char *exc[] = {"председ-ником"};
	lp_break_params pp = params(100, LP_PAR_LEFT);
	pp.hyph_exceptions = exc;
	pp.n_hyph_exceptions = 1;
	int seen = 0;
	for (float m = 60; m < 200; m += 3) {
		pp.measure_pt = m;
		const lp_par_lines *pl =
		        set(shape("разговор са председником Републике", body("sr-Cyrl")), &pp);
		for (uint32_t l = 0; l < pl->n_lines; l++) {
			const char *lt = para_line_text(&pl->lines[l]);
			const char *last = strrchr(lt, ' ');
			last = last ? last + 1 : lt;
			if (pl->lines[l].hyphenated && strncmp(last, "пред", strlen("пред")) == 0) {
				cr_assert(eq(str, (char *)last, "председ-"), "%s", lt);
				seen++;
			}
		}
	}
	cr_assert(lt(int, 0, seen));
}

/* The largest paragraph the limits allow, made of the worst material:
 * words wider than the line, addresses, digits, mixed scripts. It must
 * finish in bounded time and set every byte. */
Test(para, huge_paragraph_is_bounded, .timeout = 60)
{
	size_t cap = 250u << 10, n = 0;
	char *t = lp_arena_alloc(arena, cap + 64);
	uint64_t x = 42;
	static const char *const words[] = {"председник", "Republike", "www.predsednik.rs", "2024.",
	        "mediji@predsednik.rs", "и", "ДРЖАВА", "Toka­jev"};
	while (n < cap - 4096) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		if ((x >> 60) == 0) {
			for (int i = 0; i < 3000; i++)
				t[n++] = 'x'; /* a 3000-letter "word" */
		} else {
			const char *w = words[(x >> 33) % 8];
			memcpy(t + n, w, strlen(w));
			n += strlen(w);
		}
		t[n++] = ' ';
	}
	t[n - 1] = '.';
	t[n] = '\0';
	lp_break_params pp = params(300, LP_PAR_JUSTIFY);
	const lp_par_lines *pl = set(shape(t, body("sr-Latn")), &pp);
	cr_assert(lt(u32, 1000, pl->n_lines));
	cr_assert(eq(u32, pl->lines[pl->n_lines - 1].end, (uint32_t)n));
	for (uint32_t l = 0; l < pl->n_lines; l++)
		cr_assert(not(pl->lines[l].overfull));
}

Test(para, soft_and_explicit_hyphens)
{
	const char *t =
	        "Бивша Аустро-Угарска и не\u00adколико других зе\u00adмаља су би\u00adле ту.";
	lp_text_style st = body("sr-Cyrl");
	st.hyphenate = false; /* only the hyphens written in the text */
	const lp_shaped_par *p = shape(t, st);
	int soft = 0, explicit_ = 0;
	for (float m = 40; m < 250; m += 3) {
		lp_break_params pp = params(m, LP_PAR_LEFT);
		const lp_par_lines *pl = set(p, &pp);
		for (uint32_t l = 0; l + 1 < pl->n_lines; l++) {
			const lp_line *ln = &pl->lines[l];
			const char *lt = para_line_text(ln);
			size_t n = strlen(lt);
			if (n >= 3 && strcmp(lt + n - 3, "\u00ad-") == 0) {
				soft++;
				cr_assert(ln->hyphenated);
				const lp_line_run *run;
				const lp_line_glyph *g = last_glyph(ln, &run);
				cr_assert(eq(u32, g->gid, lp_font_glyph(run->font, '-')));
			}
			static const char after[] = "Аустро-"; /* 13 bytes */
			if (n >= sizeof after - 1 &&
			        strcmp(lt + n - (sizeof after - 1), after) == 0) {
				explicit_++;
				cr_assert(not(ln->hyphenated)); /* its own hyphen, none added */
			}
		}
	}
	cr_assert(lt(int, 0, soft));
	cr_assert(lt(int, 0, explicit_));
}

/* Random text from the characters that steer breaking, on random
 * measures (down to one point) in every alignment: never an error, lines
 * in order without overlap, and nothing wider than the measure that is not
 * marked overfull. */
Test(para, random_input_keeps_invariants, .timeout = 120)
{
	static const char *const pieces[] = {"а", "б", "ш", "x", "f", "fi", "ffi", "1", " ", "  ",
	        "\u00a0", "\u202f", "\u00ad", "-", "\u2010", "\u2028", "\n", "@", ".", "/", "www.",
	        "https://", "ЕХРО", "Ω", "(", ")", ",", "председник", "republike", "\u0301"};
	uint64_t x = 7;
	for (int round = 0; round < 300; round++) {
		char t[512];
		size_t n = 0;
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		int parts = 1 + (int)((x >> 40) % 60);
		for (int i = 0; i < parts; i++) {
			x = x * 6364136223846793005ull + 1442695040888963407ull;
			const char *p = pieces[(x >> 33) % (sizeof pieces / sizeof pieces[0])];
			if (n + strlen(p) >= sizeof t - 1)
				break;
			memcpy(t + n, p, strlen(p));
			n += strlen(p);
		}
		t[n] = '\0';
		if (n == 0 || t[0] == '\xcc')
			continue; /* a lone combining mark first is the text stage's business */
		lp_text_style st = body((x >> 20) & 1 ? "sr-Cyrl" : "en");
		st.tracking_em = (x >> 21) & 1 ? 0.05f : 0;
		lp_break_params pp =
		        params((float)(1 + (x >> 24) % 300), (lp_par_align)((x >> 50) % 4));
		pp.first_indent_pt = (x >> 22) & 1 ? 10 : 0;
		pp.kp.looseness = (int)((x >> 56) % 3) - 1;
		pp.kp.first_fit = ((x >> 59) & 7) == 0;
		lp_span *s = lp_arena_alloc(arena, sizeof *s);
		*s = (lp_span){0, (uint32_t)n, st};
		lp_text_par in = {t, (uint32_t)n, s, 1, "t.md", 1}, prep;
		lp_shaped_par *p = NULL;
		if (lp_text_prepare(&in, arena, &prep, NULL) != LP_OK ||
		        lp_text_shape(shaper, &prep, arena, &p, diag) != LP_OK)
			continue;
		const lp_par_lines *pl = set(p, &pp);
		uint32_t prev_end = 0;
		for (uint32_t l = 0; l < pl->n_lines; l++) {
			const lp_line *ln = &pl->lines[l];
			cr_assert(le(u32, ln->start, ln->end), "round %d", round);
			cr_assert(ge(u32, ln->start, prev_end), "round %d", round);
			cr_assert(le(u32, ln->end, p->len));
			prev_end = ln->end;
			float room = pp.measure_pt - (l == 0 ? pp.first_indent_pt : 0);
			if (!ln->overfull)
				cr_assert(le(flt, ln->width_pt, room + 0.02f), "round %d line %u",
				        round, l);
			cr_assert(not(isnan(ln->x_pt)));
			for (uint32_t r = 0; r < ln->n_runs; r++)
				for (uint32_t g = 0; g < ln->runs[r].n_glyphs; g++)
					cr_assert(lt(u32, ln->runs[r].glyphs[g].cluster,
					        ln->runs[r].text_len));
		}
	}
}

/* The second pass's items are the first pass's with the hyphenation points
 * added (para.c, add_hyphenation), not built again: a paragraph whose first
 * pass fails (\pretolerance 0) is set as one built with the points from the
 * start (no first pass), line for line, also where a point falls on a
 * last-resort break of a word wider than the line. */
Test(para, second_pass_items_are_those_built_with_the_points)
{
	static const char *const texts[] = {seed,
	        "Реч противуставностпротивуставностпротивуставност и неуставност, као и "
	        "поједностављивање које се спроводи.",
	        "Information about unconstitutionality and oversimplification follows."};
	int compared = 0;
	for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
		const lp_shaped_par *p = shape(texts[k], body(k == 2 ? "en" : "sr-Cyrl"));
		for (float m = 30; m < 400; m += 7)
			for (int align = 0; align < 2; align++) {
				lp_break_params a = params(m, align ? LP_PAR_LEFT : LP_PAR_JUSTIFY),
				                b = a;
				a.kp.pretolerance = 0;
				b.kp.pretolerance = -1;
				const lp_par_lines *la = set(p, &a), *lb = set(p, &b);
				if (la->pass == 1)
					continue;
				compared++;
				cr_assert(eq(u32, la->n_lines, lb->n_lines), "text %zu, %.0f pt", k,
				        (double)m);
				for (uint32_t l = 0; l < la->n_lines; l++) {
					const lp_line *x = &la->lines[l], *y = &lb->lines[l];
					cr_assert(x->start == y->start && x->end == y->end &&
					                  x->hyphenated == y->hyphenated &&
					                  x->width_pt == y->width_pt,
					        "text %zu, %.0f pt, line %u", k, (double)m, l);
				}
			}
	}
	cr_assert(lt(int, 50, compared));
}

Test(para, bad_measure_is_a_usage_error)
{
	const lp_shaped_par *p = shape("Реч.", body("sr-Cyrl"));
	lp_par_lines *out;
	lp_break_params pp = params(0, LP_PAR_JUSTIFY);
	cr_assert(eq(int, lp_para_break(shaper, p, &pp, arena, &out, diag), LP_ERR_USAGE));
	pp = params(NAN, LP_PAR_JUSTIFY);
	cr_assert(eq(int, lp_para_break(shaper, p, &pp, arena, &out, diag), LP_ERR_USAGE));
	pp = params(100, LP_PAR_JUSTIFY);
	pp.first_indent_pt = INFINITY;
	cr_assert(eq(int, lp_para_break(shaper, p, &pp, arena, &out, diag), LP_ERR_USAGE));
	cr_assert(eq(ptr, out, NULL));
}

/* A paragraph's working memory (items, Knuth–Plass arrays, line-break
 * flags, reshaped line edges) goes to the scratch arena, which the caller
 * resets between paragraphs; the result arena gets the lines and nothing
 * else. A one-word paragraph used to leave about 13 KB in the document's
 * arena, so 300,000 one-word list items took gigabytes. */
Test(para, only_the_lines_stay_in_the_result_arena)
{
	lp_arena *result = lp_arena_new(0), *scratch = lp_arena_new(0);
	lp_break_params pp = params(453.54f, LP_PAR_JUSTIFY);
	pp.scratch = scratch;
	const lp_shaped_par *word = shape("реч", body("sr-Cyrl"));
	const lp_shaped_par *par = shape(seed, body("sr-Cyrl"));
	for (int i = 0; i < 100; i++) {
		lp_par_lines *out = NULL;
		lp_arena_reset(scratch);
		cr_assert(eq(int, lp_para_break(shaper, word, &pp, result, &out, diag), LP_OK));
		cr_assert(eq(u32, out->n_lines, 1));
	}
	/* lp_par_lines, one lp_line, one run and three glyphs. */
	size_t one = sizeof(lp_par_lines) + sizeof(lp_line) + sizeof(lp_line_run) +
	             3 * sizeof(lp_line_glyph);
	cr_assert(le(u64, lp_arena_used(result), 100 * one), "%zu bytes kept for 100 words",
	        lp_arena_used(result));

	size_t before = lp_arena_used(result);
	lp_par_lines *out = NULL;
	lp_arena_reset(scratch);
	cr_assert(eq(int, lp_para_break(shaper, par, &pp, result, &out, diag), LP_OK));
	size_t glyphs = 0, runs = 0, texts = 0;
	for (uint32_t l = 0; l < out->n_lines; l++) {
		const lp_line *ln = &out->lines[l];
		runs += ln->n_runs;
		for (uint32_t r = 0; r < ln->n_runs; r++)
			glyphs += ln->runs[r].n_glyphs;
		if (ln->hyphenated) /* the last run's text with "-" appended */
			texts += ln->runs[ln->n_runs - 1].text_len + 1;
	}
	size_t lines = sizeof(lp_par_lines) + out->n_lines * sizeof(lp_line) +
	               runs * sizeof(lp_line_run) + glyphs * sizeof(lp_line_glyph) + texts;
	cr_assert(le(u64, lp_arena_used(result) - before, lines),
	        "%zu bytes kept for lines of %zu bytes", lp_arena_used(result) - before, lines);
	cr_assert(lt(u64, lines, lp_arena_used(scratch)), "the work was done in scratch");
	lp_arena_drop(scratch);
	lp_arena_drop(result);
}
