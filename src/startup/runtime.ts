import type { Config } from '../config.js';
import type { FieldCipher } from '../crypto/field-cipher.js';
import { migrate, openDatabase, type Database } from '../db/database.js';
import { rolePolicy } from '../modules/access/users.service.js';
import { openCipher } from './instance.js';
import { seedReferenceData } from './reference-data.js';

export type Runtime = { config: Config; database: Database; cipher: FieldCipher; close(): Promise<void> };

/** Opens the database, brings its schema up to date and proves the data key: what every command needs. */
export async function openRuntime(config: Config, say: (line: string) => void): Promise<Runtime> {
  const database = openDatabase(config.database);
  try {
    const applied = await migrate(database);
    if (applied.length > 0) say(`Applied migrations: ${applied.join(', ')}`);
    await seedReferenceData(database.db);
    if (config.exclusiveRoles) await rolePolicy.setExclusiveGroups(database.db, config.exclusiveRoles);
    const cipher = await openCipher(config, database, say);
    return { config, database, cipher, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
