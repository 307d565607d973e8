// The dashboard builds to dist/ (the backend serves it at /); `vite dev` proxies the API to a
// backend on :3000, so every call stays same-origin.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  base: "/",
  build: { outDir: "dist", sourcemap: true },
  server: {
    proxy: { "/api": { target: "http://127.0.0.1:3000", changeOrigin: false } },
  },
});
