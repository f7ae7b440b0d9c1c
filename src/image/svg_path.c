/*
 * SVG path geometry; see svg_path.h. Parsing follows the SVG 1.1 path data
 * grammar (§8.3.9): numbers may run together ("1.5.5" is 1.5 and .5; "-1-2"
 * is -1 and -2), arc flags are single digits, and a command letter may be
 * repeated implicitly (after M, further pairs are L).
 */
#include "image/svg_path.h"

#include "base/array.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

lp_svg_matrix
lp_svg_matrix_identity(void)
{
	return (lp_svg_matrix){1, 0, 0, 1, 0, 0};
}

lp_svg_matrix
lp_svg_matrix_mul(const lp_svg_matrix *p, const lp_svg_matrix *q)
{
	return (lp_svg_matrix){q->a * p->a + q->c * p->b, q->b * p->a + q->d * p->b,
	        q->a * p->c + q->c * p->d, q->b * p->c + q->d * p->d,
	        q->a * p->e + q->c * p->f + q->e, q->b * p->e + q->d * p->f + q->f};
}

static void
skip_sep(const char **s)
{
	while (**s && (isspace((unsigned char)**s) || **s == ','))
		(*s)++;
}

bool
lp_svg_number(const char **s, double *out)
{
	skip_sep(s);
	const char *p = *s;
	if (*p == '+' || *p == '-')
		p++;
	bool digits = false;
	while (isdigit((unsigned char)*p))
		p++, digits = true;
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p))
			p++, digits = true;
	}
	if (!digits)
		return false;
	if ((*p == 'e' || *p == 'E') &&
	        (isdigit((unsigned char)p[1]) ||
	                ((p[1] == '-' || p[1] == '+') && isdigit((unsigned char)p[2])))) {
		p += 2;
		while (isdigit((unsigned char)*p))
			p++;
	}
	/* strtod reads the same span; the C locale is assumed for '.' only
	 * through our own scan above, so copy to be locale-proof. */
	char buf[64];
	size_t n = (size_t)(p - *s);
	if (n >= sizeof buf)
		return false;
	memcpy(buf, *s, n);
	buf[n] = '\0';
	double v = strtod(buf, NULL);
	if (!isfinite(v) || fabs(v) > 1e9)
		return false;
	*out = v;
	*s = p;
	return true;
}

/* ---- Points into the buffer ------------------------------------------ */

static void
push(lp_svg_pathbuf *pb, lp_path_op op, const double *xy, int n_pts)
{
	if (pb->nomem || pb->too_many)
		return;
	if (pb->n >= pb->max) {
		pb->too_many = true;
		return;
	}
	/* pb->max is far under the helper's own limit: a failure is memory. */
	if (LP_ARRAY_RESERVE(pb->segs, pb->cap, (size_t)pb->n + 1, LP_ARRAY_ANY) != LP_OK) {
		pb->nomem = true;
		return;
	}
	lp_path_seg *seg = &pb->segs[pb->n++];
	memset(seg, 0, sizeof *seg);
	seg->op = op;
	const lp_svg_matrix *m = &pb->m;
	bool bounded = pb->lim[2] > pb->lim[0];
	for (int i = 0; i < n_pts; i++) {
		double x = xy[2 * i], y = xy[2 * i + 1];
		double tx = m->a * x + m->c * y + m->e, ty = m->b * x + m->d * y + m->f;
		if (!isfinite(tx) || !isfinite(ty) ||
		        (bounded && !(tx >= pb->lim[0] && tx <= pb->lim[2] && ty >= pb->lim[1] &&
		                            ty <= pb->lim[3])))
			pb->out_of_range = true;
		seg->pt[2 * i] = (float)tx;
		seg->pt[2 * i + 1] = (float)ty;
	}
}

void
lp_svg_move(lp_svg_pathbuf *pb, double x, double y)
{
	push(pb, LP_PATH_MOVE, (double[]){x, y}, 1);
}

void
lp_svg_line(lp_svg_pathbuf *pb, double x, double y)
{
	push(pb, LP_PATH_LINE, (double[]){x, y}, 1);
}

void
lp_svg_cubic(lp_svg_pathbuf *pb, double x1, double y1, double x2, double y2, double x, double y)
{
	push(pb, LP_PATH_CUBIC, (double[]){x1, y1, x2, y2, x, y}, 3);
}

