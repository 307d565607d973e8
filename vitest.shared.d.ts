import { type ViteUserConfig } from "vitest/config";
type TestOptions = NonNullable<ViteUserConfig["test"]>;
export declare function defineTestConfig(packageDir: string, test?: TestOptions): ViteUserConfig;
export {};
