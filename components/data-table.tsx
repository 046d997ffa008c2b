"use client";
// A server-paginated table on @tanstack/react-table v9. The server does the paging, sorting,
// searching and filtering (every list procedure takes `listInput` from server/list.ts);
// this component renders a page and asks for another.
//
//   const columns = defineColumns<Row>((c) => [
//     c.accessor("name", { header: "Name", enableSorting: true }),
//     c.accessor("status", { header: "Status", cell: (i) => <StatusBadge status={i.getValue()} /> }),
//     c.accessor("balance", { header: "Balance", meta: { align: "right" }, cell: (i) => <Money amount={i.getValue()} /> }),
//   ]);   // at module scope (columns must be stable)
//
//   function Page() {
//     const trpc = useTRPC();
//     const list = useListQuery({ sort: { id: "name", desc: false } });   // state in the URL
//     const q = useQuery(trpc.subscribers.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
//     return (
//       <DataTable columns={columns} rows={q.data?.rows} total={q.data?.total} loading={q.isFetching}
//         error={q.error} query={list.query} onQueryChange={list.onQueryChange}
//         searchPlaceholder="Search name, username…" rowHref={(r) => `/noc/subscribers/${r.id}`}
//         filters={[{ id: "status", label: "Status", options: [{ value: "ACTIVE", label: "Active" }] }]} />
//     );
//   }
//
// Columns are not sortable unless they say `enableSorting: true`; the column id is sent as
// `sort.id`, so it must be a column the server's `orderBy(input, allowed, …)` allows.
import {
  type ColumnDef,
  type ColumnHelper,
  createColumnHelper,
  type RowData,
  rowPaginationFeature,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  type Updater,
  useTable,
} from "@tanstack/react-table";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ListInput } from "@/server/list";
import { errorMessage } from "./trpc";
import { Alert, cx, EmptyState, Spinner } from "./ui";

/** Per-column presentation options (`meta` in a column definition). */
export type DataColumnMeta = {
  align?: "left" | "right" | "center";
  /** Class added to the header and every cell of the column. */
  className?: string;
  /** Hide the column on narrow screens. */
  hideOnMobile?: boolean;
};

export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnMeta: {} as DataColumnMeta,
});
export type DataTableFeatures = typeof dataTableFeatures;
// biome-ignore lint/suspicious/noExplicitAny: each column has its own value type
export type DataColumn<T extends RowData> = ColumnDef<DataTableFeatures, T, any>;

/** Builds a column list with a typed helper. Call at module scope (or in useMemo). */
export function defineColumns<T extends RowData>(
  build: (c: ColumnHelper<DataTableFeatures, T>) => DataColumn<T>[],
): DataColumn<T>[] {
  return build(createColumnHelper<DataTableFeatures, T>());
}

export type DataTableFilter = {
  /** Key in `filters` sent to the server. */
  id: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  /** Label of the "no filter" option (default "All"). */
  allLabel?: string;
};

const EMPTY: never[] = [];
const PAGE_SIZES = [10, 25, 50, 100];

