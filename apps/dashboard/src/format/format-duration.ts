// Sync delays and ages in seconds, as people say them: "45 s", "12 min", "3 h 20 min", "4 d 6 h".

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "—";
  const sign = seconds < 0 ? "−" : "";
  const total = Math.round(Math.abs(seconds));
  if (total < 60) return `${sign}${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${sign}${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest ? `${sign}${hours} h ${rest} min` : `${sign}${hours} h`;
  }
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  return restHours ? `${sign}${days} d ${restHours} h` : `${sign}${days} d`;
}
