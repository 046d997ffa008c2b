// The queue: tickets by view (open, mine, unassigned, breaching soon, pending, resolved,
// closed, all), team and status, searched by full text over subject, description and every
// reply (or by number, "T-1042"), a page at a time with each ticket's SLA clock. One SQL query
// on the ticket table so it stays fast at a million tickets (bench/tickets.ts).
import { Prisma } from "@/server/db";
import { staffWithPermission } from "@/server/modules/identity";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { ticketNumber } from "./history";
import { type ListTicketsInput, listTicketsInput, type TicketStatusKey } from "./schemas";
import { DEFAULT_WARN_BEFORE_MIN, type SlaState, slaDisplay } from "./sla";

// Compared as the enum (not ::text), so the status indexes apply.
const OPEN_STATUSES: TicketStatusKey[] = ["NEW", "OPEN", "PENDING_CUSTOMER", "PENDING_THIRD_PARTY"];
const OPEN = Prisma.raw(`(${OPEN_STATUSES.map((s) => `'${s}'`).join(", ")})`);
// The due instant the queue sorts by: first response until answered, then resolution (kept
// by a trigger; null while the clocks are stopped).
const NEXT_DUE = Prisma.sql`t."nextDueAt"`;
// Counting every match of a common word at a million tickets costs more than the page itself:
// totals stop here (the list shows "10,000" and its pages).
export const COUNT_CAP = 10_000;
// A search walks the view in its sort order, testing each ticket, when the planner's statistics
// say matches are dense enough for that to beat fetching every match from the GIN index (one heap
// read per match, after the index has listed them all); the walk stops after WALK_SLACK times the
// rows it expected, and a search that found too few there (the estimate was wrong: words that
// never meet, a word nobody used) fetches its matches from the index instead (bench/tickets.ts).
const WALK_SLACK = 4;

const SORTS: Record<string, Prisma.Sql> = {
  number: Prisma.sql`t."number"`,
  createdAt: Prisma.sql`t."createdAt"`,
  updatedAt: Prisma.sql`t."updatedAt"`,
  priority: Prisma.sql`t."priority"`,
  status: Prisma.sql`t."status"`,
  due: NEXT_DUE,
};

type Row = SlaState & {
  id: string;
  number: number;
  subject: string;
  type: string;
  team: string;
  assigneeId: string | null;
  requesterName: string | null;
  customerId: string | null;
  subscriberId: string | null;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
};

const TICKET_NUMBER = /^(?:t-?)?(\d{1,9})$/i;
const isTextSearch = (q: string | undefined) => Boolean(q?.trim()) && !TICKET_NUMBER.test(q?.trim() ?? "");

