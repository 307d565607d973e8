// Small field schemas shared by the resource schemas. Optional fields come out as `null`, never
// `undefined`, so callers test one "absent" value; Lightspeed omits empty fields (reference §6.2).
import { z } from "zod";

/** Resource ids are UUID strings; we only insist on a non-empty string to stay tolerant. */
export const idSchema = z.string().min(1);

/** Text that may be missing or null. */
export const optionalTextSchema = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

/** Identifiers that some payloads send as numbers (`invoice_number`, `source_id`), kept as text. */
export const optionalCodeSchema = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : String(value)));

/** The global change counter (reference §4.1): a non-negative integer, sometimes sent as text. */
export const versionSchema = z
  .union([z.number(), z.string().regex(/^\d+$/, "expected an integer version")])
  .transform((value, ctx) => {
    const version = typeof value === "number" ? value : Number(value);
    if (!Number.isSafeInteger(version) || version < 0) {
      ctx.addIssue({ code: "custom", message: "expected a non-negative integer version" });
      return z.NEVER;
    }
    return version;
  });

export const optionalVersionSchema = versionSchema.nullish().transform((value) => value ?? null);

export const optionalBooleanSchema = z
  .boolean()
  .nullish()
  .transform((value) => value ?? null);
