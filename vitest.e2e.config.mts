import { defineConfig } from "vitest/config";

// `npm run test:e2e`: the packaged extension in a real VS Code (code-server) driven by chromium.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    reporters: ["verbose"],
  },
});
