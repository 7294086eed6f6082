import type { Command } from 'commander';
import { z } from 'zod';
import { todayIn } from '../config.js';
import { IsoDate } from '../modules/cases/cases.schemas.js';
import { sendDigests } from '../modules/notifications/digest.service.js';
import { mailTransport } from '../modules/notifications/mail.transport.js';
import { digestDayRepo } from '../modules/notifications/notifications.repo.js';
import type { Runtime } from '../startup/runtime.js';
import { parseInput, say } from './io.js';

const DigestOptions = z.strictObject({ at: IsoDate.optional() });

/**
 * `guia digest send [--at YYYY-MM-DD]`: sends the daily digest now (the server also sends it
 * each day at GUIA_DIGEST_TIME). `--at` is the day the digest is for — what is due is decided
 * on it; the notifications carried are those not yet in a digest, whatever the day.
 */
export function registerDigestCommand(
  program: Command,
  withRuntime: <T>(work: (runtime: Runtime) => Promise<T>) => Promise<T>,
): void {
  const digest = program.command('digest').description('the daily e-mail digest of notifications and work');
  digest
    .command('send')
    .description(
      'send the digest to every user with something new or waiting (SMTP if configured, else the log)',
    )
    .option('--at <date>', 'the day the digest is for (YYYY-MM-DD; default today in the committee time zone)')
    .action(async (options: { at?: string }) => {
      const { at } = parseInput(DigestOptions, options);
      await withRuntime(async ({ config, database }) => {
        const today = at ?? todayIn(config.timeZone);
        const transport = mailTransport(config.mail, (line) => process.stderr.write(`${line}\n`));
        try {
          const run = await sendDigests(database.db, transport, {
            today,
            now: new Date().toISOString(),
            ...(config.mail.publicUrl ? { publicUrl: config.mail.publicUrl } : {}),
          });
          // The server's timer then does not send a second digest for the same day.
          await digestDayRepo.claim(database.db, today);
          say(
            `Digest for ${run.date}: ${run.sent} sent (${run.transport}), ${run.skipped} with nothing waiting.`,
          );
        } finally {
          transport.close();
        }
      });
    });
}
