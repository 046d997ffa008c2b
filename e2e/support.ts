// Helpers for specs:
//   import { test, expect, signIn, DEMO } from "./support";
//   test("…", async ({ page }) => { await signIn(page, DEMO.noc); await page.goto("/noc/…"); });
// `E2E_DATABASE_URL` (set by global setup) is the app's database, for assertions that must
// look underneath the UI. Every spec takes `test` from here (biome refuses it from
// @playwright/test): its accessibility check below runs on every page the spec visits.
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, test as base, type Cookie, expect, type Page } from "@playwright/test";
import pg from "pg";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from "../prisma/demo-accounts.ts";

export { expect };
export const DEMO = DEMO_ACCOUNTS;
export type DemoAccountKey = keyof typeof DEMO_ACCOUNTS;
export type { DemoAccount };
export { DEMO_PASSWORD };

/** Runs one query on the app's database (for assertions underneath the UI). */
export async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = await connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** A connection to the app's database; waits a little when the shared server is full (53300). */
async function connect(attempt = 1): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  try {
    await client.connect();
    return client;
  } catch (error) {
    if ((error as { code?: string }).code !== "53300" || attempt >= 5) throw error;
    await new Promise((r) => setTimeout(r, 1000 * attempt));
    return connect(attempt + 1);
  }
}

/**
 * The link under `/<path>/` (an invitation, a password reset…) in the newest email to
 * `recipient` that has one, as the recipient got it: read from the email provider the app
 * delivers through (the resend fake, GET /emails/{id} as resend's API serves it). The app's own
 * mailbox keeps "link sent; not stored" in its place. Waits for mail that a job sends.
 */