void
lp_svg_close(lp_svg_pathbuf *pb)
{
	push(pb, LP_PATH_CLOSE, NULL, 0);
}

/* Endpoint to centre parameterization (F.6.5), then one cubic per quarter
 * turn at most, with control distance 4/3 tan(θ/4). */
void
lp_svg_arc(lp_svg_pathbuf *pb, double x0, double y0, double rx, double ry, double phi_deg,
        bool large, bool sweep, double x, double y)
{
	if (x0 == x && y0 == y)
		return;
	rx = fabs(rx);
	ry = fabs(ry);
	if (rx == 0 || ry == 0) { /* F.6.6: a straight line */
		lp_svg_line(pb, x, y);
		return;
	}
	double phi = phi_deg * M_PI / 180.0, cp = cos(phi), sp = sin(phi);
	double dx = (x0 - x) / 2, dy = (y0 - y) / 2;
	double x1 = cp * dx + sp * dy, y1 = -sp * dx + cp * dy;
	double lambda = x1 * x1 / (rx * rx) + y1 * y1 / (ry * ry);
	if (lambda > 1) { /* F.6.6: radii too small, scale up */
		rx *= sqrt(lambda);
		ry *= sqrt(lambda);
	}
	double num = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1;
	double den = rx * rx * y1 * y1 + ry * ry * x1 * x1;
	double k = sqrt(fmax(0, num / den)) * (large == sweep ? -1 : 1);
	double cx1 = k * rx * y1 / ry, cy1 = -k * ry * x1 / rx;
	double cx = cp * cx1 - sp * cy1 + (x0 + x) / 2, cy = sp * cx1 + cp * cy1 + (y0 + y) / 2;
	double t1 = atan2((y1 - cy1) / ry, (x1 - cx1) / rx);
	double t2 = atan2((-y1 - cy1) / ry, (-x1 - cx1) / rx);
	double dt = t2 - t1;
	if (sweep && dt < 0)
		dt += 2 * M_PI;
	else if (!sweep && dt > 0)
		dt -= 2 * M_PI;
	int n = (int)ceil(fabs(dt) / (M_PI / 2) - 1e-9);
	if (n < 1)
		n = 1;
	double step = dt / n, kk = 4.0 / 3.0 * tan(step / 4);
	for (int i = 0; i < n; i++) {
		double a = t1 + i * step, b = a + step;
		double ex1 = cos(a) - kk * sin(a), ey1 = sin(a) + kk * cos(a);
		double ex2 = cos(b) + kk * sin(b), ey2 = sin(b) - kk * cos(b);
		double ex = cos(b), ey = sin(b);
#define LP_ARC_X(u, v) (cx + rx * (u)*cp - ry * (v)*sp)
#define LP_ARC_Y(u, v) (cy + rx * (u)*sp + ry * (v)*cp)
		bool last = i == n - 1;
		lp_svg_cubic(pb, LP_ARC_X(ex1, ey1), LP_ARC_Y(ex1, ey1), LP_ARC_X(ex2, ey2),
		        LP_ARC_Y(ex2, ey2), last ? x : LP_ARC_X(ex, ey),
		        last ? y : LP_ARC_Y(ex, ey));
#undef LP_ARC_X
#undef LP_ARC_Y
	}
}

void
lp_svg_ellipse(lp_svg_pathbuf *pb, double cx, double cy, double rx, double ry)
{
	lp_svg_move(pb, cx + rx, cy);
	lp_svg_arc(pb, cx + rx, cy, rx, ry, 0, false, true, cx - rx, cy);
	lp_svg_arc(pb, cx - rx, cy, rx, ry, 0, false, true, cx + rx, cy);
	lp_svg_close(pb);
}

/* SVG 1.1 §9.2: a missing rx or ry takes the other's value; both are
 * clamped to half the side. */
