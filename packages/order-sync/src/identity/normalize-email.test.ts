import { describe, expect, it } from "vitest";
import { looseEmailKey, normalizeEmail } from "./normalize-email";

describe("normalizeEmail", () => {
  it.each([
    ["jane.doe@example.com", "jane.doe@example.com"],
    ["  jane.doe@example.com\t\n", "jane.doe@example.com"],
    ["Jane.Doe@Example.COM", "jane.doe@example.com"],
    ["mailto:jane@example.com", "jane@example.com"],
    ["MAILTO:Jane@Example.com", "jane@example.com"],
    ["mailto:jane@example.com?subject=Order%201001", "jane@example.com"],
    ["<jane@example.com>", "jane@example.com"],
    ["< jane@example.com >", "jane@example.com"],
    ["<mailto:jane@example.com>", "jane@example.com"],
    ["mailto:<jane@example.com>", "jane@example.com"],
    ["Jane Doe <jane@example.com>", "jane@example.com"],
    ["jane@example.com.", "jane@example.com"],
    ["\u00A0jane@example.com\u00A0", "jane@example.com"],
    ["\uFEFFjane@example.com\u200B", "jane@example.com"],
    ["ja\u200Bne@example.com", "jane@example.com"],
    ["ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", "jane@example.com"],
    ["José@Example.com", "josé@example.com"],
    ["Jose\u0301@example.com", "josé@example.com"],
    ["jane+shop@example.com", "jane+shop@example.com"],
    ["o'brien@example.co.uk", "o'brien@example.co.uk"],
  ])("does normalize %j to %j", (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });

  it.each([
    [null],
    [undefined],
    [""],
    ["   "],
    ["null"],
    ["NULL"],
    ["n/a"],
    ["none"],
    ["-"],
    ["0"],
    ["-1"],
    ["undefined"],
    ["unknown"],
    ["jane"],
    ["jane@"],
    ["@example.com"],
    ["jane@example"],
    ["jane@example.c"],
    ["jane@@example.com"],
    ["jane@doe@example.com"],
    ["jane doe@example.com"],
    ["jane@exa mple.com"],
    ["jane@example..com"],
    ["jane@.example.com"],
    ["jane@example.com, john@example.com"],
    ["jane@example.com;john@example.com"],
    ['"jane"@example.com'],
    ["mailto:"],
    ["mailto:mailto:jane@example.com"],
    ["<>"],
  ])("does return null for %j", (raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });
});

describe("looseEmailKey", () => {
  it.each([
    // Gmail: dots and +tags are ignored, googlemail.com is the same mailbox.
    ["jane.doe@gmail.com", "janedoe@gmail.com"],
    ["j.a.n.e.doe+orders@gmail.com", "janedoe@gmail.com"],
    ["janedoe+a+b@gmail.com", "janedoe@gmail.com"],
    ["jane.doe@googlemail.com", "janedoe@gmail.com"],
    ["jane-doe@gmail.com", "jane-doe@gmail.com"],
    // Microsoft and Apple: +tags only, dots matter.
    ["jane.doe+shop@outlook.com", "jane.doe@outlook.com"],
    ["jane.doe+shop@hotmail.co.uk", "jane.doe@hotmail.co.uk"],
    ["jane+shop@live.com", "jane@live.com"],
    ["jane+shop@msn.com", "jane@msn.com"],
    ["jane.doe+shop@icloud.com", "jane.doe@icloud.com"],
    ["jane+shop@me.com", "jane@me.com"],
    ["jane+shop@mac.com", "jane@mac.com"],
    // Yahoo: -keyword disposable addresses; + is not a tag there.
    ["jane.doe-shop@yahoo.com", "jane.doe@yahoo.com"],
    ["jane-shop-2026@ymail.com", "jane@ymail.com"],
    ["jane-shop@rocketmail.com", "jane@rocketmail.com"],
    ["jane+shop@yahoo.com", "jane+shop@yahoo.com"],
    // Anything else: +tag only.
    ["jane.doe+shop@example.com", "jane.doe@example.com"],
    ["jane-doe@example.com", "jane-doe@example.com"],
    ["jane.doe@example.com", "jane.doe@example.com"],
    // A local part that is only a tag is kept rather than emptied.
    ["+shop@example.com", "+shop@example.com"],
    ["+shop@gmail.com", "+shop@gmail.com"],
    ["-shop@yahoo.com", "-shop@yahoo.com"],
    ["not-an-email", "not-an-email"],
  ])("does map %j to %j", (email, expected) => {
    expect(looseEmailKey(email)).toBe(expected);
  });

  it("does make different spellings of one Gmail mailbox meet", () => {
    const spellings = ["Jane.Doe@gmail.com", "janedoe+web@googlemail.com", " JANEDOE@GMAIL.COM "];
    const keys = spellings.map((raw) => looseEmailKey(normalizeEmail(raw) ?? ""));
    expect(new Set(keys)).toEqual(new Set(["janedoe@gmail.com"]));
  });
});
