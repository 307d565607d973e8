import { describe, expect, it } from "vitest";
import { importRunBadge } from "./import-run-badge";

describe("importRunBadge", () => {
  it("does say a written run is merging or updating analytics until its customers include it", () => {
    const written = { status: "SUCCEEDED", rowsRejected: 0 } as const;
    expect(importRunBadge({ ...written, phase: "merging" })).toEqual({
      label: "merging",
      tone: "info",
    });
    expect(importRunBadge({ ...written, phase: "analytics" })).toEqual({
      label: "updating analytics",
      tone: "info",
    });
    expect(importRunBadge({ ...written, phase: "done" })).toEqual({ label: "done", tone: "good" });
  });

  it("does say what the status says otherwise, a done run with rejected rows in warn", () => {
    expect(importRunBadge({ status: "RUNNING", phase: "reading", rowsRejected: 0 })).toEqual({
      label: "running",
      tone: "info",
    });
    expect(importRunBadge({ status: "SUCCEEDED", phase: "done", rowsRejected: 2 })).toEqual({
      label: "done",
      tone: "warn",
    });
    expect(importRunBadge({ status: "FAILED", phase: "done", rowsRejected: 0 })).toEqual({
      label: "failed",
      tone: "bad",
    });
  });
});