void
lp_svg_rect(lp_svg_pathbuf *pb, double x, double y, double w, double h, double rx, double ry)
{
	if (rx < 0 && ry < 0)
		rx = ry = 0;
	else if (rx < 0)
		rx = ry;
	else if (ry < 0)
		ry = rx;
	rx = fmin(rx, w / 2);
	ry = fmin(ry, h / 2);
	if (rx <= 0 || ry <= 0) {
		lp_svg_move(pb, x, y);
		lp_svg_line(pb, x + w, y);
		lp_svg_line(pb, x + w, y + h);
		lp_svg_line(pb, x, y + h);
		lp_svg_close(pb);
		return;
	}
	lp_svg_move(pb, x + rx, y);
	lp_svg_line(pb, x + w - rx, y);
	lp_svg_arc(pb, x + w - rx, y, rx, ry, 0, false, true, x + w, y + ry);
	lp_svg_line(pb, x + w, y + h - ry);
	lp_svg_arc(pb, x + w, y + h - ry, rx, ry, 0, false, true, x + w - rx, y + h);
	lp_svg_line(pb, x + rx, y + h);
	lp_svg_arc(pb, x + rx, y + h, rx, ry, 0, false, true, x, y + h - ry);
	lp_svg_line(pb, x, y + ry);
	lp_svg_arc(pb, x, y + ry, rx, ry, 0, false, true, x + rx, y);
	lp_svg_close(pb);
}

long
lp_svg_parse_points(const char *s, lp_svg_pathbuf *pb, bool close)
{
	const char *p = s;
	double x, y;
	bool first = true;
	while (lp_svg_number(&p, &x)) {
		if (!lp_svg_number(&p, &y))
			return p - s;
		if (first)
			lp_svg_move(pb, x, y);
		else
			lp_svg_line(pb, x, y);
		first = false;
	}
	skip_sep(&p);
	if (*p)
		return p - s;
	if (close && !first)
		lp_svg_close(pb);
	return -1;
}

static bool
flag(const char **s, bool *out)
{
	skip_sep(s);
	if (**s != '0' && **s != '1')
		return false;
	*out = **s == '1';
	(*s)++;
	return true;
}

long
lp_svg_parse_path(const char *d, lp_svg_pathbuf *pb)
{
	const char *s = d;
	double cx = 0, cy = 0, sx = 0, sy = 0; /* current and subpath start */
	double qx = 0, qy = 0; /* last control point, for S and T */
	char cmd = 0, prev = 0;
	for (;;) {
		skip_sep(&s);
		if (!*s)
			return -1;
		if (isalpha((unsigned char)*s)) {
			cmd = *s++;
		} else if (!cmd || cmd == 'z' || cmd == 'Z') {
			return s - d;
		}
		bool rel = islower((unsigned char)cmd);
		double ox = rel ? cx : 0, oy = rel ? cy : 0, v[7];
		int need = 0;
		switch (toupper((unsigned char)cmd)) {
		case 'M':
		case 'L':
		case 'T':
			need = 2;
			break;
		case 'H':
		case 'V':
			need = 1;
			break;
		case 'C':
			need = 6;
			break;
		case 'S':
		case 'Q':
			need = 4;
			break;
		case 'A':
			need = 7;
			break;
		case 'Z':
			need = 0;
			break;
		default:
			return s - 1 - d;
		}
		for (int i = 0; i < need; i++) {
			bool ok;
			if (toupper((unsigned char)cmd) == 'A' && (i == 3 || i == 4)) {
				bool f;
				ok = flag(&s, &f);
				v[i] = f;
			} else {
				ok = lp_svg_number(&s, &v[i]);
			}
			if (!ok)
				return s - d;
		}
		bool smooth_c = prev == 'C' || prev == 'S', smooth_q = prev == 'Q' || prev == 'T';
		char up = (char)toupper((unsigned char)cmd);
		switch (up) {
		case 'M':
			cx = sx = ox + v[0];
			cy = sy = oy + v[1];
			lp_svg_move(pb, cx, cy);
			cmd = rel ? 'l' : 'L'; /* further pairs are lines */
			break;
		case 'L':
			cx = ox + v[0];
			cy = oy + v[1];
			lp_svg_line(pb, cx, cy);
			break;
		case 'H':
			cx = ox + v[0];
			lp_svg_line(pb, cx, cy);
			break;
		case 'V':
			cy = oy + v[0];
			lp_svg_line(pb, cx, cy);
			break;
		case 'C':
			lp_svg_cubic(pb, ox + v[0], oy + v[1], ox + v[2], oy + v[3], ox + v[4],
			        oy + v[5]);
			qx = ox + v[2], qy = oy + v[3], cx = ox + v[4], cy = oy + v[5];
			break;
		case 'S': {
			double x1 = smooth_c ? 2 * cx - qx : cx, y1 = smooth_c ? 2 * cy - qy : cy;
			lp_svg_cubic(pb, x1, y1, ox + v[0], oy + v[1], ox + v[2], oy + v[3]);
			qx = ox + v[0], qy = oy + v[1], cx = ox + v[2], cy = oy + v[3];
			break;
		}
		case 'Q':
		case 'T': {
			double x1, y1, x, y;
			if (up == 'Q') {
				x1 = ox + v[0], y1 = oy + v[1], x = ox + v[2], y = oy + v[3];
			} else {
				x1 = smooth_q ? 2 * cx - qx : cx, y1 = smooth_q ? 2 * cy - qy : cy;
				x = ox + v[0], y = oy + v[1];
			}
			/* A quadratic is the cubic with controls 2/3 of the way. */
			lp_svg_cubic(pb, cx + 2.0 / 3 * (x1 - cx), cy + 2.0 / 3 * (y1 - cy),
			        x + 2.0 / 3 * (x1 - x), y + 2.0 / 3 * (y1 - y), x, y);
			qx = x1, qy = y1, cx = x, cy = y;
			break;
		}
		case 'A':
			lp_svg_arc(pb, cx, cy, v[0], v[1], v[2], v[3] != 0, v[4] != 0, ox + v[5],
			        oy + v[6]);
			cx = ox + v[5], cy = oy + v[6];
			break;
		case 'Z':
			lp_svg_close(pb);
			cx = sx, cy = sy;
			break;
		}
		prev = up == 'M' ? 'L' : up;
	}
}

