"use client";
// Client-side providers for the whole app (mounted once in app/layout.tsx).
import type { ReactNode } from "react";
import { ConfirmProvider } from "./confirm";
import { ToastProvider } from "./toast";
import { TRPCReactProvider } from "./trpc";

export function Providers({ children }: { children: ReactNode }) {
  return (
    <TRPCReactProvider>
      <ToastProvider>
        <ConfirmProvider>{children}</ConfirmProvider>
      </ToastProvider>
    </TRPCReactProvider>
  );
}
