// SPDX-License-Identifier: GPL-2.0
/*
 * Beacon detection: per-channel gaps and sizes, and a 0..100 periodicity
 * score in integer arithmetic.  Pure C (pure.h): no clock, no allocation,
 * no floating point, every loop bounded by C2G_BEACON_RING.
 *
 * Events.  An event less than retry_ms after the previous event of any
 * kind is a retry: it joins that event (a burst is one event) and is only
 * counted.  An event silence_ms or more after the previous one restarts
 * the run: the gaps held are dropped.  Any other event records the gap
 * since the last non-retry event (so retries do not shorten the interval)
 * and its own size.
 *
 * Score.  Over the last n = min(gaps held, window) gaps and sizes, each
 * sorted on the stack: quartiles q1, q2 (median), q3 by linear
 * interpolation between order statistics, MAD (median of |x - q2|),
 * disp = MAD / q2, cv = standard deviation / mean, and Bowley skew
 * (q3 + q1 - 2 q2) / (q3 - q1) (taken as 0 when q1 or q3 equals q2, where
 * it would only say that most values are equal).  Ratios are permille.
 * With ramp(x, lo, hi) = 1000 for x <= lo, 0 for x >= hi, linear between:
 *
 *   gap_disp  = ramp(gap disp, 100, 400)
 *   gap_cv    = ramp(gap cv, 150, 450)
 *   gap_skew  = 1000 - |gap skew|
 *   count     = 1000 * min(n, full) / full, full = min(16, window)
 *   shape     = (2 gap_disp + 5 gap_cv + gap_skew) / 8
 *   timing    = shape * count / 1000
 *
 *   size_disp  = ramp(size disp, 50, 400)
 *   size_skew  = 1000 - |size skew|
 *   size_small = 1000 - 1000 * size median / 65536, at least 0
 *   data       = (size_disp + size_skew + size_small) / 3
 *
 *   score = (timing * (800 + data / 5) / 1000 + 5) / 10, 0..100
 *
 * The timing score decides; sizes can only take up to a fifth off it.  A
 * beacon with random sizes must still be caught, and Poisson arrivals of
 * constant size (or of none: connect-only flows, whose sizes are all 0
 * and so constant) must not be lifted by it.  Uniform jitter of +-25 %
 * has disp ~125 and cv ~144 permille; exponential gaps disp ~690 and cv
 * ~1000, and gaps under retry_ms merged (a busy Poisson client) about
 * 0.65 cv.  cv separates them best but is not robust to outliers (a
 * missed callback); disp is robust but overlaps on few gaps.  On 8 to 16
 * gaps Poisson ones can look regular (cv down to 0.13 on 8, 0.27 on 16
 * in 1 of 2,000 windows), so the count scales the score from 0: a
 * channel needs 16 gaps for its full score, about 12 to alert at all.
 * docs/beacon-score.md has the measurements and the relation to RITA.
 *
 * Ranges: values are u32 (gaps in ms, sizes in bytes).  Quantiles are
 * kept times 4 and the MAD times 16, so no rounding happens before the
 * ratios; the largest product is 16 * 2^32 * 1000 < 2^46.  The standard
 * deviation is computed on values shifted so the largest lies in
 * [2^25, 2^26), which keeps the sum of 32 squared deviations under 2^57.
 */
#include "beacon.h"

#ifdef __C2G_KERNEL__
#include <linux/math64.h>
#else
static inline u64 div64_u64(u64 dividend, u64 divisor)
{
	return dividend / divisor;
}
#endif

#define C2G_BEACON_U32_MAX	0xffffffffu

#define C2G_BEACON_GAP_DISP_LO	100
#define C2G_BEACON_GAP_DISP_HI	400
#define C2G_BEACON_GAP_CV_LO	150
#define C2G_BEACON_GAP_CV_HI	450
#define C2G_BEACON_SIZE_DISP_LO	50
#define C2G_BEACON_SIZE_DISP_HI	400
#define C2G_BEACON_SMALL_BYTES	65536
#define C2G_BEACON_W_DISP	2
#define C2G_BEACON_W_CV		5
#define C2G_BEACON_W_SKEW	1
#define C2G_BEACON_FULL_GAPS	16	/* gaps for full confidence */
#define C2G_BEACON_DATA_PART	200	/* permille of the score sizes take */

void c2g_beacon_params_default(struct c2g_beacon_params *p)
{
	p->retry_ms = C2G_BEACON_RETRY_MS;
	p->silence_ms = C2G_BEACON_SILENCE_MS;
	p->holddown_ms = C2G_BEACON_HOLDDOWN_MS;
	p->window = C2G_BEACON_WINDOW;
	p->min_gaps = C2G_BEACON_MIN_GAPS;
	p->threshold = C2G_BEACON_THRESHOLD;
}

int c2g_beacon_params_check(const struct c2g_beacon_params *p)
{
	if (p->silence_ms <= p->retry_ms ||
	    p->silence_ms > C2G_BEACON_SILENCE_MAX)
		return -EINVAL;
	if (p->min_gaps < C2G_BEACON_MIN_GAPS_MIN ||
	    p->window < p->min_gaps || p->window > C2G_BEACON_RING)
		return -EINVAL;
	if (!p->threshold || p->threshold > 100)
		return -EINVAL;
	return 0;
}

