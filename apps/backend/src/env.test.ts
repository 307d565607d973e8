import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEnv, repoRoot } from "./env";

describe("loadEnv", () => {
  it("defaults to the embedded database in the repository's .data folder", () => {
    const env = loadEnv({});
    expect(env.databaseUrl).toBeUndefined();
    expect(env.pgliteDir).toBe(path.join(repoRoot, ".data", "pglite"));
    expect(env.port).toBe(3000);
    expect(env.host).toBe("127.0.0.1");
  });

  it("resolves a relative PGLITE_DIR against the directory the command was run from", () => {
    const env = loadEnv({ PGLITE_DIR: "store-data", INIT_CWD: "/srv/shop" });
    expect(env.pgliteDir).toBe("/srv/shop/store-data");
    expect(loadEnv({ PGLITE_DIR: "memory://" }).pgliteDir).toBe("memory://");
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(loadEnv({ DATABASE_URL: "  " }).databaseUrl).toBeUndefined();
    expect(loadEnv({ DATABASE_URL: "postgresql://a@b/c" }).databaseUrl).toBe("postgresql://a@b/c");
  });

  it("names every invalid variable and its value", () => {
    expect(() => loadEnv({ PORT: "80a", LOG_LEVEL: "loud" })).toThrow(
      /^Invalid configuration: PORT="80a" must be a port number .*; LOG_LEVEL="loud" Invalid option/,
    );
    expect(() => loadEnv({ PORT: "70000" })).toThrow('PORT="70000" must be 0-65535');
  });
});
