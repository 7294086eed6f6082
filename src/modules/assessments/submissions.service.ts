import { uuidv7 } from 'uuidv7';
import { GuiaError, invalid } from '../../core/errors.js';
import { assertNotFuture } from '../../core/dates.js';
import { creationStamps, updateStamps, updateVersionedOrStale } from '../../db/versioned.js';
import { asId, fieldNames } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import { presentSource } from './assessments.presenters.js';
import { assessmentsRepo, type SubmissionRow } from './assessments.repo.js';
import type {
  SubmissionBody,
  SubmissionFileBody,
  SubmissionUpdate,
  SubmissionView,
} from './assessments.schemas.js';

// Requests for data received from an assessor and what was submitted, when, to whom, with the
// files: a government that gives no data is presumed to have done nothing (22 U.S.C.
// 7106(b)), so an unanswered request is shown as outstanding.

const MAX_FILE_BYTES = 5 * 1024 * 1024;

async function present(uc: UseCase, rows: SubmissionRow[]): Promise<SubmissionView[]> {
  const sources = new Map((await assessmentsRepo.sources(uc.tx)).map((s) => [s.id, s]));
  const files = await assessmentsRepo.filesOf(
    uc.tx,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    source: presentSource(sources.get(row.source_id)!),
    year: row.year,
    receivedOn: row.received_on,
    requestedBy: row.requested_by,
    request: row.request,
    submittedOn: row.submitted_on,
    submittedTo: row.submitted_to,
    description: row.description,
    outstanding: row.submitted_on === null,
    files: files
      .filter((f) => f.submission_id === row.id)
      .map((f) => ({
        id: f.id,
        fileName: f.file_name,
        mediaType: f.media_type,
        size: f.size,
        addedAt: f.added_at,
      })),
    version: row.version,
  }));
}

async function submissionOrFail(uc: UseCase, id: string): Promise<SubmissionRow> {
  const row = await assessmentsRepo.submission(uc.tx, id);
  if (!row) throw new GuiaError('resource.not_found', { entity: 'data_submission' });
  return row;
}

function checkDates(today: string, receivedOn: string, submittedOn: string | null | undefined): void {
  assertNotFuture(today, { receivedOn, submittedOn: submittedOn ?? undefined });
  if (submittedOn && submittedOn < receivedOn) throw invalid('submittedOn', 'before_received');
}

export const submissionsService = {
  async list(uc: UseCase, filter: { sourceId?: string | undefined; year?: number | undefined }) {
    return present(uc, await assessmentsRepo.submissions(uc.tx, filter));
  },

  async get(uc: UseCase, id: string): Promise<SubmissionView> {
    return (await present(uc, [await submissionOrFail(uc, id)]))[0]!;
  },

  async record(uc: UseCase, input: SubmissionBody): Promise<SubmissionView> {
    const { tx, actor, now, today } = uc;
    if (!(await assessmentsRepo.source(tx, input.sourceId))) throw invalid('sourceId', 'unknown_source');
    checkDates(today, input.receivedOn, input.submittedOn);
    const row: SubmissionRow = {
      id: uuidv7(),
      source_id: input.sourceId,
      year: input.year,
      received_on: input.receivedOn,
      requested_by: input.requestedBy,
      request: input.request || null,
      submitted_on: input.submittedOn ?? null,
      submitted_to: input.submittedTo || null,
      description: input.description || null,
      ...creationStamps(actor.userId, now),
    };
    await assessmentsRepo.insertSubmission(tx, row);
    await auditService.record(tx, actor, 'data_submission.recorded', {
      entityType: 'data_submission',
      entityId: row.id,
      summary: { sourceId: asId(row.source_id), year: row.year, submitted: row.submitted_on !== null },
    });
    return this.get(uc, row.id);
  },

  async update(uc: UseCase, id: string, input: SubmissionUpdate): Promise<SubmissionView> {
    const { tx, actor, now, today } = uc;
    const row = await submissionOrFail(uc, id);
    checkDates(
      today,
      row.received_on,
      input.submittedOn === undefined ? row.submitted_on : input.submittedOn,
    );
    await updateVersionedOrStale(
      tx,
      'data_submissions',
      id,
      input.version,
      {
        ...(input.request !== undefined ? { request: input.request || null } : {}),
        ...(input.submittedOn !== undefined ? { submitted_on: input.submittedOn } : {}),
        ...(input.submittedTo !== undefined ? { submitted_to: input.submittedTo || null } : {}),
        ...(input.description !== undefined ? { description: input.description || null } : {}),
        ...updateStamps(actor.userId, now),
      },
      'data_submission',
    );
    await auditService.record(tx, actor, 'data_submission.updated', {
      entityType: 'data_submission',
      entityId: id,
      summary: { fields: fieldNames(input, 'version') },
    });
    return this.get(uc, id);
  },

  async addFile(uc: UseCase, id: string, input: SubmissionFileBody): Promise<SubmissionView> {
    const { tx, actor, now } = uc;
    await submissionOrFail(uc, id);
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(input.content)) throw invalid('content', 'not_base64');
    const size = Buffer.from(input.content, 'base64').length;
    if (size === 0) throw invalid('content', 'empty');
    if (size > MAX_FILE_BYTES) throw invalid('content', 'too_large', { max: MAX_FILE_BYTES });
    const fileId = uuidv7();
    await assessmentsRepo.insertFile(tx, {
      id: fileId,
      submission_id: id,
      file_name: input.fileName,
      media_type: input.mediaType,
      size,
      content: input.content,
      added_at: now,
      added_by: actor.userId,
    });
    await auditService.record(tx, actor, 'data_submission.file_added', {
      entityType: 'data_submission',
      entityId: id,
      summary: { fileId: asId(fileId), bytes: size },
    });
    return this.get(uc, id);
  },

  async file(uc: UseCase, id: string, fileId: string) {
    const file = await assessmentsRepo.file(uc.tx, id, fileId);
    if (!file) throw new GuiaError('resource.not_found', { entity: 'submission_file' });
    return {
      fileName: file.file_name,
      mediaType: file.media_type,
      content: Buffer.from(file.content, 'base64'),
    };
  },
};
