// One ZoneOffsets per zone for the process: its offset caches then serve every call.
import { ZoneOffsets } from "../csv/zone-offsets";

const zones = new Map<string, ZoneOffsets>();

/** The zone's offsets (Intl-backed, memoised); BAD_INPUT for a name that is not an IANA zone. */
export function storeZone(timeZone: string): ZoneOffsets {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = new ZoneOffsets(timeZone);
    zones.set(timeZone, zone);
  }
  return zone;
}
