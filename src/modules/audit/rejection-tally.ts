import { asRoute, asTimestamp, type Route, type Timestamp } from './audit-values.js';

// Requests with an unknown session cookie come from anyone, signed in or not: writing one
// audit entry for each let anybody flood the trail (and make every such request a database
// write). They are tallied instead, per minute and per process:
//
// - the first rejection of a minute is written at once, so the trail shows that cookies
//   were being rejected even if the process dies a moment later;
// - the rest of that minute is counted in memory and written as one entry when the minute
//   is over (on the next rejection, by a timer, or when the server closes).
//
// So a flood costs at most two writes a minute, and a crash loses at most the count of one
// minute, never the fact. A counter row in the database would survive a crash, but it makes
// every anonymous request a write again — the very cost this avoids.

export type RejectionSummary = {
  /** The minute, as ISO timestamps: from inclusive, to exclusive. */
  from: Timestamp;
  to: Timestamp;
  /** Rejections this entry accounts for; the entries of one minute add up to its total. */
  count: number;
  /** By route pattern (bounded by the routes there are; '' for no route). */
  routes: { [route: Route]: number };
};

export type RejectionTally = {
  /**
   * Counts one rejection; writes only the first of a minute, and the previous minute's count.
   * `route` is the pattern the request matched, never the URL requested.
   */
  reject(route: string): Promise<void>;
  /** Writes whatever is counted and not yet written. */
  flush(): Promise<void>;
  /** Stops the timer and flushes. */
  close(): Promise<void>;
};

const minuteMs = 60_000;

export function createRejectionTally(
  write: (summary: RejectionSummary) => Promise<void>,
  options: { onError: (error: unknown) => void; now?: () => number },
): RejectionTally {
  const now = options.now ?? Date.now;
  let minute: number | null = null;
  let count = 0;
  let routes: RejectionSummary['routes'] = {};

  const summaryOf = (of: number, n: number, byRoute: RejectionSummary['routes']): RejectionSummary => ({
    from: asTimestamp(new Date(of * minuteMs).toISOString()),
    to: asTimestamp(new Date((of + 1) * minuteMs).toISOString()),
    count: n,
    routes: byRoute,
  });

  /** Takes the counted rejections out synchronously, so concurrent requests never count one twice. */
  const take = (): RejectionSummary | null => {
    if (minute === null || count === 0) return null;
    const summary = summaryOf(minute, count, routes);
    count = 0;
    routes = {};
    return summary;
  };

  const writeOrKeep = async (summary: RejectionSummary | null): Promise<void> => {
    if (!summary) return;
    try {
      await write(summary);
    } catch (error) {
      // Not lost: counted again, into whatever minute is open, to be written with it.
      count += summary.count;
      for (const [route, n] of Object.entries(summary.routes))
        routes[asRoute(route)] = (routes[asRoute(route)] ?? 0) + n;
      options.onError(error);
    }
  };

  const timer = setInterval(() => {
    if (minute !== null && minute < Math.floor(now() / minuteMs)) void writeOrKeep(take());
  }, minuteMs);
  timer.unref();

  return {
    async reject(route) {
      const current = Math.floor(now() / minuteMs);
      if (minute === current) {
        count++;
        routes[asRoute(route)] = (routes[asRoute(route)] ?? 0) + 1;
        return;
      }
      const previous = take();
      minute = current;
      await writeOrKeep(previous);
      await writeOrKeep(summaryOf(current, 1, { [asRoute(route)]: 1 }));
    },
    flush: () => writeOrKeep(take()),
    async close() {
      clearInterval(timer);
      await writeOrKeep(take());
    },
  };
}
