// `facet status --check` and `facet repair`: they run in this process, not in an engine host,
// because the engine refuses to open a damaged library (it would half-read it).
import { join } from 'node:path';
import { checkLibraryFile } from '../engine/library/integrity';
import { LIBRARY_FILE } from '../engine/library/library';
import { repairLibrary } from '../engine/library/repair';
import { EXIT } from './exit-codes';
import { terminalText } from './terminal-text';

export function runStatusCheck(libraryDir: string, json: boolean): number {
  const report = checkLibraryFile(join(libraryDir, LIBRARY_FILE));
  if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else if (report.ok) process.stdout.write(`The library ${report.file} is whole.\n`);
  else
    process.stdout.write(
      terminalText(
        [
          `The library ${report.file} is damaged:`,
          ...report.problems.map((problem) => `  ${problem}`),
          `Run "facet repair --library ${libraryDir}" to keep a copy of it and save what can be read.`,
        ].join('\n'),
      ) + '\n',
    );
  return report.ok ? EXIT.ok : EXIT.library;
}

export function runRepair(libraryDir: string, json: boolean): number {
  const report = repairLibrary(libraryDir);
  if (json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return EXIT.ok;
  }
  const lines = [
    `Repaired ${report.file}; the damaged file is kept as ${report.damagedCopy}.`,
    `Saved: ${report.saved.map(({ table, rows }) => `${table} ${rows.toLocaleString('en')}`).join(', ')}.`,
    `${report.decisions.toLocaleString('en')} tag decisions kept.`,
    ...(report.damagedTables.length > 0
      ? [`Rows may be missing from: ${report.damagedTables.join(', ')}.`]
      : []),
    ...(report.toEmbed > 0
      ? [
          `${report.toEmbed.toLocaleString('en')} photos need their embedding again: run "facet index" on their folders (the app does it by itself).`,
        ]
      : []),
  ];
  process.stdout.write(`${terminalText(lines.join('\n'))}\n`);
  return EXIT.ok;
}
