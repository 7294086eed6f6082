import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { sendDigests } from '../../src/modules/notifications/digest.service.js';
import { mailTransport } from '../../src/modules/notifications/mail.transport.js';
import { notify } from '../../src/modules/notifications/notifications.service.js';
import { runGuia } from '../support/cli.js';
import { databases, freshDatabase } from '../support/databases.js';
import { addAgency, addUser, signedInClient } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

type Mail = { to: string; subject: string; text: string; language: string };

/** Decodes RFC 2047 words (=?UTF-8?B|Q?…?=) of a header. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** The parts of a raw message the tests read: addressee, subject, language and the plain text. */
function parseMail(raw: string): Mail {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const at = line.indexOf(':');
    headers.set(line.slice(0, at).toLowerCase(), line.slice(at + 1).trim());
  }
  const body = rest.join('\n\n');
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r?\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8')
        : body;
  return {
    to: headers.get('to') ?? '',
    subject: decodeHeader(headers.get('subject') ?? ''),
    text: text.replace(/\r\n/g, '\n'),
    language: headers.get('content-language') ?? '',
  };
}

/** A local SMTP server that keeps every message it receives. */
async function startSmtp() {
  const inbox: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        inbox.push(parseMail(Buffer.concat(chunks).toString('utf8')));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    inbox,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const victimName = { givenNames: 'Maria Clara', familyName: 'Dela Cruz' };

describe.each(databases)('daily digest on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let admin: TestClient;
  let sender: { email: string; id: string };
  let receiver: { email: string; id: string };
  let idle: { email: string; id: string };
  let caseReference: string;
  let pseudonym: string;

  const send = (options: { today: string; smtp?: boolean; log?: (line: string) => void }) =>
    sendDigests(
      t.database.db,
      mailTransport(
        {
          smtpUrl: options.smtp === false ? undefined : smtp.url,
          from: 'guia@example.org',
          publicUrl: 'https://guia.example.org',
        },
        options.log ?? (() => {}),
      ),
      { today: options.today, now: new Date().toISOString(), publicUrl: 'https://guia.example.org' },
    );

  beforeAll(async () => {
    smtp = await startSmtp();
    ({ t, admin } = await startWithAdmin(kind));
    const pj = await addAgency(admin, 'PJ');
    const ias = await addAgency(admin, 'IAS', 'social_welfare');
    const ngo = await addAgency(admin, 'NGO', 'ngo');
    const officer = await signedInClient(t, admin, pj, ['agency_officer']);
    sender = await addUser(t, admin, pj, ['case_worker']);
    receiver = await addUser(t, admin, ias, ['case_worker']);
    idle = await addUser(t, admin, ngo, ['analyst']);
    const senderClient = t.client();
    await senderClient.signIn(sender.email);
    await senderClient.request('PUT', '/api/v1/account/language', { language: 'pt' });
    const receiverClient = t.client();
    await receiverClient.signIn(receiver.email);
    await receiverClient.request('PUT', '/api/v1/account/language', { language: 'zh-Hant' });

    const created = await officer.post('/api/v1/cases', {
      origin: 'police_operation',
      reportDate: '2021-03-01',
      registrationDate: '2021-03-01',
      exploitationTypes: ['forced_labour'],
    });
    const kase = created.json() as { id: string; reference: string };
    caseReference = kase.reference;
    const victim = (
      await officer.post(`/api/v1/cases/${kase.id}/people`, { role: 'victim', person: { ...victimName } })
    ).json() as { id: string; person: { pseudonym: string } };
    pseudonym = victim.person.pseudonym;
    await officer.post(`/api/v1/cases/${kase.id}/members`, { userId: sender.id });
    const victimPath = `/api/v1/cases/${kase.id}/people/${victim.id}`;
    await senderClient.post(`${victimPath}/consents`, {
      purpose: 'referral',
      informedOf: ['purpose', 'data_use', 'right_to_access', 'retention_period', 'how_to_withdraw'],
      givenOn: '2021-03-05',
    });
    const refer = async (sentOn: string) => {
      const response = await senderClient.post(`${victimPath}/referrals`, {
        toAgencyId: ias,
        serviceKind: 'shelter',
        reason: 'additional_services_required',
        sentOn,
      });
      expect(response.statusCode, response.body).toBe(201);
      return (response.json() as { id: string }).id;
    };
    const first = await refer('2021-03-10');
    const accepted = await receiverClient.post(`/api/v1/referrals/${first}/accept`, {
      acceptedOn: '2021-03-12',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    await refer('2021-03-15');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });
  beforeEach(() => {
    smtp.inbox.length = 0;
  });

  it('mails each user with something new or waiting, in their language, and nobody else', async () => {
    const run = await send({ today: '2021-03-20' });
    expect(run).toMatchObject({ date: '2021-03-20', sent: 2, transport: 'smtp' });
    expect(smtp.inbox.map((m) => m.to).sort()).toEqual([receiver.email, sender.email].sort());
    expect(smtp.inbox.map((m) => m.to)).not.toContain(idle.email);

    const toSender = smtp.inbox.find((m) => m.to === sender.email)!;
    expect(toSender.language).toBe('pt');
    expect(toSender.subject).toBe('Guia: o que o aguarda em 2021-03-20');
    expect(toSender.text).toContain(
      'Novidades desde o último resumo\n- IAS aceitou o seu encaminhamento de uma pessoa\n',
    );
    expect(toSender.text).toContain('Abrir o Guia: https://guia.example.org');
    expect(toSender.text).not.toContain('A aguardar por si');

    const toReceiver = smtp.inbox.find((m) => m.to === receiver.email)!;
    expect(toReceiver.language).toBe('zh-Hant');
    expect(toReceiver.subject).toBe('Guia：2021-03-20 待處理事項');
    expect(toReceiver.text.match(/^- PJ 將一名人士轉介至貴機構$/gm)).toHaveLength(2);
    expect(toReceiver.text).toContain('待您處理\n- 貴機構收件箱中待回覆的轉介：1 宗\n');
  });

  it('puts no name, pseudonym or case reference in an e-mail', async () => {
    await t.database.db.updateTable('notifications').set({ digested_at: null }).execute();
    await send({ today: '2021-03-20' });
    expect(smtp.inbox.length).toBeGreaterThan(0);
    for (const mail of smtp.inbox)
      for (const secret of [pseudonym, caseReference, victimName.givenNames, victimName.familyName])
        expect(mail.subject + mail.text).not.toContain(secret);
  });

  it('does not carry a notification twice, and leaves out whoever has nothing left waiting', async () => {
    await send({ today: '2021-03-21' });
    // The sender's only news went out already; the receiver still has a referral waiting.
    expect(smtp.inbox.map((m) => m.to)).toEqual([receiver.email]);
    expect(smtp.inbox[0]!.text).not.toContain('轉介至貴機構');
    expect(smtp.inbox[0]!.text).toContain('貴機構收件箱中待回覆的轉介：1 宗');
  });

  it('writes only user ids and counts to the log when no SMTP server is configured', async () => {
    const lines: string[] = [];
    const run = await send({ today: '2021-03-22', smtp: false, log: (line) => lines.push(line) });
    expect(run).toMatchObject({ sent: 1, transport: 'log' });
    expect(smtp.inbox).toEqual([]);
    expect(lines).toEqual([`digest (log transport, GUIA_SMTP_URL unset): user ${receiver.id}, 1 items`]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'digest.sent')
      .orderBy('seq')
      .execute();
    expect(JSON.parse(audit.at(-1)!.summary)).toEqual({
      date: '2021-03-22',
      recipients: 1,
      items: 1,
      transport: 'log',
    });
  });
});

/** Runs `guia …` in this process with the given environment. */
const guia = (env: Record<string, string>, args: string[]) => runGuia(args, { env });

describe.each(databases)('guia digest send on %s', (kind) => {
  let env: Record<string, string>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let cleanup: () => Promise<void>;
  let userId: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    const fresh = await freshDatabase(kind);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'guia-digest-'));
    const target =
      fresh.target.kind === 'sqlite'
        ? { kind: 'sqlite' as const, file: path.join(dataDir, 'guia.sqlite') }
        : fresh.target;
    env = {
      GUIA_DATA_DIR: dataDir,
      GUIA_SMTP_URL: smtp.url,
      GUIA_MAIL_FROM: 'guia@example.org',
      ...(fresh.target.kind === 'postgres' ? { DATABASE_URL: fresh.target.url } : {}),
    };
    expect(
      (
        await guia(env, [
          'agency',
          'add',
          '--code',
          'PJ',
          '--kind',
          'police',
          '--name-en',
          'Judiciary Police',
          '--name-zh-hant',
          '司法警察局',
          '--name-pt',
          'Polícia Judiciária',
        ])
      ).code,
    ).toBe(0);
    const added = await guia(env, [
      'user',
      'add',
      '--email',
      'ines@example.org',
      '--name',
      'Inês',
      '--role',
      'agency_officer',
      '--agency',
      'PJ',
      '--language',
      'pt',
      '--json',
    ]);
    expect(added.code, added.stderr).toBe(0);
    cleanup = async () => {
      await fresh.drop();
      rmSync(dataDir, { recursive: true, force: true });
    };
    // Something to tell: a task of her agency nears its deadline (the plan's module calls notify so).
    const database = openDatabase(target);
    const user = await database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'ines@example.org')
      .executeTakeFirstOrThrow();
    userId = user.id;
    await database.db.transaction().execute((tx) =>
      notify(tx, [userId], 'task.deadline_near', {
        taskId: '01890a5d-ac96-774b-bcce-b302099a8057',
        due: '2021-04-30',
      }),
    );
    await database.close();
  });
  afterAll(async () => {
    await cleanup();
    await smtp.close();
  });

  it('sends the digest for the day given, through the configured SMTP server', async () => {
    const run = await guia(env, ['digest', 'send', '--at', '2021-04-01']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('Digest for 2021-04-01: 1 sent (smtp), 0 with nothing waiting.\n');
    expect(smtp.inbox).toHaveLength(1);
    expect(smtp.inbox[0]).toMatchObject({
      to: 'ines@example.org',
      subject: 'Guia: o que o aguarda em 2021-04-01',
    });
    expect(smtp.inbox[0]!.text).toContain('- Uma tarefa da sua entidade termina em 2021-04-30\n');
  });

  it('sends nothing the second time: nothing new, nothing waiting', async () => {
    const run = await guia(env, ['digest', 'send', '--at', '2021-04-02']);
    expect(run.stdout).toBe('Digest for 2021-04-02: 0 sent (smtp), 1 with nothing waiting.\n');
    expect(smtp.inbox).toHaveLength(1);
  });

  it('refuses a day that is not a date and an SMTP address that is not one, naming them', async () => {
    const badDay = await guia(env, ['digest', 'send', '--at', '2021-13-01']);
    expect(badDay.code).not.toBe(0);
    expect(badDay.stderr).toContain('at');
    const badUrl = await guia({ ...env, GUIA_SMTP_URL: 'http://mail.example.org' }, ['digest', 'send']);
    expect(badUrl.code).not.toBe(0);
    expect(badUrl.stderr).toContain('GUIA_SMTP_URL: must be an smtp:// or smtps:// URL');
    expect(smtp.inbox).toHaveLength(1);
  });
});
