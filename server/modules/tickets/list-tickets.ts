// The queue: tickets by view (open, mine, unassigned, breaching soon, pending, resolved,
// closed, all), team and status, searched by full text over subject, description and every
// reply (or by number, "T-1042"), a page at a time with each ticket's SLA clock. One SQL query
// on the ticket table so it stays fast at a million tickets (bench/tickets.ts).
import { Prisma } from "@/server/db";
import { staffWithPermission } from "@/server/modules/identity";
import type { ServiceContext } from "@/server/service-context";
import { ticketNumber } from "./history";
import { type ListTicketsInput, listTicketsInput, type TicketStatusKey } from "./schemas";
import { getSlaPolicy, type SlaState, slaDisplay } from "./sla";

// Compared as the enum (not ::text), so the status indexes apply.
const OPEN = Prisma.sql`('NEW', 'OPEN', 'PENDING_CUSTOMER', 'PENDING_THIRD_PARTY')`;
// The due instant the queue sorts by: first response until answered, then resolution (kept
// by a trigger; null while the clocks are stopped).
const NEXT_DUE = Prisma.sql`t."nextDueAt"`;
// Counting every match of a common word at a million tickets costs more than the page itself:
// totals stop here (the list shows "10,000" and its pages).
export const COUNT_CAP = 10_000;

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
  const soon = new Date(now.getTime() + warnBeforeMin * 60_000);
  switch (input.view) {
    case "open":
      where.push(Prisma.sql`t."status" IN ${OPEN}`);
      break;
    case "mine":
      where.push(Prisma.sql`t."status" IN ${OPEN}`, Prisma.sql`t."assigneeId" = ${svc.actor.userId}::uuid`);
      break;
    case "unassigned":
      where.push(Prisma.sql`t."status" IN ${OPEN}`, Prisma.sql`t."assigneeId" IS NULL`);
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
  const q = input.search?.trim();
  if (q) {
    const number = TICKET_NUMBER.exec(q);
    where.push(
      number
        ? Prisma.sql`t."number" = ${Number(number[1])}`
        : Prisma.sql`t."searchVector" @@ plainto_tsquery('simple', ${q})`,
    );
  }
  return Prisma.join(where, " AND ");
}

export async function listTickets(
  svc: ServiceContext,
  raw: ListTicketsInput,
  opts: { now?: Date; scope?: Prisma.Sql[] } = {},
) {
  const input = listTicketsInput.parse(raw);
  const now = opts.now ?? new Date();
  // Only "breaching soon" needs the policy (its warning lead time).
  const warnBeforeMin = input.view === "breaching" ? (await getSlaPolicy(svc)).warnBeforeMin : 0;
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
  let counted: number;
  if (isTextSearch(input.search)) {
    // Words: count the matches first (the GIN index, capped). Fewer than the cap: sort just
    // those (materialized, so the planner cannot trade the index for a walk over every
    // ticket by date); more: walking the sort order finds a page of matches quickly.
    counted = await countTickets(svc, where);
    rows = await svc.db.$queryRaw<Row[]>(
      counted < COUNT_CAP
        ? Prisma.sql`WITH m AS MATERIALIZED (SELECT t."id" FROM "Ticket" t WHERE ${where})
            SELECT ${columns} FROM "Ticket" t JOIN m ON m."id" = t."id" ${page}`
        : Prisma.sql`SELECT ${columns} FROM "Ticket" t WHERE ${where} ${page}`,
    );
  } else {
    // The page and the (capped) total in parallel.
    [rows, counted] = await Promise.all([
      svc.db.$queryRaw<Row[]>(Prisma.sql`SELECT ${columns} FROM "Ticket" t WHERE ${where} ${page}`),
      countTickets(svc, where),
    ]);
  }
  const staff = await staffQuery;
  const total = input.page === 1 && rows.length < input.pageSize ? rows.length : counted;
  const agents = new Map(staff.map((u) => [u.id, u.name]));
  return {
    total,
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
  const [row] = await svc.db.$queryRaw<Array<{ n: number }>>(
    Prisma.sql`SELECT COUNT(*)::int AS n FROM (SELECT 1 FROM "Ticket" t WHERE ${where} LIMIT ${COUNT_CAP}) capped`,
  );
  return row?.n ?? 0;
}

/** Teams that have tickets (the queue's team filter). */
export async function ticketTeams(svc: ServiceContext) {
  const rows = await svc.db.ticket.groupBy({ by: ["team"], orderBy: { team: "asc" } });
  return rows.map((r) => r.team);
}
