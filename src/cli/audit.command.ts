import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { invalid } from '../core/errors.js';
import type { ChainBreak, Checkpoint } from '../modules/audit/audit-chain.js';
import { AuditCheckpoint } from '../modules/audit/audit.schemas.js';
import { auditService } from '../modules/audit/audit.service.js';
import { parseInput, say } from './io.js';
import type { WithRuntime } from './with-runtime.js';

/** Checkpoints are JSON files written by `guia audit checkpoint`; anything else is refused before verifying. */
function readCheckpoint(file: string): Checkpoint {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw invalid('checkpoint', 'unreadable');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid('checkpoint', 'invalid_format');
  }
  return parseInput(AuditCheckpoint, json);
}

const progressLine = () =>
  process.stderr.isTTY ? (n: number) => process.stderr.write(`\rchecked ${n} entries`) : undefined;

const breakMeaning: Record<ChainBreak['reason'], string> = {
  hash_mismatch: 'the entry does not match its hash (altered, or rehashed without the key)',
  broken_link: 'the entry does not follow the one before it (an earlier entry was altered or removed)',
  gap: 'entries before it are missing (deleted)',
  truncated: 'entries are missing from the end (cut off after the last good entry)',
  unkeyed: 'the trail has no keyed part (rebuilt without the key)',
  checkpoint_signature: "the checkpoint was not signed with this instance's key (forged or altered)",
  checkpoint_mismatch: 'the checkpointed entry has changed since the checkpoint (the trail was rewritten)',
};

function brokenTrail(result: { entries: number; firstBad: ChainBreak }): string {
  const { seq, id, reason } = result.firstBad;
  return (
    `Audit trail BROKEN at entry ${seq}${id ? ` (${id})` : ''}: ${reason}: ${breakMeaning[reason]}. ` +
    `${result.entries} entries before it are intact.`
  );
}

/** `guia audit …`: verifying the trail and signing its head. */
export function registerAuditCommands(program: Command, withRuntime: WithRuntime): void {
  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('check the chain; exits 3 naming the first bad entry')
    .option(
      '--checkpoint <file>',
      'also prove the trail still holds this checkpoint (from `guia audit checkpoint`)',
    )
    .option('--json', 'print the result as JSON')
    .action((o: { checkpoint?: string; json?: boolean }) =>
      withRuntime(async ({ database }) => {
        const checkpoint = o.checkpoint ? readCheckpoint(o.checkpoint) : undefined;
        const progress = progressLine();
        const result = await auditService.verify(database.db, {
          ...(checkpoint ? { checkpoint } : {}),
          ...(progress ? { onProgress: progress } : {}),
        });
        if (progress) process.stderr.write('\n');
        if (o.json) say(JSON.stringify(result));
        else if (result.ok)
          say(
            `Audit trail intact: ${result.entries} entries verified` +
              (checkpoint ? `, including checkpointed entry ${checkpoint.sequence}.` : '.'),
          );
        else say(brokenTrail(result));
        if (!result.ok) process.exitCode = 3;
      }),
    );
  audit
    .command('checkpoint')
    .description(
      'verify the trail and print (or write) its head signed with the key, to keep apart from the database',
    )
    .option('--out <file>', 'write the checkpoint to this file')
    .option('--json', 'print the checkpoint (or the verification failure) as JSON')
    .action((o: { out?: string; json?: boolean }) =>
      withRuntime(async ({ database }) => {
        const progress = progressLine();
        const result = await auditService.checkpoint(database.db, new Date(), progress);
        if (progress) process.stderr.write('\n');
        if (!result.ok) {
          say(o.json ? JSON.stringify(result) : `${brokenTrail(result)} No checkpoint made.`);
          process.exitCode = 3;
          return;
        }
        const text = JSON.stringify(result.checkpoint);
        if (o.out) writeFileSync(o.out, `${text}\n`, { mode: 0o600 });
        if (o.json) say(text);
        else if (o.out)
          say(
            `Wrote the checkpoint of entry ${result.checkpoint.sequence} to ${o.out}; keep it apart from the database.`,
          );
        else {
          say(`Checkpoint of entry ${result.checkpoint.sequence}; keep this line apart from the database:`);
          say(text);
        }
      }),
    );
}
