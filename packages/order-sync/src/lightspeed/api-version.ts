// Which X-Series API the client speaks: API 2.0, or a date version `YYYY-MM` (reference §1: a
// release every quarter, each supported ≥ 12 months, a call to a retired one answered by the
// oldest supported). The version picks the paths and the sale's shape; both shapes are read into
// the same domain records. Customers, customer groups, registers and outlets have the same shape
// in both (the 2026-07 OpenAPI), so only sales need a second schema.
import type { z } from "zod";
import { DomainError } from "../errors";
import { dateVersionSaleSchema } from "./schemas/dated-sale";
import { type Sale, saleSchema } from "./schemas/sale";

/** `"2.0"`, or a date version such as `"2026-07"`. */
export type LightspeedApiVersion = "2.0" | `${number}-${number}`;

export const defaultApiVersion: LightspeedApiVersion = "2.0";

const dateVersion = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isLightspeedApiVersion(value: string): value is LightspeedApiVersion {
  return value === "2.0" || dateVersion.test(value);
}

/** Checks a configured version; a typo must fail loudly, not fall back to 2.0. */
export function checkApiVersion(value: string): LightspeedApiVersion {
  if (!isLightspeedApiVersion(value)) {
    throw new DomainError(
      "CONFIG",
      'Lightspeed API version must be "2.0" or a date version "YYYY-MM", e.g. "2026-07"',
    );
  }
  return value;
}

/** `/api/2.0` or `/api/2026-07`: the prefix every resource path goes under. */
export function apiBasePath(version: LightspeedApiVersion): string {
  return `/api/${version}`;
}

/** The schema that reads this version's sales into the domain `Sale`. */
export function saleSchemaFor(version: LightspeedApiVersion): z.ZodType<Sale> {
  return version === "2.0" ? saleSchema : dateVersionSaleSchema;
}
