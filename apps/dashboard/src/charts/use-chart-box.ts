// The box a chart draws in: its measured width (the fallback until measured) and a text
// measurer in its font, which the layout needs to fit the axis labels.
import { useLayoutEffect, useMemo, useState } from "react";
import { CHART_WIDTH } from "./chart-layout";
import { textMeasurer } from "./measure-text";
import { useElementWidth } from "./use-element-width";

export function useChartBox() {
  const [ref, measuredWidth] = useElementWidth<HTMLDivElement>();
  const [fontFamily, setFontFamily] = useState<string | undefined>(undefined);
  useLayoutEffect(() => {
    if (ref.current) setFontFamily(getComputedStyle(ref.current).fontFamily);
  }, [ref]);
  const measure = useMemo(() => textMeasurer(fontFamily), [fontFamily]);
  return { ref, width: measuredWidth ?? CHART_WIDTH, measure };
}
