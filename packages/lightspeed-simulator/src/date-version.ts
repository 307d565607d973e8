// Which date version answers a `/api/{YYYY-MM}/...` request. Lightspeed: "a request to an
// end-of-life version will automatically be served by the oldest currently supported version"
// (reference §1). Nothing is documented for a version not yet released or a month that never was
// one, so those are not served (404), never guessed at.

/** `YYYY-MM`, as the route pattern already ensures; checked again for options given in code. */
export const dateVersionPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The supported version that serves `requested`, or null when none does. */
export function resolveDateVersion(requested: string, supported: readonly string[]): string | null {
  if (!dateVersionPattern.test(requested)) return null;
  if (supported.includes(requested)) return requested;
  const oldest = supported[0];
  // YYYY-MM compares correctly as text.
  return oldest !== undefined && requested < oldest ? oldest : null;
}

/** Checks the configured list: valid versions, oldest first, no repeats. */
export function checkDateVersions(versions: readonly string[]): string[] {
  for (const [index, version] of versions.entries()) {
    if (!dateVersionPattern.test(version)) {
      throw new RangeError(`date version ${version} is not YYYY-MM`);
    }
    const previous = versions[index - 1];
    if (previous !== undefined && previous >= version) {
      throw new RangeError("dateVersions must be in ascending order without repeats");
    }
  }
  return [...versions];
}
