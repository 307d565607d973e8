import { DomainError } from "@greenloop/order-sync/errors";
import { describe, expect, it } from "vitest";
import {
  decodePageCursor,
  encodePageCursor,
  isTimeText,
  monitoringListRefusal,
  type PageCursor,
  pageOf,
} from "./page-cursor";

const rowId = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const raw = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString("base64url");

function refusalOf(decode: () => unknown): { code: string; message: string } {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return { code: (error as DomainError).code, message: (error as DomainError).message };
  }
  throw new Error("the cursor was accepted");
}

describe("decodePageCursor", () => {
  it("does read back what encodePageCursor wrote, on the list it was written for", () => {
    const cursor: PageCursor = { scope: "customers:spend:desc", value: "1250.50", id: rowId };
    expect(decodePageCursor(encodePageCursor(cursor), "customers:spend:desc")).toEqual(cursor);
    const backlog = {
      scope: "ecom-backlog:placedAt:asc",
      value: "2026-03-02T15:00:00.000Z",
      id: "1001",
    };
    expect(
      decodePageCursor(encodePageCursor(backlog), backlog.scope, {
        isValue: isTimeText,
        isId: () => true,
      }),
    ).toEqual(backlog);
  });

  it("does refuse a cursor of another list or ordering", () => {
    const spend = encodePageCursor({ scope: "customers:spend:desc", value: "10", id: rowId });
    expect(refusalOf(() => decodePageCursor(spend, "customers:recency:desc"))).toEqual({
      code: "BAD_INPUT",
      message: "The cursor belongs to another list or ordering: start again without a cursor.",
    });
    const alert = encodePageCursor({
      scope: "alerts:openedAt:desc",
      value: "2026-03-02T15:00:00.000Z",
      id: rowId,
    });
    expect(
      refusalOf(() =>
        decodePageCursor(alert, "ecom-backlog:placedAt:asc", { refusal: monitoringListRefusal }),
      ),
    ).toEqual({
      code: "BAD_INPUT",
      message: "not a cursor of this list: pass the last page's nextCursor",
    });
  });

  it("does refuse what is not a cursor, or not one this list writes", () => {
    const invalid = {
      code: "BAD_INPUT",
      message: "The cursor is not valid: pass a nextCursor as received.",
    };
    const scope = "orders:placedAt:desc";
    for (const bad of [
      "not-a-cursor",
      raw([1, 2, 3]),
      raw([scope, "2026-03-02T15:00:00.000Z"]),
      raw([scope, "2026-03-02T15:00:00.000Z", "1' OR 1=1"]),
      raw([scope, "yesterday", rowId]),
    ]) {
      expect(refusalOf(() => decodePageCursor(bad, scope, { isValue: isTimeText }))).toEqual(
        invalid,
      );
    }
  });

  it("does refuse with the monitoring lists' words when told to", () => {
    const scope = "alerts:openedAt:desc";
    for (const bad of [
      "not-a-cursor",
      raw(["2026-03-02T15:00:00.000Z", rowId]),
      raw([scope, "2026-03-02T15:00:00.000Z", "1' OR 1=1"]),
      raw([scope, "not a time", rowId]),
    ]) {
      expect(
        refusalOf(() =>
          decodePageCursor(bad, scope, { isValue: isTimeText, refusal: monitoringListRefusal }),
        ),
      ).toEqual({
        code: "BAD_INPUT",
        message: "not a cursor of this list: pass the last page's nextCursor",
      });
    }
  });
});

describe("pageOf", () => {
  const cursorOf = (n: number): PageCursor => ({ scope: "numbers", value: String(n), id: rowId });

  it("does keep the first `limit` rows and point after the last of them when more follow", () => {
    const { page, nextCursor } = pageOf([1, 2, 3], 2, cursorOf);
    expect(page).toEqual([1, 2]);
    expect(decodePageCursor(nextCursor ?? "", "numbers")).toEqual(cursorOf(2));
  });

  it("does give no cursor on the last page", () => {
    expect(pageOf([1, 2], 2, cursorOf)).toEqual({ page: [1, 2], nextCursor: null });
    expect(pageOf([], 2, cursorOf)).toEqual({ page: [], nextCursor: null });
  });
});
