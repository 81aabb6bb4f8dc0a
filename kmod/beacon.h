/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Beacon detection: per-channel state and the periodicity score, shared by
 * the module and the userspace tests (pure C, see pure.h).
 *
 * A channel is whatever the caller keys it by (e.g. internal host and
 * remote address).  For each event on it (a new connection, a request) the
 * caller passes the time and the event's size to c2g_beacon_event(), then
 * may call c2g_beacon_score() and c2g_beacon_decide().  Nothing here reads
 * a clock, allocates, sleeps or takes a lock: the caller serialises calls
 * on one state.  Times are milliseconds on any monotonic u64 clock.
 *
 * docs/beacon-score.md explains the score and how it relates to RITA.
 */
#ifndef _C2G_BEACON_H
#define _C2G_BEACON_H

#include "pure.h"

/* Gaps and sizes kept per channel; the runtime window is 4..this. */
#define C2G_BEACON_RING		32

/* Defaults of struct c2g_beacon_params. */
#define C2G_BEACON_RETRY_MS	2000u		/* 2 s */
#define C2G_BEACON_SILENCE_MS	21600000u	/* 6 h */
#define C2G_BEACON_HOLDDOWN_MS	3600000u	/* 1 h */
#define C2G_BEACON_WINDOW	32
#define C2G_BEACON_MIN_GAPS	8
#define C2G_BEACON_THRESHOLD	70

/* Limits c2g_beacon_params_check() enforces. */
#define C2G_BEACON_MIN_GAPS_MIN	4
#define C2G_BEACON_SILENCE_MAX	(30u * 86400000u)	/* 30 days */

/**
 * struct c2g_beacon_params - thresholds, per netns
 * @retry_ms: an event less than this after the previous one (of any
 *	kind) is a retry, part of the same event: counted, not an interval
 * @silence_ms: no event for this long restarts the channel's run: its
 *	gaps and sizes are forgotten (must be > @retry_ms)
 * @holddown_ms: at most one alert per channel per this period
 * @window: gaps (and sizes) scored, the most recent ones,
 *	@min_gaps..C2G_BEACON_RING
 * @min_gaps: no score before this many gaps, C2G_BEACON_MIN_GAPS_MIN..
 * @threshold: alert at a score of at least this, 1..100
 */
struct c2g_beacon_params {
	u32 retry_ms;
	u32 silence_ms;
	u32 holddown_ms;
	u16 window;
	u16 min_gaps;
	u16 threshold;
};

/**
 * struct c2g_beacon - one channel, C2G_BEACON_RING gaps and sizes
 * @first_ms: first event ever seen on the channel
 * @run_ms: first event of the current run (since the last silence)
 * @last_ms: last event that was not a retry: the start of the next gap
 * @seen_ms: last event of any kind
 * @alert_ms: time of the last alert, when @alerted
 * @events: events of the run that were not retries (saturating)
 * @retries: retries in the run (saturating)
 * @restarts: runs restarted by a silence (saturating)
 * @head: ring slot the next gap goes to
 * @ngaps: gaps held, 0..C2G_BEACON_RING
 * @alerted: @alert_ms is valid
 * @exempt: set by the caller for an allowlisted channel: events are not
 *	recorded and no alert is ever decided
 * @gap: gaps in ms, ring
 * @size: size of the event that ended each gap, same slots
 *
 * An all-zero state is an empty channel (c2g_beacon_init()).
 */
struct c2g_beacon {
	u64 first_ms;
	u64 run_ms;
	u64 last_ms;
	u64 seen_ms;
	u64 alert_ms;
	u32 events;
	u32 retries;
	u16 restarts;
	u8 head;
	u8 ngaps;
	u8 alerted;
	u8 exempt;
	u32 gap[C2G_BEACON_RING];
	u32 size[C2G_BEACON_RING];
};

/* What c2g_beacon_event() made of an event. */
enum c2g_beacon_ev {
	C2G_BEACON_EV_FIRST,	/* first event of the channel */
	C2G_BEACON_EV_GAP,	/* a gap was recorded */
	C2G_BEACON_EV_RETRY,	/* within retry_ms (or out of order) */
	C2G_BEACON_EV_RESTART,	/* after a silence: a new run began */
	C2G_BEACON_EV_EXEMPT,	/* exempt channel, nothing recorded */
};

