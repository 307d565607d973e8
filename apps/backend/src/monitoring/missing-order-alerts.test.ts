// The acceptance test, on the simulator with its manual clock: eCom orders that reach
// X-Series 1 hour, 2 days and 10 days after they were placed, and one that never does. With
// MISSING_ORDER_ALERT_DAYS = 3, exactly the 10-day and the never order open alerts; the 10-day one
// resolves when it arrives, recording how late it was; every alert notifies once however often the
// evaluation runs (on the wire too); and the delay percentiles match a reference computation.
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { emptyStore, importStoreExport, ingestRetail } from "../merge/testing/merge-harness";
import { openDatabaseForTest } from "../testing/test-database";
import { evaluateAlerts } from "./alerts/evaluate-alerts";
import { testAlertSettings } from "./alerts/testing/test-alert-settings";
import { listEcomBacklog } from "./delays/ecom-backlog";
import { listSyncDelays } from "./delays/sync-delays";
import { summarizeDelaysByWeek } from "./delays/weekly-delays";
import { startFakeWebhookReceiver } from "./notifications/testing/fake-webhook-receiver";
import { createWebhookChannel } from "./notifications/webhook-channel";
import { runMonitoring } from "./run-monitoring";

const cleanup = useTestCleanup();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// The slow way, from the definition: the smallest observed delay with at least p % of the delays
// at or below it.
function referencePercentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const found = sorted.find((v) => sorted.filter((w) => w <= v).length * 100 >= p * values.length);
  if (found === undefined) throw new Error("no values");
  return found;
}

