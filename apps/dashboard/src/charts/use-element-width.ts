// The width of an element's content box, kept current as the window or the layout changes: what
// a chart draws at, so it is never scaled down (with its text) to fit a phone.
import { type RefObject, useLayoutEffect, useRef, useState } from "react";

export function useElementWidth<T extends Element>(): [RefObject<T | null>, number | undefined] {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState<number | undefined>(undefined);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    // Whole pixels: sub-pixel changes would redraw the chart for nothing.
    const update = (next: number) => {
      const rounded = Math.floor(next);
      if (rounded > 0) setWidth((current) => (current === rounded ? current : rounded));
    };
    // Measured before the first paint, so the chart never shows at the wrong width.
    update(element.getBoundingClientRect().width);
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0];
      if (entry) update(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
