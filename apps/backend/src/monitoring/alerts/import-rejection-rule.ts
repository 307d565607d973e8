// IMPORT_REJECTIONS: an eCom import that rejected many rows (at least `minRows`, or at least
// `minShare` of its rows). Rejected rows are orders the analytics do not see, so the alert holds
// until a later import runs clean (the operator fixed the file or the mapping and imported again).
import type { AlertRule } from "./alert-rule";
import type { AlertSettings } from "./alert-settings";

export function hasManyRejections(
  run: { rowsTotal: number; rowsRejected: number },
  rule: AlertSettings["importRejections"],
): boolean {
  if (run.rowsRejected <= 0) return false;
  return run.rowsRejected >= rule.minRows || run.rowsRejected >= rule.minShare * run.rowsTotal;
}

export const importRejectionRule: AlertRule = {
  kind: "IMPORT_REJECTIONS",
  label: "eCom imports with rejected rows",
  async evaluate({ db, settings }) {
    const runs = await db.prisma.importRun.findMany({
      // An interrupted run rejected its rows too; only a later clean SUCCEEDED run clears the alert.
      where: { status: { in: ["SUCCEEDED", "FAILED", "INTERRUPTED"] }, finishedAt: { not: null } },
      select: {
        id: true,
        fileName: true,
        status: true,
        startedAt: true,
        rowsTotal: true,
        rowsRejected: true,
      },
      orderBy: { startedAt: "desc" },
      take: 200,
    });
    const conditions = [];
    // Newest first: every import with many rejections since the last clean one.
    for (const run of runs) {
      const many = hasManyRejections(run, settings.importRejections);
      if (!many && run.status === "SUCCEEDED") break;
      if (!many) continue;
      conditions.push({
        subjectKey: run.id,
        title: `eCom import rejected ${run.rowsRejected} of ${run.rowsTotal} rows`,
        message:
          `The import of ${run.fileName} (${run.id}) rejected ${run.rowsRejected} of ${run.rowsTotal} rows: ` +
          "those orders are not counted. See the import's error report, fix the file or the mapping, and import it again.",
        details: {
          importRunId: run.id,
          fileName: run.fileName,
          rowsTotal: run.rowsTotal,
          rowsRejected: run.rowsRejected,
        },
      });
    }
    return conditions;
  },
  async describeResolutions(_context, importRunIds) {
    return new Map(
      importRunIds.map((id) => [
        id,
        {
          title: "eCom import rejections resolved",
          message: `A later import ran without many rejected rows (superseding import ${id}).`,
        },
      ]),
    );
  },
};