export function DataTable<T extends RowData>({
  columns,
  rows,
  total,
  approximateTotal = false,
  loading,
  error,
  query,
  onQueryChange,
  filters,
  searchPlaceholder = "Search…",
  searchable = true,
  rowHref,
  onRowClick,
  getRowId,
  empty,
  toolbar,
  caption,
  pageSizes = PAGE_SIZES,
}: {
  columns: DataColumn<T>[];
  /** The current page's rows; undefined while the first page loads. */
  rows: T[] | undefined;
  total: number | undefined;
  /** The total is an estimate (a search with many matches): shown as "about". */
  approximateTotal?: boolean;
  loading?: boolean;
  error?: unknown;
  query: ListInput;
  onQueryChange: (next: ListInput) => void;
  filters?: DataTableFilter[];
  searchPlaceholder?: string;
  searchable?: boolean;
  /** Makes each row a link (first cell is the link; the whole row is clickable). */
  rowHref?: (row: T) => string;
  onRowClick?: (row: T) => void;
  getRowId?: (row: T, index: number) => string;
  /** Shown when there are no rows (default: a generic message that mentions the search). */
  empty?: ReactNode;
  /** Extra controls at the right of the toolbar (buttons, exports). */
  toolbar?: ReactNode;
  /** Accessible name of the table. */
  caption?: string;
  pageSizes?: number[];
}) {
  const router = useRouter();
  const data = rows ?? (EMPTY as T[]);
  const sorting = useMemo<SortingState>(() => (query.sort ? [query.sort] : []), [query.sort]);
  const pagination = useMemo(
    () => ({ pageIndex: query.page - 1, pageSize: query.pageSize }),
    [query.page, query.pageSize],
  );

  const queryRef = useRef(query);
  queryRef.current = query;
  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => {
      const current = queryRef.current;
      const next = typeof updater === "function" ? updater(current.sort ? [current.sort] : []) : updater;
      const first = next[0];
      onQueryChange({ ...current, page: 1, sort: first ? { id: first.id, desc: first.desc } : undefined });
    },
    [onQueryChange],
  );

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId: getRowId ?? defaultRowId,
    manualPagination: true,
    manualSorting: true,
    rowCount: total ?? 0,
    enableMultiSort: false,
    defaultColumn: { enableSorting: false },
    state: { sorting, pagination },
    onSortingChange,
    onPaginationChange: () => {},
  });

  const pageCount = Math.max(1, Math.ceil((total ?? 0) / query.pageSize));
  const setPage = (page: number) => onQueryChange({ ...query, page: Math.min(Math.max(1, page), pageCount) });
  const firstRow = total ? (query.page - 1) * query.pageSize + 1 : 0;
  const lastRow = Math.min(query.page * query.pageSize, total ?? 0);
  const firstLoad = rows === undefined && !error;
  const filtered = Boolean(query.search) || Object.values(query.filters ?? {}).some(Boolean);
  const clickable = Boolean(rowHref || onRowClick);
  const colCount = table.getAllLeafColumns().length;

  return (
    <div className="data-table">
      {searchable || filters?.length || toolbar ? (
        <div className="data-table-toolbar">
          {searchable ? (
            <SearchBox
              value={query.search ?? ""}
              placeholder={searchPlaceholder}
              onChange={(search) => onQueryChange({ ...queryRef.current, page: 1, search: search || undefined })}
            />
          ) : null}
          {filters?.map((f) => (
            <label key={f.id} className="data-table-filter">
              <span className="sr-only">{f.label}</span>
              <select
                className="input select"
                aria-label={f.label}
                value={query.filters?.[f.id] ?? ""}
                onChange={(e) => {
                  const next = { ...(query.filters ?? {}) };
                  if (e.target.value) next[f.id] = e.target.value;
                  else delete next[f.id];
                  onQueryChange({ ...query, page: 1, filters: Object.keys(next).length ? next : undefined });
                }}
              >
                <option value="">
                  {f.label}: {f.allLabel ?? "All"}
                </option>
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {f.label}: {o.label}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <div className="data-table-toolbar-end">
            {loading && !firstLoad ? <Spinner label="Loading" /> : null}
            {toolbar}
          </div>
        </div>
      ) : null}

      {error ? <Alert tone="danger">{errorMessage(error)}</Alert> : null}

      <div className="table-scroll">
        <table className={cx("table", clickable && "table-clickable")} aria-busy={loading || undefined}>
          {caption ? <caption className="sr-only">{caption}</caption> : null}
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const meta = header.column.columnDef.meta;
                  const canSort = header.column.getCanSort();
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={cx(cellClass(meta), canSort && "sortable")}
                      aria-sort={sorted ? (sorted === "desc" ? "descending" : "ascending") : undefined}
                    >
                      {header.isPlaceholder ? null : canSort ? (
                        <button type="button" className="th-sort" onClick={header.column.getToggleSortingHandler()}>
                          <table.FlexRender header={header} />
                          <span className="sort-indicator" aria-hidden="true">
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {firstLoad
              ? Array.from({ length: Math.min(query.pageSize, 5) }, (_, i) => (
                  <tr key={`skeleton-${i}`} className="skeleton-row">
                    <td colSpan={colCount}>
                      <span className="skeleton" />
                    </td>
                  </tr>
                ))
              : table.getRowModel().rows.map((row) => {
                  const href = rowHref?.(row.original);
                  return (
                    <tr
                      key={row.id}
                      onClick={
                        clickable
                          ? (e) => {
                              if ((e.target as HTMLElement).closest("a,button,input,select,textarea,label")) return;
                              if (onRowClick) onRowClick(row.original);
                              else if (href) router.push(href);
                            }
                          : undefined
                      }
                    >
                      {row.getAllCells().map((cell, i) => (
                        <td key={cell.id} className={cellClass(cell.column.columnDef.meta)}>
                          {href && i === 0 ? (
                            <Link href={href} className="row-link">
                              <table.FlexRender cell={cell} />
                            </Link>
                          ) : (
                            <table.FlexRender cell={cell} />
                          )}
                        </td>
                      ))}
                    </tr>
                  );
                })}
          </tbody>
        </table>
        {!firstLoad && !error && data.length === 0 ? (
          empty && !filtered ? (
            empty
          ) : (
            <EmptyState
              title={filtered ? "Nothing matches" : "Nothing here yet"}
              description={filtered ? "Try another search or clear the filters." : undefined}
            />
          )
        ) : null}
      </div>

      <div className="data-table-footer">
        <span className="muted" aria-live="polite">
          {total === undefined
            ? ""
            : total === 0
              ? "0 results"
              : `${firstRow}–${lastRow} of ${approximateTotal ? "about " : ""}${total.toLocaleString()}`}
        </span>
        <div className="row">
          <label className="row muted">
            Rows
            <select
              className="input select input-sm"
              value={query.pageSize}
              onChange={(e) => onQueryChange({ ...query, page: 1, pageSize: Number(e.target.value) })}
            >
              {pageSizes.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn btn-secondary btn-sm"
            onClick={() => setPage(query.page - 1)}
            disabled={query.page <= 1}
            aria-label="Previous page"
          >
            ‹ Previous
          </button>
          <span className="muted">
            Page {Math.min(query.page, pageCount)} of {pageCount}
          </span>
          <button
            type="button"
            className="btn btn-secondary btn-sm"
            onClick={() => setPage(query.page + 1)}
            disabled={query.page >= pageCount}
            aria-label="Next page"
          >
            Next ›
          </button>
        </div>
      </div>
    </div>
  );
}

function defaultRowId(row: unknown, index: number) {
  const id = (row as { id?: unknown })?.id;
  return id === undefined || id === null ? String(index) : String(id);
}

function cellClass(meta: DataColumnMeta | undefined) {
  if (!meta) return undefined;
  return cx(
    meta.align === "right" && "num",
    meta.align === "center" && "center",
    meta.hideOnMobile && "hide-mobile",
    meta.className,
  );
}

/** A search input that reports its value 300 ms after the person stops typing. */
export function SearchBox({
  value,
  onChange,
  placeholder = "Search…",
  delay = 300,
}: {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  delay?: number;
}) {
  const [text, setText] = useState(value);
  const last = useRef(value);
  const report = useRef(onChange);
  report.current = onChange;
  // Follow outside changes (back button, cleared filters).
  useEffect(() => {
    if (value !== last.current) {
      last.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => {
    if (text.trim() === last.current) return;
    const timer = setTimeout(() => {
      last.current = text.trim();
      report.current(text.trim());
    }, delay);
    return () => clearTimeout(timer);
  }, [text, delay]);
  return (
    <input
      type="search"
      className="input data-table-search"
      placeholder={placeholder}
      aria-label={placeholder.replace(/…$/, "")}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          last.current = text.trim();
          onChange(text.trim());
        }
      }}
    />
  );
}

// ---------------------------------------------------------------------------------------
// List state in the URL: ?page=2&size=50&sort=name.desc&q=ana&f.status=ACTIVE
// `prefix` separates two tables on one page (`inv.page`, `inv.q`…).

export type ListDefaults = Partial<Pick<ListInput, "pageSize" | "sort" | "filters" | "search">>;

export function useListQuery(defaults: ListDefaults = {}, options: { prefix?: string } = {}) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const p = options.prefix ? `${options.prefix}.` : "";
  const defaultsKey = JSON.stringify(defaults);

  // biome-ignore lint/correctness/useExhaustiveDependencies: defaults compared by value
  const query = useMemo<ListInput>(() => {
    const page = Number(params.get(`${p}page`) ?? 1);
    const size = Number(params.get(`${p}size`) ?? defaults.pageSize ?? 25);
    const sortParam = params.get(`${p}sort`);
    let sort = defaults.sort;
    if (sortParam === "") sort = undefined;
    else if (sortParam) {
      const dot = sortParam.lastIndexOf(".");
      const id = dot > 0 ? sortParam.slice(0, dot) : sortParam;
      sort = { id, desc: sortParam.slice(dot + 1) === "desc" };
    }
    const filters: Record<string, string> = { ...(defaults.filters ?? {}) };
    for (const [key, value] of params.entries()) {
      if (!key.startsWith(`${p}f.`)) continue;
      const id = key.slice(p.length + 2);
      if (value) filters[id] = value;
      else delete filters[id];
    }
    const search = params.get(`${p}q`) ?? defaults.search;
    return {
      page: Number.isInteger(page) && page > 0 ? page : 1,
      pageSize: Number.isInteger(size) && size > 0 && size <= 200 ? size : 25,
      search: search || undefined,
      sort,
      filters: Object.keys(filters).length ? filters : undefined,
    };
  }, [params, p, defaultsKey]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: defaults compared by value
  const onQueryChange = useCallback(
    (next: ListInput) => {
      const out = new URLSearchParams(window.location.search);
      for (const key of [...out.keys()]) {
        if (
          key === `${p}page` ||
          key === `${p}size` ||
          key === `${p}sort` ||
          key === `${p}q` ||
          key.startsWith(`${p}f.`)
        )
          out.delete(key);
      }
      if (next.page > 1) out.set(`${p}page`, String(next.page));
      if (next.pageSize !== (defaults.pageSize ?? 25)) out.set(`${p}size`, String(next.pageSize));
      const sortText = next.sort ? `${next.sort.id}.${next.sort.desc ? "desc" : "asc"}` : "";
      const defaultSort = defaults.sort ? `${defaults.sort.id}.${defaults.sort.desc ? "desc" : "asc"}` : "";
      if (sortText !== defaultSort) out.set(`${p}sort`, sortText);
      if (next.search) out.set(`${p}q`, next.search);
      const allFilterIds = new Set([...Object.keys(defaults.filters ?? {}), ...Object.keys(next.filters ?? {})]);
      for (const id of allFilterIds) {
        const value = next.filters?.[id] ?? "";
        if (value !== (defaults.filters?.[id] ?? "")) out.set(`${p}f.${id}`, value);
      }
      const qs = out.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [router, pathname, p, defaultsKey],
  );

  const setFilter = useCallback(
    (id: string, value: string | undefined) => {
      const filters = { ...(query.filters ?? {}) };
      if (value) filters[id] = value;
      else delete filters[id];
      onQueryChange({ ...query, page: 1, filters: Object.keys(filters).length ? filters : undefined });
    },
    [query, onQueryChange],
  );

  return { query, input: query, onQueryChange, setFilter };
}

/**
 * A short list held whole in the browser (a partner's months, a tenant's partners), paged
 * here with the same table: pass `rows`, `total`, `query` and `onQueryChange` to DataTable.
 */
export function useLocalList<T>(all: T[] | undefined, pageSize = 25) {
  const [query, setQuery] = useState<ListInput>({ page: 1, pageSize });
  const rows = useMemo(
    () => all?.slice((query.page - 1) * query.pageSize, query.page * query.pageSize),
    [all, query.page, query.pageSize],
  );
  return { query, onQueryChange: setQuery, rows, total: all?.length };
}