/* ---- transform="" (SVG 1.1 §7.6) -------------------------------------- */

long
lp_svg_parse_transform(const char *str, lp_svg_matrix *out)
{
	static const char *const names[] = {
	        "matrix", "translate", "scale", "rotate", "skewX", "skewY"};
	const char *s = str;
	lp_svg_matrix m = lp_svg_matrix_identity();
	for (;;) {
		skip_sep(&s);
		if (!*s)
			break;
		size_t k = 0, len = 0;
		for (; k < 6; k++) {
			len = strlen(names[k]);
			if (strncmp(s, names[k], len) == 0)
				break;
		}
		if (k == 6)
			return s - str;
		s += len;
		while (isspace((unsigned char)*s))
			s++;
		if (*s++ != '(')
			return s - 1 - str;
		double v[6] = {0};
		int n = 0;
		while (n < 6 && lp_svg_number(&s, &v[n]))
			n++;
		skip_sep(&s);
		if (*s++ != ')')
			return s - 1 - str;
		lp_svg_matrix t = lp_svg_matrix_identity();
		double r = v[0] * M_PI / 180.0;
		switch (k) {
		case 0:
			if (n != 6)
				return s - str;
			t = (lp_svg_matrix){v[0], v[1], v[2], v[3], v[4], v[5]};
			break;
		case 1:
			if (n < 1 || n > 2)
				return s - str;
			t.e = v[0];
			t.f = v[1];
			break;
		case 2:
			if (n < 1 || n > 2)
				return s - str;
			t.a = v[0];
			t.d = n == 2 ? v[1] : v[0];
			break;
		case 3:
			if (n != 1 && n != 3)
				return s - str;
			t = (lp_svg_matrix){cos(r), sin(r), -sin(r), cos(r), 0, 0};
			if (n == 3) { /* rotate(a cx cy) = translate(c) rotate(a) translate(-c) */
				t.e = v[1] - t.a * v[1] - t.c * v[2];
				t.f = v[2] - t.b * v[1] - t.d * v[2];
			}
			break;
		case 4:
			if (n != 1)
				return s - str;
			t.c = tan(r);
			break;
		case 5:
			if (n != 1)
				return s - str;
			t.b = tan(r);
			break;
		}
		/* The list applies right to left: the last transform is innermost. */
		m = lp_svg_matrix_mul(&t, &m);
	}
	*out = m;
	return -1;
}
