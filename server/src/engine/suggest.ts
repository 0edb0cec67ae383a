/** "Did you mean" for misspelt keys, rule ids and settings. */

/** Optimal string alignment distance: edits, with a swap of two neighbours counting as one. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[rows - 1][cols - 1];
}

/** Case, `-`, `.` and spaces do not count when a name is compared with the one it may mean: `Depends-On` is `depends_on`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-.\s]/g, "_");
}

/** How far a misspelling may be from the name it means: one edit for short names, up to three for long ones. */
export function maxSuggestionDistance(length: number): number {
  if (length <= 4) return 1;
  if (length <= 9) return 2;
  return 3;
}
