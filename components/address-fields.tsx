"use client";
// The address fields of a home (TMF673 parts), shared by the lead form and the public page.
import { Field, Input } from "@/components/ui";

export type AddressForm = {
  streetName: string;
  streetNr: string;
  unit: string;
  postcode: string;
  city: string;
  country: string;
};
export const EMPTY_ADDRESS: AddressForm = {
  streetName: "",
  streetNr: "",
  unit: "",
  postcode: "",
  city: "",
  country: "DE",
};

export function AddressFields({
  value,
  onChange,
  errors = {},
  required = true,
}: {
  value: AddressForm;
  onChange: (next: AddressForm) => void;
  errors?: Record<string, string | undefined>;
  required?: boolean;
}) {
  const set = (key: keyof AddressForm) => (e: { target: { value: string } }) =>
    onChange({ ...value, [key]: e.target.value });
  const err = (key: keyof AddressForm) => errors[`address.${key}`] ?? errors[key];
  return (
    <div className="form-grid">
      <Field label="Street" required={required} error={err("streetName")}>
        <Input value={value.streetName} onChange={set("streetName")} autoComplete="address-line1" maxLength={200} />
      </Field>
      <Field label="Number" required={required} error={err("streetNr")}>
        <Input value={value.streetNr} onChange={set("streetNr")} maxLength={20} />
      </Field>
      <Field label="Flat or floor" hint="Leave empty for a house" error={err("unit")}>
        <Input value={value.unit} onChange={set("unit")} autoComplete="address-line2" maxLength={40} />
      </Field>
      <Field label="Postcode" required={required} error={err("postcode")}>
        <Input
          value={value.postcode}
          onChange={set("postcode")}
          autoComplete="postal-code"
          inputMode="numeric"
          maxLength={20}
        />
      </Field>
      <Field label="City" required={required} error={err("city")}>
        <Input value={value.city} onChange={set("city")} autoComplete="address-level2" maxLength={120} />
      </Field>
      <Field label="Country" hint="Two letters, e.g. DE" required={required} error={err("country")}>
        <Input value={value.country} onChange={set("country")} autoComplete="country" maxLength={2} />
      </Field>
    </div>
  );
}