/**
 * struct c2g_beacon_stats - robust statistics of one series
 * @median: median (gaps: ms, sizes: bytes), rounded down
 * @q1: first quartile (linear interpolation), rounded down
 * @q3: third quartile, rounded down
 * @mad: median absolute deviation from the median, rounded down
 * @disp: MAD / median in permille (capped at C2G_BEACON_PM_CAP)
 * @cv: standard deviation / mean in permille (capped)
 * @skew: Bowley skew (q3 + q1 - 2 median) / (q3 - q1) in permille,
 *	-1000..1000; 0 when q1 or q3 equals the median
 */
struct c2g_beacon_stats {
	u32 median;
	u32 q1;
	u32 q3;
	u32 mad;
	u32 disp;
	u32 cv;
	int skew;
};

#define C2G_BEACON_PM_CAP	100000u

/**
 * struct c2g_beacon_sub - sub-scores, each 0..1000
 * @gap_disp: low MAD / median of the gaps
 * @gap_cv: low coefficient of variation of the gaps
 * @gap_skew: symmetric gaps (1000 - |Bowley skew|)
 * @count: confidence from the gaps scored, full at 16 (or the window, if
 *	smaller)
 * @size_disp: low MAD / median of the sizes
 * @size_skew: symmetric sizes
 * @size_small: small events (median size well under 64 KiB)
 * @timing: timing score, from the three gap sub-scores times @count
 * @data: data size score, from the three size sub-scores: how much of
 *	the timing score the sizes keep (all of it at 1000, 80 % at 0)
 */
struct c2g_beacon_sub {
	u16 gap_disp;
	u16 gap_cv;
	u16 gap_skew;
	u16 count;
	u16 size_disp;
	u16 size_skew;
	u16 size_small;
	u16 timing;
	u16 data;
};

/**
 * struct c2g_beacon_score - what c2g_beacon_score() found
 * @valid: there were at least min_gaps gaps; nothing below but @events,
 *	@retries and @ngaps is meaningful otherwise
 * @score: 0..100
 * @ngaps: gaps scored
 * @events: events in the run (not retries)
 * @retries: retries in the run
 * @interval_ms: median gap
 * @jitter: MAD / median of the gaps in permille (= @gap.disp)
 * @sub: sub-scores
 * @gap: statistics of the gaps (ms)
 * @size: statistics of the sizes (bytes)
 */
struct c2g_beacon_score {
	bool valid;
	u8 score;
	u16 ngaps;
	u32 events;
	u32 retries;
	u32 interval_ms;
	u32 jitter;
	struct c2g_beacon_sub sub;
	struct c2g_beacon_stats gap;
	struct c2g_beacon_stats size;
};

void c2g_beacon_params_default(struct c2g_beacon_params *p);
/* 0, or -EINVAL for parameters outside the limits documented above. */
int c2g_beacon_params_check(const struct c2g_beacon_params *p);

static inline void c2g_beacon_init(struct c2g_beacon *b)
{
	memset(b, 0, sizeof(*b));
}

/*
 * Record an event at @now_ms of @bytes (clamped to 2^32 - 1).  Returns an
 * enum c2g_beacon_ev.  Any parameters are safe (out-of-range ones are
 * clamped), any times too: an event earlier than the last one is a retry.
 */
int c2g_beacon_event(struct c2g_beacon *b, const struct c2g_beacon_params *p,
		     u64 now_ms, u64 bytes);

/*
 * Score the last min(gaps held, window) gaps and sizes into @out.  Returns
 * @out->valid: false before min_gaps gaps.  Uses about 400 bytes of stack.
 */
bool c2g_beacon_score(const struct c2g_beacon *b,
		      const struct c2g_beacon_params *p,
		      struct c2g_beacon_score *out);

/*
 * Whether to alert now: a valid score at or above the threshold on a
 * channel that is not exempt and has not alerted in the last holddown_ms.
 * Returns true at most once per hold-down period and then remembers
 * @now_ms as the alert time.
 */
bool c2g_beacon_decide(struct c2g_beacon *b, const struct c2g_beacon_params *p,
		       const struct c2g_beacon_score *s, u64 now_ms);

/*
 * Whether no alert can be decided now whatever the score (exempt, or in
 * the hold-down period): the caller may skip scoring.
 */
bool c2g_beacon_holding(const struct c2g_beacon *b,
			const struct c2g_beacon_params *p, u64 now_ms);

#endif /* _C2G_BEACON_H */
