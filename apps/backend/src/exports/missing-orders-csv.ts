// The missing eCom orders (the Sync health worklist) as a CSV, oldest first, read a page at a time.
import type { Database } from "@greenloop/db";
import { pageEcomBacklog } from "../monitoring/delays/ecom-backlog";
import { type CsvExport, countCell, exportFileName, moneyCell, timeCell } from "./csv-export";

const PAGE_SIZE = 500;

export const missingOrdersCsvHeader = [
  "ecom_order_number",
  "placed_at_utc",
  "age_days",
  "customer_id",
  "customer_name",
  "total",
] as const;

export function missingOrdersCsv(
  db: Pick<Database, "prisma">,
  options: { now: Date; minAgeDays: number },
): CsvExport {
  async function* rows() {
    let after: string | undefined;
    do {
      const page = await pageEcomBacklog(db, {
        now: options.now,
        minAgeDays: options.minAgeDays,
        limit: PAGE_SIZE,
        ...(after ? { after } : {}),
      });
      for (const order of page.orders) {
        yield [
          order.ecomOrderNumber,
          timeCell(order.placedAt),
          countCell(order.ageDays),
          order.customerId ?? "",
          order.customerName ?? "",
          moneyCell(order.total),
        ];
      }
      after = page.nextCursor ?? undefined;
    } while (after);
  }
  return {
    fileName: exportFileName("missing-orders", options.now),
    header: missingOrdersCsvHeader,
    rows: rows(),
  };
}
