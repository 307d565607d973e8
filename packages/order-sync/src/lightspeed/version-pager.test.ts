import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isDomainError } from "../errors";
import { parseRecord } from "./parse-record";
import { paginateByVersion, type VersionPage } from "./version-pager";

const itemSchema = z.looseObject({ id: z.string(), version: z.number(), name: z.string() });
type Item = z.output<typeof itemSchema>;

/** A fake list endpoint over `rows`, honouring after/page size like API 2.0. */
function fakeEndpoint(rows: Array<Record<string, unknown>>, pageSize: number) {
  const calls: number[] = [];
  const fetchPage = async (after: number) => {
    calls.push(after);
    const data = rows.filter((row) => Number(row.version) > after).slice(0, pageSize);
    const versions = data.map((row) => Number(row.version));
    return {
      data,
      version: data.length ? { min: Math.min(...versions), max: Math.max(...versions) } : null,
    };
  };
  return { calls, fetchPage };
}

async function collect(pages: AsyncIterable<VersionPage<Item>>) {
  const out: VersionPage<Item>[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

const rows = Array.from({ length: 7 }, (_, index) => ({
  id: `i${index}`,
  version: (index + 1) * 10,
  name: `item ${index}`,
}));

describe("paginateByVersion", () => {
  it("follows version.max until an empty page", async () => {
    const endpoint = fakeEndpoint(rows, 3);
    const pages = await collect(
      paginateByVersion({
        fetchPage: endpoint.fetchPage,
        parseRecord: (raw) => parseRecord(itemSchema, raw),
        onStall: "throw",
      }),
    );
    expect(pages.map((page) => page.records.map((record) => record.data.id))).toEqual([
      ["i0", "i1", "i2"],
      ["i3", "i4", "i5"],
      ["i6"],
    ]);
    expect(pages.map((page) => page.after)).toEqual([30, 60, 70]);
    expect(pages[1]?.version).toEqual({ min: 40, max: 60 });
    expect(endpoint.calls).toEqual([0, 30, 60, 70]);
  });

  it("resumes from a saved cursor", async () => {
    const endpoint = fakeEndpoint(rows, 3);
    const pages = await collect(
      paginateByVersion({
        after: 60,
        fetchPage: endpoint.fetchPage,
        parseRecord: (raw) => parseRecord(itemSchema, raw),
        onStall: "throw",
      }),
    );
    expect(pages.flatMap((page) => page.records.map((record) => record.data.id))).toEqual(["i6"]);
  });

  it("reports malformed records with id, version and paths and moves past them", async () => {
    const broken = rows.map((row) => (row.id === "i1" ? { ...row, name: 42 } : row));
    const reported: unknown[] = [];
    const pages = await collect(
      paginateByVersion({
        fetchPage: fakeEndpoint(broken, 7).fetchPage,
        parseRecord: (raw) => parseRecord(itemSchema, raw),
        onMalformed: (record) => reported.push(record),
        onStall: "throw",
      }),
    );
    expect(pages).toHaveLength(1);
    expect(pages[0]?.records).toHaveLength(6);
    expect(pages[0]?.malformed).toEqual([
      {
        id: "i1",
        version: 20,
        issues: [{ path: "name", message: "Invalid input: expected string, received number" }],
      },
    ]);
    expect(reported).toEqual(pages[0]?.malformed);
    expect(pages[0]?.records[0]?.raw).toBe(broken[0]);
  });

  it("works out the cursor from the records when the envelope has no version", async () => {
    let served = false;
    const pages = await collect(
      paginateByVersion({
        fetchPage: async () => {
          if (served) return { data: [] };
          served = true;
          return { data: rows.slice(0, 2) };
        },
        parseRecord: (raw) => parseRecord(itemSchema, raw),
        onStall: "throw",
      }),
    );
    expect(pages[0]?.after).toBe(20);
    expect(pages[0]?.version).toEqual({ min: 10, max: 20 });
  });

  it("fails instead of looping when the cursor does not advance", async () => {
    const pages = paginateByVersion({
      after: 70,
      fetchPage: async () => ({ data: rows, version: { min: 10, max: 70 } }),
      parseRecord: (raw) => parseRecord(itemSchema, raw),
      onStall: "throw",
    });
    const error = await collect(pages).catch((caught: unknown) => caught);
    expect(isDomainError(error) && error.code).toBe("UNAVAILABLE");
  });

  it("reads a list that ignores after exactly once in stop mode", async () => {
    let calls = 0;
    const pages = await collect(
      paginateByVersion({
        fetchPage: async () => {
          calls += 1;
          return { data: rows.slice(0, 2), version: { min: 10, max: 20 } };
        },
        parseRecord: (raw) => parseRecord(itemSchema, raw),
        onStall: "stop",
      }),
    );
    expect(pages.flatMap((page) => page.records)).toHaveLength(2);
    expect(calls).toBe(2);
  });

  it("rejects a response without a data array", async () => {
    const pages = paginateByVersion({
      fetchPage: async () => ({ error: "nope" }),
      parseRecord: (raw) => parseRecord(itemSchema, raw),
      onStall: "throw",
    });
    await expect(collect(pages)).rejects.toThrow("no data array");
  });

  it("stops when cancelled between pages", async () => {
    const controller = new AbortController();
    const pages = paginateByVersion({
      fetchPage: fakeEndpoint(rows, 2).fetchPage,
      parseRecord: (raw) => parseRecord(itemSchema, raw),
      onStall: "throw",
      signal: controller.signal,
    });
    const seen: string[] = [];
    const run = (async () => {
      for await (const page of pages) {
        seen.push(...page.records.map((record) => record.data.id));
        controller.abort();
      }
    })();
    await expect(run).rejects.toThrow();
    expect(seen).toEqual(["i0", "i1"]);
  });
});
