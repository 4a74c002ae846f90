import { sql } from 'drizzle-orm';
import type { OrgActor } from '../../core/access.js';
import type { Executor } from '../../core/context.js';
import { rowsOf } from '../../core/sql.js';
import { isOwnOrg, manages, pendingHere, upperHere, type ReportAccess } from './opinion.access.js';
import {
  OPINION_LEVEL_LABELS,
  OPINION_LEVELS,
  OPINION_STATUS_LABELS,
  RECORD_KIND_LABELS,
  type OpinionLevel,
  type OpinionRecordView,
  type OpinionStatus,
  type OpinionView,
  type RecordKind,
} from './opinion.schema.js';

export const EVENT_LABELS: Record<string, string> = {
  created: '撰写',
  updated: '修改',
  submitted: '报送',
  edited: '机关编辑',
  adopted: '采用',
  forwarded: '转报上级',
  declined: '不予采用',
  returned: '退回修改',
  recorded: '登记采用或批示',
  record_removed: '删除登记',
};

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
const ref = (alias: string) => sql.raw(`json_build_object('id', ${alias}.id, 'name', ${alias}.short_name)`);

/** Levels it was adopted at and the number of instructions: shared by the list and the detail. */
export const recordSummarySql = sql`
  coalesce((select json_agg(distinct x.level) from opinion_report_record x where x.report_id = r.id and x.kind = 'adopted'), '[]'::json) as "adoptedLevels",
  (select count(*)::int from opinion_report_record x where x.report_id = r.id and x.kind = 'instructed') as "instructedCount"`;

const levelOrder = (l: OpinionLevel) => OPINION_LEVELS.indexOf(l);
export const sortLevels = (levels: OpinionLevel[]) => [...levels].sort((a, b) => levelOrder(a) - levelOrder(b));

interface DetailRow {
  id: string;
  title: string;
  body: string;
  status: OpinionStatus;
  reason: string | null;
  org: { id: string; name: string };
  forwardedTo: { id: string; name: string } | null;
  submittedAt: string | null;
  decidedAt: string | null;
  forwardedAt: string | null;
  createdAt: string;
  updatedAt: string;
  authors: { id: string; name: string; sector: string; workUnit: string }[];
  files: { id: string; name: string; mime: string; size: number }[];
  records: (Omit<OpinionRecordView, 'kindLabel'> & { kind: RecordKind })[];
  history: { at: string; actorName: string | null; kind: string; note: string | null }[];
  fromRequests: { id: string; code: string; title: string }[];
  bulletins: { id: string; org: { id: string; name: string }; year: number; number: number; title: string }[];
  adoptedLevels: OpinionLevel[];
  instructedCount: number;
}

/** The whole report in one statement: authors, files, records, history, source concerns, bulletins. */
export async function reportView(db: Executor, actor: OrgActor, access: ReportAccess): Promise<OpinionView> {
  const [r] = await rowsOf<DetailRow>(
    db,
    sql`select r.id, r.title, r.body, r.status, r.decline_reason as reason, ${ref('o')} as org,
        (select ${ref('f')} from org f where f.id = r.forwarded_to_org_id) as "forwardedTo",
        r.submitted_at as "submittedAt", r.decided_at as "decidedAt", r.forwarded_at as "forwardedAt", r.created_at as "createdAt", r.updated_at as "updatedAt",
        coalesce((select json_agg(json_build_object('id', m.id, 'name', p.name, 'sector', s.name, 'workUnit', m.work_unit) order by a.position)
          from opinion_report_author a join member m on m.id = a.member_id join person p on p.id = m.person_id join sector s on s.id = m.sector_id
          where a.report_id = r.id), '[]'::json) as authors,
        coalesce((select json_agg(json_build_object('id', f.id, 'name', f.name, 'mime', f.mime, 'size', f.size) order by f.created_at, f.name)
          from stored_file f where f.owner_type = 'opinion_report' and f.owner_id = r.id), '[]'::json) as files,
        coalesce((select json_agg(json_build_object('id', x.id, 'kind', x.kind, 'level', x.level, 'byName', x.by_name, 'text', x.text, 'on', x.on,
            'org', ${ref('xo')}, 'createdAt', x.created_at) order by x.on, x.created_at)
          from opinion_report_record x join org xo on xo.id = x.org_id where x.report_id = r.id), '[]'::json) as records,
        coalesce((select json_agg(json_build_object('at', e.at, 'actorName', e.actor_name, 'kind', e.kind, 'note', e.note) order by e.at, e.id)
          from opinion_report_event e where e.report_id = r.id), '[]'::json) as history,
        coalesce((select json_agg(json_build_object('id', q.id, 'code', q.code, 'title', q.title) order by q.created_at)
          from request q where q.id in (select i.request_id from request_escalation e join request_escalation_item i on i.escalation_id = e.id
            where e.kind = 'opinion_report' and e.target_id = r.id)), '[]'::json) as "fromRequests",
        coalesce((select json_agg(json_build_object('id', b.id, 'org', ${ref('bo')}, 'year', b.year, 'number', b.number, 'title', b.title) order by b.issued_on)
          from bulletin_item bi join bulletin b on b.id = bi.bulletin_id join org bo on bo.id = b.org_id where bi.report_id = r.id), '[]'::json) as bulletins,
        ${recordSummarySql}
      from opinion_report r join org o on o.id = r.org_id where r.id = ${access.id}`,
  );
  const writer = access.myPosition === 0 && (r.status === 'draft' || r.status === 'returned');
  const staff = manages(actor);
  const decide = staff && pendingHere(access, actor);
  const decided = r.status === 'adopted' || r.status === 'forwarded';
  const records: OpinionRecordView[] = r.records.map((x) => ({ ...x, kindLabel: RECORD_KIND_LABELS[x.kind], createdAt: iso(x.createdAt)! }));
  const levels = OPINION_LEVELS.map((level) => ({
    level,
    label: OPINION_LEVEL_LABELS[level],
    adopted: records.filter((x) => x.level === level && x.kind === 'adopted'),
    instructed: records.filter((x) => x.level === level && x.kind === 'instructed'),
  })).filter((l) => l.adopted.length || l.instructed.length);
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    status: r.status,
    statusLabel: OPINION_STATUS_LABELS[r.status],
    reason: r.status === 'declined' || r.status === 'returned' ? r.reason : null,
    org: r.org,
    forwardedTo: r.forwardedTo,
    submittedAt: iso(r.submittedAt),
    decidedAt: iso(r.decidedAt),
    forwardedAt: iso(r.forwardedAt),
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
    authors: r.authors,
    files: r.files,
    adoptedLevels: sortLevels(r.adoptedLevels),
    instructedCount: r.instructedCount,
    levels,
    history: r.history.map((h) => ({ at: iso(h.at)!, actorName: h.actorName, action: h.kind, label: EVENT_LABELS[h.kind] ?? h.kind, summary: h.note ?? '' })),
    fromRequests: r.fromRequests,
    bulletins: r.bulletins,
    can: {
      edit: writer,
      submit: writer,
      staffEdit: staff && (pendingHere(access, actor) || (isOwnOrg(access, actor) && decided)),
      decide,
      forward: decide && !!access.actorOrgParentId,
      returnToAuthor: decide && isOwnOrg(access, actor),
      record: staff && decided && (isOwnOrg(access, actor) || upperHere(access, actor)),
    },
  };
}