static void c2g_beacon_inc(u32 *c)
{
	if (*c != C2G_BEACON_U32_MAX)
		(*c)++;
}

int c2g_beacon_event(struct c2g_beacon *b, const struct c2g_beacon_params *p,
		     u64 now_ms, u64 bytes)
{
	u64 gap;

	if (b->exempt)
		return C2G_BEACON_EV_EXEMPT;
	if (!b->events) {
		b->first_ms = now_ms;
		b->run_ms = now_ms;
		b->last_ms = now_ms;
		b->seen_ms = now_ms;
		b->events = 1;
		return C2G_BEACON_EV_FIRST;
	}
	if (now_ms <= b->seen_ms || now_ms - b->seen_ms < p->retry_ms) {
		if (now_ms > b->seen_ms)
			b->seen_ms = now_ms;
		c2g_beacon_inc(&b->retries);
		return C2G_BEACON_EV_RETRY;
	}
	if (now_ms - b->seen_ms >= p->silence_ms) {
		b->run_ms = now_ms;
		b->last_ms = now_ms;
		b->seen_ms = now_ms;
		b->events = 1;
		b->retries = 0;
		b->head = 0;
		b->ngaps = 0;
		if (b->restarts != 0xffff)
			b->restarts++;
		return C2G_BEACON_EV_RESTART;
	}
	/* last_ms <= seen_ms < now_ms */
	gap = now_ms - b->last_ms;
	b->gap[b->head] = gap > C2G_BEACON_U32_MAX ? C2G_BEACON_U32_MAX :
			  (u32)gap;
	b->size[b->head] = bytes > C2G_BEACON_U32_MAX ? C2G_BEACON_U32_MAX :
			   (u32)bytes;
	b->head = (u8)((b->head + 1) % C2G_BEACON_RING);
	if (b->ngaps < C2G_BEACON_RING)
		b->ngaps++;
	b->last_ms = now_ms;
	b->seen_ms = now_ms;
	c2g_beacon_inc(&b->events);
	return C2G_BEACON_EV_GAP;
}

