"use client";
// The events an endpoint subscribes to, as a group of checkboxes with its error linked.
import { useId } from "react";
import { Checkbox } from "@/components/ui";

export function EventChoice({
  types,
  value,
  onChange,
  error,
}: {
  types: { type: string; description: string }[];
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  const errorId = useId();
  return (
    <fieldset className="stack-sm" aria-describedby={error ? errorId : undefined}>
      <legend className="field-label">Events</legend>
      <div className="row">
        {types.map((t) => (
          <Checkbox
            key={t.type}
            label={<span className="mono">{t.type}</span>}
            hint={t.description}
            checked={value.includes(t.type)}
            aria-invalid={error ? true : undefined}
            onChange={(e) => onChange(e.target.checked ? [...value, t.type] : value.filter((v) => v !== t.type))}
          />
        ))}
      </div>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
