// The orchestration REST routes (app/api/v1/orchestration/*): each starts one saga and answers
// 202 with the job, or with `dry_run` (body `"dry_run": true` or `?dry_run=true`) answers 200
// with each step's intended change and starts nothing.
import type { ServiceContext } from "@/server/service-context";
import type { SagaType } from "./sagas";
import { previewSaga, restJob, restPlan, startSaga } from "./service";

export function wantsDryRun(req: Request, body: { dry_run?: boolean }) {
  const q = new URL(req.url).searchParams.get("dry_run");
  return body.dry_run === true || q === "true" || q === "1";
}

export async function startOrPreview(
  args: { svc: ServiceContext; req: Request; idempotencyKey: string | null },
  type: SagaType,
  body: { dry_run?: boolean },
  input: unknown,
): Promise<Response> {
  if (wantsDryRun(args.req, body)) return Response.json(restPlan(await previewSaga(args.svc, type, input)));
  const job = await startSaga(args.svc, type, input, args.idempotencyKey);
  return Response.json(restJob(job), { status: 202 });
}