/** Views and filters as SQL conditions; `scope` adds conditions a caller must never escape (portal). */
export function ticketConditions(
  svc: ServiceContext,
  input: ReturnType<typeof listTicketsInput.parse>,
  warnBeforeMin: number,
  now: Date,
  scope: Prisma.Sql[] = [],
) {
  // Merged duplicates are closed: they show in "closed" and "all" (their page points at the
  // ticket they went into), never in the working views.
  const where: Prisma.Sql[] = [Prisma.sql`t."tenantId" = ${svc.tenantId}::uuid`, ...scope];
  // A partner's users see their tree's tickets only (raw SQL escapes the scoped client's filter).
  if (svc.partnerIds) where.push(Prisma.sql`t."partnerId" = ANY(${[...svc.partnerIds]}::uuid[])`);
  const soon = new Date(now.getTime() + warnBeforeMin * 60_000);
  // A status filter inside an open view replaces the view's status list: both together make
  // the planner multiply their selectivities and sort every ticket of that status.
  const narrowed = input.status !== undefined && OPEN_STATUSES.includes(input.status);
  switch (input.view) {
    case "open":
      if (!narrowed) where.push(Prisma.sql`t."status" IN ${OPEN}`);
      break;
    case "mine":
      if (!narrowed) where.push(Prisma.sql`t."status" IN ${OPEN}`);
      where.push(Prisma.sql`t."assigneeId" = ${svc.actor.userId}::uuid`);
      break;
    case "unassigned":
      if (!narrowed) where.push(Prisma.sql`t."status" IN ${OPEN}`);
      where.push(Prisma.sql`t."assigneeId" IS NULL`);
      break;
    case "breaching":
      // A due instant is set only while the clock runs.
      where.push(Prisma.sql`${NEXT_DUE} <= ${soon}`);
      break;
    case "pending":
      where.push(Prisma.sql`t."status" IN ('PENDING_CUSTOMER', 'PENDING_THIRD_PARTY')`);
      break;
    case "resolved":
      where.push(Prisma.sql`t."status" = 'RESOLVED'`);
      break;
    case "closed":
      where.push(Prisma.sql`t."status" = 'CLOSED'`);
      break;
    case "all":
      break;
  }
  if (input.status) where.push(Prisma.sql`t."status" = ${input.status}::"TicketStatus"`);
  if (input.team) where.push(Prisma.sql`t."team" = ${input.team}`);
  if (input.subscriberId) where.push(Prisma.sql`t."subscriberId" = ${input.subscriberId}::uuid`);
  if (input.customerId) where.push(Prisma.sql`t."customerId" = ${input.customerId}::uuid`);
  if (input.maintenanceId) where.push(Prisma.sql`t."maintenanceId" = ${input.maintenanceId}::uuid`);
  if (input.search?.trim()) where.push(searchCondition(input.search));
  return Prisma.join(where, " AND ");
}

function searchCondition(search: string) {
  const q = search.trim();
  const number = TICKET_NUMBER.exec(q);
  return number
    ? Prisma.sql`t."number" = ${Number(number[1])}`
    : Prisma.sql`t."searchVector" @@ plainto_tsquery('simple', ${q})`;
}

