import type { Migration } from 'kysely';
import type { DatabaseKind } from '../schema.js';
import { foundation } from './0001-foundation.js';
import { casesAndProtection } from './0002-cases-and-protection.js';
import { protection } from './0003-protection.js';
import { caseExploitationIndex } from './0004-case-exploitation-index.js';
import { keyedAudit } from './0005-keyed-audit.js';
import { signInHardening } from './0006-sign-in-hardening.js';
import { needToKnow } from './0007-need-to-know.js';
import { actionPlan } from './0008-action-plan.js';
import { meetingsActivitiesCooperation } from './0009-meetings-activities-cooperation.js';
import { notifications } from './0010-notifications.js';
import { publication } from './0012-publication.js';
import { assessments } from './0013-assessments.js';
import { statistics } from './0011-statistics.js';
import { listOrderIndexes } from './0014-list-order-indexes.js';
import { retention } from './0015-retention.js';
import { journalAttachments } from './0016-journal-attachments.js';
import { screeningInterview } from './0018-screening-interview.js';
import { aggregatesVersion } from './0019-aggregates-version.js';

// Versioned migrations in order. Names sort in the order they must run; a migration
// once released is never edited, only followed by a new one.
export function migrations(kind: DatabaseKind): Record<string, Migration> {
  return {
    '0001-foundation': foundation(kind),
    '0002-cases-and-protection': casesAndProtection,
    '0003-protection': protection,
    '0004-case-exploitation-index': caseExploitationIndex,
    '0005-keyed-audit': keyedAudit,
    '0006-sign-in-hardening': signInHardening,
    '0007-need-to-know': needToKnow,
    '0008-action-plan': actionPlan,
    '0009-meetings-activities-cooperation': meetingsActivitiesCooperation,
    '0010-notifications': notifications,
    '0011-statistics': statistics(kind),
    '0012-publication': publication,
    '0013-assessments': assessments,
    '0014-list-order-indexes': listOrderIndexes,
    '0015-retention': retention,
    '0016-journal-attachments': journalAttachments,
    '0018-screening-interview': screeningInterview,
    '0019-aggregates-version': aggregatesVersion,
  };
}
