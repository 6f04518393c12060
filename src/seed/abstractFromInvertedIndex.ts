/**
 * Rebuilds plain text from OpenAlex `abstract_inverted_index` ({word: [positions]}): each word is placed at
 * its positions and the words are joined by single spaces. `null` for a missing or empty index.
 */
export function abstractFromInvertedIndex(index: unknown): string | null {
  if (index === null || typeof index !== 'object' || Array.isArray(index)) return null;
  const words: string[] = [];
  for (const [word, positions] of Object.entries(index as Record<string, unknown>)) {
    if (!Array.isArray(positions)) continue;
    for (const position of positions) {
      if (Number.isInteger(position) && position >= 0 && position < 100_000) words[position] = word;
    }
  }
  const text = words.filter((w) => w !== undefined).join(' ');
  return text.length > 0 ? text : null;
}