export async function deliveredLink(recipient: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://[^"\\s<>]+/${path}/[A-Za-z0-9_-]+`);
  const until = Date.now() + 20_000;
  for (;;) {
    const sent = await sql<{ providerId: string }>(
      `SELECT "providerId" FROM "EmailMessage" WHERE "toAddress" = $1 AND provider = 'resend' AND "providerId" IS NOT NULL
       ORDER BY "createdAt" DESC LIMIT 5`,
      [recipient.toLowerCase()],
    );
    for (const { providerId } of sent) {
      const res = await fetch(`${process.env.RESEND_BASE_URL}/emails/${providerId}`, {
        headers: { authorization: `Bearer ${process.env.RESEND_API_KEY}` },
      });
      if (!res.ok) throw new Error(`the email provider answered ${res.status} for email ${providerId}`);
      const link = pattern.exec(((await res.json()) as { html: string | null }).html ?? "")?.[0];
      if (link) return link.replaceAll("&amp;", "&");
    }
    if (Date.now() > until) throw new Error(`no email with a /${path}/ link was delivered to ${recipient}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

// ---------------------------------------------------------------------------------------
// Accessibility (issue #18): axe-core with the WCAG 2.1 A and AA rules checks every page a
// spec visits: once it has loaded after each navigation (client-side ones too), just before
// page.goto leaves it, before a page or context is closed, and on every page still open when
// the test ends. Any violation fails the test. Each path is checked once per worker and width
// (phone ≤ 860 px, desktop), so repeated visits cost nothing.

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const PHONE_MAX_WIDTH = 860;
/** How long a page may settle after a navigation before it is checked. */
const SETTLE_MS = 400;

type Audit = { seen: Set<string>; violations: string[]; finished: boolean };

const queues = new WeakMap<Page, Promise<void>>();
const audits = new WeakMap<Page, Audit>();

/** Checks the page unless its path was checked at this width already; one check at a time per page. */
function audit(page: Page, state: Audit): Promise<void> {
  const next = (queues.get(page) ?? Promise.resolve()).then(() => axeCheck(page, state));
  queues.set(page, next);
  return next;
}

/** Checks the page now (a state worth checking that no navigation marks, e.g. a form before it is sent). */
export async function checkAccessibility(page: Page) {
  const state = audits.get(page);
  if (state) await audit(page, state);
}

async function axeCheck(page: Page, state: Audit) {
  if (state.finished || page.isClosed()) return;
  const url = new URL(page.url());
  if (!url.protocol.startsWith("http")) return;
  const width = page.viewportSize()?.width ?? 1280;
  const where = width <= PHONE_MAX_WIDTH ? `${url.pathname} at ${width}px` : url.pathname;
  if (state.seen.has(where)) return;
  let timer: NodeJS.Timeout | undefined;
  try {
    const results = await Promise.race([
      // Legacy mode runs axe in the page itself; the default opens a blank page per check.
      new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("no answer within 30 s")), 30_000);
      }),
    ]);
    if (new URL(page.url()).pathname !== url.pathname) return; // it navigated meanwhile
    state.seen.add(where);
    for (const v of results.violations) {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `      ${n.target.join(" ")}: ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`);
      state.violations.push([`  ${where}: ${v.id} (${v.impact}) ${v.help} — ${v.helpUrl}`, ...nodes].join("\n"));
    }
  } catch (error) {
    // Left or closed while being checked: the next visit checks it.
    if (page.isClosed() || /context was destroyed|navigat|closed/i.test(String(error))) return;
    if (new URL(page.url()).pathname !== url.pathname) return; // axe was injected into the page before
    // Reloaded while being checked: axe went into the old document; the new one is checked on load.
    if (/reading 'run'|axe is not defined/.test(String(error))) return;
    state.violations.push(`  ${where}: axe could not run: ${error}`);
  } finally {
    clearTimeout(timer);
  }
}

function watch(context: BrowserContext, state: Audit) {
  const watchPage = (page: Page) => {
    audits.set(page, state);
    page.on("framenavigated", (frame) => {
      if (frame !== page.mainFrame()) return;
      page
        .waitForLoadState("load")
        .then(() => new Promise((r) => setTimeout(r, SETTLE_MS)))
        .then(() => audit(page, state))
        .catch(() => {}); // closed meanwhile
    });
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      await audit(page, state);
      return goto(url, options);
    };
    const reload = page.reload.bind(page);
    page.reload = async (options) => {
      await audit(page, state);
      return reload(options);
    };
    const close = page.close.bind(page);
    page.close = async (options) => {
      await audit(page, state);
      return close(options);
    };
  };
  context.pages().forEach(watchPage);
  context.on("page", watchPage);
  const close = context.close.bind(context);
  context.close = async (options) => {
    for (const page of context.pages()) await audit(page, state);
    return close(options);
  };
}

export const test = base.extend<{ axe: undefined }, { axeSeen: Set<string> }>({
  baseURL: async ({ baseURL }, use) => use(baseURL ?? process.env.E2E_BASE_URL),
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  axeSeen: [async ({}, use) => use(new Set()), { scope: "worker" }],
  axe: [
    async ({ context, browser, axeSeen }, use, testInfo) => {
      const state: Audit = { seen: axeSeen, violations: [], finished: false };
      const contexts = [context];
      watch(context, state);
      // Contexts a spec opens itself (a second user) are checked too.
      const newContext = browser.newContext;
      browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
        const created = await newContext.apply(browser, args);
        contexts.push(created);
        watch(created, state);
        return created;
      };
      try {
        await use(undefined);
        if (testInfo.status === testInfo.expectedStatus) {
          for (const c of contexts) for (const page of c.pages()) await audit(page, state);
        }
      } finally {
        state.finished = true;
        browser.newContext = newContext;
      }
      if (state.violations.length > 0) {
        throw new Error(
          `axe (WCAG 2.1 AA) found ${state.violations.length} violation(s):\n${state.violations.join("\n")}`,
        );
      }
    },
    { auto: true },
  ],
});

// Sessions opened through the form, per account, for later sign-ins in this worker: the form
// (and its axe check) runs once per account, later sign-ins put the cookie back. The server
// decides whether it is still open (signing out or a password change ends it): if not, the
// form runs again.
const openSessions = new Map<string, Cookie[]>();
const isSignInPage = (page: Page) => new URL(page.url()).pathname.startsWith("/sign-in");

/** Signs in (through the form the first time for each account) and waits until the app has left the sign-in page. */
export async function signIn(page: Page, account: DemoAccount | string, password = DEMO_PASSWORD) {
  const email = typeof account === "string" ? account : account.email;
  const saved = openSessions.get(email);
  if (saved) {
    await page.context().addCookies(saved);
    await page.goto("/");
    if (!isSignInPage(page)) return;
    openSessions.delete(email);
  }
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await checkAccessibility(page);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  openSessions.set(email, await page.context().cookies());
}

/** Signs out through the user menu. */
export async function signOut(page: Page) {
  const cookies = await page.context().cookies();
  for (const [email, saved] of openSessions)
    if (saved.some((c) => cookies.some((o) => o.name === c.name && o.value === c.value))) openSessions.delete(email);
  await page.goto("/sign-out");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in/);
}

/** Waits for a toast with this text. */
export async function expectToast(page: Page, text: string | RegExp) {
  await expect(page.locator(".toast").filter({ hasText: text }).first()).toBeVisible();
}

/** Confirms the open confirm dialog (typing the word first when it asks for one). */
export async function confirmDialog(page: Page, typed?: string) {
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  if (typed !== undefined) await dialog.getByRole("textbox").fill(typed);
  await dialog.locator('button[type="submit"]').click();
  await expect(dialog).toBeHidden();
}