export async function listTickets(
  svc: ServiceContext,
  raw: ListTicketsInput,
  opts: { now?: Date; scope?: Prisma.Sql[] } = {},
) {
  const input = listTicketsInput.parse(raw);
  const now = opts.now ?? new Date();
  // Only "breaching soon" needs the policy, and of it only the warning lead time (one read).
  const warnBeforeMin =
    input.view === "breaching"
      ? ((await svc.db.ticketSlaPolicy.findFirst({ select: { warnBeforeMin: true } }))?.warnBeforeMin ??
        DEFAULT_WARN_BEFORE_MIN)
      : 0;
  const where = ticketConditions(svc, input, warnBeforeMin, now, opts.scope);
  const defaultSort = ["open", "mine", "unassigned", "breaching", "pending"].includes(input.view)
    ? Prisma.sql`${NEXT_DUE} ASC NULLS LAST, t."number" ASC`
    : Prisma.sql`t."createdAt" DESC, t."number" DESC`;
  const sort = input.sort && SORTS[input.sort.id];
  const order = sort
    ? Prisma.sql`${sort} ${input.sort?.desc ? Prisma.sql`DESC NULLS LAST` : Prisma.sql`ASC NULLS LAST`}, t."number" DESC`
    : defaultSort;
  const columns = Prisma.sql`t."id", t."number", t."subject", t."status"::text AS "status", t."priority"::text AS "priority",
           t."type"::text AS "type", t."team", t."assigneeId", t."requesterName", t."customerId", t."subscriberId",
           t."tags", t."createdAt", t."updatedAt", t."firstResponseDueAt", t."resolutionDueAt", t."slaPausedAt",
           t."responseLeftMin", t."resolutionLeftMin", t."firstRespondedAt", t."responseBreached",
           t."resolutionBreached"`;
  const page = Prisma.sql`ORDER BY ${order} LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize}`;
  const staffQuery = staffWithPermission(svc, "ticket.read");
  let rows: Row[];
  let total: number;
  let approximate = false;
  if (isTextSearch(input.search)) {
    const plain = ticketConditions(svc, { ...input, search: undefined }, warnBeforeMin, now, opts.scope);
    const [matchesGuess, viewGuess] = await Promise.all([estimateTickets(svc, where), estimateTickets(svc, plain)]);
    const wanted = input.page * input.pageSize;
    const density = viewGuess ? Math.min(1, matchesGuess / viewGuess) : 0;
    let walked: Row[] | null = null;
    if (density > 0 && wanted / density < matchesGuess) {
      const bound = Math.ceil((WALK_SLACK * wanted) / density);
      const found = await tenantSql(svc.db, svc.tenantId).query<Row[]>(
        Prisma.sql`SELECT ${columns} FROM (SELECT t.* FROM "Ticket" t WHERE ${plain} ORDER BY ${order} LIMIT ${bound}) t
          WHERE ${searchCondition(input.search ?? "")} ${page}`,
      );
      if (found.length === input.pageSize) walked = found;
    }
    if (walked) {
      rows = walked;
      total = Math.max(round2(matchesGuess), wanted);
      approximate = true;
    } else {
      // Every match from the index (materialized: planned for all of them, so never a walk),
      // counted and sorted.
      const found = await tenantSql(svc.db, svc.tenantId).query<Array<Row & { matches: number }>>(
        Prisma.sql`WITH m AS MATERIALIZED (SELECT t."id" FROM "Ticket" t WHERE ${where})
          SELECT ${columns}, (SELECT COUNT(*)::int FROM m) AS "matches"
            FROM "Ticket" t JOIN m ON m."id" = t."id" ${page}`,
      );
      rows = found;
      total = found[0]?.matches ?? (input.page === 1 ? 0 : await countTickets(svc, where));
    }
  } else {
    // The page and the (capped) total in parallel.
    let counted: number;
    [rows, counted] = await Promise.all([
      tenantSql(svc.db, svc.tenantId).query<Row[]>(
        Prisma.sql`SELECT ${columns} FROM "Ticket" t WHERE ${where} ${page}`,
      ),
      countTickets(svc, where),
    ]);
    total = input.page === 1 && rows.length < input.pageSize ? rows.length : counted;
  }
  const staff = await staffQuery;
  const agents = new Map(staff.map((u) => [u.id, u.name]));
  return {
    total,
    // The total is the planner's estimate (a search with many matches), shown as "about".
    approximate,
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      reference: ticketNumber(r.number),
      subject: r.subject,
      status: r.status as TicketStatusKey,
      priority: r.priority,
      type: r.type,
      team: r.team,
      tags: r.tags,
      assigneeId: r.assigneeId,
      assigneeName: r.assigneeId ? (agents.get(r.assigneeId) ?? "—") : null,
      requesterName: r.requesterName,
      customerId: r.customerId,
      subscriberId: r.subscriberId,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      sla: slaDisplay(r, now),
    })),
  };
}

async function countTickets(svc: ServiceContext, where: Prisma.Sql) {
  const [row] = await tenantSql(svc.db, svc.tenantId).query<Array<{ n: number }>>(
    Prisma.sql`SELECT COUNT(*)::int AS n FROM (SELECT 1 FROM "Ticket" t WHERE ${where} LIMIT ${COUNT_CAP}) capped`,
  );
  return row?.n ?? 0;
}

/** The planner's row estimate for the conditions (from the table's statistics; no rows read). */
async function estimateTickets(svc: ServiceContext, where: Prisma.Sql) {
  const [row] = await tenantSql(svc.db, svc.tenantId).query<
    Array<{ "QUERY PLAN": Array<{ Plan: { "Plan Rows": number } }> }>
  >(Prisma.sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM "Ticket" t WHERE ${where}`);
  return row?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0;
}

/** Two significant figures: what an estimate can claim. */
function round2(n: number) {
  const scale = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(n, 1))) - 1);
  return Math.round(n / scale) * scale;
}

/** Teams that have tickets (the queue's team filter). */
export async function ticketTeams(svc: ServiceContext) {
  const rows = await svc.db.ticket.groupBy({ by: ["team"], orderBy: { team: "asc" } });
  return rows.map((r) => r.team);
}
