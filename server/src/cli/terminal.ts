/**
 * The explanations' markdown as a terminal shows it (`--explain` in text):
 * plain text, what the editor renders without its marks. `**bold**` is
 * terminal bold (plain text without colour), `` `code` `` is cyan (plain
 * text without colour: no backticks), a fenced block is indented without its
 * fences, a link is its text and its address.
 */
const BOLD = ["\u001b[1m", "\u001b[22m"];
const CYAN = ["\u001b[36m", "\u001b[39m"];

function inline(text: string, color: boolean): string {
  return text
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, "$1 ($2)")
    .replace(/\*\*(.+?)\*\*/g, (_, bold: string) => (color ? `${BOLD[0]}${bold}${BOLD[1]}` : bold))
    // ``code with a ` in it`` first, then `code`.
    .replace(/``\s?(.+?)\s?``|`([^`\n]+)`/g, (_, doubled: string | undefined, code: string | undefined) => {
      const shown = doubled ?? code!;
      return color ? `${CYAN[0]}${shown}${CYAN[1]}` : shown;
    });
}

export function markdownToTerminal(markdown: string, color: boolean): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split("\n")) {
    const marks = /^(`{3,}|~{3,})/.exec(line.trim())?.[1];
    if (fence === undefined && marks) {
      fence = marks;
      continue;
    }
    if (fence !== undefined) {
      if (line.trim() === fence) fence = undefined;
      // A block's text as it is: a log line, a command.
      else out.push(`    ${line}`);
      continue;
    }
    out.push(inline(line, color));
  }
  return out.join("\n");
}