static void c2g_beacon_sort(u64 *a, unsigned int n)
{
	unsigned int i, j;

	for (i = 1; i < n; i++) {
		u64 v = a[i];

		for (j = i; j && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

/* 4 times the (@q / 4)-quantile of the @n >= 1 sorted values @s. */
static u64 c2g_beacon_q4(const u64 *s, unsigned int n, unsigned int q)
{
	unsigned int h = q * (n - 1), k = h / 4, f = h % 4;

	if (!f)
		return 4 * s[k];
	return (4 - f) * s[k] + f * s[k + 1];
}

/* Bit-by-bit integer square root, floor(sqrt(@x)). */
static u64 c2g_beacon_isqrt(u64 x)
{
	u64 r = 0, bit = 1ULL << 62;

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

static u32 c2g_beacon_cap(u64 pm)
{
	return pm > C2G_BEACON_PM_CAP ? C2G_BEACON_PM_CAP : (u32)pm;
}

/* Coefficient of variation of the @n >= 1 values @v (< 2^32), permille. */
static u32 c2g_beacon_cv(const u64 *v, unsigned int n)
{
	unsigned int i, ls = 0, rs = 0;
	u64 max = 0, sum = 0, var = 0, mean;

	for (i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	if (!max)
		return 0;
	while ((max << ls) < (1ULL << 25))
		ls++;
	while ((max >> rs) >= (1ULL << 26))
		rs++;
	for (i = 0; i < n; i++)
		sum += (v[i] << ls) >> rs;
	/* sum >= 2^25, so mean >= 2^25 / C2G_BEACON_RING > 0 */
	mean = div64_u64(sum + n / 2, n);
	for (i = 0; i < n; i++) {
		u64 x = (v[i] << ls) >> rs;
		u64 d = x > mean ? x - mean : mean - x;

		var += d * d;
	}
	var = div64_u64(var, n);
	return c2g_beacon_cap(div64_u64(c2g_beacon_isqrt(var) * 1000 +
					mean / 2, mean));
}

/*
 * Statistics of the @n (1..C2G_BEACON_RING) values that precede slot
 * @head in @ring, using @tmp (C2G_BEACON_RING entries) as scratch.
 */
static void c2g_beacon_stats(const u32 *ring, unsigned int head,
			     unsigned int n, u64 *tmp,
			     struct c2g_beacon_stats *st)
{
	u64 q1, q2, q3, mad, num, den;
	unsigned int i;

	for (i = 0; i < n; i++)
		tmp[i] = ring[(head + C2G_BEACON_RING - 1 - i) %
			      C2G_BEACON_RING];
	st->cv = c2g_beacon_cv(tmp, n);
	c2g_beacon_sort(tmp, n);
	q1 = c2g_beacon_q4(tmp, n, 1);
	q2 = c2g_beacon_q4(tmp, n, 2);
	q3 = c2g_beacon_q4(tmp, n, 3);
	for (i = 0; i < n; i++)
		tmp[i] = 4 * tmp[i] > q2 ? 4 * tmp[i] - q2 : q2 - 4 * tmp[i];
	c2g_beacon_sort(tmp, n);
	mad = c2g_beacon_q4(tmp, n, 2);	/* 16 * MAD */

	st->median = (u32)(q2 / 4);
	st->q1 = (u32)(q1 / 4);
	st->q3 = (u32)(q3 / 4);
	st->mad = (u32)(mad / 16);
	if (q2)
		st->disp = c2g_beacon_cap(div64_u64(mad * 1000, 4 * q2));
	else
		st->disp = mad ? C2G_BEACON_PM_CAP : 0;

	st->skew = 0;
	if (q1 == q2 || q2 == q3)
		return;
	den = q3 - q1;
	if (q1 + q3 >= 2 * q2) {
		num = q1 + q3 - 2 * q2;
		st->skew = (int)div64_u64(num * 1000, den);
	} else {
		num = 2 * q2 - q1 - q3;
		st->skew = -(int)div64_u64(num * 1000, den);
	}
}

/* 1000 at or below @lo, 0 at or above @hi, linear between. */
static u16 c2g_beacon_ramp(u32 x, u32 lo, u32 hi)
{
	if (x <= lo)
		return 1000;
	if (x >= hi)
		return 0;
	return (u16)((hi - x) * 1000 / (hi - lo));
}

static u16 c2g_beacon_sym(int skew)
{
	return (u16)(1000 - (skew < 0 ? -skew : skew));
}

bool c2g_beacon_score(const struct c2g_beacon *b,
		      const struct c2g_beacon_params *p,
		      struct c2g_beacon_score *out)
{
	u64 tmp[C2G_BEACON_RING];
	struct c2g_beacon_sub *sub = &out->sub;
	unsigned int n, window, full, total, shape;

	memset(out, 0, sizeof(*out));
	out->events = b->events;
	out->retries = b->retries;
	window = p->window;
	if (window > C2G_BEACON_RING)
		window = C2G_BEACON_RING;
	n = b->ngaps < window ? b->ngaps : window;
	out->ngaps = (u16)n;
	if (!n || n < p->min_gaps)
		return false;

	c2g_beacon_stats(b->gap, b->head, n, tmp, &out->gap);
	c2g_beacon_stats(b->size, b->head, n, tmp, &out->size);

	sub->gap_disp = c2g_beacon_ramp(out->gap.disp, C2G_BEACON_GAP_DISP_LO,
					C2G_BEACON_GAP_DISP_HI);
	sub->gap_cv = c2g_beacon_ramp(out->gap.cv, C2G_BEACON_GAP_CV_LO,
				      C2G_BEACON_GAP_CV_HI);
	sub->gap_skew = c2g_beacon_sym(out->gap.skew);
	full = window < C2G_BEACON_FULL_GAPS ? window : C2G_BEACON_FULL_GAPS;
	sub->count = (u16)((n < full ? n : full) * 1000 / full);
	shape = (C2G_BEACON_W_DISP * sub->gap_disp +
		 C2G_BEACON_W_CV * sub->gap_cv +
		 C2G_BEACON_W_SKEW * sub->gap_skew) /
		(C2G_BEACON_W_DISP + C2G_BEACON_W_CV + C2G_BEACON_W_SKEW);
	sub->timing = (u16)(shape * sub->count / 1000);

	sub->size_disp = c2g_beacon_ramp(out->size.disp,
					 C2G_BEACON_SIZE_DISP_LO,
					 C2G_BEACON_SIZE_DISP_HI);
	sub->size_skew = c2g_beacon_sym(out->size.skew);
	if (out->size.median < C2G_BEACON_SMALL_BYTES)
		sub->size_small = (u16)(1000 - out->size.median * 1000ULL /
					C2G_BEACON_SMALL_BYTES);
	sub->data = (u16)((sub->size_disp + sub->size_skew +
			   sub->size_small) / 3);

	total = sub->timing * (1000 - C2G_BEACON_DATA_PART +
			       C2G_BEACON_DATA_PART * sub->data / 1000) / 1000;
	out->score = (u8)((total + 5) / 10);
	out->interval_ms = out->gap.median;
	out->jitter = out->gap.disp;
	out->valid = true;
	return true;
}

bool c2g_beacon_holding(const struct c2g_beacon *b,
			const struct c2g_beacon_params *p, u64 now_ms)
{
	return b->exempt ||
	       (b->alerted &&
		(now_ms < b->alert_ms || now_ms - b->alert_ms < p->holddown_ms));
}

bool c2g_beacon_decide(struct c2g_beacon *b, const struct c2g_beacon_params *p,
		       const struct c2g_beacon_score *s, u64 now_ms)
{
	if (!s->valid || s->score < p->threshold ||
	    c2g_beacon_holding(b, p, now_ms))
		return false;
	b->alerted = 1;
	b->alert_ms = now_ms;
	return true;
}
