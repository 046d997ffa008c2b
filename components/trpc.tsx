"use client";
// The tRPC client for client components:
//   const trpc = useTRPC();
//   const q = useQuery(trpc.identity.me.queryOptions());
//   const m = useMutation(trpc.x.y.mutationOptions({ onSuccess }));
// `errorMessage(err)` and `fieldErrors(err)` read what the server's error formatter sends.
import { isServer, MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/trpc/root";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function redirectIfSignedOut(error: unknown) {
  if (isServer || !(error instanceof TRPCClientError)) return;
  const code = (error.data as { code?: string } | undefined)?.code;
  if (code === "UNAUTHORIZED") {
    const next = window.location.pathname + window.location.search;
    window.location.assign(`/sign-in?next=${encodeURIComponent(next)}`);
  }
}

function makeQueryClient() {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: redirectIfSignedOut }),
    mutationCache: new MutationCache({
      onError: redirectIfSignedOut,
      // A change may show on any page (a new lead in the list, a count on the dashboard):
      // everything cached is stale from now on, so the next page shown asks again. What is on
      // screen now is refreshed by the mutation's own onSuccess where it matters.
      onSuccess: () => client.invalidateQueries({ refetchType: "none" }),
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // Refusals and validation errors will not change by asking again.
        retry: (count, error) => {
          const status = (error as { data?: { httpStatus?: number } }).data?.httpStatus;
          if (status && status >= 400 && status < 500) return false;
          return count < 2;
        },
      },
    },
  });
  return client;
}

let browserQueryClient: QueryClient | undefined;
function getQueryClient() {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

type ErrorData = { code?: string; httpStatus?: number; fieldErrors?: Record<string, string[] | undefined> };

/** A message a person can read, from any error a query or mutation produced. */
export function errorMessage(error: unknown): string {
  if (!error) return "";
  if (error instanceof TRPCClientError) {
    const data = error.data as ErrorData | undefined;
    if (data?.fieldErrors && Object.keys(data.fieldErrors).length > 0) return "Please correct the highlighted fields";
    if (data?.code === "INTERNAL_SERVER_ERROR") return "Something went wrong on the server. Please try again.";
    return error.message;
  }
  if (error instanceof Error) {
    if (error.message === "Failed to fetch") return "The server cannot be reached. Check your connection.";
    return error.message;
  }
  return String(error);
}

/** Per-field messages from a zod validation failure (`{ email: "Invalid email" }`). */
export function fieldErrors(error: unknown): Record<string, string | undefined> {
  if (!(error instanceof TRPCClientError)) return {};
  const raw = (error.data as ErrorData | undefined)?.fieldErrors ?? {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v?.[0]]));
}

/** The tRPC error code ("NOT_FOUND", "FORBIDDEN", "CONFLICT"…) or null. */
export function errorCode(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  return (error.data as ErrorData | undefined)?.code ?? null;
}
