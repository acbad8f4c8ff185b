// `npm run --silent match -- --cases <cases.jsonl> --batch <batch.csv>`: candidates for every row of a batch list
// among the sought persons in a JSON Lines file, one JSON line per row in file order (issue 9). The same
// matcher (schema/matching.ts) and list reader (src/lib/list-csv.ts) as the app. Exit 2 on a malformed file.
import { readFileSync } from 'node:fs';
import { type MatchCase, Matcher, matchCaseSchema } from '../schema/matching.ts';
import { decodeListBytes, describeListError, readList } from '../src/lib/list-csv.ts';

const USAGE = 'usage: npm run --silent match -- --cases <cases.jsonl> --batch <batch.csv> [--limit 5]';

class InputError extends Error {}

function argument(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  if (index >= 0) return args[index + 1];
  return args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new InputError(`${file}: cannot read (${error instanceof Error ? error.message : String(error)})`);
  }
}

function readCases(file: string): MatchCase[] {
  const { text } = decodeListBytes(readBytes(file), 'utf-8');
  const cases: MatchCase[] = [];
  const ids = new Set<string>();
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const lineText = raw.trim();
    if (lineText === '') return;
    const where = `${file}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch (error) {
      throw new InputError(`${where}: not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const parsed = matchCaseSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(`${where}: ${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'not a case'}`);
    }
    if (ids.has(parsed.data.id)) throw new InputError(`${where}: id "${parsed.data.id}" appears twice`);
    ids.add(parsed.data.id);
    cases.push(parsed.data);
  });
  return cases;
}

function main(args: readonly string[]): number {
  const casesFile = argument(args, 'cases');
  const batchFile = argument(args, 'batch');
  const limit = Number(argument(args, 'limit') ?? 5);
  if (!casesFile || !batchFile || !Number.isInteger(limit) || limit < 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    const { text } = decodeListBytes(readBytes(batchFile));
    const list = readList(text);
    if (list.errors.length > 0) {
      const shown = list.errors.slice(0, 20).map((error) => `${batchFile}:${error.line}: ${describeListError(error)}`);
      if (list.errors.length > shown.length) shown.push(`… and ${list.errors.length - shown.length} more broken rows`);
      throw new InputError(shown.join('\n'));
    }
    const matcher = new Matcher(readCases(casesFile));
    const out: string[] = [];
    for (const row of list.rows) {
      const candidates = matcher
        .candidates(row, limit)
        .map(({ caseId, score, band }) => ({ caseId, score, band }));
      out.push(JSON.stringify({ row: row.row, candidates }));
    }
    process.stdout.write(out.length > 0 ? `${out.join('\n')}\n` : '');
    return 0;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
