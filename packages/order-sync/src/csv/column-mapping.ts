// Which header column feeds which order/item field: the shape every format's `columns` has, and
// the check of a user-supplied mapping.
import { z } from "zod";
import { DomainError } from "../errors";

const headerName = z.string().trim().min(1, "must name a header column");

/**
 * Header names (exact, case-sensitive after trimming) for each field. Required: orderNumber,
 * placedAt, total, itemName, itemQuantity, itemPrice. `itemTotal` missing → price × quantity.
 */
export const columnMappingSchema = z
  .object({
    orderNumber: headerName,
    placedAt: headerName,
    total: headerName,
    itemName: headerName,
    itemQuantity: headerName,
    itemPrice: headerName,
    itemTotal: headerName.optional(),
    itemSku: headerName.optional(),
    itemOptions: headerName.optional(),
    email: headerName.optional(),
    phone: headerName.optional(),
    /** Tried when `phone` is empty on the row (E-Series: bill_person_phone). */
    phoneFallback: headerName.optional(),
    customerName: headerName.optional(),
    customerNameFallback: headerName.optional(),
    subtotal: headerName.optional(),
    tax: headerName.optional(),
    shipping: headerName.optional(),
    discount: headerName.optional(),
    paymentStatusCode: headerName.optional(),
    paymentStatusLabel: headerName.optional(),
    fulfillmentStatusCode: headerName.optional(),
    fulfillmentStatusLabel: headerName.optional(),
    xseriesOrderId: headerName.optional(),
    /** The customer's answer to the checkout's marketing question (true/false, yes/no). */
    acceptsMarketing: headerName.optional(),
  })
  .strict();

export type ColumnMapping = z.infer<typeof columnMappingSchema>;
export type ColumnField = keyof ColumnMapping;

/** Every field, in the schema's order. */
export const COLUMN_FIELDS = Object.keys(columnMappingSchema.shape) as ColumnField[];

/** Fields that must be present as columns for a mapping to be usable. */
const REQUIRED_FIELDS = [
  "orderNumber",
  "placedAt",
  "total",
  "itemName",
  "itemQuantity",
  "itemPrice",
] as const satisfies ColumnField[];

/** Validates a user mapping; a DomainError BAD_INPUT lists every problem. */
export function parseColumnMapping(input: unknown): ColumnMapping {
  const result = columnMappingSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join(".") || "mapping"}: ${issue.message}`,
  );
  throw new DomainError("BAD_INPUT", `invalid column mapping: ${problems.join("; ")}`);
}

/** The columns a mapping's required fields name, in field order. */
export function requiredColumns(mapping: ColumnMapping): string[] {
  return REQUIRED_FIELDS.map((field) => mapping[field]);
}
