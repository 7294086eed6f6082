import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { access } from '../../http/route-access.js';
import { actorOf } from '../../http/session.js';
import { useCases } from '../use-case.js';
import { TaskBody, TaskSummary } from './plan.schemas.js';
import { decisionsService as decisions } from './meetings.decisions.js';
import { minutesDocument, minutesFormats } from './meetings.minutes.js';
import { decisionsQueue } from './meetings.queue.js';
import {
  DecisionBody,
  DecisionParams,
  DecisionUpdate,
  DecisionView,
  GroupBody,
  GroupParams,
  GroupUpdate,
  GroupView,
  MeetingBody,
  MeetingListItem,
  MeetingParams,
  MeetingQuery,
  MeetingUpdate,
  MeetingView,
  OpenItems,
  QueueDecision,
} from './meetings.schemas.js';
import { groupsService as groups, meetingsService as meetings } from './meetings.service.js';

// Meetings are read by everyone with `meeting.read` and run by `meeting.manage` (the
// secretariat). A decision's assignee may close or reopen it: the service decides that.

const tags = ['meetings'];

export function registerMeetingsRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, inTransaction } = useCases(ctx);
  const read = { access: access.permission('meeting.read') };
  const manage = { access: access.permission('meeting.manage') };

  app.get(
    '/api/v1/meeting-groups',
    { schema: { tags, response: { 200: z.array(GroupView) } }, config: read },
    (request) => inTransaction(request, (uc) => groups.list(uc)),
  );
  app.post(
    '/api/v1/meeting-groups',
    { schema: { tags, body: GroupBody, response: { 201: GroupView } }, config: manage },
    async (request, reply) =>
      reply.code(201).send(await inTransaction(request, (uc) => groups.create(uc, request.body))),
  );
  app.patch(
    '/api/v1/meeting-groups/:groupId',
    {
      schema: { tags, params: GroupParams, body: GroupUpdate, response: { 200: GroupView } },
      config: manage,
    },
    (request) => inTransaction(request, (uc) => groups.update(uc, request.params.groupId, request.body)),
  );

  app.get(
    '/api/v1/meetings',
    {
      schema: { tags, querystring: MeetingQuery, response: { 200: z.array(MeetingListItem) } },
      config: read,
    },
    (request) => inTransaction(request, (uc) => meetings.list(uc, request.query.groupId)),
  );
  app.post(
    '/api/v1/meetings',
    { schema: { tags, body: MeetingBody, response: { 201: MeetingView } }, config: manage },
    async (request, reply) =>
      reply.code(201).send(await inTransaction(request, (uc) => meetings.create(uc, request.body))),
  );
  app.get(
    '/api/v1/meetings/:meetingId',
    { schema: { tags, params: MeetingParams, response: { 200: MeetingView } }, config: read },
    (request) => inTransaction(request, (uc) => meetings.get(uc, request.params.meetingId)),
  );
  app.patch(
    '/api/v1/meetings/:meetingId',
    {
      schema: { tags, params: MeetingParams, body: MeetingUpdate, response: { 200: MeetingView } },
      config: manage,
    },
    (request) => inTransaction(request, (uc) => meetings.update(uc, request.params.meetingId, request.body)),
  );
  app.get(
    '/api/v1/meetings/:meetingId/open-items',
    { schema: { tags, params: MeetingParams, response: { 200: OpenItems } }, config: read },
    (request) => inTransaction(request, (uc) => meetings.openItems(uc, request.params.meetingId)),
  );
  app.get(
    '/api/v1/meetings/:meetingId/minutes.:format',
    {
      schema: {
        tags,
        params: MeetingParams.extend({ format: z.enum(['docx', 'pdf']) }),
        produces: [minutesFormats.docx.type, minutesFormats.pdf.type],
      },
      config: read,
    },
    async (request, reply) => {
      const meeting = await inTransaction(request, (uc) => meetings.get(uc, request.params.meetingId));
      const format = minutesFormats[request.params.format];
      const file = await format.write(minutesDocument(meeting));
      return reply
        .type(format.type)
        .header(
          'content-disposition',
          `attachment; filename="minutes-${meeting.heldOn}.${request.params.format}"`,
        )
        .send(file);
    },
  );

  app.post(
    '/api/v1/meetings/:meetingId/decisions',
    {
      schema: { tags, params: MeetingParams, body: DecisionBody, response: { 201: DecisionView } },
      config: manage,
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await inTransaction(request, (uc) => decisions.record(uc, request.params.meetingId, request.body)),
        ),
  );
  app.patch(
    '/api/v1/decisions/:decisionId',
    {
      schema: { tags, params: DecisionParams, body: DecisionUpdate, response: { 200: DecisionView } },
      config: {
        access: access.byHandler(
          'meeting.read',
          'decisionsService.update: meeting.manage, or its assignee for the status',
        ),
      },
    },
    (request) =>
      inTransaction(request, (uc) => decisions.update(uc, request.params.decisionId, request.body)),
  );
  app.post(
    '/api/v1/decisions/:decisionId/tasks',
    {
      schema: { tags, params: DecisionParams, body: TaskBody, response: { 201: TaskSummary } },
      config: manage,
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await inTransaction(request, (uc) =>
            decisions.createTask(uc, request.params.decisionId, request.body),
          ),
        ),
  );
  app.get(
    '/api/v1/decisions/mine',
    {
      schema: { tags, response: { 200: z.array(QueueDecision) } },
      config: { access: access.session('active') },
    },
    (request) => decisionsQueue(db, actorOf(request), ctx.today()),
  );
}
