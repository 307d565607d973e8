// Zod pieces shared by the routers' input and output schemas.
import Decimal from "decimal.js";
import { z } from "zod";

/** Money and other exact amounts: a decimal.js (or Prisma) Decimal, sent exactly by superjson. */
export const decimalSchema = z.custom<Decimal>((value) => Decimal.isDecimal(value), {
  message: "expected a Decimal",
});

/** A Decimal from a domain function's decimal string (e.g. "12.50"). */
export function toDecimal(value: string | number | Decimal): Decimal {
  return new Decimal(value);
}

/** Page sizes are bounded: nobody pulls the whole customer table in one request. */
export const pageSizeSchema = z.number().int().min(1).max(100).default(25);

/** An opaque cursor from the previous page's `nextCursor`. */
export const cursorSchema = z.string().min(1).max(512).optional();

export const uuidSchema = z.uuid();

export const emailInputSchema = z.string().trim().min(3).max(320);
export const phoneInputSchema = z.string().trim().min(3).max(40);

/** An eCom import run's status (INTERRUPTED: stopped before the end of its file, its work kept). */
export const importStatusSchema = z.enum([
  "RUNNING",
  "SUCCEEDED",
  "FAILED",
  "DRY_RUN",
  "INTERRUPTED",
]);
