import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { sendDocument } from '../../http/downloads.js';
import { access } from '../../http/route-access.js';
import { declareRoutes } from '../declare-routes.js';
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
const read = access.permission('meeting.read');
const manage = access.permission('meeting.manage');

export function registerMeetingsRoutes(root: FastifyInstance, ctx: AppContext): void {
  const r = declareRoutes(root, ctx, tags);
  const group = '/api/v1/meeting-groups/:groupId';
  const meeting = '/api/v1/meetings/:meetingId';
  const decision = '/api/v1/decisions/:decisionId';

  r.get('/api/v1/meeting-groups', { access: read, response: z.array(GroupView) }, (_request, uc) =>
    groups.list(uc),
  );
  r.create(
    '/api/v1/meeting-groups',
    { access: manage, body: GroupBody, response: GroupView },
    (request, uc) => groups.create(uc, request.body),
  );
  r.patch(
    group,
    { access: manage, params: GroupParams, body: GroupUpdate, response: GroupView },
    (request, uc) => groups.update(uc, request.params.groupId, request.body),
  );

  r.get(
    '/api/v1/meetings',
    { access: read, querystring: MeetingQuery, response: z.array(MeetingListItem) },
    (request, uc) => meetings.list(uc, request.query.groupId),
  );
  r.create('/api/v1/meetings', { access: manage, body: MeetingBody, response: MeetingView }, (request, uc) =>
    meetings.create(uc, request.body),
  );
  r.get(meeting, { access: read, params: MeetingParams, response: MeetingView }, (request, uc) =>
    meetings.get(uc, request.params.meetingId),
  );
  r.patch(
    meeting,
    { access: manage, params: MeetingParams, body: MeetingUpdate, response: MeetingView },
    (request, uc) => meetings.update(uc, request.params.meetingId, request.body),
  );
  r.get(
    `${meeting}/open-items`,
    { access: read, params: MeetingParams, response: OpenItems },
    (request, uc) => meetings.openItems(uc, request.params.meetingId),
  );
  r.app.get(
    `${meeting}/minutes.:format`,
    {
      schema: {
        tags,
        params: MeetingParams.extend({ format: z.enum(['docx', 'pdf']) }),
        produces: [minutesFormats.docx.type, minutesFormats.pdf.type],
      },
      config: { access: read },
    },
    async (request, reply) => {
      const { meetingId, format } = request.params;
      const held = await r.inTransaction(request, (uc) => meetings.get(uc, meetingId));
      const file = await minutesFormats[format].write(minutesDocument(held));
      return sendDocument(reply, minutesFormats[format].type, `minutes-${held.heldOn}.${format}`, file);
    },
  );

  r.create(
    `${meeting}/decisions`,
    { access: manage, params: MeetingParams, body: DecisionBody, response: DecisionView },
    (request, uc) => decisions.record(uc, request.params.meetingId, request.body),
  );
  r.patch(
    decision,
    {
      access: access.byHandler(
        'meeting.read',
        'decisionsService.update: meeting.manage, or its assignee for the status',
      ),
      params: DecisionParams,
      body: DecisionUpdate,
      response: DecisionView,
    },
    (request, uc) => decisions.update(uc, request.params.decisionId, request.body),
  );
  r.create(
    `${decision}/tasks`,
    { access: manage, params: DecisionParams, body: TaskBody, response: TaskSummary },
    (request, uc) => decisions.createTask(uc, request.params.decisionId, request.body),
  );
  r.get(
    '/api/v1/decisions/mine',
    { access: access.session('active'), response: z.array(QueueDecision), transaction: false },
    (_request, uc) => decisionsQueue(uc.tx, uc.actor, uc.today),
  );
}
