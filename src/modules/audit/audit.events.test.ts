import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { languages } from '../../core/languages.js';
import { packageRoot } from '../../package-root.js';
import { auditActions } from './audit.events.js';

// An auditor reads the trail in her language: an action without a label would show as a raw code.
describe('audit action labels', () => {
  it.each(languages)('names every audit action in %s', (language) => {
    const catalogue = JSON.parse(
      readFileSync(path.join(packageRoot, 'locales', language, 'common.json'), 'utf8'),
    ) as {
      auditAction: Record<string, Record<string, string>>;
    };
    const unlabelled = auditActions.filter((action) => {
      const [group, name] = action.split('.') as [string, string];
      return !catalogue.auditAction[group]?.[name]?.trim();
    });
    expect(unlabelled).toEqual([]);
  });
});
