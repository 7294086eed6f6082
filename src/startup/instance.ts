import type { Config } from '../config.js';
import { deriveAuditKeys } from '../crypto/audit-keys.js';
import { createFieldCipher, type FieldCipher } from '../crypto/field-cipher.js';
import { DataKeyError, loadDataKey } from '../crypto/data-key.js';
import type { Database } from '../db/database.js';
import type { Executor } from '../db/schema.js';
import { agenciesRepo, settingsRepo, usersRepo } from '../modules/access/access.repo.js';
import { agenciesService } from '../modules/access/agencies.service.js';
import { usersService } from '../modules/access/users.service.js';
import { auditService, systemActor } from '../modules/audit/audit.service.js';
import { asAccountEmail } from '../modules/audit/audit-values.js';

export const keyCheckSetting = 'data_key.check';

/**
 * Loads the data key and proves it is the one the data was written with. A wrong key
 * stops start-up before anything is read or written with it.
 *
 * Then keys the audit trail: `database.db` is replaced, once, here, by the same handle
 * carrying the audit sub-keys of the data key (see modules/audit/audit-keyring.ts), so that
 * every transaction opened from it can append to the trail and `guia audit` can verify it.
 */
export async function openCipher(
  config: Config,
  database: Database,
  say: (line: string) => void,
): Promise<FieldCipher> {
  const stored = await settingsRepo.get(database.db, keyCheckSetting);
  const loaded = loadDataKey(config, stored !== undefined);
  const cipher = createFieldCipher(loaded.key);
  if (stored !== undefined && !cipher.matchesKeyCheck(stored)) {
    throw new DataKeyError(
      `The data key from ${loaded.source} is not the key this database was encrypted with. ` +
        'Restore the right key file (or GUIA_DATA_KEY); nothing was changed.',
    );
  }
  if (stored === undefined) await settingsRepo.set(database.db, keyCheckSetting, cipher.keyCheck());
  database.db = await auditService.keyTrail(database.db, deriveAuditKeys(loaded.key));
  if (loaded.created) {
    say(`Created the data key file ${loaded.source}.`);
    say('BACK IT UP NOW, apart from the database: without it the encrypted identities cannot be read.');
  }
  return cipher;
}

export const firstAdministratorEmail = 'admin@localhost';

/**
 * On the very first start: the committee secretariat agency and an administrator whose
 * password must be changed at first sign-in. Returns the password to print, once.
 */
export async function initialiseInstance(
  database: Database,
  adminPassword: string | undefined,
): Promise<string | null> {
  return database.db.transaction().execute(async (tx: Executor) => {
    if ((await usersRepo.count(tx)) > 0) return null;
    const actor = systemActor('system');
    const secretariat =
      (await agenciesRepo.getByCode(tx, 'SECRETARIAT')) ??
      (await agenciesService.create(tx, actor, {
        code: 'SECRETARIAT',
        names: { en: 'Committee secretariat', 'zh-Hant': '委員會秘書處', pt: 'Secretariado da Comissão' },
        kind: 'secretariat',
      }));
    const { oneTimePassword } = await usersService.create(tx, actor, {
      email: firstAdministratorEmail,
      name: 'Administrator',
      language: 'en',
      agencyId: secretariat.id,
      roles: ['administrator'],
      ...(adminPassword ? { password: adminPassword, mustChangePassword: true } : {}),
    });
    await auditService.record(tx, actor, 'instance.initialised', {
      summary: { administrator: asAccountEmail(firstAdministratorEmail) },
    });
    return adminPassword ? null : oneTimePassword;
  });
}
