import { describe, expect, it } from "vitest";
import { expoMessageOf } from "./expo-push-channel";

const notification = {
  id: "6f1c2a3e-0000-4000-8000-000000000001",
  kind: "alert.opened",
  title: "Poll failing",
  body: "The sales poll failed 3 times.",
  data: null,
  alertId: "6f1c2a3e-0000-4000-8000-000000000002",
  createdAt: new Date("2026-03-02T15:00:00.000Z"),
};

describe("expoMessageOf", () => {
  it("carries the campaign id the app reports PUSH_OPEN with, from the data or else kind:id", () => {
    const message = expoMessageOf({
      deliveryId: "d1",
      target: "ExponentPushToken[a]",
      notification,
    });
    expect(message).toEqual({
      to: "ExponentPushToken[a]",
      title: "Poll failing",
      body: "The sales poll failed 3 times.",
      data: {
        notificationId: notification.id,
        kind: "alert.opened",
        alertId: notification.alertId,
        campaignId: `alert.opened:${notification.id}`,
      },
      sound: "default",
      channelId: "default",
    });
    const named = expoMessageOf({
      deliveryId: "d2",
      target: "ExponentPushToken[a]",
      notification: { ...notification, data: { campaignId: "spring-restock" } },
    });
    expect(named.data.campaignId).toBe("spring-restock");
  });
});
