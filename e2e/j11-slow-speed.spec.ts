// J11 Slow-speed troubleshooting: the admin dirties the connector of a demo subscriber's ONU on
// the simulated network (its light drops 12 dB); the CSR opens a ticket for that subscriber and
// runs diagnostics from it: ONU optics, session, CPE WiFi with each client's signal, and a speed
// test, ping and trace route run on the CPE (TR-143). The result shows the suggested cause —
// fibre or connector, the trace route losing probes from the first hop — and is attached to the
// ticket as an internal note.
import { DEMO, expect, expectToast, signIn, signOut, sql, test } from "./support";

test("diagnostics from a ticket find the fibre behind a slow line and attach the result", async ({ page }) => {
  const [lea] = await sql<{ id: string; username: string; onuSerial: string }>(
    `SELECT id, username, "onuSerial" FROM "Subscriber" WHERE username LIKE 'lea.fischer@%'`,
  );
  expect(lea?.onuSerial).toBeTruthy();

  // --- A dirty connector on her ONU (the simulator's control panel) ------------------------
  await signIn(page, DEMO.tenantAdmin);
  await page.goto("/noc/integrations");
  const degrade = page.getByRole("form", { name: "Degrade an ONU's light" });
  await degrade.getByLabel("ONU serial").fill(lea!.onuSerial);
  await degrade.getByLabel("Light lost (dB)").fill("12");
  await degrade.getByRole("button", { name: "Degrade light" }).click();
  await expectToast(page, `ONU ${lea!.onuSerial} lost 12 dB of light`);
  await signOut(page);

  // --- The CSR opens a ticket about her slow line and runs diagnostics from it --------------
  await signIn(page, DEMO.csr);
  await page.goto(`/support/tickets/new?subscriber=${lea!.id}`);
  await page.getByLabel("Subject").fill("Slow internet every evening");
  await page.getByLabel("Description").fill("Speed tests on her laptop show a tenth of the plan.");
  await page.getByRole("button", { name: "Open ticket" }).click();
  await expectToast(page, /Ticket T-\d+ opened/);
  await page.waitForURL(/\/support\/tickets\/[0-9a-f-]{36}$/);
  const ticketId = page.url().split("/").pop() as string;

  const panel = page.getByRole("region", { name: "Diagnostics" });
  await panel.getByRole("button", { name: "Run diagnostics" }).click();
  // The CPE answers its tests after a moment; the panel reads them until it has.
  await expect(panel.getByText("Suggested cause: Fibre or connector")).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByText(/Rx -\d+(\.\d+)? dBm, Tx/)).toBeVisible();
  await expect(panel.getByText("critical", { exact: true })).toBeVisible();
  await expect(panel.getByText(/[\d.]+ Mbit\/s at the CPE \(plan 1000 Mbit\/s\)/)).toBeVisible();
  await expect(panel.getByText(/8\.8\.8\.8: \d+ replies/)).toBeVisible();
  await expect(panel.getByText(/2\.4GHz: channel \d+/)).toBeVisible();
  await expect(panel.getByText(/2\.4GHz: -\d+ dBm/).first()).toBeVisible();
  await expect(panel.getByText(/8\.8\.8\.8: reached in 4 hops, \d+ ms/)).toBeVisible();
  await expect(panel.getByText("1 lost").first()).toBeVisible();
  await expect(panel.getByText(/Packet loss from the first hop/)).toBeVisible();

  // Attached to the ticket: the note is in the thread, stored with the run.
  await expect(page.getByText(/Suggested cause: Fibre or connector\. Rx -\d/).first()).toBeVisible();
  const runs = await sql<{ status: string; cause: string }>(
    `SELECT status::text, findings->0->>'cause' AS cause FROM "DiagnosticRun" WHERE "ticketId" = $1`,
    [ticketId],
  );
  expect(runs).toEqual([{ status: "COMPLETE", cause: "fibre" }]);
});
