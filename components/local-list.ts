"use client";
// A list the browser already holds in full (a day's work orders, a stock report) shown in the
// shared DataTable: searching, sorting and paging happen here instead of on the server.
import { useMemo, useState } from "react";
import type { ListInput } from "@/server/list";

export function useLocalList<T>(rows: T[] | undefined, text: (row: T) => string, pageSize = 25) {
  const [query, setQuery] = useState<ListInput>({ page: 1, pageSize });
  const filtered = useMemo(() => {
    const needle = query.search?.trim().toLowerCase();
    let list = needle ? (rows ?? []).filter((r) => text(r).toLowerCase().includes(needle)) : (rows ?? []);
    if (query.sort) {
      const { id, desc } = query.sort;
      list = [...list].sort((a, b) => {
        const x = String((a as Record<string, unknown>)[id] ?? "");
        const y = String((b as Record<string, unknown>)[id] ?? "");
        return (desc ? -1 : 1) * x.localeCompare(y, undefined, { numeric: true });
      });
    }
    return list;
  }, [rows, query.search, query.sort, text]);
  const page = filtered.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  return { query, onQueryChange: setQuery, rows: rows ? page : undefined, total: rows ? filtered.length : undefined };
}
