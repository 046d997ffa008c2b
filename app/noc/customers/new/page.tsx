import { NewCustomerPage } from "./new-customer-page";

export const metadata = { title: "New customer" };

export default function Page() {
  return <NewCustomerPage />;
}
