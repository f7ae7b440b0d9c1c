/*
 * The <style> sheets of an SVG file, for svg.c: the simple selectors real
 * emblems use (element, .class, #id, their compounds such as
 * path.gold, grouped with commas) and their declarations, matched once
 * per element in cascade order. Anything fancier (combinators,
 * pseudo-classes, attribute selectors, @-rules) is skipped with a warning
 * at its line:col.
 */
#ifndef LP_IMAGE_SVG_CSS_H
#define LP_IMAGE_SVG_CSS_H

#include "image/svg_tree.h"

typedef struct lp_svg_css_rule {
	const char *element; /* NULL: any */
	const char *id; /* NULL: any */
	const char **classes; /* all of them, NULL-terminated */
	uint32_t *class_hash; /* of each class (svg_css.c) */
	uint32_t specificity; /* ids << 16 | classes << 8 | elements */
	const char *decls; /* "a: b; c: d" */
	uint32_t line, col; /* of the selector */
} lp_svg_css_rule;

/* The rules in source order, and per node of the tree the rules that
 * match it, in cascade order (the last one applied wins): nodes k's are
 * match[match_at[k] .. match_at[k + 1]). All in the tree's arena. */
typedef struct lp_svg_css {
	lp_svg_css_rule *rules;
	uint32_t n_rules, cap_rules;
	uint32_t *match_at; /* n_nodes + 1 */
	uint32_t *match;
} lp_svg_css;

/* Reads every <style> of tree and matches the rules to its elements.
 * Fails with LP_ERR_LIMIT (past LP_MAX_SVG_CSS_RULES, reported) or
 * LP_ERR_NOMEM. */
lp_status lp_svg_css_read(lp_svg_tree *tree, lp_svg_css *css, lp_svg_warn *warn);

#endif
