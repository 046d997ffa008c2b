import { Suspense } from "react";
import { InvoicePage } from "./invoice-page";

export const metadata = { title: "Invoice" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense>
      <InvoicePage id={id} />
    </Suspense>
  );
}
