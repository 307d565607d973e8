// A card whose body is one query's data: its title and header controls, then the data or its
// loading, error or empty state.
import type { ReactNode } from "react";
import { QueryView, type QueryViewProps } from "./status-views";
import { Section } from "./ui";

export function QuerySection<T>({
  title,
  testId,
  actions,
  wide = false,
  intro,
  ...view
}: QueryViewProps<T> & {
  title: ReactNode;
  testId: string;
  actions?: ReactNode;
  wide?: boolean;
  /** Above the data, shown in every state. */
  intro?: ReactNode;
}) {
  return (
    <Section title={title} testId={testId} actions={actions} wide={wide}>
      {intro}
      <QueryView {...view} />
    </Section>
  );
}
