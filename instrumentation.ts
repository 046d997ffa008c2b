// Next.js start-up hook: the partners module provides resellers' white label to the modules
// below it (server/white-label.ts), and tenancy its tenant reader (server/tenant-directory.ts); the app server process consumes the jobs outbox — with the
// embedded Inngest executor's worker when no Inngest server is configured, else by relaying it
// to Inngest (see inngest/).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ provideWhiteLabels }, { resellerWhiteLabels }, { provideTenantReader }, { readTenant }] = await Promise.all([
    import("@/server/white-label"),
    import("@/server/modules/partners"),
    import("@/server/tenant-directory"),
    import("@/server/modules/tenancy"),
  ]);
  provideWhiteLabels(resellerWhiteLabels);
  provideTenantReader(readTenant);
  const { inngestIsRemote } = await import("./inngest/client");
  if (inngestIsRemote()) {
    const { startOutboxRelay } = await import("./inngest/relay");
    startOutboxRelay();
    return;
  }
  const { startEmbeddedExecutor } = await import("./inngest/executor/start");
  startEmbeddedExecutor();
}
