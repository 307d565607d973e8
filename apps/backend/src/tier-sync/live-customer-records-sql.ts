// What the tier sync and a segment push both plan from: every live customer with metrics, joined
// to each of its live X-Series records (or one row with none). The identity graph says which
// X-Series records belong to whom. Callers add their own columns and conditions.

/** `FROM … LEFT JOIN …` with `c` (Customer), `m` (CustomerMetrics) and `rc` (RetailCustomer). */
export const liveCustomersWithRetailRecordsSql = `
       FROM "Customer" c
       JOIN "CustomerMetrics" m ON m."customerId" = c.id
       LEFT JOIN ("IdentityRecord" r
                  JOIN "RetailCustomer" rc
                    ON rc.id = substr(r.key, length('retail_customer:') + 1)
                   AND rc."deletedAt" IS NULL)
              ON r."customerId" = c.id AND r.kind = 'retail_customer'
      WHERE c."mergedIntoId" IS NULL AND c."erasedAt" IS NULL`;

/**
 * The query's rows (ordered by customer) one customer at a time: its first row and its X-Series
 * records (none when the customer has no live one).
 */
export function* eachCustomerOfRows<
  Row extends { customerId: string; retailCustomerId: string | null },
>(rows: readonly Row[]): Generator<{ first: Row; records: Row[] }> {
  let index = 0;
  while (index < rows.length) {
    const first = rows[index] as Row;
    let end = index + 1;
    while (end < rows.length && rows[end]?.customerId === first.customerId) end += 1;
    yield { first, records: rows.slice(index, end).filter((row) => row.retailCustomerId !== null) };
    index = end;
  }
}
