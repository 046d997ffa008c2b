// Webhook settings (issue #17): a tenant admin adds an endpoint (validation first), reads and
// rotates its signing secret, disables and enables it, sees its delivery log and deletes it.
import { DEMO, expect, signIn, sql, test } from "./support";

test("a tenant admin manages a webhook endpoint and its secret", async ({ page }) => {
  const url = `https://hooks-${Date.now()}.example.net/fiberops`;
  await signIn(page, DEMO.tenantAdmin);
  await page.goto("/settings/webhooks");
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

  // Nothing chosen: each message sits beside its field.
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const urlInput = page.getByRole("textbox", { name: "URL" });
  await expect(urlInput).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Choose at least one event")).toBeVisible();

  // A private address is refused.
  await urlInput.fill("http://10.0.0.5/hook");
  await page.getByRole("checkbox", { name: /invoice\.issued/ }).check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(urlInput).toHaveAttribute("aria-invalid", "true");

  await urlInput.fill(url);
  await page.getByRole("textbox", { name: "Description" }).fill("Accounting");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByText("Endpoint added")).toBeVisible();
  const [row] = await sql<{ id: string }>(`SELECT id FROM "WebhookEndpoint" WHERE url = $1`, [url]);
  expect(row).toBeTruthy();

  // The secret: revealed on demand, rotated after a confirmation, with the old one overlapping.
  await page.getByRole("button", { name: "Reveal secret" }).click();
  const secret = page.getByTestId("webhook-secret");
  await expect(secret).toHaveText(/^whsec_/);
  const first = await secret.textContent();
  await page.getByRole("combobox", { name: "Overlap" }).selectOption("24");
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const rotate = page.getByRole("dialog", { name: "Rotate the signing secret?" });
  await rotate.getByRole("button", { name: "Rotate" }).click();
  await expect(secret).not.toHaveText(first ?? "");
  await expect(secret).toHaveText(/^whsec_/);
  await expect(page.getByText("No overlap in progress")).toBeHidden();

  // Disable (confirmed), then enable.
  await page.getByRole("button", { name: "Disable" }).click();
  await page.getByRole("dialog", { name: "Disable this endpoint?" }).getByRole("button", { name: "Disable" }).click();
  await expect(page.getByText("Disabled by a person")).toBeVisible();
  await page.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByText("Disabled by a person")).toBeHidden();
  await expect(page.getByText("No deliveries yet")).toBeVisible();

  // Delete, confirmed: back on the list, the endpoint is gone.
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete this endpoint?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks$/);
  await expect(page.getByRole("link", { name: url })).toBeHidden();
  expect(await sql(`SELECT id FROM "WebhookEndpoint" WHERE url = $1`, [url])).toEqual([]);
});
