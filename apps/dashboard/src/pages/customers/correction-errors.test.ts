import { describe, expect, it } from "vitest";
import { mergeErrorText, splitErrorText } from "./correction-errors";

/** A failed call as the tRPC client hands it over: the message, and the code in `data`. */
function apiError(code: string, message: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}

describe("splitErrorText", () => {
  it("words the backend's refusals for the dashboard, without the CLI's flags", () => {
    const cliWording = "Name some but not all of the customer's records to move out (--record).";
    expect(splitErrorText(apiError("BAD_REQUEST", cliWording))).toBe(
      "These records can no longer be split off as previewed, so nothing was split. Preview again.",
    );
    expect(splitErrorText(apiError("CONFLICT", "changed since the preview"))).toMatch(
      /^The customer's records changed since the preview, so nothing was split/,
    );
    expect(splitErrorText(apiError("INTERNAL_SERVER_ERROR", "boom"))).toBe("boom");
  });
});

describe("mergeErrorText", () => {
  it("tells a stale merge preview apart and passes other messages through", () => {
    expect(mergeErrorText(apiError("CONFLICT", "x"))).toMatch(/nothing was merged/);
    expect(mergeErrorText(apiError("BAD_REQUEST", "Choose another customer"))).toBe(
      "Choose another customer",
    );
  });
});
