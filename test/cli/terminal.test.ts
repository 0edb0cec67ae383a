import { describe, expect, it } from "vitest";
import { markdownToTerminal } from "../../server/src/cli/terminal.js";

describe("markdownToTerminal", () => {
  const markdown = "**Why:** the `web` service [binds](https://docs.docker.com/) port 80.\n\n```text\nfailed to bind host port for 0.0.0.0:80 - address **already** in use\n```\n**Fix:** `ports: [\"172.17.0.1:8000:8000\"]`";

  it("without colour: plain text (no bold marks, no backticks), a fenced block indented without its fences, links with their address", () => {
    expect(markdownToTerminal(markdown, false)).toBe(
      "Why: the web service binds (https://docs.docker.com/) port 80.\n\n    failed to bind host port for 0.0.0.0:80 - address **already** in use\nFix: ports: [\"172.17.0.1:8000:8000\"]",
    );
  });

  it("a code span of two backticks holds a backtick", () => {
    expect(markdownToTerminal("run `` echo `date` `` now", false)).toBe("run echo `date` now");
    expect(markdownToTerminal("run `` echo `date` `` now", true)).toBe("run \u001b[36mecho `date`\u001b[39m now");
  });

  it("in colour: bold and cyan, and a block's text left as it is", () => {
    expect(markdownToTerminal(markdown, true)).toBe(
      "\u001b[1mWhy:\u001b[22m the \u001b[36mweb\u001b[39m service binds (https://docs.docker.com/) port 80.\n\n    failed to bind host port for 0.0.0.0:80 - address **already** in use\n\u001b[1mFix:\u001b[22m \u001b[36mports: [\"172.17.0.1:8000:8000\"]\u001b[39m",
    );
  });

  it("a fence of four backticks holds a line of three", () => {
    expect(markdownToTerminal("````text\n```\n````\nafter", false)).toBe("    ```\nafter");
  });
});
