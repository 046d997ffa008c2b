// The one shape of a paginated list: every `list` procedure takes `listInput` (extended with
// its own filters) and returns `{ rows, total }`; components/data-table.tsx renders it.
import { z } from "zod";

export const listInput = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
  search: z.string().trim().max(200).optional(),
  sort: z.object({ id: z.string().max(64), desc: z.boolean() }).optional(),
  filters: z.record(z.string(), z.string().max(200)).optional(),
});

export type ListInput = z.infer<typeof listInput>;
export type ListResult<T> = { rows: T[]; total: number };

/** `%text%` for a raw ILIKE: the text's own `%`, `_` and `\` match themselves, not anything. */
export function containsPattern(text: string) {
  return `%${text.replace(/[\\%_]/g, "\\$&")}%`;
}

/** skip/take for Prisma from a list input. */
export function pageArgs(input: ListInput) {
  return { skip: (input.page - 1) * input.pageSize, take: input.pageSize };
}

/** A Prisma orderBy from the sort input, limited to the columns a list allows. */
export function orderBy<K extends string>(
  input: ListInput,
  allowed: readonly K[],
  fallback: Partial<Record<K, "asc" | "desc">>,
) {
  if (input.sort && (allowed as readonly string[]).includes(input.sort.id)) {
    return { [input.sort.id]: input.sort.desc ? "desc" : "asc" } as Partial<Record<K, "asc" | "desc">>;
  }
  return fallback;
}
