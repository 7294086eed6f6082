import { todayIn } from '../config.js';

/** The wall-clock time (HH:MM, 24-hour) in a time zone. */
export function clockIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(now);
}

export type DailyJob = {
  /** For the log: "daily digest", "retention". */
  name: string;
  timeZone: string;
  /** HH:MM in `timeZone`; null: the job is off. */
  at: string | null;
  /** Takes the day for this process (in the database), false when another took it. */
  claim(today: string): Promise<boolean>;
  run(today: string, now: Date): Promise<void>;
  log: { error(obj: unknown, line: string): void };
};

/**
 * A job the server runs once a day: once a minute it looks whether the committee's clock has
 * passed `at` and the day is not claimed yet, then claims it and runs. A tick still running
 * is not overlapped; a failure is logged and the next day tried again.
 */
export function startDailyTimer(job: DailyJob): { stop(): void } {
  const { at } = job;
  if (at === null) return { stop() {} };
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = new Date();
      const today = todayIn(job.timeZone, now);
      if (clockIn(job.timeZone, now) < at || !(await job.claim(today))) return;
      await job.run(today, now);
    } catch (error) {
      job.log.error({ err: error }, `${job.name} failed`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), 60_000);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer) };
}
