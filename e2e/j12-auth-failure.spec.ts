// J12 Authentication failure: the CPE's password was changed on the CPE side, so FreeRADIUS
// rejects it; support sees the Access-Rejects with a readable reason, sets the password to the
// CPE's value, forces a re-authentication (Disconnect-Request to the BNG) and sees the next
// Access-Accept. Real FreeRADIUS on the e2e database; the BNG simulator plays the NAS and the
// CPE (re-dials every second while disconnected). See radius/e2e-service.ts.
import { DEMO, expect, signIn, test } from "./support";

const bng = () => {
  const url = process.env.BNG_CONTROL_URL;
  if (!url) throw new Error("BNG_CONTROL_URL is not set: the AAA e2e service (radius/e2e-service.ts) did not start");
  return url;
};
const USERNAME = "anna.schmidt@acme-fiber";
const CPE_PASSWORD = "cpe-side-pw-77";

type Session = { acctSessionId: string; username: string };
async function sessionsOf(username: string): Promise<Session[]> {
  const all = (await (await fetch(`${bng()}/sessions`)).json()) as Session[];
  return all.filter((s) => s.username === username);
}

test("support finds the reject reason, fixes the password, forces re-auth and sees the Access-Accept", async ({
  page,
}) => {
  // The demo CPE is online; someone changes its PPPoE password and it reconnects.
  await expect.poll(async () => (await sessionsOf(USERNAME)).length, { timeout: 20_000 }).toBe(1);
  await fetch(`${bng()}/cpes/${encodeURIComponent(USERNAME)}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password: CPE_PASSWORD }),
  });
  for (const s of await sessionsOf(USERNAME))
    await fetch(`${bng()}/sessions/${s.acctSessionId}/hangup`, { method: "POST" });

  await signIn(page, DEMO.csr);
  await page.goto("/noc/auth-log");
  await expect(page.getByRole("heading", { name: "Authentication log" })).toBeVisible();
  const rejectRow = page.getByRole("row").filter({ hasText: USERNAME }).filter({ hasText: "Wrong password" }).first();
  await expect(rejectRow).toBeVisible({ timeout: 20_000 });
  await expect(rejectRow).toContainText("Access-Reject");
  await rejectRow.getByRole("link", { name: USERNAME }).click();

  await expect(page.getByRole("heading", { name: USERNAME })).toBeVisible();
  const authLog = page.getByTestId("auth-log");
  await expect(authLog.getByRole("row").filter({ hasText: "Wrong password" }).first()).toBeVisible();
  await expect(page.getByText("No live session")).toBeVisible();

  // Fix: the subscriber's password becomes the CPE's value.
  await page.getByLabel("New password").fill(CPE_PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.locator(".toast").filter({ hasText: "Password saved" })).toBeVisible();

  // The CPE's next attempt is accepted and its session is live again.
  // The newest attempt (first body row; the header is a row too) is an Access-Accept.
  await expect(authLog.locator("tbody tr").first().getByText("Access-Accept")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("No live session")).toBeHidden({ timeout: 20_000 });
  const before = (await sessionsOf(USERNAME))[0];
  expect(before).toBeTruthy();

  // Force re-auth: Disconnect-Request → ACK, Accounting-Stop (Admin-Reset), the CPE re-dials.
  await page.getByRole("button", { name: "Force re-auth" }).click();
  await expect(page.getByTestId("dae-result")).toContainText("Disconnect ACK");
  await expect
    .poll(async () => (await sessionsOf(USERNAME)).map((s) => s.acctSessionId), { timeout: 20_000 })
    .not.toContain(before.acctSessionId);
  await expect.poll(async () => (await sessionsOf(USERNAME)).length, { timeout: 20_000 }).toBe(1);
  const accepts = authLog.getByRole("row").filter({ hasText: "Access-Accept" });
  await expect.poll(async () => accepts.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);

  // The old session was ended by the NAS on our request.
  await page.goto(`/noc/sessions`);
  await page.getByRole("tab", { name: "History" }).click();
  await expect(
    page.getByRole("row").filter({ hasText: USERNAME }).filter({ hasText: "Admin-Reset" }).first(),
  ).toBeVisible();
});
