// Word wrapping for the terminal: help and tables fit the window instead of wrapping mid-word.

export interface WrapOptions {
  /** The longest line allowed, indent included. */
  width: number;
  /** Spaces before the first line. */
  indent?: number;
  /** Spaces before the following lines (a hanging indent); defaults to `indent`. */
  hangingIndent?: number;
  /**
   * Keep bracketed groups (`[--mapping <json file or JSON>]`) on one line when they fit: a usage
   * line broken inside an option reads as two options.
   */
  keepGroups?: boolean;
}

/** `text` as lines of at most `width` characters, broken between words. */
export function wrapText(text: string, options: WrapOptions): string[] {
  const first = " ".repeat(options.indent ?? 0);
  const rest = " ".repeat(options.hangingIndent ?? options.indent ?? 0);
  const words = splitWords(text, options.keepGroups === true);
  const lines: string[] = [];
  let line = "";
  const prefix = () => (lines.length === 0 ? first : rest);
  const room = () => options.width - prefix().length;
  for (const word of words.flatMap((w) => fitWord(w, options.width - rest.length))) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= room()) line += ` ${word}`;
    else {
      lines.push(prefix() + line);
      line = word;
    }
    // A group too long for a line of its own is broken between its words instead.
    while (line.length > room() && line.includes(" ")) {
      const [head = "", ...tail] = wrapText(line, { width: room() });
      lines.push(prefix() + head);
      line = tail.join(" ");
    }
  }
  if (line !== "" || lines.length === 0) lines.push(prefix() + line);
  return lines.map((l) => l.trimEnd());
}

/**
 * Words, with a `code span` kept whole (a command broken across lines is hard to copy), and with
 * `groups` the `[…]`, `<…>` and `(…)` groups too.
 */
function splitWords(text: string, groups: boolean): string[] {
  const words: string[] = [];
  let depth = 0;
  let inCode = false;
  let word = "";
  for (const char of text) {
    if (char === "`") inCode = !inCode;
    else if (groups && "[<(".includes(char)) depth += 1;
    else if (groups && "]>)".includes(char)) depth = Math.max(0, depth - 1);
    const space = /\s/.test(char);
    if (space && depth === 0 && !inCode) {
      if (word !== "") words.push(word);
      word = "";
    } else word += space ? " " : char;
  }
  if (word !== "") words.push(word);
  return words;
}

/**
 * A single word longer than a whole line (a URL in a narrow window) is the one thing cut: after a
 * `|`, `/` or `,` when it has one, else at the width.
 */
function fitWord(word: string, width: number): string[] {
  if (word.includes(" ") || word.length <= width || width < 1) return [word];
  const pieces: string[] = [];
  let restOfWord = word;
  while (restOfWord.length > width) {
    const head = restOfWord.slice(0, width);
    const cut = Math.max(head.lastIndexOf("|"), head.lastIndexOf("/"), head.lastIndexOf(","));
    const at = cut > 0 ? cut + 1 : width;
    pieces.push(restOfWord.slice(0, at));
    restOfWord = restOfWord.slice(at);
  }
  if (restOfWord !== "") pieces.push(restOfWord);
  return pieces;
}
