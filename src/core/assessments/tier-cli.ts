import { placeTier, TierRuleError, validateHistory, type TierRuleSettings } from './tier-rules.js';

/**
 * `guia tier --json` as a pure function, so the contract is tested without a process: the command reads
 * stdin, calls this, writes both streams and exits with the code. One JSON object in, one out:
 *
 * - forecast: `{"history": [...], "year": 2022, "assessed": "T2WL", "waiver": false}` →
 *   `{"tier": "T3", "autoDowngrade": true, "waiverApplied": false, "waiverAvailable": true}`
 * - validate (no `year`): `{"history": [...]}` →
 *   `{"violations": [{"year": 2014, "reason": "..."}], "waiverYears": [2011, 2012]}`
 *
 * Exit codes: 0 answer written; 2 the input is refused (stderr names the field); 1 unexpected failure.
 */
export type TierCliOutcome = { exitCode: 0 | 1 | 2; stdout: string; stderr: string };

const forecastKeys = ['history', 'year', 'assessed', 'waiver'];

const refuse = (message: string): TierCliOutcome => ({ exitCode: 2, stdout: '', stderr: `${message}\n` });
const answer = (value: unknown): TierCliOutcome => ({
  exitCode: 0,
  stdout: `${JSON.stringify(value)}\n`,
  stderr: '',
});

function answerFor(input: Record<string, unknown>, settings: TierRuleSettings): TierCliOutcome {
  const unknown = Object.keys(input).filter((key) => !forecastKeys.includes(key));
  if (unknown.length > 0)
    return refuse(
      unknown.map((key) => `${key}: unknown field (expected ${forecastKeys.join(', ')})`).join('; '),
    );
  if (!('history' in input)) return refuse('history: is required (a list of {"year", "tier", "waiver"?})');
  if (input.year === undefined) {
    const extra = ['assessed', 'waiver'].filter((key) => key in input);
    if (extra.length > 0)
      return refuse(`year: is required with ${extra.join(' and ')} (without it the history is validated)`);
    const { violations, waiverYears } = validateHistory(input.history, settings);
    return answer({ violations: violations.map(({ year, reason }) => ({ year, reason })), waiverYears });
  }
  if (input.assessed === undefined)
    return refuse('assessed: is required with year (the tier assessed for that year)');
  const decision = placeTier(input.history, input.year, input.assessed, input.waiver, settings);
  return answer({
    tier: decision.tier,
    autoDowngrade: decision.autoDowngrade,
    waiverApplied: decision.waiverApplied,
    waiverAvailable: decision.waiverAvailable,
  });
}

export function runTierJson(text: string, settings: TierRuleSettings): TierCliOutcome {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse('input: not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return refuse('input: must be a JSON object');
  try {
    return answerFor(json as Record<string, unknown>, settings);
  } catch (error) {
    if (error instanceof TierRuleError) return refuse(error.message);
    const reason = error instanceof Error ? error.message : String(error);
    return { exitCode: 1, stdout: '', stderr: `tier rules failed: ${reason.replace(/\s+/g, ' ')}\n` };
  }
}
