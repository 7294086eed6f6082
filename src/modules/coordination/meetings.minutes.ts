import en from '../../../locales/en/coordination.json' with { type: 'json' };
import pt from '../../../locales/pt/coordination.json' with { type: 'json' };
import zhHant from '../../../locales/zh-Hant/coordination.json' with { type: 'json' };
import type { Language } from '../../core/languages.js';
import { toDocx } from '../../documents/docx.js';
import { bullets, heading, paragraph, table, type Block, type GuiaDocument } from '../../documents/model.js';
import { toPdf } from '../../documents/pdf.js';
import type { MeetingView } from './meetings.schemas.js';

// Minutes are written in the meeting's language, whoever downloads them: they are the
// committee's record of what was said, not a screen in the reader's language.

type Labels = (typeof en)['meetings'];
const catalogues: Record<Language, Labels> = { en: en.meetings, 'zh-Hant': zhHant.meetings, pt: pt.meetings };
const locales: Record<Language, string> = { en: 'en-GB', 'zh-Hant': 'zh-Hant-MO', pt: 'pt-PT' };

function formatDate(language: Language, date: string): string {
  return new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** The minutes as a printable document in the meeting's language. */
export function minutesDocument(meeting: MeetingView): GuiaDocument {
  const lang = meeting.language;
  const l = catalogues[lang];
  const date = (d: string) => formatDate(lang, d);
  const none = paragraph(l.minutes.none);
  const blocks: Block[] = [
    heading(l.minutes.attendance, 2),
    meeting.attendance.length
      ? table(
          meeting.attendance.map((a) => [a.user.name, a.agency?.code ?? '', l.attendanceStatus[a.status]]),
          { header: [l.minutes.name, l.minutes.agency, l.minutes.status], widths: [3, 1, 1] },
        )
      : none,
    ...(meeting.guests ? [paragraph({ text: `${l.minutes.guests}: `, bold: true }, meeting.guests)] : []),
    heading(l.minutes.agenda, 2),
    meeting.agenda.length ? bullets(meeting.agenda.map((a) => `${a.position}. ${a.title}`)) : none,
    heading(l.minutes.minutes, 2),
    ...(meeting.minutes
      ? meeting.minutes
          .split(/\n\s*\n/)
          .map((p) => p.trim())
          .filter(Boolean)
          .map((p) => paragraph(p))
      : [none]),
    heading(l.minutes.decisions, 2),
    meeting.decisions.length
      ? table(
          meeting.decisions.map((d) => [
            String(d.number),
            d.text,
            [d.assigneeUser?.name, d.assigneeAgency?.code].filter(Boolean).join(' · '),
            d.dueOn ? date(d.dueOn) : '',
            l.decisionStatus[d.status],
          ]),
          {
            header: [
              l.minutes.number,
              l.minutes.decision,
              l.minutes.assignee,
              l.minutes.due,
              l.minutes.status,
            ],
            widths: [1, 6, 3, 2, 2],
          },
        )
      : none,
  ];
  return {
    language: lang,
    title: meeting.title,
    subtitle: `${l.minutes.document} · ${meeting.group.name} (${l.groupKind[meeting.group.kind]})`,
    meta: [
      `${l.minutes.date}: ${date(meeting.heldOn)}`,
      ...(meeting.location ? [`${l.minutes.location}: ${meeting.location}`] : []),
    ],
    blocks,
  };
}

export const minutesFormats = {
  docx: {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    write: toDocx,
  },
  pdf: { type: 'application/pdf', write: (doc: GuiaDocument) => toPdf(doc) },
} as const;
export type MinutesFormat = keyof typeof minutesFormats;
