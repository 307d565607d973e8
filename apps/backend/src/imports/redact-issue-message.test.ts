import { describe, expect, it } from "vitest";
import { redactIssueMessage } from "./redact-issue-message";

describe("redactIssueMessage", () => {
  it("does mask an email and a quoted phone number a shifted column put in a message", () => {
    expect(
      redactIssueMessage('order 7: "order_total" is not a number: "Jane.Doe+x@example.com"'),
    ).toBe('order 7: "order_total" is not a number: "[email]"');
    expect(redactIssueMessage('order 7: "order_total" is not a number: "+1 (615) 555-0142"')).toBe(
      'order 7: "order_total" is not a number: "[phone]"',
    );
    expect(redactIssueMessage('order 7: "total" is not a number: "615.555.0142"')).toBe(
      'order 7: "total" is not a number: "[phone]"',
    );
  });

  it("does keep dates, amounts, statuses and column names, which say what is wrong", () => {
    for (const message of [
      'order 7: unparseable date "2026-13-45 10:30:00" (expected e.g. "Jan 6, 2026 01:15 PM")',
      'order 7: "order_total" has too many digits (at most 12): "12345678901234.00"',
      'order 7: "order_total" is not a number: "12,50 EUR"',
      'order 7: "payment_status" differs between the order\'s rows on lines 3, 4 ("PAID" vs "REFUNDED")',
    ]) {
      expect(redactIssueMessage(message)).toBe(message);
    }
  });
});
