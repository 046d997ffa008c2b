"use client";
// A confirm dialog for consequential actions, on the native <dialog> (focus trap, Esc to cancel;
// focus returns to the control that opened it).
//   const confirm = useConfirm();
//   if (await confirm({ title: "Suspend subscriber?", body: "Their sessions are disconnected.",
//                       confirmLabel: "Suspend", danger: true })) mutation.mutate(...)
// For very destructive actions ask the person to type a word first:
//   await confirm({ title: "Terminate", danger: true, typeToConfirm: subscriber.username })
import { createContext, type ReactNode, useCallback, useContext, useEffect, useId, useRef, useState } from "react";

export type ConfirmOptions = {
  title: string;
  body?: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  danger?: boolean;
  /** The exact text the person must type before the confirm button is enabled. */
  typeToConfirm?: string;
};

type Pending = ConfirmOptions & { resolve: (ok: boolean) => void; opener: Element | null };

const ConfirmContext = createContext<((options: ConfirmOptions) => Promise<boolean>) | null>(null);

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const confirm = useCallback(
    (options: ConfirmOptions) =>
      new Promise<boolean>((resolve) => {
        setPending({ ...options, resolve, opener: document.activeElement });
      }),
    [],
  );
  const close = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
    // The dialog leaves the page: focus goes back to the control that opened it, not to <body>.
    if (pending?.opener instanceof HTMLElement && pending.opener.isConnected) pending.opener.focus();
  };
  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      {pending ? <ConfirmDialog options={pending} onClose={close} /> : null}
    </ConfirmContext.Provider>
  );
}

function ConfirmDialog({ options, onClose }: { options: ConfirmOptions; onClose: (ok: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const [typed, setTyped] = useState("");
  const titleId = useId();
  const bodyId = useId();
  const inputId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // showModal focuses the first control: the typed-confirmation input, else Cancel. A
    // harmless action focuses its confirm button instead.
    if (!options.danger && options.typeToConfirm === undefined) confirmRef.current?.focus();
  }, [options.danger, options.typeToConfirm]);
  const blocked = options.typeToConfirm !== undefined && typed.trim() !== options.typeToConfirm;
  // Closed before it is removed, so the page behind it is no longer inert when focus returns.
  const finish = (ok: boolean) => {
    ref.current?.close();
    onClose(ok);
  };
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={options.body ? bodyId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        finish(false);
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!blocked) finish(true);
        }}
      >
        <h2 id={titleId} className="dialog-title">
          {options.title}
        </h2>
        {options.body ? (
          <div id={bodyId} className="dialog-body">
            {options.body}
          </div>
        ) : null}
        {options.typeToConfirm !== undefined ? (
          <div className="field">
            <label htmlFor={inputId} className="field-label">
              Type <strong className="mono">{options.typeToConfirm}</strong> to confirm
            </label>
            <input
              id={inputId}
              className="input"
              value={typed}
              autoComplete="off"
              onChange={(e) => setTyped(e.target.value)}
            />
          </div>
        ) : null}
        <div className="form-actions">
          <button type="button" className="btn btn-secondary" onClick={() => finish(false)}>
            {options.cancelLabel ?? "Cancel"}
          </button>
          <button
            type="submit"
            className={`btn ${options.danger ? "btn-danger" : "btn-primary"}`}
            disabled={blocked}
            ref={confirmRef}
          >
            {options.confirmLabel ?? "Confirm"}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** Returns `confirm(options)`: a promise of true (confirmed) or false (cancelled). */
export function useConfirm() {
  const confirm = useContext(ConfirmContext);
  if (!confirm) throw new Error("useConfirm() needs <ConfirmProvider> (app/layout.tsx provides it)");
  return confirm;
}
