// One place that reads configuration. Every variable is documented in README.md.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  AUTH_SECRET: z.string().min(16).optional(),
  APP_URL: z.string().url().default("http://localhost:3000"),
  // Encrypts integration credentials stored per tenant (AES-256-GCM); falls back to AUTH_SECRET.
  ENCRYPTION_KEY: z.string().min(16).optional(),
  RESEND_API_KEY: z.string().optional(),
  RESEND_BASE_URL: z.string().url().optional(),
  EMAIL_FROM: z.string().default("FiberOps <no-reply@fiberops.local>"),
  INNGEST_BASE_URL: z.string().url().optional(),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  SESSION_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 3600),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  // Inbound support email (Mailgun-style routes): the domain of ticket reply addresses
  // (support+<token>@domain) and the key that signs the webhook's posts.
  INBOUND_EMAIL_DOMAIN: z.string().optional(),
  INBOUND_EMAIL_SIGNING_KEY: z.string().optional(),
  // Private/loopback destinations that user-supplied addresses may reach (server/outbound-http.ts).
  OUTBOUND_ALLOWLIST: z.string().optional(),
  // Attachment storage (server/adapters/storage): an S3-compatible bucket when S3_BUCKET is set,
  // else the local disk under ATTACHMENTS_DIR (read live there: tests point it at a temp dir).
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ENDPOINT: z.string().url().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(["0", "1", "true", "false"]).optional(),
  // Address lookup (server/adapters/geocoding): a Nominatim or Photon server; unset outside
  // production, the simulated geocoder answers.
  GEOCODER_URL: z.string().url().optional(),
  GEOCODER_KIND: z.enum(["nominatim", "photon"]).default("nominatim"),
  GEOCODER_USER_AGENT: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;
export function env(): Env {
  cached ??= schema.parse(process.env);
  return cached;
}

export function databaseUrl(): string {
  // Read live: tests and benchmarks set it before the first query.
  const url = process.env.DATABASE_URL ?? env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm run demo starts an embedded PostgreSQL and sets it)");
  return url;
}
