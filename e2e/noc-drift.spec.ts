// /noc/drift: a NOC engineer finds a subscriber whose RADIUS groups drifted (rows deleted behind
// the platform's back, as a stray script would), reads both sides of the evidence, previews the
// repair (the restore workflow onto the active subscriber), confirms it, and the next scan no
// longer finds it. Lea Fischer is a demo subscriber no other journey uses.
import { DEMO, expect, expectToast, signIn, sql, test } from "./support";

const USERNAME = "lea.fischer@acme-fiber";

async function scan(page: import("@playwright/test").Page) {
  await page.getByRole("button", { name: "Scan now" }).click();
  await expectToast(page, "Scan started");
  await expect(page.getByRole("button", { name: "Scan now" })).toBeEnabled({ timeout: 60_000 });
}

test("a NOC engineer finds drifted RADIUS groups, previews the repair, runs it, and the next scan is clean", async ({
  page,
}) => {
  await sql(`DELETE FROM radusergroup WHERE username = $1`, [USERNAME]);

  await signIn(page, DEMO.noc);
  await page.goto(`/noc/drift?q=${encodeURIComponent(USERNAME)}&f.type=radius.groups`);
  await expect(page.getByRole("heading", { name: "Drift" })).toBeVisible();
  await scan(page);

  const table = page.getByRole("table", { name: "Drift findings" });
  const row = table.getByRole("row").filter({ hasText: USERNAME });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("RADIUS groups do not match status and plan");
  await expect(row).toContainText("RADIUS");
  // Both sides of the evidence.
  await row.getByText("radusergroup has no group for the active subscriber").click();
  await expect(row).toContainText("Platform intends");
  await expect(row).toContainText("RADIUS holds");
  await expect(row).toContainText('"groups":[]');

  // The preview names the workflow and its steps before anything runs.
  await row.getByRole("button", { name: /Repair/ }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Repair: Restore subscriber");
  await expect(dialog).toContainText("rewrites its RADIUS rows");
  await expect(dialog.getByRole("listitem").first()).toBeVisible();
  await dialog.getByRole("button", { name: /Run restore subscriber/ }).click();
  await expectToast(page, "Repair started: Restore subscriber");

  // The workflow runs in the background; the next scan no longer finds the drift.
  await expect
    .poll(
      async () =>
        (
          await sql<{ status: string }>(
            `SELECT j.status FROM "OrchestrationJob" j JOIN "Subscriber" s ON s.id = j."subscriberId"
              WHERE s.username = $1 AND j.type = 'restore-subscriber' ORDER BY j."createdAt" DESC LIMIT 1`,
            [USERNAME],
          )
        )[0]?.status,
      { timeout: 60_000 },
    )
    .toBe("COMPLETED");
  await scan(page);
  await expect(table.getByRole("row").filter({ hasText: USERNAME })).toHaveCount(0);
  await expect(page.getByText("Nothing matches")).toBeVisible();

  // Resolved findings stay readable, with the repair's job.
  await page.goto(`/noc/drift?q=${encodeURIComponent(USERNAME)}&f.type=radius.groups&f.status=RESOLVED`);
  const resolved = page.getByRole("table", { name: "Drift findings" }).getByRole("row").filter({ hasText: USERNAME });
  await expect(resolved).toContainText("resolved");
  await resolved.getByRole("link", { name: "last repair" }).click();
  await expect(page).toHaveURL(/\/noc\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("job-status")).toHaveText("Completed", { timeout: 60_000 });
});
