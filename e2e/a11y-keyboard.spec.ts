// Keyboard alone (issue #18). Staff: sign in, open the subscriber list, sort it, open a
// subscriber, suspend through the confirm dialog (Escape returns focus to its opener; once
// suspended, focus is on Restore) and restore (focus back on Suspend). Phone portal (390×844):
// the closed side menu is out of the Tab order, the open one takes focus and closes on Escape,
// the user menu opens and closes from the keyboard.
import type { Locator, Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expect, sql, test } from "./support";

/** Presses Tab (or Shift+Tab) until `target` has focus; returns what had focus on the way. */
async function tabTo(page: Page, target: Locator, key: "Tab" | "Shift+Tab" = "Tab", max = 150) {
  await expect(target).toBeVisible();
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await target.evaluate((el) => el === document.activeElement)) return passed;
    passed.push(
      await page.evaluate(() => {
        const el = document.activeElement;
        return el ? `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 40)}"` : "nothing";
      }),
    );
  }
  throw new Error(`${key} did not reach ${target} in ${max} presses; focus went: ${passed.join(" → ")}`);
}

async function signInWithKeyboard(page: Page, email: string) {
  await page.goto("/sign-in");
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

test("staff: list, sort, open a subscriber, suspend and restore with the keyboard alone", async ({ page }) => {
  const [subscriber] = await sql<{ id: string; username: string }>(
    `SELECT id, username FROM "Subscriber" WHERE status = 'ACTIVE' ORDER BY username DESC LIMIT 1`,
  );
  expect(subscriber, "the demo data has an active subscriber").toBeTruthy();

  await signInWithKeyboard(page, DEMO.noc.email);
  await expect(page).toHaveURL(/\/noc$/);

  // On a freshly loaded page the skip link comes first.
  await page.goto("/noc");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();

  const nav = page.getByRole("navigation", { name: "Main" });
  await tabTo(page, nav.getByRole("link", { name: "Subscribers", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Subscribers", level: 1 })).toBeVisible();

  // Sorting: the header's name is the column's alone (the arrows are not read), aria-sort says the order.
  const header = page.getByRole("columnheader", { name: "Username", exact: true });
  const sortButton = header.getByRole("button", { name: "Username", exact: true });
  await tabTo(page, sortButton);
  await page.keyboard.press("Enter");
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  await expect(sortButton).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(header).toHaveAttribute("aria-sort", "descending");
  await expect(sortButton).toBeFocused();

  // Search, then open the subscriber from its row.
  await tabTo(page, page.getByRole("searchbox"), "Shift+Tab");
  await page.keyboard.type(subscriber.username);
  const row = page.getByRole("row", { name: new RegExp(subscriber.username) });
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(2); // the header and the one match
  await tabTo(page, row.getByRole("link", { name: subscriber.username }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/noc/subscribers/${subscriber.id}$`));
  await expect(page.getByRole("heading", { name: subscriber.username, level: 1 })).toBeVisible();

  // The confirm dialog: Escape cancels and focus returns to the button that opened it.
  const suspend = page.getByRole("button", { name: "Suspend", exact: true });
  await tabTo(page, suspend);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `Suspend ${subscriber.username}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused(); // a danger action starts on Cancel
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(suspend).toBeFocused();

  // Confirmed with the keyboard: the dialog closes and the subscriber is suspended.
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Suspend" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect
    .poll(async () => (await sql(`SELECT status FROM "Subscriber" WHERE id = $1`, [subscriber.id]))[0]?.status)
    .toBe("SUSPENDED");

  // Focus stays on Suspend while the workflow runs, then moves to the Restore button that replaces it.
  const restoreButton = page.getByRole("button", { name: "Restore service" });
  await expect(restoreButton).toBeFocused();
  await expect(restoreButton).not.toHaveAttribute("aria-busy", "true"); // the workflow's last steps
  await expect(restoreButton).toBeFocused();

  // Restore, again from the keyboard; when it is done, focus is back on Suspend.
  await page.keyboard.press("Enter");
  // Restore is confirmed after its preview; the dialog opens on its confirm button.
  const restore = page.getByRole("dialog", { name: `Restore ${subscriber.username}?` });
  const confirmRestore = restore.getByRole("button", { name: "Restore service" });
  await expect(confirmRestore).toBeFocused();
  await expect(confirmRestore).not.toHaveAttribute("aria-disabled", "true");
  await page.keyboard.press("Enter");
  await expect
    .poll(async () => (await sql(`SELECT status FROM "Subscriber" WHERE id = $1`, [subscriber.id]))[0]?.status)
    .toBe("ACTIVE");
  await expect(suspend).toBeFocused();
});

test.describe("phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("portal: the side menu and the user menu with the keyboard alone", async ({ page }) => {
    await signInWithKeyboard(page, DEMO.subscriber.email);
    await expect(page).toHaveURL(/\/portal$/);
    await page.goto("/portal");
    const nav = page.getByRole("navigation", { name: "Main" });
    const toggle = page.getByRole("button", { name: "Open menu" });

    // Closed, the menu is neither seen nor reached with Tab: the skip link, then the menu button.
    await expect(nav).toBeHidden();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    const passed = await tabTo(page, toggle);
    expect(passed.join(" ")).not.toMatch(/Overview|Invoices|Usage|Inbox|Notification preferences/);

    // Open: focus moves to the current page's entry; Escape closes and gives focus back.
    await page.keyboard.press("Enter");
    await expect(nav).toBeVisible();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("link", { name: "Overview" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await expect(toggle).toBeFocused();

    // Open again and go to the invoices, then sort them.
    await page.keyboard.press("Enter");
    await tabTo(page, nav.getByRole("link", { name: "Invoices" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Invoices", level: 1 })).toBeVisible();
    await expect(nav).toBeHidden();
    const header = page.getByRole("columnheader", { name: "Invoice", exact: true });
    await tabTo(page, header.getByRole("button", { name: "Invoice", exact: true }));
    await page.keyboard.press("Enter");
    await expect(header).toHaveAttribute("aria-sort", /ascending|descending/);

    // The user menu keeps its name on a phone; it opens with Enter and closes with Escape.
    const userButton = page.getByRole("button", { name: DEMO.subscriber.name });
    await tabTo(page, userButton, "Shift+Tab");
    await page.keyboard.press("Enter");
    await expect(userButton).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(userButton).toHaveAttribute("aria-expanded", "false");
    await expect(userButton).toBeFocused();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();
  });
});
