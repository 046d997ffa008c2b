// Item models: what the company stocks (ONU, CPE, router, SFP by serial; cable and
// consumables by quantity) and what an unreturned one is charged.
import { conflict, isUniqueViolation, notFound } from "@/server/errors";
import type { ServiceContext } from "@/server/service-context";
import { type ModelInput, modelInput } from "./schemas";

export async function createModel(svc: ServiceContext, raw: ModelInput) {
  const input = modelInput.parse(raw);
  try {
    return await svc.db.inventoryModel.create({ data: { tenantId: svc.tenantId, ...input } });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A model with code ${input.code} already exists`);
    throw error;
  }
}

export async function getModel(svc: ServiceContext, id: string) {
  const model = await svc.db.inventoryModel.findFirst({ where: { id } });
  if (!model) throw notFound("Item model");
  return model;
}

export async function listModels(svc: ServiceContext) {
  return svc.db.inventoryModel.findMany({ orderBy: [{ kind: "asc" }, { code: "asc" }] });
}
