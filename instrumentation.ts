// Next.js start-up hook: the app server process runs the embedded Inngest executor's
// worker when no Inngest server is configured (see inngest/executor).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startEmbeddedExecutor } = await import("./inngest/executor/start");
  startEmbeddedExecutor();
}
