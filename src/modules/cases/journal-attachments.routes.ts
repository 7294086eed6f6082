import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { access, caseGrantOf, personGrantOf } from '../../http/route-access.js';
import { declareRoutes } from '../declare-routes.js';
import { attachmentSettings } from './attachments.content.js';
import type { CaseGrant, PersonGrant } from './case-access.js';
import { VictimParams } from '../protection/protection.schemas.js';
import { CaseIdParams } from './cases.schemas.js';
import {
  AttachmentParams,
  AttachmentQuery,
  AttachmentView,
  JournalEntryView,
  JournalNoteBody,
  VictimAttachmentParams,
} from './journal-attachments.schemas.js';
import {
  attachmentsService as attachments,
  journalService as journal,
} from './journal-attachments.service.js';

// The journal and the files of a case (issue 12), on the case (its members: `readText` to read,
// `workPeople` to write) and on one victim of it (`protectionRead` / `protectionWrite`: the
// members, and the worker an accepted referral reached). A file is the request body as sent
// (`application/octet-stream`), its name in the query; the limits are the operator's
// (attachments.content.ts), the body limit among them, so an oversized upload is refused
// before it is read.

const tags = ['journal-attachments'];
const victimPath = '/api/v1/cases/:id/people/:casePersonId';

type Grantor = (request: FastifyRequest) => CaseGrant | PersonGrant;
type Door = {
  base: string;
  params: typeof CaseIdParams | typeof VictimParams;
  fileParams: typeof AttachmentParams | typeof VictimAttachmentParams;
  read: ReturnType<typeof access.onCase>;
  write: ReturnType<typeof access.onCase>;
  grantOf: Grantor;
};

const doors: Door[] = [
  {
    base: '/api/v1/cases/:id',
    params: CaseIdParams,
    fileParams: AttachmentParams,
    read: access.onCase('readText'),
    write: access.onCase('workPeople'),
    grantOf: caseGrantOf,
  },
  {
    base: victimPath,
    params: VictimParams,
    fileParams: VictimAttachmentParams,
    read: access.onPerson('protectionRead'),
    write: access.onPerson('protectionWrite'),
    grantOf: personGrantOf,
  },
];

/** A name for the Content-Disposition header: ASCII fallback plus the UTF-8 name (RFC 6266). */
function disposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function registerJournalAttachmentRoutes(root: FastifyInstance, ctx: AppContext): void {
  // Read once at start: the body limit is fixed when the route is made. The service checks the
  // size again against the current setting, so a lowered limit applies at once.
  const bodyLimit = attachmentSettings().maxBytes;

  root.register(async (scope) => {
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_r, body, done) => done(null, body));
    const r = declareRoutes(scope, ctx, tags);
    for (const door of doors) {
      const { params } = door;
      r.get(
        `${door.base}/journal`,
        { access: door.read, params, response: z.array(JournalEntryView) },
        (request, uc) => journal.list(uc, door.grantOf(request)),
      );
      r.create(
        `${door.base}/journal`,
        { access: door.write, params, body: JournalNoteBody, response: JournalEntryView },
        (request, uc) => journal.add(uc, door.grantOf(request), request.body),
      );
      r.get(
        `${door.base}/attachments`,
        { access: door.read, params, response: z.array(AttachmentView) },
        (request, uc) => attachments.list(uc, door.grantOf(request)),
      );
      // The body is the file itself, as sent (the parser above), not JSON.
      r.create(
        `${door.base}/attachments`,
        { access: door.write, params, querystring: AttachmentQuery, response: AttachmentView, bodyLimit },
        (request, uc) => {
          const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          return attachments.add(uc, door.grantOf(request), request.query, body, attachmentSettings());
        },
      );
      r.app.get(
        `${door.base}/attachments/:attachmentId`,
        { schema: { tags, params: door.fileParams }, config: { access: door.read } },
        async (request, reply: FastifyReply) => {
          const { attachmentId } = request.params as { attachmentId: string };
          const file = await r.inTransaction(request, (uc) =>
            attachments.download(uc, door.grantOf(request), attachmentId),
          );
          return reply
            .header('content-type', file.mediaType)
            .header('content-disposition', disposition(file.fileName))
            .header('x-content-type-options', 'nosniff')
            .header('cache-control', 'no-store')
            .send(file.content);
        },
      );
    }
  });
}
