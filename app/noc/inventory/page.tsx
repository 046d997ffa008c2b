import { InventoryPage } from "./inventory-page";

export const metadata = { title: "Inventory" };

export default function Page() {
  return <InventoryPage />;
}
