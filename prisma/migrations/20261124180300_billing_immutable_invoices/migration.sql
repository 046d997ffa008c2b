-- Issued invoices are immutable: once an invoice leaves DRAFT its number, dates, parties and
-- amounts never change (corrections are credit notes). Only the settlement columns
-- (status, paidMinor, creditedMinor, emailedAt, voidedAt, voidReason, updatedAt) may move.
CREATE OR REPLACE FUNCTION billing_invoice_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."status" <> 'DRAFT' THEN
      RAISE EXCEPTION 'invoice % is issued and cannot be deleted; issue a credit note or void it', OLD."number"
        USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD."status" <> 'DRAFT' AND (
       NEW."number" IS DISTINCT FROM OLD."number"
    OR NEW."sequence" IS DISTINCT FROM OLD."sequence"
    OR NEW."customerId" IS DISTINCT FROM OLD."customerId"
    OR NEW."subscriptionId" IS DISTINCT FROM OLD."subscriptionId"
    OR NEW."periodStart" IS DISTINCT FROM OLD."periodStart"
    OR NEW."periodEnd" IS DISTINCT FROM OLD."periodEnd"
    OR NEW."currency" IS DISTINCT FROM OLD."currency"
    OR NEW."issueDate" IS DISTINCT FROM OLD."issueDate"
    OR NEW."dueDate" IS DISTINCT FROM OLD."dueDate"
    OR NEW."subtotalMinor" IS DISTINCT FROM OLD."subtotalMinor"
    OR NEW."taxMinor" IS DISTINCT FROM OLD."taxMinor"
    OR NEW."totalMinor" IS DISTINCT FROM OLD."totalMinor"
    OR NEW."billTo" IS DISTINCT FROM OLD."billTo"
    OR NEW."pricesIncludeTax" IS DISTINCT FROM OLD."pricesIncludeTax"
    OR NEW."status" = 'DRAFT'
  ) THEN
    RAISE EXCEPTION 'invoice % is issued and cannot be changed; issue a credit note instead', OLD."number"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER invoice_immutable
  BEFORE UPDATE OR DELETE ON "Invoice"
  FOR EACH ROW EXECUTE FUNCTION billing_invoice_immutable();

-- Lines of an issued invoice can be neither added, changed nor removed.
CREATE OR REPLACE FUNCTION billing_invoice_line_immutable() RETURNS trigger AS $$
DECLARE
  invoice_status text;
BEGIN
  SELECT "status"::text INTO invoice_status FROM "Invoice"
   WHERE "id" = CASE WHEN TG_OP = 'DELETE' THEN OLD."invoiceId" ELSE NEW."invoiceId" END;
  -- The invoice itself is gone (cascade from deleting a draft): nothing to protect.
  IF invoice_status IS NULL THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF invoice_status <> 'DRAFT' THEN
    RAISE EXCEPTION 'the lines of an issued invoice cannot be changed; issue a credit note instead'
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW."invoiceId" IS DISTINCT FROM OLD."invoiceId" THEN
    RAISE EXCEPTION 'an invoice line cannot move to another invoice' USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER invoice_line_immutable
  BEFORE INSERT OR UPDATE OR DELETE ON "InvoiceLine"
  FOR EACH ROW EXECUTE FUNCTION billing_invoice_line_immutable();
