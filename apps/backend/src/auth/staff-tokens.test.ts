import { describe, expect, it } from "vitest";
import { matchStaffToken, parseStaffTokens } from "./staff-tokens";

const long = (seed: string) => seed.repeat(24).slice(0, 32);

describe("parseStaffTokens", () => {
  it("reads name:role:token entries, a token may contain ':'", () => {
    const parsed = parseStaffTokens(`dash:viewer:${long("a")}, ops:operator:${long("b")}:x`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.tokens.map(({ name, role }) => ({ name, role }))).toEqual([
      { name: "dash", role: "viewer" },
      { name: "ops", role: "operator" },
    ]);
    expect(matchStaffToken(parsed.tokens, `${long("b")}:x`)?.name).toBe("ops");
  });

  it("is empty when unset", () => {
    expect(parseStaffTokens(undefined)).toEqual({ ok: true, tokens: [] });
    expect(parseStaffTokens(" , ")).toEqual({ ok: true, tokens: [] });
  });

  it.each([
    ["dash:viewer", "entry 1 (dash) must be name:role:token"],
    [`dash:admin:${long("a")}`, 'entry 1 (dash) has role "admin"; roles are viewer, operator'],
    ["dash:viewer:short", "entry 1 (dash) has a token shorter than 24 characters"],
    [`a:viewer:${long("a")},a:operator:${long("b")}`, 'entry 2 (a) repeats the name "a"'],
  ])("refuses %s, naming the entry but never the token", (text, message) => {
    const parsed = parseStaffTokens(text);
    expect(parsed).toEqual({ ok: false, message });
  });
});

describe("matchStaffToken", () => {
  it("finds only the exact token", () => {
    const parsed = parseStaffTokens(`dash:viewer:${long("a")}`);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(matchStaffToken(parsed.tokens, long("a"))?.role).toBe("viewer");
    expect(matchStaffToken(parsed.tokens, `${long("a")} `)).toBeUndefined();
    expect(matchStaffToken(parsed.tokens, long("a").slice(1))).toBeUndefined();
    expect(matchStaffToken([], long("a"))).toBeUndefined();
  });
});
