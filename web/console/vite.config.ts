// Development only (`npm run dev`): Vite serves src/ with live reload and hands /api (WebSocket streams
// included), /metrics and /healthz to a running daemon, TRDPSIM_URL (default http://127.0.0.1:9465).
// The shipped console is built by build.mjs (esbuild), not by Vite.
import { defineConfig } from "vite";

const daemon = process.env.TRDPSIM_URL ?? "http://127.0.0.1:9465";

export default defineConfig({
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/api": { target: daemon, ws: true, changeOrigin: true },
      "/metrics": daemon,
      "/healthz": daemon,
      "/openapi": daemon,
    },
  },
  test: { environment: "node", include: ["test/**/*.test.ts"] },
} as never);
