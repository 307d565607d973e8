// Collects complete orders and issues into the batches the parser yields, with the running row
// counts: a batch is cut as soon as it holds `batchSize` orders, and once more at the end.
import { detachString } from "./detach-string";
import type { EcomCsvBatch, EcomCsvIssue, ParsedEcomOrder } from "./ecom-order";

export class BatchCollector {
  private orders: ParsedEcomOrder[] = [];
  private issues: EcomCsvIssue[] = [];
  private rowsRead = 0;
  private rowsRejected = 0;
  /** Batches cut and not yet taken. */
  private readonly cut: EcomCsvBatch[] = [];
  private anyCut = false;

  constructor(
    private readonly format: string,
    private readonly batchSize: number,
  ) {}

  countRow(): void {
    this.rowsRead++;
  }

  addOrder(order: ParsedEcomOrder): void {
    this.orders.push(order);
  }

  /** Rejects an order and its `rows` rows. */
  rejectOrder(issues: readonly EcomCsvIssue[], rows: number): void {
    // Issues are kept for the whole import: they must not hold on to the file's chunks.
    for (const issue of issues) {
      this.issues.push({
        ...issue,
        message: detachString(issue.message),
        orderNumber:
          issue.orderNumber == null ? issue.orderNumber : detachString(issue.orderNumber),
      });
    }
    this.rowsRejected += rows;
  }

  /** Rejects one row that belongs to no order. */
  rejectRow(issue: EcomCsvIssue): void {
    this.issues.push(issue);
    this.rowsRejected++;
  }

  /** Cuts a batch once there are `batchSize` orders. */
  cutIfFull(): void {
    if (this.orders.length >= this.batchSize) this.cut.push(this.take());
  }

  /** The batches cut so far, oldest first. */
  *takeCut(): Generator<EcomCsvBatch> {
    while (this.cut.length > 0) yield this.cut.shift() as EcomCsvBatch;
  }

  /** What is left at the end: always one batch, even an empty one, when none was cut before. */
  *takeRest(): Generator<EcomCsvBatch> {
    yield* this.takeCut();
    if (this.orders.length > 0 || this.issues.length > 0 || !this.anyCut) yield this.take();
  }

  private take(): EcomCsvBatch {
    const { orders, issues, rowsRead, rowsRejected, format } = this;
    this.orders = [];
    this.issues = [];
    this.anyCut = true;
    return { orders, rejected: issues, rowsRead, rowsRejected, format };
  }
}
