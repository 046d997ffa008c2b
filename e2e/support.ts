// Helpers for specs:
//   import { test, expect, signIn, DEMO } from "./support";
//   test("…", async ({ page }) => { await signIn(page, DEMO.noc); await page.goto("/noc/…"); });
// `E2E_DATABASE_URL` (set by global setup) is the app's database, for assertions that must
// look underneath the UI.
import { test as base, expect, type Page } from "@playwright/test";
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

export const test = base.extend({
  baseURL: async ({ baseURL }, use) => use(baseURL ?? process.env.E2E_BASE_URL),
});

/** Signs in through the form and waits until the app has left the sign-in page. */
export async function signIn(page: Page, account: DemoAccount | string, password = DEMO_PASSWORD) {
  const email = typeof account === "string" ? account : account.email;
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/** Signs out through the user menu. */
export async function signOut(page: Page) {
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