describe(`missing eCom order alerts on the simulator (${testDatabaseKind})`, () => {
  it("opens and resolves exactly the expected alerts, notifies each once, and measures the delays", async () => {
    const db = await openDatabaseForTest(cleanup);
    const store = emptyStore(11);
    const t0 = store.now().getTime();
    const at = (ms: number) => new Date(t0 + ms);
    const settings = testAlertSettings({ missingOrderAlertDays: 3, timeZone: store.timeZone });

    const oneHour = store.placeEcomOrder({ delayMs: HOUR });
    const twoDays = store.placeEcomOrder({ delayMs: 2 * DAY });
    const tenDays = store.placeEcomOrder({ delayMs: 10 * DAY });
    const never = store.placeEcomOrder({ delayMs: 3650 * DAY });
    // More orders, so the percentiles summarise a real spread (all arrive within the first day).
    const quick = [5 * MINUTE, 17 * MINUTE, 42 * MINUTE, 3 * HOUR, 7 * HOUR, 19 * HOUR];
    const quickOrders = [];
    for (const delayMs of quick) {
      store.advanceClock(MINUTE);
      quickOrders.push(store.placeEcomOrder({ delayMs }));
    }
    const all = [oneHour, twoDays, tenDays, never, ...quickOrders];

    // The webhook receiver counts what actually goes out.
    const receiver = await startFakeWebhookReceiver(cleanup, { secret: "whsec" });
    const channels = [createWebhookChannel({ url: receiver.url, secret: "whsec" })];
    const evaluate = async (times: number) => {
      for (let i = 0; i < times; i += 1) {
        await runMonitoring(db, {
          now: store.now(),
          alerts: settings,
          delivery: { maxAttempts: 3 },
          channels,
        });
      }
    };
    const alerts = () =>
      db.prisma.syncAlert.findMany({
        where: { kind: "MISSING_ECOM_ORDER" },
        select: { subjectKey: true, status: true, openedAt: true, resolvedAt: true, details: true },
        orderBy: { subjectKey: "asc" },
      });

    // The export is imported as soon as the orders are placed: all of them are waiting.
    store.advanceClock(MINUTE);
    await importStoreExport(db, store);
    expect(await db.prisma.order.count({ where: { source: "ecom_unsynced" } })).toBe(all.length);
    await evaluate(2);
    expect(await alerts()).toEqual([]);

    // Every three hours for the first two and a half days: the X-Series copies arrive and are polled.
    while (store.now().getTime() < t0 + 2 * DAY + 12 * HOUR) {
      store.advanceClock(3 * HOUR);
      await ingestRetail(db, { sales: store.sales(), customers: store.customers() });
      await evaluate(1);
    }
    expect(await alerts()).toEqual([]);
    expect((await listEcomBacklog(db, { now: store.now() })).map((o) => o.ecomOrderNumber)).toEqual(
      [tenDays.orderNumber, never.orderNumber],
    );

    // Three days after they were placed, the 10-day and the never order are missing.
    store.advanceClock(t0 + 3 * DAY - store.now().getTime());
    await evaluate(3);
    const opened = await alerts();
    expect(opened.map(({ subjectKey, status }) => ({ subjectKey, status }))).toEqual([
      { subjectKey: tenDays.orderNumber, status: "OPEN" },
      { subjectKey: never.orderNumber, status: "OPEN" },
    ]);
    expect(opened.every((alert) => alert.openedAt.getTime() === t0 + 3 * DAY)).toBe(true);
    const missing = await listEcomBacklog(db, { now: store.now(), minAgeDays: 3 });
    expect(missing.map(({ ecomOrderNumber, ageDays }) => ({ ecomOrderNumber, ageDays }))).toEqual([
      { ecomOrderNumber: tenDays.orderNumber, ageDays: 3 },
      { ecomOrderNumber: never.orderNumber, ageDays: 3 },
    ]);

    // Days pass, the evaluation runs again and again: nothing new.
    for (let day = 4; day <= 9; day += 1) {
      store.advanceClock(DAY);
      await ingestRetail(db, { sales: store.sales() });
      await evaluate(2);
    }
    expect((await alerts()).map((alert) => alert.status)).toEqual(["OPEN", "OPEN"]);

    // The 10-day order arrives: its alert resolves with how late it was; the other stays open.
    store.advanceClock(t0 + 10 * DAY + HOUR - store.now().getTime());
    await ingestRetail(db, { sales: store.sales(), customers: store.customers() });
    await evaluate(3);
    const [tenDayAlert, neverAlert] = await alerts();
    expect(tenDayAlert).toMatchObject({
      subjectKey: tenDays.orderNumber,
      status: "RESOLVED",
      resolvedAt: at(10 * DAY + HOUR),
      details: { outcome: "arrived", delaySeconds: (10 * DAY) / 1000 },
    });
    expect(neverAlert).toMatchObject({ subjectKey: never.orderNumber, status: "OPEN" });

    store.advanceClock(20 * DAY);
    await ingestRetail(db, { sales: store.sales() });
    await importStoreExport(db, store); // a later export changes nothing
    await evaluate(3);
    expect((await alerts()).map((alert) => alert.status)).toEqual(["RESOLVED", "OPEN"]);

    // Each alert notified once on opening, and the resolved one once more: in the database and on
    // the wire (signed, accepted by the receiver).
    const notifications = await db.prisma.notification.findMany({
      select: { kind: true, title: true, data: true },
      orderBy: [{ createdAt: "asc" }, { title: "asc" }],
    });
    expect(notifications.map(({ kind, title }) => ({ kind, title }))).toEqual([
      {
        kind: "alert.opened",
        title: `eCom order #${tenDays.orderNumber} is missing from X-Series`,
      },
      { kind: "alert.opened", title: `eCom order #${never.orderNumber} is missing from X-Series` },
      { kind: "alert.resolved", title: `eCom order #${tenDays.orderNumber} reached X-Series` },
    ]);
    expect(
      receiver
        .accepted()
        .map((body) => body.title)
        .sort(),
    ).toEqual(notifications.map((n) => n.title).sort());
    expect(receiver.requests).toHaveLength(3);

    // Delays: placed → reached X-Series, exactly as the simulator made them.
    const delays = await listSyncDelays(db);
    const synced = all.filter((order) => order !== never);
    expect(delays.orders.map((o) => [o.ecomOrderNumber, o.delaySeconds]).sort()).toEqual(
      synced
        .map((order) => [
          order.orderNumber,
          Math.round((order.arrivesAtMs - order.placedAtMs) / 1000),
        ])
        .sort(),
    );
    const truth = store
      .sales()
      .filter((sale) => sale.source?.startsWith("ecw:"))
      .map((sale) => {
        const order = all.find((o) => o.orderNumber === sale.source_id);
        if (!order) throw new Error(`no order for ${sale.source_id}`);
        return (Date.parse(sale.created_at) - order.placedAtMs) / 1000;
      });
    expect(truth).toHaveLength(synced.length);
    expect({ p50: delays.p50, p90: delays.p90, p99: delays.p99, max: delays.max }).toEqual({
      p50: referencePercentile(truth, 50),
      p90: referencePercentile(truth, 90),
      p99: referencePercentile(truth, 99),
      max: Math.max(...truth),
    });
    expect(delays.p50).toBe(3 * 3600); // 5m 17m 42m 1h [3h] 7h 19h 2d 10d
    expect(delays.p90).toBe((10 * DAY) / 1000);

    // All placed within one store-local week: one row, with the never order still missing.
    const backlog = await listEcomBacklog(db, { now: store.now() });
    const weeks = summarizeDelaysByWeek(delays.orders, backlog, store.timeZone);
    expect(weeks).toEqual([
      expect.objectContaining({ count: synced.length, p50: delays.p50, stillMissing: 1 }),
    ]);
  });

  it("summarises a first run over a long backlog in one notification per transition", async () => {
    const db = await openDatabaseForTest(cleanup);
    const store = emptyStore(12);
    for (let i = 0; i < 8; i += 1) store.placeEcomOrder({ delayMs: 20 * DAY + i * HOUR });
    store.advanceClock(MINUTE);
    await importStoreExport(db, store);
    store.advanceClock(5 * DAY);
    const settings = testAlertSettings({ timeZone: store.timeZone, digestOver: 5 });
    const first = await evaluateAlerts(db, { now: store.now(), settings });
    expect(first.transitions.find((t) => t.kind === "MISSING_ECOM_ORDER")?.opened).toBe(8);
    expect(first.open).toBe(8);
    expect(first.notificationsCreated).toBe(1);
    expect((await evaluateAlerts(db, { now: store.now(), settings })).notificationsCreated).toBe(0);

    store.advanceClock(20 * DAY);
    await ingestRetail(db, { sales: store.sales(), customers: store.customers() });
    const arrived = await evaluateAlerts(db, { now: store.now(), settings });
    expect(arrived.transitions.find((t) => t.kind === "MISSING_ECOM_ORDER")?.resolved).toBe(8);
    const notifications = await db.prisma.notification.findMany({
      select: { kind: true, title: true, alertId: true, data: true },
      orderBy: { createdAt: "asc" },
    });
    expect(notifications).toEqual([
      expect.objectContaining({
        kind: "alert.opened",
        title: "8 new alerts: eCom orders missing from X-Series",
        alertId: null,
        data: expect.objectContaining({ alertKind: "MISSING_ECOM_ORDER", count: 8 }),
      }),
      expect.objectContaining({
        kind: "alert.resolved",
        title: "8 alerts resolved: eCom orders missing from X-Series",
      }),
    ]);
  });
});
