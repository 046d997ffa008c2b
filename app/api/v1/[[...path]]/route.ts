// Every /api/v1 request: the route it names (app/api/v1/routes.ts), or JSON 404/405.
import { restDispatcher } from "@/server/rest-handler";
import { API_ROUTES } from "../routes";

export const dynamic = "force-dynamic";

const dispatch = restDispatcher(API_ROUTES);

export const GET = dispatch;
export const POST = dispatch;
export const PUT = dispatch;
export const PATCH = dispatch;
export const DELETE = dispatch;
