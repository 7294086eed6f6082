// One measured line of `npm run bench`: Guia's figure beside the limit — the fastest way this
// machine does the same work — and their ratio, so that a result reads the same on any machine.
export type BenchRow = {
  /** B1 … B5 and a short name, e.g. "B3 case list". */
  bench: string;
  database: 'sqlite' | 'postgres';
  victims: number;
  /** What is measured and in which direction: higher is better for rates, lower for times. */
  unit: 'rows/s' | 'req/s' | 'ms';
  guia: number;
  /** The same work done by hand (raw prepared statements, DuckDB, a bare route); null when there is none. */
  limit: number | null;
  /** guia ÷ limit for rates, limit ÷ guia for times: 1.0 means as fast as the limit. */
  ratio: number | null;
  /** The target for the ratio or the value, in words, e.g. "≥ 0.5 of the limit". */
  target: string;
  met: boolean;
  /** Further figures: p99 latency, peak memory, runs, whether results were identical. */
  notes: Record<string, number | string | boolean>;
};
