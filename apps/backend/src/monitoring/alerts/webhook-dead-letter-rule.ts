// WEBHOOK_DEAD_LETTER: webhook deliveries the worker gave up on. One alert for the inbox while any
// are dead (its message keeps the count current); it resolves once they are replayed or cleared.
import type { AlertRule } from "./alert-rule";

export const webhookDeadLetterRule: AlertRule = {
  kind: "WEBHOOK_DEAD_LETTER",
  label: "webhook dead letters",
  async evaluate({ db }) {
    const [dead, oldest] = await Promise.all([
      db.prisma.webhookDelivery.count({ where: { status: "DEAD" } }),
      db.prisma.webhookDelivery.findFirst({
        where: { status: "DEAD" },
        orderBy: { receivedAt: "asc" },
        select: { receivedAt: true },
      }),
    ]);
    if (dead === 0) return [];
    return [
      {
        subjectKey: "webhook-inbox",
        title: `Webhook deliveries dead-lettered`,
        message:
          `${dead} webhook deliver${dead === 1 ? "y has" : "ies have"} failed every attempt. Fix the cause ` +
          "(see `pnpm cli webhooks list --status DEAD`), then `pnpm cli webhooks replay`.",
        details: { dead, oldestReceivedAt: oldest?.receivedAt.toISOString() ?? null },
      },
    ];
  },
  async describeResolutions(_context, subjects) {
    return new Map(
      subjects.map((subject) => [
        subject,
        {
          title: "Webhook dead letters cleared",
          message: "No webhook delivery is dead-lettered any more.",
        },
      ]),
    );
  },
};
