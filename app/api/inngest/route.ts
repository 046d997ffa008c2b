// Inngest serve endpoint: a real Inngest (INNGEST_BASE_URL / INNGEST_EVENT_KEY set) syncs
// the functions here and calls them back to run steps. Without one, the embedded executor
// runs the functions in-process and this endpoint says so.
import { serve } from "inngest/next";
import { inngest, inngestIsRemote } from "@/inngest/client";
import { functions } from "@/inngest/functions";

const handler = serve({ client: inngest, functions });

const embedded = () =>
  Response.json(
    {
      error: {
        code: "NOT_FOUND",
        message:
          "No Inngest server is configured: the embedded executor runs the functions in this process. Set INNGEST_BASE_URL and INNGEST_EVENT_KEY to use Inngest.",
      },
    },
    { status: 404 },
  );

type Handler = (req: Request, ctx: unknown) => Promise<Response>;
const route =
  (fn: unknown): Handler =>
  async (req, ctx) =>
    inngestIsRemote() ? (fn as Handler)(req, ctx) : embedded();

export const GET = route(handler.GET);
export const POST = route(handler.POST);
export const PUT = route(handler.PUT);
