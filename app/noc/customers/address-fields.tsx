"use client";
import { Field, Input } from "@/components/ui";

export type AddressForm = {
  line1: string;
  line2: string;
  city: string;
  postcode: string;
  country: string;
  latitude: string;
  longitude: string;
};
export const EMPTY_ADDRESS: AddressForm = {
  line1: "",
  line2: "",
  city: "",
  postcode: "",
  country: "DE",
  latitude: "",
  longitude: "",
};

export function toAddressInput(a: AddressForm) {
  return {
    line1: a.line1,
    line2: a.line2 || null,
    city: a.city,
    postcode: a.postcode,
    country: a.country,
    latitude: a.latitude ? Number(a.latitude) : null,
    longitude: a.longitude ? Number(a.longitude) : null,
  };
}

export function AddressFields({
  value,
  onChange,
  errors = {},
  prefix = "",
}: {
  value: AddressForm;
  onChange: (next: AddressForm) => void;
  errors?: Record<string, string | undefined>;
  prefix?: string;
}) {
  const set = (k: keyof AddressForm) => (e: { target: { value: string } }) =>
    onChange({ ...value, [k]: e.target.value });
  return (
    <>
      <Field label="Street and number" required error={errors.line1}>
        <Input name={`${prefix}line1`} value={value.line1} onChange={set("line1")} />
      </Field>
      <Field label="Address line 2">
        <Input name={`${prefix}line2`} value={value.line2} onChange={set("line2")} />
      </Field>
      <Field label="Postcode" required error={errors.postcode}>
        <Input name={`${prefix}postcode`} value={value.postcode} onChange={set("postcode")} />
      </Field>
      <Field label="City" required error={errors.city}>
        <Input name={`${prefix}city`} value={value.city} onChange={set("city")} />
      </Field>
      <Field label="Country" hint="Two letters, e.g. DE" error={errors.country}>
        <Input name={`${prefix}country`} value={value.country} maxLength={2} onChange={set("country")} />
      </Field>
      <Field label="Latitude" error={errors.latitude}>
        <Input name={`${prefix}latitude`} inputMode="decimal" value={value.latitude} onChange={set("latitude")} />
      </Field>
      <Field label="Longitude" error={errors.longitude}>
        <Input name={`${prefix}longitude`} inputMode="decimal" value={value.longitude} onChange={set("longitude")} />
      </Field>
    </>
  );
}
