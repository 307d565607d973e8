// What `pnpm cli --help`, `pnpm cli <cmd> --help` and `pnpm cli <cmd> <sub> --help` print, wrapped
// to the terminal: each usage on its own line(s), its description below with a hanging indent.
import type { CliSubcommand, CommandHelp } from "./command";
import { wrapText } from "./wrap-text";

/** Narrower than this, a hanging indent leaves no room for words: wrap as if this wide. */
const MIN_WIDTH = 40;
/** Where descriptions start under their usage. */
const DESCRIPTION_INDENT = 6;

export function helpWidth(columns: number | undefined): number {
  return Math.max(MIN_WIDTH, columns && columns > 0 ? columns : 80);
}

/** Every command: its usage (or its subcommands' names) and description. */
export function formatCommandList(commands: readonly CommandHelp[], columns?: number): string {
  const width = helpWidth(columns);
  return [
    "Usage: pnpm cli <command> [options]",
    "",
    "Commands:",
    ...commands.flatMap((command) =>
      entry(
        shortUsage(command),
        command.subcommands?.length
          ? `${command.description} \`pnpm cli ${command.name} --help\` describes each.`
          : command.description,
        width,
      ),
    ),
    "",
    ...paragraph(
      "Every command accepts --json (its last line of stdout is then one JSON object) and --help.",
      width,
    ),
  ].join("\n");
}

/**
 * One command's help: with a subcommand it has, just that one's usage and description; else the
 * command's usage, description and (if it has any) its subcommands.
 */
export function formatCommandHelp(
  command: CommandHelp,
  positionals: readonly string[],
  columns?: number,
): string {
  const width = helpWidth(columns);
  const subcommands = command.subcommands ?? [];
  const chosen = subcommands.find((sub) => sub.name === positionals[0]);
  if (chosen) return usageAndDescription(chosen, width);
  if (subcommands.length === 0) return usageAndDescription(command, width);
  return [
    ...wrapText(`Usage: pnpm cli ${shortUsage(command)}`, {
      width,
      hangingIndent: DESCRIPTION_INDENT,
      keepGroups: true,
    }),
    "",
    ...paragraph(command.description, width),
    "",
    "Subcommands:",
    ...subcommands.flatMap((sub) => entry(sub.usage, sub.description, width)),
    "",
    ...paragraph(`\`pnpm cli ${command.name} <subcommand> --help\` shows one of them.`, width),
  ].join("\n");
}

function usageAndDescription(item: Pick<CliSubcommand, "usage" | "description">, width: number) {
  return [
    ...wrapText(`Usage: pnpm cli ${item.usage}`, {
      width,
      hangingIndent: DESCRIPTION_INDENT,
      keepGroups: true,
    }),
    "",
    ...paragraph(item.description, width),
  ].join("\n");
}

/** A command with subcommands is listed by their names: its full usage is all of theirs. */
function shortUsage(command: CommandHelp): string {
  const subcommands = command.subcommands ?? [];
  if (subcommands.length === 0) return command.usage;
  return `${command.name} ${subcommands.map((sub) => sub.name).join("|")} [options] [--json]`;
}

function entry(usage: string, description: string, width: number) {
  return [
    ...wrapText(usage, { width, indent: 2, hangingIndent: DESCRIPTION_INDENT, keepGroups: true }),
    ...wrapText(description, { width, indent: DESCRIPTION_INDENT }),
  ];
}

function paragraph(text: string, width: number): string[] {
  return wrapText(text, { width });
}
