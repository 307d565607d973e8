/** Whether a log line is a JSON object (what a terminal's pretty lines must never be). */
export function parsesAsJsonObject(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null;
  } catch {
    return false;
  }
}
