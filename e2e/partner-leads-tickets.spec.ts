// The partner portal's leads and tickets (issue #15): the reseller's admin registers a lead (an
// empty form is refused with the field's message) and opens it; opens a ticket for one of its
// customers from the customer's page (an empty one is refused), replies on it and finds it in
// the list. axe checks every page: the leads, a lead, the new lead, the tickets and a ticket.
import { randomBytes } from "node:crypto";
import { DEMO, expect, expectToast, signIn, test } from "./support";

const suffix = randomBytes(3).toString("hex");
const LEAD = `Grace Hopper ${suffix}`;
const SUBJECT = `Router blinks red ${suffix}`;

test("a partner registers a lead and follows a customer's ticket with the desk", async ({ page }) => {
  await signIn(page, DEMO.partnerAdmin);
  await page.goto("/partner/leads");
  await expect(page.getByRole("heading", { name: "Leads and quotes", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New lead" }).click();
  await expect(page.getByRole("heading", { name: "New lead", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Register lead" }).click();
  await expect(page.locator("form").getByText("Enter the person's name")).toBeVisible();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(LEAD);
  await page.getByRole("textbox", { name: "Email" }).fill(`grace-${suffix}@example.test`);
  await page.getByRole("button", { name: "Register lead" }).click();
  await expectToast(page, /Lead L-\d+ registered/);
  await expect(page).toHaveURL(/\/partner\/leads\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: LEAD, level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Leads and quotes" }).first().click();
  await expect(page.getByRole("row", { name: new RegExp(LEAD) })).toBeVisible();

  // A ticket for one of the reseller's customers, opened from the customer's page.
  await page.goto("/partner");
  await page
    .getByRole("link", { name: /Jonas Weber/ })
    .first()
    .click();
  const form = page.getByRole("form", { name: "Open a ticket" });
  await form.getByRole("button", { name: "Open ticket" }).click();
  await expect(form.getByText("Write a subject of at least 3 characters")).toBeVisible();
  await form.getByRole("textbox", { name: "Subject" }).fill(SUBJECT);
  await form.getByRole("textbox", { name: "What happened" }).fill("Since this morning the router's light is red.");
  await form.getByRole("button", { name: "Open ticket" }).click();
  await expectToast(page, /Ticket T-\d+ opened/);
  await expect(page.getByRole("heading", { name: SUBJECT, level: 1 })).toBeVisible();
  await page.getByRole("textbox", { name: "Your reply" }).fill("The customer restarted it; still red.");
  await page.getByRole("button", { name: "Send" }).click();
  await expectToast(page, "Reply sent to the desk");
  await expect(page.getByRole("list", { name: "Messages" }).getByText("still red")).toBeVisible();

  await page.getByRole("link", { name: "Tickets" }).first().click();
  await expect(page.getByRole("heading", { name: "Tickets", level: 1 })).toBeVisible();
  await page
    .getByRole("row", { name: new RegExp(SUBJECT) })
    .getByRole("link")
    .click();
  await expect(page.getByRole("heading", { name: SUBJECT, level: 1 })).toBeVisible();
});
